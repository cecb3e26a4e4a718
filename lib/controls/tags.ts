/** Tag naming the baseline role of a resource, read by rules and the control map. */
export const ROLE_TAG = 'hipaa-baseline:role';

/** Roles the baseline marks with ROLE_TAG. */
export const ROLES = {
  /** Bucket holding audit logs (CloudTrail, Config, flow logs): Object Lock required. */
  auditLog: 'audit-log',
  /** Bucket receiving S3 server access logs. */
  accessLog: 'access-log',
  /** Topic people are alerted through: it needs a subscriber. */
  alerts: 'alerts',
  /** Bucket AWS Config delivers configuration history to (Object Lock unsupported by Config). */
  configHistory: 'config-history',
  /** Bucket receiving exported GuardDuty findings. */
  securityFindings: 'security-findings',
} as const;

/** A value of ROLE_TAG. */
export type BaselineRole = (typeof ROLES)[keyof typeof ROLES];

/** Data classification tag (AWS's common convention), used for PHI selection by Macie, Backup and rules. */
export const DATA_CLASSIFICATION_TAG = 'DataClassification';
export const PHI = 'PHI';

/** Tag that opts a resource into the tag-based AWS Backup selection (with DataClassification=PHI). */
export const BACKUP_TAG = 'backup';
/** DataClassification value of de-identified data sets (Macie watches them for residual identifiers). */
export const DEIDENTIFIED = 'Deidentified';
