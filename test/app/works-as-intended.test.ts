/**
 * Behaviours that deploy fine but would defeat their purpose, each pinned by a test: Macie can read the
 * PHI zones, every zone is backed up, keys are selected by the Config rules about them.
 */
import { defaultTemplateJson } from '../helpers/assembly';
import { byPath, flat } from '../helpers/template-query';

const MACIE_ROLE = /:role\/aws-service-role\/macie\.amazonaws\.com\/AWSServiceRoleForAmazonMacie$/;

describe('Macie can classify the SSE-KMS objects of the PHI zones, and only those', () => {
  const workload = defaultTemplateJson('WorkloadData');
  test.each([
    ['DataKey', 'hipaa-raw-phi-'],
    ['DeidentifiedKey', 'hipaa-deidentified-'],
  ])('%s lets Macie decrypt objects of its zone through S3', (key, bucketPrefix) => {
    const [, resource] = byPath(workload, `${key}/Key/Resource`);
    const statement = resource.Properties.KeyPolicy.Statement.find((s: any) => s.Sid === 'AllowMacieClassification');
    expect(statement).toBeDefined();
    expect(statement.Effect).toBe('Allow');
    expect(statement.Action).toBe('kms:Decrypt');
    expect(flat(statement.Condition.ArnEquals['aws:PrincipalArn'])).toMatch(MACIE_ROLE);
    expect(flat(statement.Condition.StringEquals['kms:ViaService'])).toBe('s3.<AWS::Region>.amazonaws.com');
    const contexts = statement.Condition.StringLike['kms:EncryptionContext:aws:s3:arn'].map(flat);
    expect(contexts).toEqual([
      `arn:<AWS::Partition>:s3:::${bucketPrefix}<AWS::AccountId>-<AWS::Region>`,
      `arn:<AWS::Partition>:s3:::${bucketPrefix}<AWS::AccountId>-<AWS::Region>/*`,
    ]);
  });

  test('no other key lets Macie in', () => {
    for (const stack of ['LogArchive', 'SecurityTooling', 'WorkloadData']) {
      const template = defaultTemplateJson(stack);
      const keys = Object.entries(template.Resources as Record<string, any>).filter(
        ([, r]) => r.Type === 'AWS::KMS::Key',
      );
      for (const [id, key] of keys) {
        const macie = key.Properties.KeyPolicy.Statement.some((s: any) => s.Sid === 'AllowMacieClassification');
        expect([id, macie]).toEqual([id, /^(DataKey|DeidentifiedKey)/.test(id)]);
      }
    }
  });
});
