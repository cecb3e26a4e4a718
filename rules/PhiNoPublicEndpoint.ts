/**
 * HIPAABaseline-PhiNoPublicEndpoint — a resource tagged DataClassification=PHI has no public endpoint.
 *
 * Scenarios:
 * - non-compliant: PHI DB instance or Redshift cluster PubliclyAccessible true; PHI bucket whose public
 *   access block is missing or partial; PHI OpenSearch domain outside a VPC; PHI instance with a public IP
 * - compliant: the same resources private
 * - not applicable: resources not tagged PHI; types without a public endpoint setting
 */
import { DATA_CLASSIFICATION_TAG, PHI } from '../lib/controls/tags';
import { hasTag, type OwnRule } from './rule';

const PRIVATE: Record<string, (p: Record<string, any>) => boolean> = {
  'AWS::RDS::DBInstance': (p) => p.PubliclyAccessible !== true && p.PubliclyAccessible !== 'true',
  'AWS::Redshift::Cluster': (p) => p.PubliclyAccessible !== true && p.PubliclyAccessible !== 'true',
  'AWS::S3::Bucket': (p) => {
    const block = p.PublicAccessBlockConfiguration ?? {};
    return ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'].every(
      (k) => block[k] === true,
    );
  },
  'AWS::OpenSearchService::Domain': (p) => p.VPCOptions?.SubnetIds !== undefined,
  'AWS::EC2::Instance': (p) =>
    !(p.NetworkInterfaces ?? []).some(
      (n: any) => n.AssociatePublicIpAddress === true || n.AssociatePublicIpAddress === 'true',
    ),
};

export const PhiNoPublicEndpoint: OwnRule = {
  id: 'PhiNoPublicEndpoint',
  level: 'error',
  info: 'The PHI resource has (or may have) a public endpoint.',
  explanation:
    'PHI stores must be reachable only from private networks. Keep them in the data tier without public access.',
  citations: ['164.312(a)(1)', '164.312(e)(1)', '164.308(a)(4)(ii)(A)'],
  configRules: [
    'RDS_INSTANCE_PUBLIC_ACCESS_CHECK',
    'S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED',
    'REDSHIFT_CLUSTER_PUBLIC_ACCESS_CHECK',
  ],
  check(resource) {
    const isPrivate = PRIVATE[resource.Type];
    if (!isPrivate || !hasTag(resource, DATA_CLASSIFICATION_TAG, PHI)) return 'not-applicable';
    return isPrivate(resource.Properties ?? {}) ? 'compliant' : 'non-compliant';
  },
};
