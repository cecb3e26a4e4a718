import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { AccessLogBucket } from '../constructs/access-log-bucket';
import { BaselineKey } from '../constructs/baseline-key';
import { PhiBackupVault } from '../constructs/phi-backup-vault';
import { PhiBucket } from '../constructs/phi-bucket';
import { RegionalDetection } from '../constructs/regional-detection';
import { acknowledge } from '../controls/acknowledge';
import { DEIDENTIFIED, PHI } from '../controls/tags';
import { DATA_ZONES, naming } from '../data/naming';
import type { BaselineStackProps } from './baseline-stack-props';
import { recordControl } from '../controls/control-inventory';

/**
 * Disaster-recovery region: one key and replica bucket per data zone, and the vault receiving backup
 * copies. Deployed before the workload data stack, which replicates and copies here by name.
 * HIPAA 164.308(a)(7)(ii)(B) disaster recovery plan.
 */
export class DisasterRecoveryStack extends Stack {
  public readonly replicaBuckets: ReadonlyMap<string, PhiBucket>;
  public readonly vault: PhiBackupVault;
  public readonly detection: RegionalDetection;

  constructor(scope: Construct, id: string, props: BaselineStackProps) {
    super(scope, id, props);
    const { config } = props;
    const prefix = config.namePrefix;
    const drRegion = config.dataProtection.drRegion;
    const backupSettings = config.dataProtection.backup;

    const accessLogs = new AccessLogBucket(this, 'AccessLogs', { retentionDays: 2192 });
    const analyticsRole = `arn:${this.partition}:iam::${this.account}:role/${naming.analyticsRole(prefix)}`;
    const buckets = new Map<string, PhiBucket>();
    for (const zone of DATA_ZONES) {
      const key = new BaselineKey(this, `${zone}-key`, { purpose: `dr-${zone}`, namePrefix: prefix });
      if (zone === 'raw-phi') denyAnalyticsRoleKey(key, analyticsRole);
      const bucket = new PhiBucket(this, `${zone}-replica`, {
        bucketName: naming.replicaBucket(prefix, zone, drRegion),
        encryptionKey: key.key,
        accessLogBucket: accessLogs,
        classification: zone === 'raw-phi' ? PHI : DEIDENTIFIED,
        // Recovery points of the primary bucket cover it; backing up the replica again would double the copies.
        backup: false,
      });
      acknowledge(
        bucket,
        'HIPAA.Security-S3BucketReplicationEnabled',
        'This bucket is the cross-region replica of the primary zone bucket; replicating it again would loop.',
      );
      acknowledge(
        bucket,
        'HIPAABaseline-PhiInBackupSelection',
        `Replica of the primary ${zone} bucket, which is backed up with every recovery point copied to this region.`,
      );
      if (zone === 'raw-phi') denyAnalyticsRoleBucket(bucket, analyticsRole);
      buckets.set(zone, bucket);
    }
    this.replicaBuckets = buckets;

    // The region holds PHI replicas and backup copies: it is watched like the primary region.
    this.detection = new RegionalDetection(this, 'Detection', {
      namePrefix: prefix,
      settings: config.detection,
      services: config.accountServices,
      accessLogBucket: accessLogs,
      retentionDays: Math.ceil(config.auditLogRetentionYears * 365.25),
    });

    const backupKey = new BaselineKey(this, 'BackupKey', { purpose: 'dr-backup', namePrefix: prefix });
    this.vault = new PhiBackupVault(this, 'BackupVault', {
      vaultName: naming.replicaVault(prefix),
      encryptionKey: backupKey.key,
      lockMode: backupSettings.vaultLockMode,
      minRetentionDays: backupSettings.minRetentionDays,
      maxRetentionDays: backupSettings.maxRetentionDays,
    });
  }
}

/** The analytics/ML role may not touch the raw-PHI replica, as it may not touch the primary (the same deny). */
function denyAnalyticsRoleBucket(bucket: PhiBucket, roleArn: string): void {
  bucket.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'DenyAnalyticsRole',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:*'],
      resources: [bucket.bucketArn, bucket.arnForObjects('*')],
      conditions: { ArnEquals: { 'aws:PrincipalArn': roleArn } },
    }),
  );
  recordControl(bucket.policy!.node.defaultChild as s3.CfnBucketPolicy, 'raw-phi-bucket-policy', ['PolicyDocument']);
}

/** Nor use the key of the raw-PHI replica. */
function denyAnalyticsRoleKey(key: BaselineKey, roleArn: string): void {
  key.key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'DenyAnalyticsRole',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:CreateGrant'],
      resources: ['*'],
      conditions: { ArnEquals: { 'aws:PrincipalArn': roleArn } },
    }),
  );
  recordControl(key.key.node.defaultChild as kms.CfnKey, 'raw-phi-key-policy', ['KeyPolicy']);
}
