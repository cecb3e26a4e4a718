import * as s3 from 'aws-cdk-lib/aws-s3';
import { S3BucketPublicAccessBlocked } from '../../rules/S3BucketPublicAccessBlocked';
import { evaluate, ruleStack } from '../helpers/rules';

const l1 = (bucket: s3.Bucket) => bucket.node.defaultChild as s3.CfnBucket;
const check = (resource: s3.CfnBucket) => evaluate(S3BucketPublicAccessBlocked, resource);

describe('HIPAABaseline-S3BucketPublicAccessBlocked', () => {
  test('non-compliant: the public access block deleted by an override', () => {
    const bucket = new s3.Bucket(ruleStack(), 'B', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
    l1(bucket).addDeletionOverride('Properties.PublicAccessBlockConfiguration');
    expect(check(l1(bucket))).toBe('non-compliant');
  });

  test('non-compliant: raw L1 bucket without a public access block', () => {
    expect(check(new s3.CfnBucket(ruleStack(), 'B'))).toBe('non-compliant');
  });

  test('non-compliant: one of the four settings off', () => {
    const bucket = new s3.Bucket(ruleStack(), 'B', {
      blockPublicAccess: new s3.BlockPublicAccess({
        blockPublicAcls: true,
        blockPublicPolicy: false,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      }),
    });
    expect(check(l1(bucket))).toBe('non-compliant');
  });

  test('compliant: L2 bucket blocking all public access', () => {
    const bucket = new s3.Bucket(ruleStack(), 'B', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
    expect(check(l1(bucket))).toBe('compliant');
  });

  test('compliant: raw L1 bucket with all four settings', () => {
    const all = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };
    expect(check(new s3.CfnBucket(ruleStack(), 'B', { publicAccessBlockConfiguration: all }))).toBe('compliant');
  });
});
