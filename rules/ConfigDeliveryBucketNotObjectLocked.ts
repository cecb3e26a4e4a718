/**
 * HIPAABaseline-ConfigDeliveryBucketNotObjectLocked — AWS Config does not support a delivery channel to an
 * S3 bucket with Object Lock enabled: PutDeliveryChannel or the deliveries fail, and configuration history
 * (the evidence of what the account looked like) is not recorded.
 *
 * Scenarios:
 * - non-compliant: the delivery channel's bucket (Ref to a bucket of the same template) has
 *   ObjectLockEnabled true or an Object Lock configuration, also when set by an override
 * - compliant: the bucket has no Object Lock
 * - not applicable: other resource types; a bucket outside the template (a name, an import)
 */
import { referencedIds, type OwnRule } from './rule';

export const ConfigDeliveryBucketNotObjectLocked: OwnRule = {
  id: 'ConfigDeliveryBucketNotObjectLocked',
  level: 'error',
  info: 'The AWS Config delivery channel delivers to a bucket with S3 Object Lock, which AWS Config does not support.',
  explanation:
    'AWS Config cannot deliver configuration history to an Object Lock bucket, so recording evidence stops. ' +
    'Deliver to a bucket without Object Lock that denies deletion in its bucket policy (ConfigHistoryBucket).',
  citations: ['164.308(a)(1)(ii)(D)', '164.312(b)'],
  check(resource, { resources }) {
    if (resource.Type !== 'AWS::Config::DeliveryChannel') return 'not-applicable';
    const bucket = referencedIds(resource.Properties?.S3BucketName)
      .map((id) => resources.get(id))
      .find((r) => r?.Type === 'AWS::S3::Bucket');
    if (!bucket) return 'not-applicable';
    const props = bucket.Properties ?? {};
    const locked =
      props.ObjectLockEnabled === true ||
      props.ObjectLockEnabled === 'true' ||
      props.ObjectLockConfiguration?.ObjectLockEnabled === 'Enabled';
    return locked ? 'non-compliant' : 'compliant';
  },
};
