import { Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import {
  comprehendMedicalRegion,
  deidentificationBlocker,
  deidentificationEnabled,
  deidentificationEnvironment,
} from '../config/deidentification-schema';
import { AccessLogBucket } from '../constructs/access-log-bucket';
import { BaselineKey } from '../constructs/baseline-key';
import { DeidentificationPipeline } from '../constructs/deidentification-pipeline';
import { PhiBackupPlan } from '../constructs/phi-backup-plan';
import { PhiBackupVault } from '../constructs/phi-backup-vault';
import { PhiDataZones } from '../constructs/phi-data-zones';
import { PhiDatabase } from '../constructs/phi-database';
import { PhiTable } from '../constructs/phi-table';
import type { EnvironmentVpc } from '../constructs/environment-vpc';
import type { SegmentedNetwork } from '../constructs/segmented-network';
import { warn } from '../controls/warnings';
import { naming } from '../data/naming';
import type { BaselineStackProps } from './baseline-stack-props';

export interface WorkloadDataStackProps extends BaselineStackProps {
  /** The segmented network: the example workload sits in the data tier of its production environment. */
  readonly network: SegmentedNetwork;
}

/** The environment holding the example workload: "prod", else the first production environment, else the first. */
export function workloadEnvironment(network: SegmentedNetwork): EnvironmentVpc {
  const environments = Object.values(network.environments);
  return network.environments.prod ?? environments.find((env) => env.production) ?? environments[0];
}

/**
 * Workload data role: the keys for PHI data, de-identified data and backups, the PHI data zones, the
 * backup vault and plan. Replicates and copies to the disaster-recovery stack by name.
 */
export class WorkloadDataStack extends Stack {
  /** Key encrypting PHI at rest (the raw-phi zone, databases, tables). */
  public readonly dataKey: kms.IKey;
  /** The account's default EBS encryption key (every new volume of every environment). */
  public readonly ebsKey: kms.IKey;
  /** Key encrypting the de-identified zone. */
  public readonly deidentifiedKey: kms.IKey;
  /** Key encrypting backup vaults. */
  public readonly backupKey: BaselineKey;
  public readonly zones: PhiDataZones;
  /** The de-identification pipeline from the raw-phi zone to the de-identified zone, unless switched off. */
  public readonly deidentification?: DeidentificationPipeline;
  public readonly vault: PhiBackupVault;
  public readonly backupPlan: PhiBackupPlan;
  /** The example PHI workload, unless switched off (`dataProtection.exampleWorkload`). */
  public readonly database?: PhiDatabase;
  public readonly table?: PhiTable;

  constructor(scope: Construct, id: string, props: WorkloadDataStackProps) {
    super(scope, id, props);
    const { config } = props;
    const prefix = config.namePrefix;
    const data = config.dataProtection;

    const zoneKey = (id: string, purpose: 'data' | 'deidentified', existingArn?: string) =>
      existingArn
        ? kms.Key.fromKeyArn(this, id, existingArn)
        : new BaselineKey(this, id, { purpose, namePrefix: prefix });
    const dataKey = zoneKey('DataKey', 'data', data.rawZone?.existingKeyArn);
    // Volumes of every environment get their own key (the account's default EBS key, AccountHardening):
    // using the PHI data key there would let anything that can use a volume decrypt with the PHI key.
    const ebsKey = new BaselineKey(this, 'EbsKey', { purpose: 'ebs', namePrefix: prefix });
    ebsKey.allowEbsThroughEc2();
    ebsKey.allowGuardDutyMalwareScans();
    this.ebsKey = ebsKey.key;
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
    // Macie classifies both zones (AccountHardening's job): its role must decrypt their objects, nothing else.
    if (dataKey instanceof BaselineKey) dataKey.allowMacieClassification([naming.zoneBucket(prefix, 'raw-phi')]);
    if (deidentifiedKey instanceof BaselineKey) {
      deidentifiedKey.allowMacieClassification([naming.zoneBucket(prefix, 'deidentified')]);
    }

    const deidentification = data.deidentification;
    if (deidentificationEnabled(config)) {
      const pipelineKey = new BaselineKey(this, 'DeidentificationPipelineKey', {
        purpose: 'deidentification-pipeline',
        namePrefix: prefix,
      });
      const home = props.network.environments[deidentificationEnvironment(config)];
      this.deidentification = new DeidentificationPipeline(this, 'Deidentification', {
        rawBucket: this.zones.rawBucket,
        rawKey: this.dataKey,
        deidentifiedBucket: this.zones.deidentifiedBucket,
        deidentifiedKey: this.deidentifiedKey,
        encryptionKey: pipelineKey,
        vpc: home.vpc,
        subnets: { subnetGroupName: 'app' },
        comprehendMedicalRegion: comprehendMedicalRegion(config),
        maxObjectBytes: deidentification.maxObjectMegabytes * 1024 * 1024,
        maxConcurrency: deidentification.maxConcurrency,
        comprehendMedicalCharactersPerSecond: deidentification.comprehendMedicalCharactersPerSecond,
        maxReceiveCount: deidentification.maxReceiveCount,
        logRetentionDays: config.logGroupRetentionDays,
      });
    } else if (deidentification.enabled === undefined) {
      warn(this.zones, 'HIPAABaseline-DeidentificationUnavailable', `${deidentificationBlocker(config)?.message}.`);
    }

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

    if (data.exampleWorkload) {
      if (dataKey instanceof BaselineKey) dataKey.allowCloudWatchLogs();
      const home = workloadEnvironment(props.network);
      this.database = new PhiDatabase(this, 'ExampleDatabase', {
        clusterIdentifierPrefix: `${prefix}-phi-example`,
        vpc: home.vpc,
        subnets: { subnetGroupName: 'data' },
        securityGroup: home.securityGroups.data,
        encryptionKey: this.dataKey,
        backupRetentionDays: 14,
        logRetentionDays: config.logGroupRetentionDays,
      });
      this.table = new PhiTable(this, 'ExampleTable', {
        encryptionKey: this.dataKey,
        partitionKey: 'patientId',
        sortKey: 'recordId',
      });
      // Named explicitly too, so the plan covers them even if their tags are edited.
      this.backupPlan.addResources('ExampleWorkload', [this.database.cluster.clusterArn, this.table.table.tableArn]);
    }
  }
}
