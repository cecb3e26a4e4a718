import { CATALOG, type Citation, type Responsibility, type Safeguard } from '../../controls/catalog';
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
  type DeployedConfigRule,
  type EnforcingRule,
  type FrameworkInfo,
  type Implementation,
  type StatusCounts,
} from './model';
import { controlStatus, responsibilityStatement } from './statement';

/** Collects values under each of their citations (or GDPR provisions). */
class ByCitation<Id extends string, T> {
  private readonly map = new Map<Id, T[]>();
  add(citations: readonly Id[], value: T): void {
    for (const citation of citations) this.map.set(citation, [...(this.map.get(citation) ?? []), value]);
  }
  get(citation: Id, compare: (a: T, b: T) => number): T[] {
    return [...(this.map.get(citation) ?? [])].sort(compare);
  }
}

/** A catalog entry as the map reads it, whatever the framework. */
export interface CatalogView<Id extends string, Group extends string> {
  readonly citation: Id;
  readonly title: string;
  readonly kind: 'standard' | 'spec';
  readonly required?: 'R' | 'A';
  readonly parent?: Id;
  readonly safeguard: Group;
  readonly responsibility: Responsibility;
  readonly notes: string;
  readonly summary?: string;
  readonly source?: string;
  readonly mapping?: string;
}

/**
 * A regulation the map covers: its catalog, and how the HIPAA citations that constructs and rules record
 * (with the construct's type, for direct mappings) translate to its ids.
 */
export interface FrameworkSpec<Id extends string, Group extends string> {
  readonly catalog: readonly CatalogView<Id, Group>[];
  readonly translate: (citations: readonly Citation[], constructType?: string) => Id[];
  readonly info?: FrameworkInfo;
  /** True when every mapping of the framework is this project's own. */
  readonly ownMapping?: boolean;
}

/** The HIPAA Security Rule: the citations as recorded. */
export const HIPAA_FRAMEWORK: FrameworkSpec<Citation, Safeguard> = {
  catalog: CATALOG,
  translate: (citations) => [...citations],
};

function implementations<Id extends string>(
  assembly: AssemblyInput,
  translate: FrameworkSpec<Id, string>['translate'],
): ByCitation<Id, Implementation> {
  const found = new ByCitation<Id, Implementation>();
  for (const stack of assembly.stacks) {
    for (const declaration of stack.declarations) {
      found.add(translate(declaration.citations as Citation[], declaration.construct), {
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

function enforcingRules<Id extends string>(
  translate: FrameworkSpec<Id, string>['translate'],
): ByCitation<Id, EnforcingRule> {
  const found = new ByCitation<Id, EnforcingRule>();
  for (const rule of citingRules().values())
    found.add(translate(rule.citations), { id: rule.id, pack: rule.pack, level: rule.level });
  return found;
}

/** Acknowledged findings (template Metadata `cdk_nag.rules_to_suppress`), under the citations their rule enforces. */
function acknowledgements<Id extends string>(
  assembly: AssemblyInput,
  translate: FrameworkSpec<Id, string>['translate'],
): ByCitation<Id, Acknowledgement> {
  const found = new ByCitation<Id, Acknowledgement>();
  for (const stack of assembly.stacks) {
    for (const [logicalId, resource] of Object.entries(stack.template.Resources ?? {})) {
      const suppressions = resource.Metadata?.cdk_nag?.rules_to_suppress;
      if (!Array.isArray(suppressions)) continue;
      for (const suppression of suppressions as { id?: unknown; reason?: unknown }[]) {
        const rule = typeof suppression.id === 'string' ? findCitingRule(suppression.id) : undefined;
        if (!rule) continue;
        found.add(translate(rule.citations), {
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

function counts(entries: readonly { readonly status: ControlStatus }[]): StatusCounts {
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
  return buildFrameworkMap(assembly, version, HIPAA_FRAMEWORK);
}

/** Builds the control map of an assembly for one framework (HIPAA citations translated to its ids). */
export function buildFrameworkMap<Id extends string, Group extends string>(
  assembly: AssemblyInput,
  version: string,
  framework: FrameworkSpec<Id, Group>,
): ControlMap<Id, Group> {
  const { translate, catalog } = framework;
  const implemented = implementations(assembly, translate);
  const rules = enforcingRules(translate);
  const configRules = deployedConfigRules(assembly.stacks).map((rule): DeployedConfigRule<Id> => ({
    ...rule,
    ...(framework.ownMapping && rule.mapping ? { projectMapping: true } : {}),
    citations: translate(rule.citations),
  }));
  const verifying = new ByCitation<Id, DeployedConfigRule<Id>>();
  for (const rule of configRules) verifying.add(rule.citations, rule);
  const acknowledged = acknowledgements(assembly, translate);

  const controls = catalog.map((entry): ControlEntry<Id, Group> => {
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
      summary: entry.summary,
      source: entry.source,
      mapping: entry.mapping,
      status,
      statement: responsibilityStatement(entry, status, coverage),
      ...coverage,
      acknowledgements: acknowledged.get(entry.citation, byAcknowledgement),
    };
  });

  const safeguards = [...new Set(catalog.map((entry) => entry.safeguard))];
  return {
    generator: { name: 'hipaa-baseline', version },
    ...(framework.info ? { catalog: framework.info } : {}),
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
