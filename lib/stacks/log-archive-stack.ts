import { Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { AuditLogArchive } from '../constructs/audit-log-archive';
import { AuditTrail } from '../constructs/audit-trail';
import { BaselineKey } from '../constructs/baseline-key';
import { ConfigRecording } from '../constructs/config-recording';
import { SecurityFindingsBucket } from '../constructs/security-findings-bucket';
import { warn } from '../controls/warnings';
import { DATA_ZONES, naming } from '../data/naming';
import type { BaselineStackProps } from './baseline-stack-props';

/**
 * Log archive role: the key for logs, the immutable audit-log archive, the CloudTrail trail and AWS Config
 * recording. In a multi-account organisation this stack belongs in the log-archive account.
 */
export class LogArchiveStack extends Stack {
  public readonly logsKey: BaselineKey;
  public readonly archive: AuditLogArchive;
  public readonly trail: AuditTrail;
  public readonly configRecording: ConfigRecording;
  /** Where GuardDuty exports findings. */
  public readonly findingsBucket: SecurityFindingsBucket;

  constructor(scope: Construct, id: string, props: BaselineStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.logsKey = new BaselineKey(this, 'LogsKey', { purpose: 'logs', namePrefix: config.namePrefix });
    this.archive = new AuditLogArchive(this, 'Archive', {
      encryptionKey: this.logsKey.key,
      retentionYears: config.auditLogRetentionYears,
      objectLockMode: config.objectLockMode,
    });
    if (config.objectLockMode === 'GOVERNANCE') warn(this.archive.bucket, 'HIPAABaseline-ObjectLockGovernanceMode');

    this.trail = new AuditTrail(this, 'Trail', {
      trailName: `${config.namePrefix}-audit-trail`,
      bucket: this.archive.bucket,
      encryptionKey: this.logsKey,
      logGroupRetentionDays: config.logGroupRetentionDays,
      dataEventBucketNames: DATA_ZONES.flatMap((zone) => [
        naming.zoneBucket(config.namePrefix, zone, config.region ?? this.region),
        naming.replicaBucket(config.namePrefix, zone, config.dataProtection.drRegion),
      ]),
    });
    this.findingsBucket = new SecurityFindingsBucket(this, 'Findings', {
      encryptionKey: this.logsKey,
      accessLogBucket: this.archive.accessLogBucket,
      retentionDays: Math.ceil(config.auditLogRetentionYears * 365.25),
    });
    this.configRecording = new ConfigRecording(this, 'ConfigRecording', {
      bucket: this.archive.bucket,
      encryptionKey: this.logsKey.key,
    });
  }
}
