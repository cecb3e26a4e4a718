/**
 * HIPAABaseline-RDSForcesTls — PostgreSQL and MySQL databases use a parameter group in the template that
 * forces TLS (`rds.force_ssl = 1`, `require_secure_transport = ON`).
 *
 * Scenarios:
 * - non-compliant: cluster or instance with no parameter group (engine default allows plain text); with a
 *   group that does not force TLS; with a group not in the template (cannot be verified)
 * - compliant: cluster/instance referencing a group in the template that forces TLS
 * - not applicable: other engines (e.g. SQL Server has its own setting), instances inside an Aurora cluster
 */
import { referencedIds, type OwnRule, type TemplateResource } from './rule';

const forcesTls = (group: TemplateResource | undefined) => {
  const params = group?.Properties?.Parameters ?? {};
  return (
    ['1', 1, true, 'true'].includes(params['rds.force_ssl']) ||
    ['ON', 'on', '1', 1].includes(params.require_secure_transport)
  );
};

export const RDSForcesTls: OwnRule = {
  id: 'RDSForcesTls',
  level: 'error',
  info: 'The database does not use a parameter group that forces TLS.',
  explanation:
    'Database connections carry PHI and must be encrypted in transit. Attach a parameter group with rds.force_ssl=1 ' +
    '(PostgreSQL) or require_secure_transport=ON (MySQL).',
  citations: ['164.312(e)(1)', '164.312(e)(2)(ii)'],
  check(resource, { resources }) {
    const props = resource.Properties ?? {};
    const engine = String(props.Engine ?? '');
    if (!/postgres|mysql|mariadb/.test(engine)) return 'not-applicable';
    let groupRef: unknown;
    if (resource.Type === 'AWS::RDS::DBCluster') groupRef = props.DBClusterParameterGroupName;
    else if (resource.Type === 'AWS::RDS::DBInstance' && !props.DBClusterIdentifier)
      groupRef = props.DBParameterGroupName;
    else return 'not-applicable';
    const [groupId] = referencedIds(groupRef);
    return groupId && forcesTls(resources.get(groupId)) ? 'compliant' : 'non-compliant';
  },
};
