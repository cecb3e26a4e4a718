import { Duration } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ROLE_TAG, ROLES } from '../../lib/controls/tags';
import { AuditLogBucketObjectLock } from '../../rules/AuditLogBucketObjectLock';
import { evaluate, ruleStack } from '../helpers/rules';

function auditBucket(props: s3.BucketProps = {}): s3.CfnBucket {
  const bucket = new s3.Bucket(ruleStack(), 'B', props).node.defaultChild as s3.CfnBucket;
  bucket.tags.setTag(ROLE_TAG, ROLES.auditLog);
  return bucket;
}
const check = (resource: s3.CfnBucket) => evaluate(AuditLogBucketObjectLock, resource);
const years = (n: number): Partial<s3.CfnBucket> => ({
  objectLockConfiguration: {
    objectLockEnabled: 'Enabled',
    rule: { defaultRetention: { mode: 'COMPLIANCE', years: n } },
  },
});

describe('HIPAABaseline-AuditLogBucketObjectLock', () => {
  test('non-compliant: audit-log bucket without Object Lock', () => {
    expect(check(auditBucket())).toBe('non-compliant');
  });

  test('non-compliant: Object Lock without a default retention', () => {
    expect(check(auditBucket({ objectLockEnabled: true }))).toBe('non-compliant');
  });

  test('non-compliant: retention shorter than configured', () => {
    const bucket = auditBucket({ objectLockEnabled: true });
    Object.assign(bucket, years(3));
    expect(check(bucket)).toBe('non-compliant');
  });

  test('non-compliant: Object Lock removed by an override', () => {
    const bucket = auditBucket({ objectLockEnabled: true });
    Object.assign(bucket, years(6));
    bucket.addPropertyDeletionOverride('ObjectLockConfiguration');
    expect(check(bucket)).toBe('non-compliant');
  });

  test('compliant: L2 retention in days covering six years', () => {
    const bucket = auditBucket({
      objectLockEnabled: true,
      objectLockDefaultRetention: s3.ObjectLockRetention.governance(Duration.days(2192)),
    });
    expect(check(bucket)).toBe('compliant');
  });

  test('compliant: raw L1 retention in years', () => {
    const bucket = auditBucket({ objectLockEnabled: true });
    Object.assign(bucket, years(7));
    expect(check(bucket)).toBe('compliant');
  });

  test('not applicable: bucket without the audit-log role', () => {
    expect(check(new s3.Bucket(ruleStack(), 'B').node.defaultChild as s3.CfnBucket)).toBe('not-applicable');
  });
});
