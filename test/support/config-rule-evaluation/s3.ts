import type { ConfigRuleIdentifier } from '../../../lib/controls/catalog.generated';
import {
  asArray,
  canonical,
  csvParameter,
  eachOfType,
  judge,
  props,
  refOf,
  resourcesOf,
  statements,
  type Located,
} from './template';
import type { Evaluator, RuleContext } from './types';

const BUCKET = 'AWS::S3::Bucket';

/** The statements of the bucket policy attached to a bucket. */
function policyOf(context: RuleContext, bucket: Located): any[] {
  return resourcesOf(context.stacks, 'AWS::S3::BucketPolicy')
    .filter((policy) => canonical(props(policy).Bucket, policy.stack, context.stacks) === refOf(bucket))
    .flatMap((policy) => statements(props(policy).PolicyDocument));
}

const everyone = (principal: any) => principal === '*' || asArray(principal?.AWS).includes('*');
const block = (bucket: Located) => props(bucket).PublicAccessBlockConfiguration ?? {};

/** Public read/write: block public access settings first, then Allow statements to everyone, then canned ACLs. */
function publicAccess(kind: 'read' | 'write'): Evaluator {
  const actions = kind === 'read' ? /^s3:(\*|Get|List)/ : /^s3:(\*|Put|Delete|Restore|Abort)/;
  const acls = kind === 'read' ? ['PublicRead', 'PublicReadWrite', 'AuthenticatedRead'] : ['PublicReadWrite'];
  return (context) =>
    eachOfType(
      context,
      BUCKET,
      (bucket) => {
        const settings = block(bucket);
        const policyOpen =
          settings.RestrictPublicBuckets !== true &&
          policyOf(context, bucket).some(
            (s) =>
              s.Effect === 'Allow' &&
              everyone(s.Principal) &&
              !s.Condition &&
              asArray<string>(s.Action).some((a) => a === '*' || actions.test(a)),
          );
        if (policyOpen) return `its bucket policy allows public ${kind} and RestrictPublicBuckets is off`;
        if (settings.IgnorePublicAcls !== true && acls.includes(props(bucket).AccessControl))
          return `its ACL ${props(bucket).AccessControl} grants public ${kind} and IgnorePublicAcls is off`;
        return undefined;
      },
      `block public access restricts public policies and ACLs; nothing grants public ${kind}`,
    );
}

const sseAlgorithms = (bucket: Located): string[] =>
  asArray<any>(props(bucket).BucketEncryption?.ServerSideEncryptionConfiguration).map(
    (rule) => rule.ServerSideEncryptionByDefault?.SSEAlgorithm,
  );

const versioned = (bucket: Located) => props(bucket).VersioningConfiguration?.Status === 'Enabled';

/** AWS Config managed rules over S3 buckets, judged from the bucket resources and their bucket policies. */
export const S3_EVALUATORS: Partial<Record<ConfigRuleIdentifier, Evaluator>> = {
  S3_BUCKET_ACL_PROHIBITED: (context) =>
    eachOfType(
      context,
      BUCKET,
      (bucket) =>
        asArray<any>(props(bucket).OwnershipControls?.Rules).some((r) => r.ObjectOwnership === 'BucketOwnerEnforced')
          ? undefined
          : 'ACLs are not disabled (object ownership is not BucketOwnerEnforced)',
      'ACLs are disabled (BucketOwnerEnforced)',
    ),
  S3_BUCKET_DEFAULT_LOCK_ENABLED: (context) => {
    const mode = context.rule.parameters.mode;
    return eachOfType(
      context,
      BUCKET,
      (bucket) => {
        const lock = props(bucket).ObjectLockConfiguration;
        if (props(bucket).ObjectLockEnabled !== true || lock?.ObjectLockEnabled !== 'Enabled')
          return 'Object Lock is not enabled';
        if (mode && lock.Rule?.DefaultRetention?.Mode !== mode)
          return `default retention is not in ${String(mode)} mode`;
        return undefined;
      },
      'Object Lock is enabled with a default retention',
    );
  },
  S3_BUCKET_LOGGING_ENABLED: (context) =>
    eachOfType(
      context,
      BUCKET,
      (bucket) =>
        props(bucket).LoggingConfiguration?.DestinationBucketName ? undefined : 'server access logging is off',
      'server access logging delivers to a log bucket',
    ),
  S3_BUCKET_PUBLIC_READ_PROHIBITED: publicAccess('read'),
  S3_BUCKET_PUBLIC_WRITE_PROHIBITED: publicAccess('write'),
  S3_BUCKET_REPLICATION_ENABLED: (context) =>
    eachOfType(
      context,
      BUCKET,
      (bucket) =>
        asArray<any>(props(bucket).ReplicationConfiguration?.Rules).some((rule) => rule.Status === 'Enabled')
          ? undefined
          : 'no enabled replication rule',
      'an enabled replication rule copies its objects',
    ),
  S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED: (context) =>
    eachOfType(
      context,
      BUCKET,
      (bucket) => (sseAlgorithms(bucket).length > 0 ? undefined : 'no default encryption'),
      'default encryption is configured',
    ),
  S3_BUCKET_SSL_REQUESTS_ONLY: (context) =>
    eachOfType(
      context,
      BUCKET,
      (bucket) =>
        policyOf(context, bucket).some(
          (s) =>
            s.Effect === 'Deny' &&
            everyone(s.Principal) &&
            asArray<string>(s.Action).some((a) => a === 's3:*' || a === '*') &&
            String(s.Condition?.Bool?.['aws:SecureTransport']) === 'false',
        )
          ? undefined
          : 'the bucket policy does not deny requests without TLS',
      'the bucket policy denies every request without TLS',
    ),
  S3_BUCKET_VERSIONING_ENABLED: (context) =>
    eachOfType(
      context,
      BUCKET,
      (bucket) => (versioned(bucket) ? undefined : 'versioning is not enabled'),
      'versioning is enabled',
    ),
  S3_DEFAULT_ENCRYPTION_KMS: (context) => {
    const allowed = csvParameter(context, 'kmsKeyArns');
    return eachOfType(
      context,
      BUCKET,
      (bucket) => {
        const rules = asArray<any>(props(bucket).BucketEncryption?.ServerSideEncryptionConfiguration);
        const kms = rules.find((rule) =>
          String(rule.ServerSideEncryptionByDefault?.SSEAlgorithm).startsWith('aws:kms'),
        );
        if (!kms) return `default encryption is ${sseAlgorithms(bucket).join(', ') || 'not set'}, not SSE-KMS`;
        const key = canonical(kms.ServerSideEncryptionByDefault.KMSMasterKeyID, bucket.stack, context.stacks);
        return allowed.length > 0 && !allowed.includes(key) ? 'its key is not one of kmsKeyArns' : undefined;
      },
      'default encryption is SSE-KMS',
    );
  },
  S3_EVENT_NOTIFICATIONS_ENABLED: (context) =>
    eachOfType(
      context,
      BUCKET,
      (bucket) => {
        const n = props(bucket).NotificationConfiguration ?? {};
        const configured =
          n.EventBridgeConfiguration?.EventBridgeEnabled === true ||
          ['TopicConfigurations', 'QueueConfigurations', 'LambdaConfigurations'].some((k) => asArray(n[k]).length > 0);
        return configured ? undefined : 'no event notification is configured';
      },
      'event notifications are configured',
    ),
  S3_VERSION_LIFECYCLE_POLICY_CHECK: (context) =>
    resourcesOf(context.stacks, BUCKET).map((bucket) => {
      if (!versioned(bucket)) return judge(context, bucket, 'NOT_APPLICABLE', 'versioning is not enabled');
      const rules = asArray<any>(props(bucket).LifecycleConfiguration?.Rules).filter((r) => r.Status === 'Enabled');
      return rules.length > 0
        ? judge(context, bucket, 'COMPLIANT', 'a lifecycle rule manages its versions')
        : judge(context, bucket, 'NON_COMPLIANT', 'a versioned bucket without a lifecycle rule');
    }),
};
