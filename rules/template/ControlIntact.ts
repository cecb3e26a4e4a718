/**
 * HIPAABaseline-ControlIntact — every security control resource the app recorded in the template's
 * inventory (`hipaa-baseline:control-inventory`: trail, detector, recorder, delivery channel, hub and
 * standards, Macie, analyzers, Config rules, alarms, alert rules, vault locks…) is still in the final
 * template, of the same type, with the property values the construct intended — an escape hatch or an edit
 * that removes the control, or turns off multi-region logging, a GuardDuty protection plan or a Vault Lock,
 * is a finding. A template of this app (it records rule settings) without an inventory is a finding too.
 *
 * Scenarios:
 * - non-compliant: a recorded control removed or retyped (`[<LogicalId>]`); a recorded property changed or
 *   deleted (`[<LogicalId>.<Property>]`); the inventory removed from a template of this app
 * - compliant: every recorded control present as intended (additions are not judged here)
 */
import { CONTROL_INVENTORY_METADATA_KEY, type ControlInventory } from '../../lib/controls/control-inventory-metadata';
import { RULE_SETTINGS_METADATA_KEY } from '../rule';
import { TEMPLATE_LEVEL } from './RuleSettingsValid';
import type { TemplateRule, TemplateRuleFinding } from './rule';
import { canonicalJson } from './canonical-json';

export const ControlIntact: TemplateRule = {
  id: 'ControlIntact',
  level: 'error',
  info: 'A security control the baseline created is missing from the template or weaker than intended.',
  explanation:
    'The template Metadata records each detective and audit control with its intended settings. Restore the ' +
    'control or its settings; if the change is intended, acknowledge HIPAABaseline-ControlIntact[<id>] with a reason.',
  citations: ['164.312(b)', '164.308(a)(1)(ii)(D)', '164.308(a)(8)'],
  check({ resources, metadata }) {
    const inventory = metadata[CONTROL_INVENTORY_METADATA_KEY] as ControlInventory | undefined;
    if (inventory === undefined) {
      if (metadata[RULE_SETTINGS_METADATA_KEY] === undefined) return [];
      return [
        {
          logicalId: TEMPLATE_LEVEL,
          findingId: 'inventory',
          message: `The template of this app has no "${CONTROL_INVENTORY_METADATA_KEY}" Metadata: its controls cannot be checked.`,
        },
      ];
    }
    const findings: TemplateRuleFinding[] = [];
    for (const [logicalId, entry] of Object.entries(inventory)) {
      const resource = resources.get(logicalId);
      if (!resource || resource.Type !== entry.type) {
        findings.push({
          logicalId,
          findingId: logicalId,
          message: `Control ${entry.control} (${entry.type} ${logicalId}) ${resource ? `is now ${resource.Type}` : 'was removed'}.`,
        });
        continue;
      }
      for (const [property, intended] of Object.entries(entry.properties ?? {})) {
        if (canonicalJson(resource.Properties?.[property]) === canonicalJson(intended)) continue;
        findings.push({
          logicalId,
          findingId: `${logicalId}.${property}`,
          message: `Control ${entry.control} (${logicalId}): ${property} ${resource.Properties?.[property] === undefined ? 'was removed' : 'differs from the intended value'}.`,
        });
      }
    }
    return findings;
  },
};
