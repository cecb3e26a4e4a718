import * as config from 'aws-cdk-lib/aws-config';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ConfigDeliveryBucketNotObjectLocked } from '../../rules/ConfigDeliveryBucketNotObjectLocked';
import { evaluate, ruleStack } from '../helpers/rules';

function channelTo(bucketProps: s3.BucketProps) {
  const stack = ruleStack();
  const bucket = new s3.Bucket(stack, 'B', bucketProps);
  const channel = new config.CfnDeliveryChannel(stack, 'C', { s3BucketName: bucket.bucketName });
  return { bucket, channel };
}

describe('HIPAABaseline-ConfigDeliveryBucketNotObjectLocked', () => {
  test('non-compliant: the delivery bucket has Object Lock (L2)', () => {
    const { channel } = channelTo({ objectLockEnabled: true });
    expect(evaluate(ConfigDeliveryBucketNotObjectLocked, channel)).toBe('non-compliant');
  });

  test('non-compliant: Object Lock added to the bucket by an override (L1)', () => {
    const { bucket, channel } = channelTo({});
    (bucket.node.defaultChild as s3.CfnBucket).addPropertyOverride('ObjectLockConfiguration', {
      ObjectLockEnabled: 'Enabled',
    });
    expect(evaluate(ConfigDeliveryBucketNotObjectLocked, channel)).toBe('non-compliant');
  });

  test('compliant: the delivery bucket has no Object Lock', () => {
    const { channel } = channelTo({ versioned: true });
    expect(evaluate(ConfigDeliveryBucketNotObjectLocked, channel)).toBe('compliant');
  });

  test('not applicable: a bucket outside the template, or another resource type', () => {
    const stack = ruleStack();
    const channel = new config.CfnDeliveryChannel(stack, 'C', { s3BucketName: 'central-config-logs' });
    expect(evaluate(ConfigDeliveryBucketNotObjectLocked, channel)).toBe('not-applicable');
    const bucket = new s3.Bucket(stack, 'B', { objectLockEnabled: true });
    expect(evaluate(ConfigDeliveryBucketNotObjectLocked, bucket.node.defaultChild as s3.CfnBucket)).toBe(
      'not-applicable',
    );
  });
});
