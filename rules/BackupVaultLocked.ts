/**
 * HIPAABaseline-BackupVaultLocked — every AWS Backup vault has Vault Lock with a minimum retention of at
 * least the configured days (`dataProtection.backup.minRetentionDays`), so recovery points cannot be
 * deleted early.
 *
 * Scenarios:
 * - non-compliant: vault without LockConfiguration; MinRetentionDays below the configured minimum
 * - compliant: LockConfiguration with MinRetentionDays at or above the minimum
 * - not applicable: other resource types
 */
import type { OwnRule } from './rule';

export const BackupVaultLocked: OwnRule = {
  id: 'BackupVaultLocked',
  level: 'error',
  info: 'The backup vault is not locked with the configured minimum retention.',
  explanation:
    'Vault Lock stops anyone — administrators and attackers included — from deleting recovery points before the ' +
    'minimum retention. Use PhiBackupVault, or set LockConfiguration.MinRetentionDays.',
  citations: ['164.308(a)(7)(ii)(A)', '164.312(c)(1)', '164.310(d)(2)(iv)'],
  configRules: ['BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED'],
  check(resource, { settings }) {
    if (resource.Type !== 'AWS::Backup::BackupVault') return 'not-applicable';
    const min = Number(resource.Properties?.LockConfiguration?.MinRetentionDays);
    return min >= settings.backupMinRetentionDays ? 'compliant' : 'non-compliant';
  },
};
