import { RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';

/**
 * Settings every bucket of the baseline shares: no public access (HIPAA 164.312(a)(1); AWS Config
 * S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED), ACLs disabled (S3_BUCKET_ACL_PROHIBITED), TLS 1.2+ only
 * (164.312(e)(1); S3_BUCKET_SSL_REQUESTS_ONLY), versioned (164.312(c)(1); S3_BUCKET_VERSIONING_ENABLED),
 * retained when the stack is deleted.
 */
export function secureBucketDefaults(): Pick<
  s3.BucketProps,
  'blockPublicAccess' | 'objectOwnership' | 'enforceSSL' | 'minimumTLSVersion' | 'versioned' | 'removalPolicy'
> {
  return {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    versioned: true,
    removalPolicy: RemovalPolicy.RETAIN,
  };
}

/**
 * Sends every event of the bucket to EventBridge (object created, deleted, restored, lifecycle…), so rules
 * can alert on deletions or overwrites of logs and PHI. Set natively on the bucket: the L2 switch deploys a
 * notifications custom resource (a Lambda). HIPAA 164.312(b); AWS Config S3_EVENT_NOTIFICATIONS_ENABLED.
 */
export function deliverEventsToEventBridge(bucket: s3.Bucket): void {
  (bucket.node.defaultChild as s3.CfnBucket).notificationConfiguration = {
    eventBridgeConfiguration: { eventBridgeEnabled: true },
  };
}
