import { Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { AccessLogBucket } from '../constructs/access-log-bucket';
import { BaselineKey } from '../constructs/baseline-key';
import { PhiBackupPlan } from '../constructs/phi-backup-plan';
import { PhiBackupVault } from '../constructs/phi-backup-vault';
import { PhiDataZones } from '../constructs/phi-data-zones';
import { naming } from '../data/naming';
import type { BaselineStackProps } from './baseline-stack-props';

/**
 * Workload data role: the keys for PHI data, de-identified data and backups, the PHI data zones, the
 * backup vault and plan. Replicates and copies to the disaster-recovery stack by name.
 */
export class WorkloadDataStack extends Stack {
  /** Key encrypting PHI at rest (the raw-phi zone, databases, tables). */
  public readonly dataKey: kms.IKey;
  /** Key encrypting the de-identified zone. */
  public readonly deidentifiedKey: kms.IKey;
  /** Key encrypting backup vaults. */
  public readonly backupKey: BaselineKey;
  public readonly zones: PhiDataZones;
  public readonly vault: PhiBackupVault;
  public readonly backupPlan: PhiBackupPlan;

  constructor(scope: Construct, id: string, props: BaselineStackProps) {
    super(scope, id, props);
    const { config } = props;
    const prefix = config.namePrefix;
    const data = config.dataProtection;

    const zoneKey = (id: string, purpose: 'data' | 'deidentified', existingArn?: string) =>
      existingArn
        ? kms.Key.fromKeyArn(this, id, existingArn)
        : new BaselineKey(this, id, { purpose, namePrefix: prefix });
    const dataKey = zoneKey('DataKey', 'data', data.rawZone?.existingKeyArn);
    // The data key is also the account's default EBS encryption key (AccountHardening).
    if (dataKey instanceof BaselineKey) dataKey.allowEbsThroughEc2();
    this.dataKey = dataKey instanceof BaselineKey ? dataKey.key : dataKey;
    const deidentifiedKey = zoneKey('DeidentifiedKey', 'deidentified', data.deidentifiedZone?.existingKeyArn);
    this.deidentifiedKey = deidentifiedKey instanceof BaselineKey ? deidentifiedKey.key : deidentifiedKey;
    this.backupKey = new BaselineKey(this, 'BackupKey', { purpose: 'backup', namePrefix: prefix });

    const accessLogs = new AccessLogBucket(this, 'AccessLogs', { retentionDays: 2192 });
    this.zones = new PhiDataZones(this, 'Zones', {
      namePrefix: prefix,
      drRegion: data.drRegion,
      rawKey: this.dataKey,
      deidentifiedKey: this.deidentifiedKey,
      accessLogBucket: accessLogs,
    });

    this.vault = new PhiBackupVault(this, 'BackupVault', {
      vaultName: naming.vault(prefix),
      encryptionKey: this.backupKey.key,
      lockMode: data.backup.vaultLockMode,
      minRetentionDays: data.backup.minRetentionDays,
      maxRetentionDays: data.backup.maxRetentionDays,
    });
    this.backupPlan = new PhiBackupPlan(this, 'BackupPlan', {
      vault: this.vault.vault,
      copyVaultArn: `arn:${this.partition}:backup:${data.drRegion}:${this.account}:backup-vault:${naming.replicaVault(prefix)}`,
      dailyRetentionDays: data.backup.dailyRetentionDays,
      monthlyRetentionDays: data.backup.monthlyRetentionDays,
      dataKeys: [this.dataKey, this.deidentifiedKey],
    });
  }
}
