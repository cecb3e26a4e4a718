import { Duration, Tags } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { acknowledge } from '../controls/acknowledge';
import { declareControls } from '../controls/declare';
import { ROLE_TAG, ROLES } from '../controls/tags';
import { deliverEventsToEventBridge, secureBucketDefaults } from './secure-bucket-defaults';

/** Properties of an {@link AccessLogBucket}. */
export interface AccessLogBucketProps {
  /** Days noncurrent versions of log objects are kept. HIPAA 164.316(b)(2)(i). */
  readonly retentionDays: number;
  /**
   * Why this bucket is not replicated across regions (recorded as the acknowledgement reason).
   * @default - the bucket only holds access logs of buckets in the same region
   */
  readonly replicationExemption?: string;
}

/**
 * A bucket receiving S3 server access logs: private, TLS-only, versioned, SSE-S3 (the only encryption S3
 * log delivery supports on a destination), lifecycle to colder storage, retained.
 * HIPAA 164.312(b) audit controls; AWS Config S3_BUCKET_LOGGING_ENABLED (for the buckets logging here).
 */
export class AccessLogBucket extends s3.Bucket {
  constructor(scope: Construct, id: string, props: AccessLogBucketProps) {
    super(scope, id, {
      ...secureBucketDefaults(),
      encryption: s3.BucketEncryption.S3_MANAGED,
      lifecycleRules: [
        {
          id: 'colder-storage',
          transitions: [
            { storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(90) },
          ],
          noncurrentVersionExpiration: Duration.days(props.retentionDays),
        },
      ],
    });
    Tags.of(this).add(ROLE_TAG, ROLES.accessLog);
    deliverEventsToEventBridge(this);
    const loop = 'This bucket is the server access log destination; logging it to itself would loop.';
    acknowledge(this, 'AwsSolutions-S1', loop);
    acknowledge(this, 'HIPAA.Security-S3BucketLoggingEnabled', loop);
    const sseS3Only = 'S3 server access log delivery supports only SSE-S3 encrypted destination buckets.';
    acknowledge(this, 'HIPAA.Security-S3DefaultEncryptionKMS', sseS3Only);
    acknowledge(this, 'HIPAABaseline-CustomerManagedEncryption', sseS3Only);
    acknowledge(
      this,
      'HIPAA.Security-S3BucketReplicationEnabled',
      props.replicationExemption ?? 'Holds only access logs of buckets in this region; it is not itself a copy of PHI.',
    );
    declareControls(this, {
      citations: ['164.312(b)', '164.308(a)(1)(ii)(D)'],
      statement:
        'Every request to the buckets that log here is recorded in a private, TLS-only, versioned bucket that is retained.',
    });
  }
}
