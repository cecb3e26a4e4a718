import type { ConfigRuleIdentifier } from './catalog.generated';

/**
 * The managed Config rules whose turning NON_COMPLIANT means PHI or the account is exposed right now —
 * something public, open to the internet, unencrypted, a root credential, the audit trail or a key about to
 * go — so the change alerts people at once (HIPAA 164.308(a)(6)(ii)). Every other rule's findings are
 * reviewed from the compliance dashboard and `hipaa-baseline evidence` (164.308(a)(8)), not paged: a
 * page for each of ~130 rules would train people to ignore the topic.
 */
export const EXPOSURE_RULES: readonly ConfigRuleIdentifier[] = [
  // Public data or endpoints.
  'S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC',
  'S3_BUCKET_PUBLIC_READ_PROHIBITED',
  'S3_BUCKET_PUBLIC_WRITE_PROHIBITED',
  'EBS_SNAPSHOT_PUBLIC_RESTORABLE_CHECK',
  'RDS_SNAPSHOTS_PUBLIC_PROHIBITED',
  'RDS_INSTANCE_PUBLIC_ACCESS_CHECK',
  'REDSHIFT_CLUSTER_PUBLIC_ACCESS_CHECK',
  'DMS_REPLICATION_NOT_PUBLIC',
  'LAMBDA_FUNCTION_PUBLIC_ACCESS_PROHIBITED',
  'SSM_DOCUMENT_NOT_PUBLIC',
  'OPENSEARCH_IN_VPC_ONLY',
  'SAGEMAKER_NOTEBOOK_NO_DIRECT_INTERNET_ACCESS',
  // Networks open to the internet.
  'INCOMING_SSH_DISABLED',
  'RESTRICTED_INCOMING_TRAFFIC',
  'VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS',
  'VPC_DEFAULT_SECURITY_GROUP_CLOSED',
  'INTERNET_GATEWAY_AUTHORIZED_VPC_ONLY',
  // Root credentials.
  'IAM_ROOT_ACCESS_KEY_CHECK',
  'ROOT_ACCOUNT_MFA_ENABLED',
  // Audit trail and detection switched off.
  'CLOUD_TRAIL_ENABLED',
  'MULTI_REGION_CLOUD_TRAIL_ENABLED',
  'CLOUDTRAIL_S3_DATAEVENTS_ENABLED',
  'GUARDDUTY_ENABLED_CENTRALIZED',
  // Data stores unencrypted, or their keys about to be deleted.
  'S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED',
  'S3_BUCKET_SSL_REQUESTS_ONLY',
  'RDS_STORAGE_ENCRYPTED',
  'ENCRYPTED_VOLUMES',
  'EFS_ENCRYPTED_CHECK',
  'OPENSEARCH_ENCRYPTED_AT_REST',
  'KMS_CMK_NOT_SCHEDULED_FOR_DELETION',
];
