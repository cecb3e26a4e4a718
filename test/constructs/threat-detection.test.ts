import { defaultTemplateJson } from '../helpers/assembly';
import { flat, resources } from '../helpers/template-query';

describe('ThreatDetection (default baseline)', () => {
  const template = defaultTemplateJson('SecurityTooling');
  const [[, detector]] = resources(template, 'AWS::GuardDuty::Detector');

  test('GuardDuty: every protection plan enabled, findings every 15 minutes', () => {
    expect(detector.Properties.FindingPublishingFrequency).toBe('FIFTEEN_MINUTES');
    const features = Object.fromEntries(detector.Properties.Features.map((f: any) => [f.Name, f]));
    expect(Object.keys(features).sort()).toEqual(
      [
        'EBS_MALWARE_PROTECTION',
        'EKS_AUDIT_LOGS',
        'LAMBDA_NETWORK_LOGS',
        'RDS_LOGIN_EVENTS',
        'RUNTIME_MONITORING',
        'S3_DATA_EVENTS',
      ].sort(),
    );
    for (const feature of Object.values(features) as any[]) expect(feature.Status).toBe('ENABLED');
    expect(features.RUNTIME_MONITORING.AdditionalConfiguration.map((c: any) => [c.Name, c.Status])).toEqual([
      ['EKS_ADDON_MANAGEMENT', 'ENABLED'],
      ['ECS_FARGATE_AGENT_MANAGEMENT', 'ENABLED'],
      ['EC2_AGENT_MANAGEMENT', 'ENABLED'],
    ]);
  });

  test('GuardDuty findings are exported to the log archive bucket with the logs key', () => {
    const [[, destination]] = resources(template, 'AWS::GuardDuty::PublishingDestination');
    expect(destination.Properties.DestinationType).toBe('S3');
    expect(flat(destination.Properties.DestinationProperties.DestinationArn)).toMatch(/Findings/);
    expect(flat(destination.Properties.DestinationProperties.KmsKeyArn)).toMatch(/LogsKey/);
  });

  test('the log archive lets only this account’s detectors write findings', () => {
    const archive = defaultTemplateJson('LogArchive');
    const policy = resources(archive, 'AWS::S3::BucketPolicy')
      .map(([, p]) => p.Properties.PolicyDocument.Statement)
      .flat()
      .find((s: any) => s.Sid === 'AllowGuardDutyExport');
    expect(policy.Condition.StringEquals['aws:SourceAccount']).toEqual({ Ref: 'AWS::AccountId' });
    expect(flat(policy.Condition.ArnLike['aws:SourceArn'])).toMatch(
      /:guardduty:<AWS::Region>:<AWS::AccountId>:detector\/\*$/,
    );
  });

  test('Security Hub with consolidated control findings and both standards', () => {
    const [[, hub]] = resources(template, 'AWS::SecurityHub::Hub');
    expect(hub.Properties).toMatchObject({
      EnableDefaultStandards: false,
      ControlFindingGenerator: 'SECURITY_CONTROL',
    });
    const standards = resources(template, 'AWS::SecurityHub::Standard').map(([, s]) => flat(s.Properties.StandardsArn));
    expect(standards).toEqual([
      'arn:<AWS::Partition>:securityhub:<AWS::Region>::standards/aws-foundational-security-best-practices/v/1.0.0',
      'arn:<AWS::Partition>:securityhub:<AWS::Region>::standards/nist-800-53/v/5.0.0',
    ]);
  });

  test('Macie enabled and an account IAM Access Analyzer', () => {
    expect(resources(template, 'AWS::Macie::Session')[0][1].Properties).toEqual({
      Status: 'ENABLED',
      FindingPublishingFrequency: 'FIFTEEN_MINUTES',
    });
    expect(resources(template, 'AWS::AccessAnalyzer::Analyzer')[0][1].Properties.Type).toBe('ACCOUNT');
  });
});
