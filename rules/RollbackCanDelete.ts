/**
 * HIPAABaseline-RollbackCanDelete — two ways the rollback of a failed creation ends in ROLLBACK_FAILED:
 * (a) a resource with deletion protection whose DeletionPolicy makes CloudFormation try to delete it
 *     (anything but Retain): the deletion is refused;
 * (b) a resource kept by the rollback (DeletionPolicy Retain) that uses a resource of the same template whose
 *     deletion fails while something uses it (a DB subnet or parameter group, a security group, a subnet):
 *     CloudFormation tries to delete the used one, and cannot.
 *
 * Scenarios:
 * - non-compliant: deletion-protected cluster, instance or table with Snapshot, Delete, RetainExceptOnCreate or
 *   no DeletionPolicy; a retained cluster using a subnet group or parameter group that is not retained
 * - compliant: deletion protection with Retain; everything a retained resource uses is retained too
 * - not applicable: no deletion protection and nothing retained that uses an in-use-protected resource
 * Findings: `[DeletionPolicy-<policy>]` for (a), `[<LogicalIdOfTheUsedResource>]` for (b).
 */
import type { OwnRule, TemplateResource } from './rule';
import { referencedIds } from './rule';

type Resources = ReadonlyMap<string, TemplateResource>;

/** Where each type turns deletion protection on. */
const PROTECTED: Readonly<Record<string, (p: Record<string, any>) => boolean>> = {
  'AWS::RDS::DBCluster': (p) => p.DeletionProtection === true || p.DeletionProtection === 'true',
  'AWS::RDS::DBInstance': (p) => p.DeletionProtection === true || p.DeletionProtection === 'true',
  'AWS::DocDB::DBCluster': (p) => p.DeletionProtection === true || p.DeletionProtection === 'true',
  'AWS::Neptune::DBCluster': (p) => p.DeletionProtection === true || p.DeletionProtection === 'true',
  'AWS::DynamoDB::Table': (p) => p.DeletionProtectionEnabled === true || p.DeletionProtectionEnabled === 'true',
  'AWS::ElasticLoadBalancingV2::LoadBalancer': (p) =>
    (p.LoadBalancerAttributes ?? []).some(
      (a: { Key?: string; Value?: unknown }) => a.Key === 'deletion_protection.enabled' && String(a.Value) === 'true',
    ),
};

/** Types whose deletion fails while another resource still uses them. */
const DELETION_BLOCKED_WHILE_USED = new Set([
  'AWS::RDS::DBSubnetGroup',
  'AWS::RDS::DBClusterParameterGroup',
  'AWS::RDS::DBParameterGroup',
  'AWS::RDS::OptionGroup',
  'AWS::EC2::SecurityGroup',
  'AWS::EC2::Subnet',
  'AWS::ElastiCache::SubnetGroup',
  'AWS::DocDB::DBSubnetGroup',
  'AWS::Neptune::DBSubnetGroup',
]);

function problems(resource: TemplateResource, resources: Resources): string[] {
  const found: string[] = [];
  const policy = resource.DeletionPolicy ?? 'Delete';
  if (PROTECTED[resource.Type]?.(resource.Properties ?? {}) && policy !== 'Retain') {
    found.push(`DeletionPolicy-${policy}`);
  }
  if (policy === 'Retain') {
    for (const id of new Set(referencedIds(resource.Properties))) {
      const used = resources.get(id);
      if (used && DELETION_BLOCKED_WHILE_USED.has(used.Type) && used.DeletionPolicy !== 'Retain') {
        found.push(id);
      }
    }
  }
  return found;
}

export const RollbackCanDelete: OwnRule = {
  id: 'RollbackCanDelete',
  level: 'error',
  info: 'The rollback of a failed first deploy cannot delete what it must, and the stack ends in ROLLBACK_FAILED.',
  explanation:
    'Give deletion-protected resources DeletionPolicy Retain (CloudFormation cannot delete them), and retain what a ' +
    'retained resource keeps using (its subnet group, parameter groups, security groups).',
  citations: ['164.308(a)(7)(ii)(B)', '164.308(a)(7)(ii)(C)'],
  check(resource, { resources }) {
    const protectedOn = PROTECTED[resource.Type]?.(resource.Properties ?? {}) ?? false;
    if (!protectedOn && resource.DeletionPolicy !== 'Retain') return 'not-applicable';
    return problems(resource, resources).length > 0 ? 'non-compliant' : 'compliant';
  },
  findings: (resource, { resources }) => problems(resource, resources),
};
