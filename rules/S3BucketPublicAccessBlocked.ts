/**
 * HIPAABaseline-S3BucketPublicAccessBlocked — every bucket blocks public access with all four
 * PublicAccessBlockConfiguration settings. cdk-nag's S3BucketLevelPublicAccessProhibited passes a bucket
 * without the configuration (new buckets block public access by default), but deleting the configuration
 * from an existing bucket's template (an escape hatch, a hand edit) removes the block on deployment.
 *
 * Scenarios:
 * - non-compliant: no PublicAccessBlockConfiguration (also deleted by an override); any of the four false
 *   or missing; a setting given as an unresolvable intrinsic
 * - compliant: BlockPublicAcls, BlockPublicPolicy, IgnorePublicAcls and RestrictPublicBuckets all true
 * - not applicable: other resource types
 */
import type { OwnRule } from './rule';

const SETTINGS = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'];

export const S3BucketPublicAccessBlocked: OwnRule = {
  id: 'S3BucketPublicAccessBlocked',
  level: 'error',
  info: 'The S3 bucket does not block public access with all four public access block settings.',
  explanation:
    'Buckets holding PHI or audit logs must never become public through an ACL or a bucket policy. Set ' +
    'blockPublicAccess: BlockPublicAccess.BLOCK_ALL (PublicAccessBlockConfiguration with all four settings true).',
  citations: ['164.308(a)(3)(i)', '164.308(a)(4)(ii)(A)', '164.312(a)(1)', '164.312(e)(1)'],
  configRules: ['S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED'],
  check(resource) {
    if (resource.Type !== 'AWS::S3::Bucket') return 'not-applicable';
    const block = resource.Properties?.PublicAccessBlockConfiguration;
    return SETTINGS.every((setting) => block?.[setting] === true || block?.[setting] === 'true')
      ? 'compliant'
      : 'non-compliant';
  },
};
