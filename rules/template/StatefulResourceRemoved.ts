/**
 * HIPAABaseline-StatefulResourceRemoved — (guard, `check --baseline`) a data-holding resource of the
 * baseline is gone from the new template: CloudFormation deletes it with its data, or, when it is
 * retained, orphans it (the data stays, unmanaged, and nothing in the stack protects it any more).
 *
 * Scenarios:
 * - non-compliant: a stateful resource removed (deleted or orphaned); its whole stack removed
 * - no finding: non-stateful resources removed; a removal paired with an addition (see StatefulResourceReplaced)
 */
import { OWN_PACK_NAME } from '../rule';
import type { ChangeRule } from './rule';

export const StatefulResourceRemoved: ChangeRule = {
  id: 'StatefulResourceRemoved',
  level: 'error',
  info: 'A data-holding resource of the baseline is removed.',
  explanation:
    'Removing a bucket, key, log group, database, table or vault deletes its data (or, when retained, leaves it ' +
    'unmanaged). If the removal is intended, acknowledge the finding id on the stack with a reason.',
  citations: ['164.308(a)(7)(ii)(A)', '164.310(d)(2)(iv)', '164.312(c)(1)'],
  check(changes) {
    return changes.flatMap((change) => {
      if (change.kind !== 'removed') return [];
      const fate = change.retained
        ? 'CloudFormation orphans it (DeletionPolicy Retain): its data stays behind, no longer managed or protected by the stack'
        : 'CloudFormation deletes it and its data';
      const id = `${OWN_PACK_NAME}-${StatefulResourceRemoved.id}[${change.logicalId}]`;
      return [
        {
          logicalId: change.logicalId,
          findingId: change.logicalId,
          message:
            `${change.type} ${change.logicalId} is removed: ${fate}. If intended, acknowledge ${id} ` +
            `on the stack with a reason (acknowledge(stack, '${id}', '<why the data is safe>')).`,
        },
      ];
    });
  },
};
