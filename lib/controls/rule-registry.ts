import type { CfnResource } from 'aws-cdk-lib';
import type { NagPack } from 'cdk-nag';
import { OWN_PACK_NAME, OWN_RULES } from '../../rules';
import { TEMPLATE_RULE_INFOS } from '../../rules/template';
import { requireCitations, type Citation } from './catalog';
import type { ConfigRuleIdentifier } from './catalog.generated';
import { readTsv, splitList } from './tsv';

export type RulePack = 'HIPAA.Security' | 'AwsSolutions' | typeof OWN_PACK_NAME;

/** A synth-time rule the gate applies, with what it enforces. */
export interface RuleInfo {
  readonly id: string;
  readonly pack: RulePack;
  readonly level: 'error' | 'warning';
  readonly description: string;
  readonly citations: readonly Citation[];
  /** AWS Config managed rules verifying the same property in the account. */
  readonly configRules: readonly ConfigRuleIdentifier[];
  /** True for rules only `hipaa-baseline check` applies (final templates, the `--baseline` guard), not the synth gate. */
  readonly templateOnly?: boolean;
}

type PackRule = { id: string; level: 'error' | 'warning'; description: string };

/** Lists the rules a cdk-nag pack applies, by letting it describe itself on a throwaway resource. */
function enumeratePack(pack: NagPack): PackRule[] {
  // Loaded here, not at the top: the rules that cite HIPAA are known without cdk-nag (see citingRules).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { App, CfnResource: Resource, Stack } = require('aws-cdk-lib') as typeof import('aws-cdk-lib');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { NagMessageLevel } = require('cdk-nag') as typeof import('cdk-nag');
  const found: PackRule[] = [];
  const probe = new Resource(new Stack(new App({ autoSynth: false }), 'Probe'), 'Probe', {
    type: 'AWS::CloudFormation::WaitConditionHandle',
  });
  const spy = pack as unknown as { applyRule: (params: any) => void; checkResource: (node: CfnResource) => void };
  spy.applyRule = (params) =>
    found.push({
      id: `${pack.readPackName}-${params.ruleSuffixOverride ?? params.rule.name}`,
      level: params.level === NagMessageLevel.ERROR ? 'error' : 'warning',
      description: params.info,
    });
  spy.checkResource(probe);
  return found;
}

/**
 * The rules that cite HIPAA requirements — cdk-nag's HIPAA Security pack from its data file, this project's
 * rules and its template-only rules — read from their sources without loading cdk-nag (the control map
 * needs only these, fast). `ruleRegistry()` verifies the data file against the pack itself.
 */
function buildCitingRules(): ReadonlyMap<string, RuleInfo> {
  const rules = new Map<string, RuleInfo>();
  for (const row of readTsv('cdk-nag-hipaa-rules.tsv')) {
    rules.set(row.rule_id, {
      id: row.rule_id,
      pack: 'HIPAA.Security',
      level: row.level === 'ERROR' ? 'error' : 'warning',
      description: row.description,
      citations: requireCitations(splitList(row.hipaa_citations), `cdk-nag-hipaa-rules.tsv ${row.rule_id}`),
      configRules: splitList(row.config_rule_identifier) as ConfigRuleIdentifier[],
    });
  }
  const own = [
    ...OWN_RULES.map((rule) => ({ rule, templateOnly: false })),
    ...TEMPLATE_RULE_INFOS.map((rule) => ({ rule, templateOnly: true })),
  ];
  for (const { rule, templateOnly } of own) {
    const id = `${OWN_PACK_NAME}-${rule.id}`;
    if (rules.has(id)) throw new Error(`rule id ${id} is registered twice`);
    rules.set(id, {
      id,
      pack: OWN_PACK_NAME,
      level: rule.level,
      description: rule.info,
      citations: requireCitations(rule.citations, `rule ${rule.id}`),
      configRules: rule.configRules ?? [],
      ...(templateOnly ? { templateOnly } : {}),
    });
  }
  return rules;
}

function buildRegistry(): ReadonlyMap<string, RuleInfo> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { AwsSolutionsChecks, HIPAASecurityChecks } = require('cdk-nag') as typeof import('cdk-nag');
  const registry = new Map(citingRules());
  const inPack = enumeratePack(new HIPAASecurityChecks());
  for (const rule of inPack) {
    const known = registry.get(rule.id);
    if (!known || known.level !== rule.level) {
      throw new Error(`cdk-nag-hipaa-rules.tsv does not match cdk-nag for ${rule.id}: update the data file`);
    }
    registry.set(rule.id, { ...known, description: rule.description });
  }
  const stale = [...registry.values()].filter((r) => r.pack === 'HIPAA.Security' && !inPack.some((p) => p.id === r.id));
  if (stale.length > 0)
    throw new Error(`cdk-nag-hipaa-rules.tsv lists rules cdk-nag no longer has: ${stale.map((r) => r.id).join(', ')}`);
  for (const rule of enumeratePack(new AwsSolutionsChecks())) {
    registry.set(rule.id, { ...rule, pack: 'AwsSolutions', citations: [], configRules: [] });
  }
  return registry;
}

let citing: ReadonlyMap<string, RuleInfo> | undefined;
let registry: ReadonlyMap<string, RuleInfo> | undefined;

/** The rules that cite HIPAA requirements (no cdk-nag loaded), by rule id. */
export function citingRules(): ReadonlyMap<string, RuleInfo> {
  citing ??= buildCitingRules();
  return citing;
}

/** Every rule the synth gate and `check` apply, by rule id. */
export function ruleRegistry(): ReadonlyMap<string, RuleInfo> {
  registry ??= buildRegistry();
  return registry;
}

/** Strips a `[finding]` suffix (`AwsSolutions-IAM5[Action::s3:*]` → `AwsSolutions-IAM5`). */
const baseId = (id: string) => id.replace(/\[.*\]$/, '');

/** The registry entry of a rule id, ignoring a `[finding]` suffix. */
export function findRule(id: string): RuleInfo | undefined {
  return ruleRegistry().get(baseId(id));
}

/** The citing rule of a rule or finding id, if any (no cdk-nag loaded). */
export function findCitingRule(id: string): RuleInfo | undefined {
  return citingRules().get(baseId(id));
}
