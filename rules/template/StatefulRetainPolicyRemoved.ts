/**
 * HIPAABaseline-StatefulRetainPolicyRemoved — (guard, `check --baseline`) a data-holding resource that
 * the baseline retains (DeletionPolicy or UpdateReplacePolicy Retain, or Snapshot for databases) is no
 * longer retained, so deleting the stack or replacing the resource would destroy its data.
 *
 * Scenarios:
 * - non-compliant: DeletionPolicy or UpdateReplacePolicy changes from Retain/Snapshot to Delete or is removed
 * - no finding: policies that keep the data; resources the baseline did not retain (StatefulResourceRetained
 *   reports those on the template itself)
 */
import { OWN_PACK_NAME } from '../rule';
import type { ChangeRule } from './rule';

const ID = `${OWN_PACK_NAME}-StatefulRetainPolicyRemoved`;

export const StatefulRetainPolicyRemoved: ChangeRule = {
  id: 'StatefulRetainPolicyRemoved',
  level: 'error',
  info: 'A data-holding resource is no longer retained on delete or replace.',
  explanation:
    'The baseline retained the resource; without Retain (or Snapshot) CloudFormation destroys its data when the ' +
    'stack is deleted or the resource replaced. Restore RemovalPolicy.RETAIN, or acknowledge with a reason.',
  citations: ['164.308(a)(7)(ii)(A)', '164.310(d)(2)(iv)', '164.312(c)(1)'],
  check(changes) {
    return changes.flatMap((change) => {
      if (change.kind !== 'retain-removed') return [];
      return [
        {
          logicalId: change.logicalId,
          message:
            `${change.type} ${change.logicalId}: ${change.policy} changes from ${change.from} to ` +
            `${change.to ?? 'none (Delete)'}, so its data would be destroyed. If intended, acknowledge ${ID} ` +
            `on the resource with a reason (acknowledge(construct, '${ID}', '<why the data is safe>')).`,
        },
      ];
    });
  },
};
