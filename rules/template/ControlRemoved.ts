/**
 * HIPAABaseline-ControlRemoved — (guard, `check --baseline`) a security control the baseline template
 * recorded in its control inventory (detector, recorder, delivery channel, trail, Config rule or pack, hub,
 * standard, analyzer, alarm, alert rule, vault lock, flow log…) is gone from the new template, or its whole
 * stack is — even when the new template's inventory was edited to match.
 *
 * Scenarios:
 * - non-compliant: a recorded control resource removed or retyped; its stack removed
 * - no finding: controls still present (their settings are judged by ControlIntact); new controls
 */
import { OWN_PACK_NAME } from '../rule';
import type { ChangeRule } from './rule';

export const ControlRemoved: ChangeRule = {
  id: 'ControlRemoved',
  level: 'error',
  info: 'A security control of the baseline is removed.',
  explanation:
    'Removing a detective or audit control (a trail, detector, recorder, Config rule, alarm…) leaves PHI ' +
    'unwatched. If the removal is intended, acknowledge the finding id on the stack with a reason.',
  citations: ['164.312(b)', '164.308(a)(1)(ii)(D)', '164.308(a)(8)'],
  check(changes) {
    return changes.flatMap((change) => {
      if (change.kind !== 'control-removed') return [];
      const id = `${OWN_PACK_NAME}-${ControlRemoved.id}[${change.logicalId}]`;
      return [
        {
          logicalId: change.logicalId,
          findingId: change.logicalId,
          message:
            `Control ${change.control} (${change.type} ${change.logicalId}) is removed. If intended, acknowledge ` +
            `${id} on the stack with a reason (acknowledge(stack, '${id}', '<why the account stays watched>')).`,
        },
      ];
    });
  },
};
