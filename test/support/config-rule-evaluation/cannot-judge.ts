import type { ConfigRuleIdentifier } from '../../../lib/controls/catalog.generated';

const IAM_USERS =
  'IAM users are created outside the baseline (break-glass users under /break-glass/, people): their passwords, access keys and MFA devices are account state no template holds.';
const ROOT = "The root user's credentials and MFA devices are account state: no template can create or inspect them.";
const RUNTIME_SNAPSHOTS =
  'Snapshots exist only once the data stores run (automated backups, AWS Backup jobs, incident-response snapshots); the templates hold none.';

/** (c) Managed rules that judge account state outside the templates, with the reason. */
export const CANNOT_JUDGE: Partial<Record<ConfigRuleIdentifier, string>> = {
  ACCESS_KEYS_ROTATED: IAM_USERS,
  IAM_USER_MFA_ENABLED: IAM_USERS,
  IAM_USER_UNUSED_CREDENTIALS_CHECK: IAM_USERS,
  MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS: IAM_USERS,
  IAM_ROOT_ACCESS_KEY_CHECK: ROOT,
  ROOT_ACCOUNT_MFA_ENABLED: ROOT,
  ROOT_ACCOUNT_HARDWARE_MFA_ENABLED: ROOT,
  BACKUP_RECOVERY_POINT_ENCRYPTED:
    'Recovery points do not exist until AWS Backup runs the plan; the vaults that will hold them encrypt with customer keys (BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED judges the vaults).',
  RDS_SNAPSHOT_ENCRYPTED: RUNTIME_SNAPSHOTS,
  RDS_SNAPSHOTS_PUBLIC_PROHIBITED: RUNTIME_SNAPSHOTS,
  EBS_SNAPSHOT_PUBLIC_RESTORABLE_CHECK: RUNTIME_SNAPSHOTS,
  DYNAMODB_THROUGHPUT_LIMIT_CHECK:
    "Compares the provisioned throughput of every table in the account with the account's quotas, neither of which the templates hold (the baseline's table is on-demand).",
  AWS_CONFIG_PROCESS_CHECK:
    'A process check of the conformance pack: people record its compliance by hand; no resource configuration decides it.',
};
