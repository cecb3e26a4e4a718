import { CATALOG, type Citation, type Safeguard } from '../../controls/catalog';
import { compareText, deployedConfigRules } from './deployed-config-rules';
import { citingRules, findCitingRule } from '../../controls/rule-registry';
import { accountLabel } from './labels';
import type { AssemblyInput } from './load';
import {
  STATUSES,
  type Acknowledgement,
  type ControlEntry,
  type ControlMap,
  type ControlStatus,
  type EnforcingRule,
  type Implementation,
  type StatusCounts,
} from './model';
import { controlStatus, responsibilityStatement } from './statement';

/** Collects values under each of their citations. */
class ByCitation<T> {
  private readonly map = new Map<Citation, T[]>();
  add(citations: readonly Citation[], value: T): void {
    for (const citation of citations) this.map.set(citation, [...(this.map.get(citation) ?? []), value]);
  }
  get(citation: Citation, compare: (a: T, b: T) => number): T[] {
    return [...(this.map.get(citation) ?? [])].sort(compare);
  }
}

function implementations(assembly: AssemblyInput): ByCitation<Implementation> {
  const found = new ByCitation<Implementation>();
  for (const stack of assembly.stacks) {
    for (const declaration of stack.declarations) {
      found.add(declaration.citations, {
        constructPath: declaration.path,
        stack: stack.id,
        ...(stack.account ? { account: accountLabel(stack.account) } : {}),
        constructType: declaration.construct,
        statement: declaration.statement,
        ...(declaration.reliesOn ? { reliesOn: declaration.reliesOn } : {}),
        resources: [...declaration.resources].sort((a, b) => compareText(a.logicalId, b.logicalId)),
      });
    }
  }
  return found;
}

function enforcingRules(): ByCitation<EnforcingRule> {
  const found = new ByCitation<EnforcingRule>();
  for (const rule of citingRules().values())
    found.add(rule.citations, { id: rule.id, pack: rule.pack, level: rule.level });
  return found;
}

/** Acknowledged findings (template Metadata `cdk_nag.rules_to_suppress`), under the citations their rule enforces. */
function acknowledgements(assembly: AssemblyInput): ByCitation<Acknowledgement> {
  const found = new ByCitation<Acknowledgement>();
  for (const stack of assembly.stacks) {
    for (const [logicalId, resource] of Object.entries(stack.template.Resources ?? {})) {
      const suppressions = resource.Metadata?.cdk_nag?.rules_to_suppress;
      if (!Array.isArray(suppressions)) continue;
      for (const suppression of suppressions as { id?: unknown; reason?: unknown }[]) {
        const rule = typeof suppression.id === 'string' ? findCitingRule(suppression.id) : undefined;
        if (!rule) continue;
        found.add(rule.citations, {
          rule: String(suppression.id),
          stack: stack.id,
          logicalId,
          constructPath: String(resource.Metadata?.['aws:cdk:path'] ?? ''),
          reason: String(suppression.reason ?? ''),
        });
      }
    }
  }
  return found;
}

function counts(entries: readonly ControlEntry[]): StatusCounts {
  const result = Object.fromEntries(STATUSES.map((status) => [status, 0])) as Record<ControlStatus, number>;
  for (const entry of entries) result[entry.status]++;
  return result;
}

const byImplementation = (a: Implementation, b: Implementation) =>
  compareText(a.stack, b.stack) || compareText(a.constructPath, b.constructPath);
const byRule = (a: EnforcingRule, b: EnforcingRule) => compareText(a.pack, b.pack) || compareText(a.id, b.id);
const byAcknowledgement = (a: Acknowledgement, b: Acknowledgement) =>
  compareText(a.stack, b.stack) || compareText(a.logicalId, b.logicalId) || compareText(a.rule, b.rule);

/**
 * Builds the control map of an assembly: one entry per catalog citation, in catalog order, joining the
 * constructs that declare it, the synth-time rules that enforce it, the AWS Config rules the assembly
 * deploys that verify it, and the acknowledged findings of those rules. Pure: the same assembly gives
 * the same map.
 */
export function buildControlMap(assembly: AssemblyInput, version: string): ControlMap {
  const implemented = implementations(assembly);
  const rules = enforcingRules();
  const configRules = deployedConfigRules(assembly.stacks);
  const verifying = new ByCitation<(typeof configRules)[number]>();
  for (const rule of configRules) verifying.add(rule.citations, rule);
  const acknowledged = acknowledgements(assembly);

  const controls = CATALOG.map((entry): ControlEntry => {
    const coverage = {
      implementations: implemented.get(entry.citation, byImplementation),
      enforcingRules: rules.get(entry.citation, byRule),
      verifyingConfigRules: verifying.get(entry.citation, () => 0),
    };
    const status = controlStatus(entry, coverage);
    return {
      citation: entry.citation,
      title: entry.title,
      kind: entry.kind,
      required: entry.required,
      parent: entry.parent,
      safeguard: entry.safeguard,
      responsibility: entry.responsibility,
      status,
      statement: responsibilityStatement(entry, status, coverage),
      ...coverage,
      acknowledgements: acknowledged.get(entry.citation, byAcknowledgement),
    };
  });

  const safeguards = [...new Set(CATALOG.map((entry) => entry.safeguard))] as Safeguard[];
  return {
    generator: { name: 'hipaa-baseline', version },
    stacks: assembly.stacks.map((stack) => ({
      id: stack.id,
      stackName: stack.stackName,
      environment: stack.environment,
      ...(stack.account ? { account: accountLabel(stack.account) } : {}),
    })),
    summary: {
      total: controls.length,
      byStatus: counts(controls),
      bySafeguard: safeguards.map((safeguard) => {
        const entries = controls.filter((entry) => entry.safeguard === safeguard);
        return { safeguard, total: entries.length, byStatus: counts(entries) };
      }),
    },
    controls,
    configRules,
    segmentation: assembly.segmentation,
  };
}
