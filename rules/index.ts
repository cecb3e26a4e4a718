import { AuditLogBucketObjectLock } from './AuditLogBucketObjectLock';
import { BackupVaultLocked } from './BackupVaultLocked';
import { DataDeletionProtection } from './DataDeletionProtection';
import { KMSKeyRotationEnabled } from './KMSKeyRotationEnabled';
import { LogGroupMinimumRetention } from './LogGroupMinimumRetention';
import { PhiCustomerManagedKey } from './PhiCustomerManagedKey';
import { PhiInBackupSelection } from './PhiInBackupSelection';
import { PhiNoPublicEndpoint } from './PhiNoPublicEndpoint';
import { RDSForcesTls } from './RDSForcesTls';
import type { OwnRule } from './rule';
import { StatefulResourceRetained } from './StatefulResourceRetained';

/** This project's rules; the pack, the template check and the control map iterate this registry. */
export const OWN_RULES: readonly OwnRule[] = [
  KMSKeyRotationEnabled,
  LogGroupMinimumRetention,
  StatefulResourceRetained,
  AuditLogBucketObjectLock,
  PhiCustomerManagedKey,
  PhiInBackupSelection,
  PhiNoPublicEndpoint,
  RDSForcesTls,
  BackupVaultLocked,
  DataDeletionProtection,
];

export { OWN_PACK_NAME, RULE_SETTINGS_METADATA_KEY } from './rule';
export type { OwnRule, RuleContext, RuleResult, RuleSettings, TemplateResource } from './rule';
