/**
 * HIPAABaseline-StatefulResourceReplaced — (guard, `check --baseline`) a data-holding resource of the
 * baseline would be replaced: a property that cannot change in place changes (`BucketName changes →
 * replacement`), its type changes, or its logical id changes (CloudFormation sees a new resource and
 * removes the old one). The new resource starts empty.
 *
 * A change CloudFormation refuses outright (a KMS key's KeySpec or KeyUsage: "the update request fails")
 * is reported too: it cannot be applied, and forcing it would mean a new key.
 *
 * Scenarios:
 * - non-compliant: a property change that will or may replace, or that CloudFormation refuses (create-only
 *   properties of the resource schemas, and those their documentation says cannot change after creation);
 *   a logical id change (the removed and
 *   the added resource of the same type are paired); a type change
 * - no finding: in-place updates; additions; changes to non-stateful resources
 */
import { OWN_PACK_NAME } from '../rule';
import type { ChangeRule } from './rule';

const ID = `${OWN_PACK_NAME}-StatefulResourceReplaced`;
const HOW = `If intended, acknowledge ${ID} on the new resource with a reason (acknowledge(construct, '${ID}', '<why the data is safe>')).`;

export const StatefulResourceReplaced: ChangeRule = {
  id: 'StatefulResourceReplaced',
  level: 'error',
  info: 'A data-holding resource of the baseline would be replaced.',
  explanation:
    'Replacement creates a new, empty resource and deletes (or orphans) the old one with its data. Keep logical ' +
    'ids and immutable properties stable; if the replacement is intended, acknowledge it on the new resource.',
  citations: ['164.308(a)(7)(ii)(A)', '164.310(d)(2)(iv)', '164.312(c)(1)'],
  check(changes) {
    return changes.flatMap((change) => {
      if (change.kind === 'replaced') {
        return [
          {
            logicalId: change.logicalId,
            message: `${change.type} ${change.logicalId} would be replaced or its update refused: ${change.causes.join('; ')}. ${HOW}`,
          },
        ];
      }
      if (change.kind === 'renamed') {
        return [
          {
            logicalId: change.logicalId,
            message:
              `${change.type} ${change.logicalId} would be replaced: logical id changed ` +
              `(${change.oldLogicalId} → ${change.logicalId}), so CloudFormation creates a new resource and ` +
              `removes ${change.oldLogicalId}. ${HOW}`,
          },
        ];
      }
      return [];
    });
  },
};
