import { defaultTemplateJson } from '../helpers/assembly';
import { byPath, flat, tagsOf } from '../helpers/template-query';

describe('PhiBucket (default baseline raw-phi zone)', () => {
  const template = defaultTemplateJson('WorkloadData');
  const [, raw] = byPath(template, 'Zones/RawPhi/Resource');

  test('SSE-KMS with the data key and an S3 bucket key', () => {
    expect(raw.Properties.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([
      {
        BucketKeyEnabled: true,
        ServerSideEncryptionByDefault: {
          SSEAlgorithm: 'aws:kms',
          KMSMasterKeyID: { 'Fn::GetAtt': [expect.stringMatching(/^DataKey/), 'Arn'] },
        },
      },
    ]);
  });

  test('versioned, private, ACLs disabled, access-logged, retained', () => {
    expect(raw.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(Object.values(raw.Properties.PublicAccessBlockConfiguration)).toEqual([true, true, true, true]);
    expect(raw.Properties.OwnershipControls.Rules).toEqual([{ ObjectOwnership: 'BucketOwnerEnforced' }]);
    expect(raw.Properties.LoggingConfiguration.DestinationBucketName).toEqual({
      Ref: expect.stringMatching(/^AccessLogs/),
    });
    // Named (other stacks address it): retained, except by the rollback of the operation that created it.
    expect([raw.DeletionPolicy, raw.UpdateReplacePolicy]).toEqual(['RetainExceptOnCreate', 'Retain']);
  });

  test('event notifications go to EventBridge natively (no custom resource)', () => {
    expect(raw.Properties.NotificationConfiguration).toEqual({
      EventBridgeConfiguration: { EventBridgeEnabled: true },
    });
    expect(Object.values(template.Resources).some((r: any) => r.Type === 'Custom::S3BucketNotifications')).toBe(false);
  });

  test('noncurrent versions move to colder storage and expire', () => {
    expect(raw.Properties.LifecycleConfiguration.Rules[0]).toMatchObject({
      NoncurrentVersionTransitions: [{ StorageClass: 'GLACIER_IR', TransitionInDays: 30 }],
      NoncurrentVersionExpiration: { NoncurrentDays: 365 },
    });
  });

  test('replicates to the DR-region bucket under the DR key', () => {
    const rule = raw.Properties.ReplicationConfiguration.Rules[0];
    expect(flat(rule.Destination.Bucket)).toBe('arn:<AWS::Partition>:s3:::hipaa-raw-phi-dr-<AWS::AccountId>-us-west-2');
    expect(flat(rule.Destination.EncryptionConfiguration.ReplicaKmsKeyID)).toBe(
      'arn:<AWS::Partition>:kms:us-west-2:<AWS::AccountId>:alias/hipaa/dr-raw-phi',
    );
    expect(rule.SourceSelectionCriteria).toEqual({ SseKmsEncryptedObjects: { Status: 'Enabled' } });
  });

  test('tagged PHI and selected for backup; its replication role is not tagged PHI', () => {
    expect(tagsOf(raw)).toMatchObject({ DataClassification: 'PHI', backup: 'true' });
    const [, role] = byPath(template, 'Zones/RawPhi/ReplicationRole/Resource');
    expect(tagsOf(role).DataClassification).toBeUndefined();
  });

  test('the bucket policy refuses plain HTTP and TLS below 1.2', () => {
    const [, policy] = byPath(template, 'Zones/RawPhi/Policy/Resource');
    const conditions = policy.Properties.PolicyDocument.Statement.filter((s: any) => s.Effect === 'Deny').map(
      (s: any) => s.Condition,
    );
    expect(conditions).toEqual(
      expect.arrayContaining([
        { Bool: { 'aws:SecureTransport': 'false' } },
        { NumericLessThan: { 's3:TlsVersion': 1.2 } },
      ]),
    );
  });

  test('the trail records object-level access to the PHI buckets and their replicas', () => {
    const trail = Object.values(defaultTemplateJson('LogArchive').Resources).find(
      (r: any) => r.Type === 'AWS::CloudTrail::Trail',
    ) as any;
    const phi = trail.Properties.AdvancedEventSelectors.find((s: any) => s.Name === 'PHI object access');
    const prefixes = phi.FieldSelectors.find((f: any) => f.Field === 'resources.ARN').StartsWith.map(flat);
    expect(prefixes).toEqual([
      'arn:<AWS::Partition>:s3:::hipaa-raw-phi-<AWS::AccountId>-<AWS::Region>/',
      'arn:<AWS::Partition>:s3:::hipaa-raw-phi-dr-<AWS::AccountId>-us-west-2/',
      'arn:<AWS::Partition>:s3:::hipaa-deidentified-<AWS::AccountId>-<AWS::Region>/',
      'arn:<AWS::Partition>:s3:::hipaa-deidentified-dr-<AWS::AccountId>-us-west-2/',
      // Model invocation logs hold prompts and answers: PHI.
      'arn:<AWS::Partition>:s3:::hipaa-bedrock-logs-<AWS::AccountId>-<AWS::Region>/',
    ]);
  });
});
