import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { declareControls } from '../controls/declare';
import { AuditLogArchive } from '../constructs/audit-log-archive';
import { AuditTrail } from '../constructs/audit-trail';
import { BaselineKey } from '../constructs/baseline-key';
import { ConfigHistoryBucket } from '../constructs/config-history-bucket';
import { ConfigRecording } from '../constructs/config-recording';
import { SecurityFindingsBucket } from '../constructs/security-findings-bucket';
import { DNS_QUERY_LOG_PREFIX } from '../constructs/dns-query-logging';
import { FLOW_LOG_PREFIX } from '../constructs/flow-logs';
import { warn } from '../controls/warnings';
import { naming } from '../data/naming';
import type { BaselineStackProps } from './baseline-stack-props';

/**
 * Log archive role: the key for logs, the immutable audit-log archive, the CloudTrail trail and AWS Config
 * recording. In a multi-account organisation this stack belongs in the log-archive account.
 */
export class LogArchiveStack extends Stack {
  public readonly logsKey: BaselineKey;
  public readonly archive: AuditLogArchive;
  public readonly trail: AuditTrail;
  /** Where AWS Config delivers, when the baseline creates the recorder. */
  public readonly configHistory?: ConfigHistoryBucket;
  /** The recorder and delivery channel, unless the account already has them (`accountServices.config`). */
  public readonly configRecording?: ConfigRecording;
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
      dataEventBucketNames: naming.dataEventBuckets(
        config.namePrefix,
        config.region ?? this.region,
        config.dataProtection.drRegion,
        { bedrockLogs: config.ai.bedrock.invocationLogging.enabled },
      ),
    });
    this.findingsBucket = new SecurityFindingsBucket(this, 'Findings', {
      encryptionKey: this.logsKey,
      accessLogBucket: this.archive.accessLogBucket,
      retentionDays: Math.ceil(config.auditLogRetentionYears * 365.25),
    });
    if (config.accountServices.config === 'create') {
      // Not the Object Lock archive: AWS Config does not deliver to Object Lock buckets.
      this.configHistory = new ConfigHistoryBucket(this, 'ConfigHistory', {
        encryptionKey: this.logsKey.key,
        accessLogBucket: this.archive.accessLogBucket,
        retentionDays: Math.ceil(config.auditLogRetentionYears * 365.25),
      });
      this.configRecording = new ConfigRecording(this, 'ConfigRecording', {
        bucket: this.configHistory,
        encryptionKey: this.logsKey.key,
      });
    } else {
      // One recorder and one delivery channel per account and region: Control Tower's (or another) is used.
      declareControls(new Construct(this, 'ConfigRecordingReliance'), {
        citations: ['164.308(a)(1)(ii)(D)', '164.308(a)(8)', '164.312(b)'],
        statement:
          config.accountServices.config === 'existing'
            ? "AWS Config records resource configurations with the account's existing recorder and delivery channel; the baseline's Config rules evaluate what it records."
            : "AWS Config records resource configurations with the recorder the organisation (Control Tower) manages; the baseline's Config rules evaluate what it records.",
        reliesOn:
          config.accountServices.config === 'existing'
            ? "the account's existing AWS Config recorder and delivery channel"
            : 'the AWS Config recorder and delivery channel managed by the organisation (Control Tower)',
      });
    }
    this.allowLogDelivery();
  }

  /**
   * Lets the log delivery service (VPC flow logs, Route 53 Resolver query logs) of this account write
   * under its prefixes and encrypt with the logs key. Conditions name this account and its log sources,
   * so no network resource is referenced here (no cyclic cross-stack reference).
   */
  private allowLogDelivery(): void {
    const delivery = new iam.ServicePrincipal('delivery.logs.amazonaws.com');
    const fromThisAccount = {
      StringEquals: { 'aws:SourceAccount': this.account },
      ArnLike: { 'aws:SourceArn': `arn:${this.partition}:logs:${this.region}:${this.account}:*` },
    };
    const bucket = this.archive.bucket;
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowLogDeliveryAclCheck',
        principals: [delivery],
        actions: ['s3:GetBucketAcl', 's3:ListBucket'],
        resources: [bucket.bucketArn],
        conditions: fromThisAccount,
      }),
    );
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowLogDeliveryWrite',
        principals: [delivery],
        actions: ['s3:PutObject'],
        resources: [FLOW_LOG_PREFIX, DNS_QUERY_LOG_PREFIX].map((prefix) => bucket.arnForObjects(`${prefix}/AWSLogs/*`)),
        conditions: {
          ...fromThisAccount,
          StringEquals: { ...fromThisAccount.StringEquals, 's3:x-amz-acl': 'bucket-owner-full-control' },
        },
      }),
    );
    this.logsKey.allowService({
      sid: 'AllowLogDeliveryEncrypt',
      service: 'delivery.logs.amazonaws.com',
      actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      conditions: fromThisAccount,
    });
  }
}
