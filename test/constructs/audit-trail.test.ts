import { defaultTemplate } from '../helpers/assembly';

describe('AuditTrail (default baseline)', () => {
  const template = defaultTemplate('LogArchive');

  test('multi-region trail with global events, log file validation, KMS encryption and CloudWatch delivery', () => {
    const trails = Object.values(template.findResources('AWS::CloudTrail::Trail'));
    expect(trails).toHaveLength(1);
    expect((trails[0] as any).Properties).toMatchObject({
      TrailName: 'hipaa-audit-trail',
      IsLogging: true,
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      EnableLogFileValidation: true,
      KMSKeyId: { 'Fn::GetAtt': [expect.stringMatching(/^LogsKey/), 'Arn'] },
      S3BucketName: { Ref: expect.stringMatching(/^ArchiveAuditLogs/) },
      CloudWatchLogsLogGroupArn: { 'Fn::GetAtt': [expect.stringMatching(/^TrailLogGroup/), 'Arn'] },
      AdvancedEventSelectors: expect.arrayContaining([
        { Name: 'Management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
      ]),
    });
  });

  test('the log group is KMS-encrypted, keeps a year, and is retained', () => {
    const groups = Object.values(template.findResources('AWS::Logs::LogGroup')) as any[];
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({
      DeletionPolicy: 'Retain',
      Properties: { RetentionInDays: 365, KmsKeyId: { 'Fn::GetAtt': [expect.stringMatching(/^LogsKey/), 'Arn'] } },
    });
  });

  test('the delivery role trusts only this trail and uses a managed (not inline) policy', () => {
    const roles = template.findResources('AWS::IAM::Role', {
      Properties: { AssumeRolePolicyDocument: { Statement: [{ Principal: { Service: 'cloudtrail.amazonaws.com' } }] } },
    });
    const role = Object.values(roles)[0] as any;
    expect(role.Properties.AssumeRolePolicyDocument.Statement[0].Condition.StringEquals['aws:SourceArn']).toBeDefined();
    expect(Object.keys(template.findResources('AWS::IAM::Policy'))).toEqual([]);
  });
});
