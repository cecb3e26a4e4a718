import { Match } from 'aws-cdk-lib/assertions';
import { defaultTemplate, defaultTemplateJson } from '../helpers/assembly';

function bucketWithRole(role: string): any {
  const resources = defaultTemplateJson('LogArchive').Resources;
  return Object.values(resources).find(
    (r: any) =>
      r.Type === 'AWS::S3::Bucket' &&
      r.Properties.Tags.some((t: any) => t.Key === 'hipaa-baseline:role' && t.Value === role),
  );
}

describe('AuditLogArchive (default baseline)', () => {
  const audit = bucketWithRole('audit-log');
  const access = bucketWithRole('access-log');

  test('audit-log bucket: SSE-KMS with the logs key and a bucket key', () => {
    expect(audit.Properties.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([
      {
        BucketKeyEnabled: true,
        ServerSideEncryptionByDefault: {
          SSEAlgorithm: 'aws:kms',
          KMSMasterKeyID: { 'Fn::GetAtt': [expect.stringMatching(/^LogsKey/), 'Arn'] },
        },
      },
    ]);
  });

  test('audit-log bucket: versioned, Object Lock COMPLIANCE for 6 years by default', () => {
    expect(audit.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(audit.Properties.ObjectLockEnabled).toBe(true);
    expect(audit.Properties.ObjectLockConfiguration).toEqual({
      ObjectLockEnabled: 'Enabled',
      Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Years: 6 } },
    });
  });

  test.each([
    ['audit-log', () => audit],
    ['access-log', () => access],
  ])('%s bucket: private, ACLs disabled, retained', (_role, bucket) => {
    expect(bucket().Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket().Properties.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    expect(bucket().DeletionPolicy).toBe('Retain');
    expect(bucket().UpdateReplacePolicy).toBe('Retain');
  });

  test('audit-log bucket: access logs go to the separate access-log bucket', () => {
    expect(audit.Properties.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: expect.stringMatching(/^ArchiveAccessLogs/) },
      LogFilePrefix: 'audit-logs/',
    });
  });

  test('audit-log bucket: lifecycle to colder storage', () => {
    expect(audit.Properties.LifecycleConfiguration.Rules[0].Transitions).toEqual([
      { StorageClass: 'GLACIER_IR', TransitionInDays: 90 },
      { StorageClass: 'DEEP_ARCHIVE', TransitionInDays: 365 },
    ]);
  });

  test('every bucket policy denies plain HTTP and TLS below 1.2', () => {
    const policies = defaultTemplate('LogArchive').findResources('AWS::S3::BucketPolicy');
    expect(Object.keys(policies)).toHaveLength(4); // audit logs, access logs, findings, Config history
    for (const policy of Object.values(policies)) {
      expect((policy as any).Properties.PolicyDocument.Statement).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          expect.objectContaining({ Effect: 'Deny', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
        ]),
      );
    }
  });

  test('acknowledged findings carry their reasons in template metadata', () => {
    expect(access.Metadata.cdk_nag.rules_to_suppress).toEqual(
      expect.arrayContaining([
        { id: 'HIPAA.Security-S3DefaultEncryptionKMS', reason: expect.stringMatching(/SSE-S3/) },
        { id: 'AwsSolutions-S1', reason: expect.any(String) },
      ]),
    );
    for (const ack of access.Metadata.cdk_nag.rules_to_suppress) expect(ack.reason.length).toBeGreaterThanOrEqual(20);
  });

  test('the CloudTrail write statement names the trail', () => {
    defaultTemplate('LogArchive').hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'AllowCloudTrailWrite',
            Condition: {
              StringEquals: { 'aws:SourceArn': Match.anyValue(), 's3:x-amz-acl': 'bucket-owner-full-control' },
            },
          }),
        ]),
      },
    });
  });
});
