import { defaultTemplateJson } from '../helpers/assembly';
import { byPath, flat, resources } from '../helpers/template-query';

describe('AccountHardening (default baseline)', () => {
  const template = defaultTemplateJson('SecurityTooling');
  const [, settings] = resources(template, 'Custom::AccountSettings')[0];

  test('one custom resource applies the settings that have no CloudFormation resource', () => {
    expect(resources(template, 'Custom::AccountSettings')).toHaveLength(1);
    expect(settings.Properties).toMatchObject({
      PasswordPolicy: {
        MinimumPasswordLength: 14,
        PasswordReusePrevention: 24,
        MaxPasswordAge: 90,
        RequireSymbols: true,
        RequireNumbers: true,
        RequireUppercaseCharacters: true,
        RequireLowercaseCharacters: true,
      },
      S3AccountPublicAccessBlock: true,
      Inspector: { ResourceTypes: ['EC2', 'ECR', 'LAMBDA', 'LAMBDA_CODE'] },
      MacieAutomatedDiscovery: true,
      MacieClassificationJob: {
        TagKey: 'DataClassification',
        TagValues: ['PHI', 'Deidentified'],
        ScheduleFrequency: 'DAILY',
      },
    });
    expect(flat(settings.Properties.EbsEncryptionByDefault.KmsKeyArn)).toMatch(/DataKey/);
    expect(settings.DeletionPolicy ?? 'Delete').toBe('Delete');
  });

  test('the settings wait for Macie to be enabled', () => {
    expect(JSON.stringify(settings.DependsOn)).toMatch(/DetectionMacie/);
  });

  test('the data key lets EBS use it through EC2 only, for this account', () => {
    const [, key] = byPath(defaultTemplateJson('WorkloadData'), 'DataKey/Key/Resource');
    const statement = key.Properties.KeyPolicy.Statement.find((s: any) => s.Sid === 'AllowEbsThroughEc2');
    expect(statement.Condition.StringEquals['kms:CallerAccount']).toEqual({ Ref: 'AWS::AccountId' });
    expect(flat(statement.Condition.StringEquals['kms:ViaService'])).toBe('ec2.<AWS::Region>.amazonaws.com');
  });

  test('Macie findings on the de-identified zone alert people', () => {
    const rule = resources(template, 'AWS::Events::Rule').find(([id]) => id.includes('DeidentifiedZoneSensitiveData'))!;
    expect(rule[1].Properties.EventPattern).toEqual({
      source: ['aws.macie'],
      'detail-type': ['Macie Finding'],
      detail: { resourcesAffected: { s3Bucket: { name: [{ prefix: 'hipaa-deidentified-' }] } } },
    });
  });
});
