/**
 * HIPAABaseline-S3BucketAclsDisabled — every bucket disables access control lists (Object Ownership
 * BucketOwnerEnforced), so access is decided by IAM and the bucket policy alone. With ACLs enabled an object
 * writer keeps ownership of what it uploads and may grant it to another account by ACL, which neither the
 * public access block (public grants only) nor the bucket policy reviews.
 *
 * Scenarios:
 * - non-compliant: no OwnershipControls (ACLs enabled on buckets created before April 2023, and again by an
 *   override deleting the setting); ObjectWriter or BucketOwnerPreferred; a value given as an intrinsic
 * - compliant: OwnershipControls with the single rule BucketOwnerEnforced
 * - not applicable: other resource types
 */
import type { OwnRule } from './rule';

export const S3BucketAclsDisabled: OwnRule = {
  id: 'S3BucketAclsDisabled',
  level: 'error',
  info: 'The S3 bucket does not disable ACLs (Object Ownership is not BucketOwnerEnforced).',
  explanation:
    'With ACLs enabled, objects may be granted to other accounts by ACL, outside the bucket policy. Set ' +
    'objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED (OwnershipControls rule BucketOwnerEnforced); S3 server ' +
    'access logging works with it through the bucket policy.',
  citations: ['164.308(a)(4)(ii)(B)', '164.312(a)(1)'],
  configRules: ['S3_BUCKET_ACL_PROHIBITED'],
  check(resource) {
    if (resource.Type !== 'AWS::S3::Bucket') return 'not-applicable';
    const rules = resource.Properties?.OwnershipControls?.Rules;
    const enforced =
      Array.isArray(rules) &&
      rules.length > 0 &&
      rules.every((rule) => rule?.ObjectOwnership === 'BucketOwnerEnforced');
    return enforced ? 'compliant' : 'non-compliant';
  },
};
