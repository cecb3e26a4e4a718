/**
 * HIPAABaseline-DataDeletionProtection — databases and tables have the service's own deletion protection
 * on, in addition to the Retain policy (which only covers stack deletion).
 *
 * Scenarios:
 * - non-compliant: RDS cluster or standalone instance without DeletionProtection; DynamoDB table without
 *   DeletionProtectionEnabled
 * - compliant: the same with protection on
 * - not applicable: instances that belong to an Aurora cluster (the cluster carries the setting); other types
 */
import type { OwnRule } from './rule';

const on = (value: unknown) => value === true || value === 'true';

export const DataDeletionProtection: OwnRule = {
  id: 'DataDeletionProtection',
  level: 'error',
  info: 'The database or table does not have deletion protection enabled.',
  explanation:
    'Deletion protection stops an API call or console click from deleting PHI stores. Set deletionProtection: true.',
  citations: ['164.308(a)(7)(ii)(A)', '164.312(c)(1)'],
  configRules: ['RDS_CLUSTER_DELETION_PROTECTION_ENABLED'],
  check(resource) {
    const props = resource.Properties ?? {};
    switch (resource.Type) {
      case 'AWS::RDS::DBCluster':
        return on(props.DeletionProtection) ? 'compliant' : 'non-compliant';
      case 'AWS::RDS::DBInstance':
        if (props.DBClusterIdentifier) return 'not-applicable';
        return on(props.DeletionProtection) ? 'compliant' : 'non-compliant';
      case 'AWS::DynamoDB::Table':
        return on(props.DeletionProtectionEnabled) ? 'compliant' : 'non-compliant';
      default:
        return 'not-applicable';
    }
  },
};
