/**
 * HIPAABaseline-DatabaseBackupRetention — databases keep automated backups (point-in-time restore) at least
 * `backupMinRetentionDays`, the minimum the backup vaults lock recovery points for. The service default is 1 day,
 * so an omitted or shortened BackupRetentionPeriod leaves a day to notice corruption or a bad deletion.
 *
 * Scenarios:
 * - non-compliant: RDS cluster or standalone instance without BackupRetentionPeriod (1 day), with fewer days
 *   than the setting, with 0 (backups off), or with an intrinsic the rule cannot read
 * - compliant: at least `backupMinRetentionDays` days
 * - not applicable: instances that belong to an Aurora cluster (the cluster carries the setting); other types
 */
import type { OwnRule } from './rule';

export const DatabaseBackupRetention: OwnRule = {
  id: 'DatabaseBackupRetention',
  level: 'error',
  info: 'The database keeps automated backups for fewer days than backupMinRetentionDays.',
  explanation:
    'Automated backups give point-in-time restore of PHI; the default (1 day) is too short to notice corruption or ' +
    'a deletion. Set backupRetention to at least dataProtection.backup.minRetentionDays days.',
  citations: ['164.308(a)(7)(ii)(A)', '164.308(a)(7)(ii)(B)'],
  configRules: ['DB_INSTANCE_BACKUP_ENABLED'],
  check(resource, { settings }) {
    if (resource.Type === 'AWS::RDS::DBInstance' && resource.Properties?.DBClusterIdentifier) return 'not-applicable';
    if (resource.Type !== 'AWS::RDS::DBCluster' && resource.Type !== 'AWS::RDS::DBInstance') return 'not-applicable';
    const days = Number(resource.Properties?.BackupRetentionPeriod ?? 1);
    return Number.isFinite(days) && days >= settings.backupMinRetentionDays ? 'compliant' : 'non-compliant';
  },
};
