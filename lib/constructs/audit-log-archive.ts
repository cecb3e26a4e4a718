import { Duration, RemovalPolicy, Tags } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge } from '../controls/acknowledge';
import { recordControl } from '../controls/control-inventory';
import { declareControls } from '../controls/declare';
import { AccessLogBucket } from './access-log-bucket';
import { deliverEventsToEventBridge, secureBucketDefaults } from './secure-bucket-defaults';
import { ROLE_TAG, ROLES } from '../controls/tags';

export interface AuditLogArchiveProps {
  /** Key encrypting the audit logs (SSE-KMS with an S3 bucket key). HIPAA 164.312(a)(2)(iv). */
  readonly encryptionKey: kms.IKey;
  /**
   * Years each log object is locked against deletion and overwrite. HIPAA 164.316(b)(2)(i);
   * AWS Config S3_BUCKET_DEFAULT_LOCK_ENABLED.
   */
  readonly retentionYears: number;
  /**
   * Object Lock mode. COMPLIANCE: nobody can delete or shorten retention; GOVERNANCE: principals with
   * s3:BypassGovernanceRetention can.
   * @default 'COMPLIANCE'
   */
  readonly objectLockMode?: 'GOVERNANCE' | 'COMPLIANCE';
  /**
   * Fixed name of the audit-log bucket, for writers in other accounts (organisation mode). Retained except
   * when the operation that created it rolls back (RetainExceptOnCreate), so a failed first deploy leaves
   * no bucket of that name behind.
   * @default - a generated name
   */
  readonly bucketName?: string;
}

const REPLICATION_EXEMPTION =
  'Single-region log archive: integrity comes from versioning and Object Lock; cross-region copies are out of scope for audit logs.';

/**
 * The log archive: an audit-log bucket (SSE-KMS, versioning, Object Lock with a default retention,
 * TLS-only, no public access, ACLs disabled, lifecycle to colder storage) and a separate bucket receiving
 * its S3 server access logs. Both are retained when the stack is deleted.
 */
export class AuditLogArchive extends Construct {
  /** Bucket receiving audit logs (CloudTrail, flow logs, DNS query logs; AWS Config cannot deliver to Object Lock). */
  public readonly bucket: s3.Bucket;
  /** Bucket receiving S3 server access logs of the archive. */
  public readonly accessLogBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: AuditLogArchiveProps) {
    super(scope, id);
    const retention = Duration.days(Math.ceil(props.retentionYears * 365.25));
    const mode = props.objectLockMode ?? 'COMPLIANCE';

    this.accessLogBucket = new AccessLogBucket(this, 'AccessLogs', {
      retentionDays: retention.toDays(),
      replicationExemption: REPLICATION_EXEMPTION,
    });

    this.bucket = new s3.Bucket(this, 'AuditLogs', {
      ...secureBucketDefaults(),
      ...(props.bucketName
        ? { bucketName: props.bucketName, removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE }
        : {}),
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.encryptionKey,
      bucketKeyEnabled: true,
      objectLockEnabled: true,
      serverAccessLogsBucket: this.accessLogBucket,
      serverAccessLogsPrefix: 'audit-logs/',
      lifecycleRules: [
        {
          id: 'colder-storage',
          transitions: [
            { storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(90) },
            { storageClass: s3.StorageClass.DEEP_ARCHIVE, transitionAfter: Duration.days(365) },
          ],
          noncurrentVersionExpiration: retention,
        },
      ],
    });
    // Default retention in whole years (the L2 only takes days, which undercounts leap days).
    (this.bucket.node.defaultChild as s3.CfnBucket).objectLockConfiguration = {
      objectLockEnabled: 'Enabled',
      rule: { defaultRetention: { mode, years: props.retentionYears } },
    };
    Tags.of(this.bucket).add(ROLE_TAG, ROLES.auditLog);
    recordControl(this.bucket.node.defaultChild as s3.CfnBucket, 'audit-log-object-lock', [
      'ObjectLockEnabled',
      'ObjectLockConfiguration',
    ]);
    deliverEventsToEventBridge(this.bucket);

    acknowledge(this.bucket, 'HIPAA.Security-S3BucketReplicationEnabled', REPLICATION_EXEMPTION);

    declareControls(this, {
      citations: ['164.312(b)', '164.312(c)(1)', '164.312(c)(2)', '164.316(b)(2)(i)', '164.312(a)(2)(iv)'],
      statement: `Audit logs are written once to a KMS-encrypted, versioned bucket under S3 Object Lock (${mode}, ${props.retentionYears} years), reachable only over TLS 1.2+, with every access logged to a separate bucket.`,
    });
  }
}
