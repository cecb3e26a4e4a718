/**
 * HIPAABaseline-PhiCustomerManagedKey — a resource tagged DataClassification=PHI is encrypted with a
 * customer-managed KMS key (never unencrypted, SSE-S3, or an AWS-managed `alias/aws/*` key).
 *
 * Scenarios:
 * - non-compliant: PHI bucket with SSE-S3 or alias/aws/s3; PHI table without a KMS key; PHI cluster,
 *   instance, file system or secret without KmsKeyId; a PHI-tagged type the rule cannot judge (fails loudly)
 * - compliant: each of those with a customer key (Ref/GetAtt of a key in the template, or a key ARN)
 * - not applicable: resources not tagged PHI; PHI-tagged resources that hold no data (roles, policies);
 *   customer-managed keys themselves (tagged with the classification of what they protect)
 */
import { STATEFUL_TYPES } from '../lib/controls/stateful-types';
import { DATA_CLASSIFICATION_TAG, PHI } from '../lib/controls/tags';
import { hasTag, type OwnRule, type TemplateResource } from './rule';

/** Customer-managed keys: tagged with the classification of what they protect, they are the key. */
const CUSTOMER_KEY_TYPES = new Set(['AWS::KMS::Key', 'AWS::KMS::ReplicaKey']);

const isCustomerKey = (key: unknown) =>
  key !== undefined && key !== null && key !== '' && !(typeof key === 'string' && key.includes('alias/aws/'));

/** Where each type names its key; undefined result = no key. */
const KEY_OF: Record<string, (p: Record<string, any>) => unknown> = {
  'AWS::S3::Bucket': (p) => {
    const sse = p.BucketEncryption?.ServerSideEncryptionConfiguration?.[0]?.ServerSideEncryptionByDefault;
    return sse?.SSEAlgorithm === 'aws:kms' || sse?.SSEAlgorithm === 'aws:kms:dsse' ? sse.KMSMasterKeyID : undefined;
  },
  'AWS::DynamoDB::Table': (p) => (p.SSESpecification?.SSEEnabled ? p.SSESpecification.KMSMasterKeyId : undefined),
  'AWS::RDS::DBCluster': (p) => (p.StorageEncrypted ? p.KmsKeyId : undefined),
  'AWS::RDS::DBInstance': (p) =>
    p.StorageEncrypted || p.DBClusterIdentifier ? (p.KmsKeyId ?? p.DBClusterIdentifier) : undefined,
  'AWS::EFS::FileSystem': (p) => (p.Encrypted ? p.KmsKeyId : undefined),
  'AWS::SecretsManager::Secret': (p) => p.KmsKeyId,
  'AWS::Logs::LogGroup': (p) => p.KmsKeyId,
  'AWS::SQS::Queue': (p) => p.KmsMasterKeyId,
  'AWS::SNS::Topic': (p) => p.KmsMasterKeyId,
  'AWS::EC2::Volume': (p) => (p.Encrypted ? p.KmsKeyId : undefined),
  'AWS::Kinesis::Stream': (p) => (p.StreamEncryption?.EncryptionType === 'KMS' ? p.StreamEncryption.KeyId : undefined),
};

export const PhiCustomerManagedKey: OwnRule = {
  id: 'PhiCustomerManagedKey',
  level: 'error',
  info: 'The PHI resource is not encrypted with a customer-managed KMS key.',
  explanation:
    'Resources tagged DataClassification=PHI must be encrypted with a customer-managed key so key policy, rotation ' +
    'and deletion stay under the organisation’s control. Pass the data key (WorkloadDataStack.dataKey).',
  citations: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
  configRules: ['S3_DEFAULT_ENCRYPTION_KMS'],
  check(resource: TemplateResource) {
    if (!hasTag(resource, DATA_CLASSIFICATION_TAG, PHI)) return 'not-applicable';
    if (CUSTOMER_KEY_TYPES.has(resource.Type)) return 'not-applicable';
    const keyOf = KEY_OF[resource.Type];
    if (!keyOf && !STATEFUL_TYPES.has(resource.Type)) return 'not-applicable';
    if (!keyOf) {
      throw new Error(
        `${resource.Type} is tagged PHI but PhiCustomerManagedKey cannot judge its encryption; extend the rule`,
      );
    }
    return isCustomerKey(keyOf(resource.Properties ?? {})) ? 'compliant' : 'non-compliant';
  },
};
