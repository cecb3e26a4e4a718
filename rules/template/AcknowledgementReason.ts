/**
 * HIPAABaseline-AcknowledgementReason — every acknowledgement (suppression) written into resource
 * Metadata (`cdk_nag.rules_to_suppress`) names a rule and explains itself in at least 20 characters.
 * The helper enforces this in CDK code; a template edited by hand, or produced elsewhere, may not.
 * Such an acknowledgement suppresses nothing.
 *
 * Scenarios:
 * - non-compliant: no reason; an empty or blank reason; a reason under 20 characters; an entry
 *   without a rule id; rules_to_suppress that is not a list
 * - compliant: every entry has an id and a reason of at least 20 characters (trimmed)
 * - not applicable: resources without acknowledgements
 */
import { MIN_REASON_LENGTH } from '../../lib/controls/acknowledge-metadata';
import type { TemplateRule, TemplateRuleFinding } from './rule';

export const AcknowledgementReason: TemplateRule = {
  id: 'AcknowledgementReason',
  level: 'error',
  info: 'An acknowledgement in the template has no rule id or no reason of at least 20 characters.',
  explanation:
    'Auditors read acknowledgements as the register of accepted exceptions: each must say which rule it ' +
    'accepts and why. Acknowledge only through lib/controls/acknowledge.ts, with a reason of at least 20 characters.',
  citations: ['164.308(a)(1)(ii)(B)', '164.316(b)(1)'],
  check({ resources }) {
    const findings: TemplateRuleFinding[] = [];
    for (const [logicalId, resource] of resources) {
      const entries = resource.Metadata?.cdk_nag?.rules_to_suppress;
      if (entries === undefined) continue;
      if (!Array.isArray(entries)) {
        findings.push({ logicalId, message: 'Metadata cdk_nag.rules_to_suppress is not a list of {id, reason}.' });
        continue;
      }
      for (const entry of entries) {
        const id = typeof entry?.id === 'string' && entry.id.trim() !== '' ? entry.id : undefined;
        const reason = typeof entry?.reason === 'string' ? entry.reason.trim() : '';
        if (!id) {
          findings.push({ logicalId, message: 'An acknowledgement names no rule id.' });
        } else if (reason.length < MIN_REASON_LENGTH) {
          const given = reason === '' ? 'no reason' : `a reason of ${reason.length} characters ("${reason}")`;
          findings.push({
            logicalId,
            message: `Acknowledgement of ${id} has ${given}; at least ${MIN_REASON_LENGTH} characters are required, so it suppresses nothing.`,
          });
        }
      }
    }
    return findings;
  },
};
