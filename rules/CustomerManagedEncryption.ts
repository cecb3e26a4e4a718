/**
 * HIPAABaseline-CustomerManagedEncryption — everything that stores or queues data is encrypted with a
 * customer-managed KMS key, so key policy, rotation, disabling and deletion stay with the organisation:
 * queues, topics, backup vaults, secrets, log groups, database clusters and instances, tables, volumes,
 * streams, file systems, buckets and the environment variables of functions. Not SSE-S3, not SQS-managed SSE, not an AWS-managed `alias/aws/*` key,
 * not the service default. (Access-log buckets, which S3 server access logging only delivers to with SSE-S3,
 * acknowledge this rule with that reason.)
 *
 * Scenarios:
 * - non-compliant: no encryption; service-managed encryption; an `alias/aws/…` key; an override removing the key
 * - compliant: a key of the template (Ref / GetAtt) or a key ARN of this account
 * - not applicable: other types; Aurora cluster members (the cluster is judged); functions without environment
 *   variables
 */
import type { OwnRule } from './rule';

type Props = Record<string, any>;

/** The key each type is encrypted with; undefined when it is not encrypted with a KMS key it names. */
const KEY_OF: Readonly<Record<string, (p: Props) => unknown>> = {
  'AWS::SQS::Queue': (p) => p.KmsMasterKeyId,
  'AWS::SNS::Topic': (p) => p.KmsMasterKeyId,
  'AWS::Backup::BackupVault': (p) => p.EncryptionKeyArn,
  'AWS::SecretsManager::Secret': (p) => p.KmsKeyId,
  'AWS::Logs::LogGroup': (p) => p.KmsKeyId,
  'AWS::RDS::DBCluster': (p) => (p.StorageEncrypted === true || p.StorageEncrypted === 'true' ? p.KmsKeyId : undefined),
  'AWS::RDS::DBInstance': (p) =>
    p.StorageEncrypted === true || p.StorageEncrypted === 'true' ? p.KmsKeyId : undefined,
  'AWS::DynamoDB::Table': (p) =>
    p.SSESpecification?.SSEEnabled === true || p.SSESpecification?.SSEEnabled === 'true'
      ? p.SSESpecification.KMSMasterKeyId
      : undefined,
  'AWS::EC2::Volume': (p) => (p.Encrypted === true || p.Encrypted === 'true' ? p.KmsKeyId : undefined),
  'AWS::Kinesis::Stream': (p) => (p.StreamEncryption?.EncryptionType === 'KMS' ? p.StreamEncryption.KeyId : undefined),
  'AWS::EFS::FileSystem': (p) => (p.Encrypted === true || p.Encrypted === 'true' ? p.KmsKeyId : undefined),
  'AWS::Lambda::Function': (p) => p.KmsKeyArn,
  'AWS::S3::Bucket': (p) => {
    const sse = p.BucketEncryption?.ServerSideEncryptionConfiguration?.[0]?.ServerSideEncryptionByDefault;
    return sse?.SSEAlgorithm === 'aws:kms' || sse?.SSEAlgorithm === 'aws:kms:dsse' ? sse.KMSMasterKeyID : undefined;
  },
};

const isCustomerKey = (key: unknown) =>
  key !== undefined && key !== null && key !== '' && !(typeof key === 'string' && /alias\/aws\//.test(key));

export const CustomerManagedEncryption: OwnRule = {
  id: 'CustomerManagedEncryption',
  level: 'error',
  info: 'The resource stores or queues data without a customer-managed KMS key.',
  explanation:
    'Encrypt it with one of the baseline keys (or a customer-managed key of your own): an AWS-managed key or ' +
    'service-managed encryption cannot be disabled, rotated on your schedule or limited by your key policy.',
  citations: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
  configRules: [
    'SNS_ENCRYPTED_KMS',
    'SECRETSMANAGER_USING_CMK',
    'S3_DEFAULT_ENCRYPTION_KMS',
    'BACKUP_RECOVERY_POINT_ENCRYPTED',
    'RDS_STORAGE_ENCRYPTED',
    'ENCRYPTED_VOLUMES',
    'KINESIS_STREAM_ENCRYPTED',
    'EFS_ENCRYPTED_CHECK',
  ],
  check(resource) {
    const keyOf = KEY_OF[resource.Type];
    if (!keyOf) return 'not-applicable';
    if (resource.Type === 'AWS::RDS::DBInstance' && resource.Properties?.DBClusterIdentifier !== undefined) {
      return 'not-applicable';
    }
    if (resource.Type === 'AWS::Lambda::Function' && resource.Properties?.Environment?.Variables === undefined) {
      return 'not-applicable';
    }
    return isCustomerKey(keyOf(resource.Properties ?? {})) ? 'compliant' : 'non-compliant';
  },
};
