import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NagMessageLevel, type NagPack } from 'cdk-nag';
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

/** Lists the rules a cdk-nag pack applies, by letting it describe itself on a throwaway resource. */
function enumeratePack(pack: NagPack): { id: string; level: 'error' | 'warning'; description: string }[] {
  const found: { id: string; level: 'error' | 'warning'; description: string }[] = [];
  const probe = new CfnResource(new Stack(new App({ autoSynth: false }), 'Probe'), 'Probe', {
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

function buildRegistry(): ReadonlyMap<string, RuleInfo> {
  const registry = new Map<string, RuleInfo>();
  const hipaaRows = new Map(readTsv('cdk-nag-hipaa-rules.tsv').map((row) => [row.rule_id, row]));
  for (const rule of enumeratePack(new HIPAASecurityChecks())) {
    const row = hipaaRows.get(rule.id);
    if (!row) throw new Error(`cdk-nag-hipaa-rules.tsv has no row for ${rule.id}: update the data file`);
    registry.set(rule.id, {
      ...rule,
      pack: 'HIPAA.Security',
      citations: requireCitations(splitList(row.hipaa_citations), `cdk-nag-hipaa-rules.tsv ${rule.id}`),
      configRules: splitList(row.config_rule_identifier) as ConfigRuleIdentifier[],
    });
  }
  for (const rule of enumeratePack(new AwsSolutionsChecks())) {
    registry.set(rule.id, { ...rule, pack: 'AwsSolutions', citations: [], configRules: [] });
  }
  for (const rule of OWN_RULES) {
    registry.set(`${OWN_PACK_NAME}-${rule.id}`, {
      id: `${OWN_PACK_NAME}-${rule.id}`,
      pack: OWN_PACK_NAME,
      level: rule.level,
      description: rule.info,
      citations: requireCitations(rule.citations, `rule ${rule.id}`),
      configRules: rule.configRules ?? [],
    });
  }
  for (const rule of TEMPLATE_RULE_INFOS) {
    const id = `${OWN_PACK_NAME}-${rule.id}`;
    if (registry.has(id)) throw new Error(`rule id ${id} is registered twice`);
    registry.set(id, {
      id,
      pack: OWN_PACK_NAME,
      level: rule.level,
      description: rule.info,
      citations: requireCitations(rule.citations, `template rule ${rule.id}`),
      configRules: rule.configRules ?? [],
      templateOnly: true,
    });
  }
  return registry;
}

let registry: ReadonlyMap<string, RuleInfo> | undefined;

/** Every rule the synth gate and `check` apply, by rule id. */
export function ruleRegistry(): ReadonlyMap<string, RuleInfo> {
  registry ??= buildRegistry();
  return registry;
}

/** The registry entry of a rule id, ignoring a `[finding]` suffix (`AwsSolutions-IAM5[Action::s3:*]`). */
export function findRule(id: string): RuleInfo | undefined {
  return ruleRegistry().get(id.replace(/\[.*\]$/, ''));
}
