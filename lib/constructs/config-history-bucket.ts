import { Duration, RemovalPolicy, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { acknowledge } from '../controls/acknowledge';
import { declareControls } from '../controls/declare';
import { ROLE_TAG, ROLES } from '../controls/tags';
import { deliverEventsToEventBridge, secureBucketDefaults } from './secure-bucket-defaults';
import { recordControl } from '../controls/control-inventory';

export interface ConfigHistoryBucketProps {
  /** Key encrypting configuration items (SSE-KMS with a bucket key). HIPAA 164.312(a)(2)(iv). */
  readonly encryptionKey: kms.IKey;
  /** Bucket receiving this bucket's server access logs. HIPAA 164.312(b). */
  readonly accessLogBucket: s3.IBucket;
  /** Days configuration history is kept. HIPAA 164.316(b)(2)(i). */
  readonly retentionDays: number;
  /**
   * Fixed name, for the AWS Config of every account of the organisation (organisation mode); retained except
   * when the operation that created it rolls back (RetainExceptOnCreate).
   * @default - a generated name
   */
  readonly bucketName?: string;
}

/**
 * Where AWS Config delivers configuration history and snapshots. AWS Config does not support delivery to
 * a bucket with S3 Object Lock (`HIPAABaseline-ConfigDeliveryBucketNotObjectLocked`), so this bucket is not
 * the Object Lock archive; instead no principal may delete an object or one of its versions (the bucket
 * policy denies it to everyone) and only the lifecycle expires them after the retention.
 * HIPAA 164.308(a)(1)(ii)(D), 164.312(b), 164.312(c)(1), 164.316(b)(2)(i).
 */
export class ConfigHistoryBucket extends s3.Bucket {
  constructor(scope: Construct, id: string, props: ConfigHistoryBucketProps) {
    super(scope, id, {
      ...secureBucketDefaults(),
      ...(props.bucketName
        ? { bucketName: props.bucketName, removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE }
        : {}),
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.encryptionKey,
      bucketKeyEnabled: true,
      serverAccessLogsBucket: props.accessLogBucket,
      serverAccessLogsPrefix: 'config-history/',
      lifecycleRules: [
        {
          id: 'retention',
          transitions: [
            { storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(90) },
          ],
          expiration: Duration.days(props.retentionDays),
          noncurrentVersionExpiration: Duration.days(props.retentionDays),
        },
      ],
    });
    Tags.of(this).add(ROLE_TAG, ROLES.configHistory);
    deliverEventsToEventBridge(this);
    this.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyDeletingConfigurationHistory',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        // Not s3:PutLifecycleConfiguration: CloudFormation must still update the retention.
        actions: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
        resources: [this.arnForObjects('*')],
      }),
    );
    recordControl(this.policy!.node.defaultChild as s3.CfnBucketPolicy, 'config-history-bucket-policy', [
      'PolicyDocument',
    ]);
    acknowledge(
      this,
      'HIPAA.Security-S3BucketReplicationEnabled',
      'Configuration history is reproducible from AWS Config, which keeps its own record; a cross-region copy adds nothing for audit.',
    );
    declareControls(this, {
      citations: ['164.308(a)(1)(ii)(D)', '164.312(b)', '164.316(b)(2)(i)'],
      statement: `AWS Config history is kept ${props.retentionDays} days in an encrypted, versioned, private bucket whose policy denies every principal the deletion of any object or version.`,
    });
  }
}
