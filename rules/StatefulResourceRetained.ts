/**
 * HIPAABaseline-StatefulResourceRetained — resources that hold data keep it when the stack deletes or
 * replaces them: DeletionPolicy and UpdateReplacePolicy Retain (Snapshot where the service supports it).
 *
 * Scenarios:
 * - non-compliant: no DeletionPolicy (CloudFormation deletes); DeletionPolicy Delete;
 *   UpdateReplacePolicy missing or Delete; Snapshot on a type that cannot snapshot
 * - compliant: Retain / RetainExceptOnCreate; Snapshot on databases and volumes
 * - not applicable: resource types that hold no data; instances that are members of an Aurora cluster
 */
import { holdsData, keepsData } from '../lib/controls/stateful-types';
import type { OwnRule } from './rule';

export const StatefulResourceRetained: OwnRule = {
  id: 'StatefulResourceRetained',
  level: 'error',
  info: 'The data-holding resource is not retained when the stack deletes or replaces it.',
  explanation:
    'Deleting a stack or replacing a resource must never destroy PHI, audit logs or the keys that decrypt them. ' +
    'Set removalPolicy: RemovalPolicy.RETAIN (DeletionPolicy and UpdateReplacePolicy Retain, or Snapshot for databases).',
  citations: ['164.308(a)(7)(ii)(A)', '164.310(d)(2)(iv)', '164.312(c)(1)'],
  check(resource) {
    // An Aurora cluster member holds no data of its own: the cluster does (and is checked).
    if (!holdsData(resource)) return 'not-applicable';
    return keepsData(resource.Type, resource.DeletionPolicy) && keepsData(resource.Type, resource.UpdateReplacePolicy)
      ? 'compliant'
      : 'non-compliant';
  },
};
