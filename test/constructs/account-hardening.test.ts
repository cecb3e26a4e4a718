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
    // A key of its own, not the PHI data key: every volume of every environment uses the default key.
    expect(flat(settings.Properties.EbsEncryptionByDefault.KmsKeyArn)).toMatch(/EbsKey/);
    expect(settings.DeletionPolicy ?? 'Delete').toBe('Delete');
  });

  test('the settings wait for Macie to be enabled', () => {
    expect(JSON.stringify(settings.DependsOn)).toMatch(/DetectionMacie/);
  });

  test('the EBS key lets EBS use it through EC2 only, for this account, and GuardDuty scan its volumes', () => {
    const workload = defaultTemplateJson('WorkloadData');
    const [, key] = byPath(workload, 'EbsKey/Key/Resource');
    const statement = key.Properties.KeyPolicy.Statement.find((s: any) => s.Sid === 'AllowEbsThroughEc2');
    expect(statement.Condition.StringEquals['kms:CallerAccount']).toEqual({ Ref: 'AWS::AccountId' });
    expect(flat(statement.Condition.StringEquals['kms:ViaService'])).toBe('ec2.<AWS::Region>.amazonaws.com');
    const scans = key.Properties.KeyPolicy.Statement.find((s: any) => s.Sid === 'AllowGuardDutyMalwareProtection');
    expect(flat(scans.Condition.ArnEquals['aws:PrincipalArn'])).toMatch(
      /AWSServiceRoleForAmazonGuardDutyMalwareProtection$/,
    );
    // The PHI data key is not open to EBS.
    const [, dataKey] = byPath(workload, 'DataKey/Key/Resource');
    expect(dataKey.Properties.KeyPolicy.Statement.map((s: any) => s.Sid)).not.toContain('AllowEbsThroughEc2');
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
