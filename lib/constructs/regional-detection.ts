import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { AccountServicesConfig } from '../config/account-services-schema';
import type { DetectionConfig } from '../config/detection-schema';
import { declareControls } from '../controls/declare';
import { BaselineKey } from './baseline-key';
import { ConfigHistoryBucket } from './config-history-bucket';
import { ConfigRecording } from './config-recording';
import { SecurityFindingsBucket } from './security-findings-bucket';
import { ThreatDetection } from './threat-detection';

export interface RegionalDetectionProps {
  readonly namePrefix: string;
  /** GuardDuty protection plans and Security Hub standards, as in the primary region. */
  readonly settings: DetectionConfig;
  /** How each once-per-account-and-region service is run, as in the primary region. */
  readonly services: AccountServicesConfig;
  /** Bucket receiving the server access logs of this region's buckets. HIPAA 164.312(b). */
  readonly accessLogBucket: s3.IBucket;
  /** Days exported findings and configuration history are kept. HIPAA 164.316(b)(2)(i). */
  readonly retentionDays: number;
}

/**
 * The same detection in a second region of the account (the disaster-recovery region holds PHI replicas
 * and backup copies): GuardDuty, Security Hub, Macie and IAM Access Analyzer — each in the configured
 * mode — and AWS Config recording to a bucket of this region under a logs key of this region. The
 * multi-region trail already records this region's API activity; Security Hub findings of this region are
 * aggregated into the primary region, where the alert rules see them.
 * HIPAA 164.308(a)(1)(ii)(D), 164.308(a)(6)(ii), 164.312(b).
 */
export class RegionalDetection extends Construct {
  public readonly detection: ThreatDetection;
  public readonly configRecording?: ConfigRecording;

  constructor(scope: Construct, id: string, props: RegionalDetectionProps) {
    super(scope, id);
    const logsKey = new BaselineKey(this, 'LogsKey', { purpose: 'dr-logs', namePrefix: props.namePrefix });
    const findings = new SecurityFindingsBucket(this, 'Findings', {
      encryptionKey: logsKey,
      accessLogBucket: props.accessLogBucket,
      retentionDays: props.retentionDays,
    });
    this.detection = new ThreatDetection(this, 'Detection', {
      settings: props.settings,
      services: props.services,
      findingsBucket: findings,
      findingsKey: logsKey.key,
    });
    if (props.services.config === 'create') {
      const history = new ConfigHistoryBucket(this, 'ConfigHistory', {
        encryptionKey: logsKey.key,
        accessLogBucket: props.accessLogBucket,
        retentionDays: props.retentionDays,
      });
      this.configRecording = new ConfigRecording(this, 'ConfigRecording', {
        bucket: history,
        encryptionKey: logsKey.key,
      });
    }
    declareControls(this, {
      citations: ['164.308(a)(1)(ii)(D)', '164.312(b)'],
      statement:
        'The disaster-recovery region, which holds PHI replicas and backup copies, is watched like the primary: threat detection, posture findings aggregated to the primary region, and configuration recording.',
    });
  }
}
