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

describe('endpoint policies admit what AWS publishes and workloads must read', () => {
  const network = defaultTemplateJson('Network');
  const endpoints = Object.values(network.Resources as Record<string, any>).filter(
    (r) => r.Type === 'AWS::EC2::VPCEndpoint',
  );
  const service = (r: any) => flat(r.Properties.ServiceName).split('.').slice(-2).join('.');
  const statement = (r: any, sid: string) => r.Properties.PolicyDocument.Statement.find((s: any) => s.Sid === sid);

  test.each([
    ['ecr.api', ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], ['*']],
    ['ecr.dkr', ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], ['*']],
    [
      'ssm',
      ['ssm:GetDocument', 'ssm:GetParameter'],
      [
        'arn:<AWS::Partition>:ssm:<AWS::Region>::document/*',
        'arn:<AWS::Partition>:ssm:<AWS::Region>::parameter/aws/service/*',
      ],
    ],
  ])('%s: read-only access to AWS-owned resources, for this account’s principals only', (name, actions, resources) => {
    const matching = endpoints.filter(
      (r) => r.Properties.ServiceName && flat(r.Properties.ServiceName).endsWith(`.${name}`),
    );
    expect(matching.length).toBe(3); // one per environment
    for (const endpoint of matching) {
      const read = statement(endpoint, 'AwsOwnedResourcesRead');
      expect(read.Effect).toBe('Allow');
      expect(read.Action).toEqual(expect.arrayContaining(actions));
      expect(
        read.Action.some((a: string) => /Put|Create|Delete|Upload|Send/.test(a) && a !== 'ecr:GetAuthorizationToken'),
      ).toBe(false);
      expect([read.Resource].flat().map(flat)).toEqual(resources);
      expect(read.Condition.StringEquals['aws:PrincipalAccount']).toEqual({ Ref: 'AWS::AccountId' });
      // The perimeter statement is still there for everything else.
      expect(statement(endpoint, 'OwnPrincipalsOwnResources').Condition.StringEqualsIfExists).toEqual({
        'aws:ResourceAccount': { Ref: 'AWS::AccountId' },
      });
    }
  });

  test('other endpoints admit nothing beyond the perimeter', () => {
    for (const endpoint of endpoints.filter(
      (r) => !/\.(ecr\.api|ecr\.dkr|ssm|s3)$/.test(flat(r.Properties.ServiceName)),
    )) {
      expect([service(endpoint), statement(endpoint, 'AwsOwnedResourcesRead')]).toEqual([service(endpoint), undefined]);
    }
  });
});
