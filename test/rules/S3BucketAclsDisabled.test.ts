import * as s3 from 'aws-cdk-lib/aws-s3';
import { S3BucketAclsDisabled } from '../../rules/S3BucketAclsDisabled';
import { evaluate, ruleStack } from '../helpers/rules';

const l1 = (bucket: s3.Bucket) => bucket.node.defaultChild as s3.CfnBucket;
const check = (resource: s3.CfnBucket) => evaluate(S3BucketAclsDisabled, resource);

describe('HIPAABaseline-S3BucketAclsDisabled', () => {
  test('non-compliant: raw L1 bucket without OwnershipControls', () => {
    expect(check(new s3.CfnBucket(ruleStack(), 'B'))).toBe('non-compliant');
  });

  test.each([s3.ObjectOwnership.OBJECT_WRITER, s3.ObjectOwnership.BUCKET_OWNER_PREFERRED])(
    'non-compliant: Object Ownership %s (ACLs enabled)',
    (objectOwnership) => {
      expect(check(l1(new s3.Bucket(ruleStack(), 'B', { objectOwnership })))).toBe('non-compliant');
    },
  );

  test('non-compliant: BucketOwnerEnforced replaced by an override', () => {
    const bucket = new s3.Bucket(ruleStack(), 'B', { objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED });
    l1(bucket).addPropertyOverride('OwnershipControls.Rules.0.ObjectOwnership', 'ObjectWriter');
    expect(check(l1(bucket))).toBe('non-compliant');
  });

  test('non-compliant: the setting given as an intrinsic', () => {
    const bucket = new s3.CfnBucket(ruleStack(), 'B', {
      ownershipControls: { rules: [{ objectOwnership: { 'Fn::ImportValue': 'ownership' } as unknown as string }] },
    });
    expect(check(bucket)).toBe('non-compliant');
  });

  test('compliant: L2 bucket with BucketOwnerEnforced', () => {
    const bucket = new s3.Bucket(ruleStack(), 'B', { objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED });
    expect(check(l1(bucket))).toBe('compliant');
  });

  test('not applicable: other resource types', () => {
    expect(
      evaluate(S3BucketAclsDisabled, new s3.CfnBucketPolicy(ruleStack(), 'P', { bucket: 'b', policyDocument: {} })),
    ).toBe('not-applicable');
  });
});
