/**
 * HIPAABaseline-AuditLogBucketObjectLock — buckets tagged `hipaa-baseline:role=audit-log` have S3 Object
 * Lock with a default retention of at least the configured years, so audit logs cannot be altered or
 * deleted early.
 *
 * Scenarios:
 * - non-compliant: audit-log bucket without ObjectLockEnabled; without a default retention rule;
 *   with a default retention shorter than auditLogRetentionYears
 * - compliant: ObjectLockEnabled with DefaultRetention Years or Days covering the configured years
 * - not applicable: buckets with another role; other resource types
 */
import { ROLE_TAG, ROLES } from '../lib/controls/tags';
import { tagValue, type OwnRule } from './rule';

export const AuditLogBucketObjectLock: OwnRule = {
  id: 'AuditLogBucketObjectLock',
  level: 'error',
  info: 'The audit-log bucket does not lock objects for the configured audit-log retention.',
  explanation:
    'Audit logs must be immutable for the retention period (hipaaBaseline.auditLogRetentionYears). Enable ' +
    'Object Lock with a default retention rule of at least that many years.',
  citations: ['164.312(b)', '164.312(c)(1)', '164.316(b)(2)(i)'],
  configRules: ['S3_BUCKET_DEFAULT_LOCK_ENABLED'],
  check(resource, { settings }) {
    if (resource.Type !== 'AWS::S3::Bucket' || tagValue(resource, ROLE_TAG) !== ROLES.auditLog) return 'not-applicable';
    const props = resource.Properties ?? {};
    const retention = props.ObjectLockConfiguration?.Rule?.DefaultRetention;
    if (
      props.ObjectLockEnabled !== true ||
      props.ObjectLockConfiguration?.ObjectLockEnabled !== 'Enabled' ||
      !retention
    ) {
      return 'non-compliant';
    }
    const days = retention.Years !== undefined ? Number(retention.Years) * 365 : Number(retention.Days);
    return days >= settings.auditLogRetentionYears * 365 ? 'compliant' : 'non-compliant';
  },
};
