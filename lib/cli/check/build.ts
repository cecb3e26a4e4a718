import { basename } from 'node:path';
import { OWN_PACK_NAME } from '../../../rules';
import { CHANGE_RULES, type StatefulChange } from '../../../rules/template';
import { evaluateTemplate } from './evaluate';
import { applyAcknowledgements, type Acknowledged, type Finding, type RawFinding } from './findings';
import type { CfnTemplate, LoadedTemplate } from './template';

/** What `check` found over all templates. */
export interface CheckResult {
  /** Every template checked (name and file), in input order. */
  readonly templates: ReadonlyArray<{ readonly name: string; readonly file: string }>;
  readonly findings: readonly Finding[];
  readonly acknowledged: readonly Acknowledged[];
}

/** The baseline of the stateful-change guard. */
export interface Baseline {
  readonly templates: readonly LoadedTemplate[];
  /**
   * How data-holding resources change from a baseline template to the current one (`statefulChanges`
   * of guard.ts, passed in so the CloudFormation resource specification loads only with a baseline).
   */
  readonly statefulChanges: (baseline: CfnTemplate, current: CfnTemplate | undefined) => StatefulChange[];
}

/** Guard findings of the changes of one template (the rules of CHANGE_RULES). */
function changeFindings(changes: readonly StatefulChange[]): RawFinding[] {
  return CHANGE_RULES.flatMap((rule) =>
    rule.check(changes).map((finding) => ({
      rule: `${OWN_PACK_NAME}-${rule.id}${finding.findingId ? `[${finding.findingId}]` : ''}`,
      severity: rule.level,
      logicalId: finding.logicalId,
      message: finding.message,
      // A removed resource is no longer in the template: the acknowledgement is made on the stack.
      acknowledgedOn: finding.findingId ? ('template' as const) : ('resource' as const),
    })),
  );
}

/** The current template a baseline template is compared with: same stack id, else same file name. */
function counterpart(base: LoadedTemplate, current: readonly LoadedTemplate[]): LoadedTemplate | undefined {
  if (base.stack) {
    const sameStack = current.find((template) => template.stack === base.stack);
    if (sameStack) return sameStack;
  }
  return current.find((template) => !(template.stack && base.stack) && basename(template.file) === basename(base.file));
}

const order = (a: Finding | Acknowledged, b: Finding | Acknowledged, templates: readonly string[]) =>
  templates.indexOf(a.template) - templates.indexOf(b.template) ||
  a.logicalId.localeCompare(b.logicalId) ||
  a.rule.localeCompare(b.rule);

/**
 * Checks templates: every rule of the synth gate and the template-only rules on each, and, with a
 * baseline, the stateful-change guard. `stacksComplete`: the inputs hold the whole assembly, so a
 * baseline stack missing from them was removed (its data-holding resources with it).
 */
export function buildCheckResult(
  current: readonly LoadedTemplate[],
  baseline?: Baseline,
  stacksComplete = false,
): CheckResult {
  const raw = new Map<string, { loaded?: LoadedTemplate; findings: RawFinding[] }>();
  for (const loaded of current) raw.set(loaded.name, { loaded, findings: evaluateTemplate(loaded.template) });

  for (const base of baseline?.templates ?? []) {
    const match = counterpart(base, current);
    if (!match && !(stacksComplete && base.stack)) continue;
    const entry = match ? raw.get(match.name)! : { findings: [] };
    entry.findings.push(...changeFindings(baseline!.statefulChanges(base.template, match?.template)));
    if (!match) raw.set(base.name, entry);
  }

  const names = [...raw.keys()];
  const findings: Finding[] = [];
  const acknowledged: Acknowledged[] = [];
  for (const [name, { loaded, findings: templateFindings }] of raw) {
    const result = applyAcknowledgements(name, loaded, templateFindings);
    findings.push(...result.findings);
    acknowledged.push(...result.acknowledged);
  }
  return {
    templates: current.map(({ name, file }) => ({ name, file })),
    findings: findings.sort((a, b) => order(a, b, names)),
    acknowledged: acknowledged.sort((a, b) => order(a, b, names)),
  };
}
