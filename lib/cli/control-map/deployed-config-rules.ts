import { describeExemptResources, exemptionsOf } from '../../controls/config-rule-exemptions';
import { findConfigRule } from '../../controls/config-rules';
import type { CfnResourceJson, CfnTemplate, StackInput } from './load';
import type { DeployedConfigRule } from './model';

const CONFIG_RULE = 'AWS::Config::ConfigRule';
const CONFORMANCE_PACK = 'AWS::Config::ConformancePack';

/** The template a conformance pack deploys: its inline TemplateBody, or the asset the loader read. */
function packTemplate(stack: StackInput, logicalId: string, resource: CfnResourceJson): CfnTemplate | undefined {
  const body = resource.Properties?.TemplateBody;
  if (typeof body === 'string') return JSON.parse(body) as CfnTemplate;
  if (body && typeof body === 'object') return body as CfnTemplate;
  return stack.packTemplates[logicalId];
}

function describeRule(
  stack: StackInput,
  logicalId: string,
  resource: CfnResourceJson,
  pack?: { logicalId: string; name: string },
): DeployedConfigRule {
  const properties = resource.Properties ?? {};
  const name = typeof properties.ConfigRuleName === 'string' ? properties.ConfigRuleName : logicalId;
  const source = properties.Source ?? {};
  // Managed rules are known by their identifier; this project's custom policies by their deployed name.
  const info =
    source.Owner === 'AWS' && typeof source.SourceIdentifier === 'string'
      ? findConfigRule(source.SourceIdentifier)
      : findConfigRule(name);
  return {
    name,
    identifier:
      info?.identifier ?? (source.SourceIdentifier as string | undefined) ?? `${source.Owner ?? 'UNKNOWN'}:${name}`,
    mapping: info?.mapping,
    projectMapping: info?.mapping === 'project',
    citations: info?.citations ?? [],
    stack: stack.id,
    logicalId: pack?.logicalId ?? logicalId,
    conformancePack: pack?.name,
    exemptions: info
      ? exemptionsOf(info.identifier).map((x) => ({
          resources: describeExemptResources(x.resources),
          reason: x.reason,
        }))
      : [],
  };
}

/**
 * Every AWS Config rule the assembly deploys — `AWS::Config::ConfigRule` resources and the rules inside
 * `AWS::Config::ConformancePack` templates — joined with the Config rule registry for their citations and
 * with the exemption registry for the baseline resources that deliberately do not pass them.
 * Sorted by name, then stack.
 */
export function deployedConfigRules(stacks: readonly StackInput[]): DeployedConfigRule[] {
  const rules: DeployedConfigRule[] = [];
  for (const stack of stacks) {
    for (const [logicalId, resource] of Object.entries(stack.template.Resources ?? {})) {
      if (resource.Type === CONFIG_RULE) rules.push(describeRule(stack, logicalId, resource));
      if (resource.Type !== CONFORMANCE_PACK) continue;
      const name = String(resource.Properties?.ConformancePackName ?? logicalId);
      const template = packTemplate(stack, logicalId, resource);
      for (const [ruleId, rule] of Object.entries(template?.Resources ?? {})) {
        if (rule.Type === CONFIG_RULE) rules.push(describeRule(stack, ruleId, rule, { logicalId, name }));
      }
    }
  }
  return rules.sort((a, b) => compareText(a.name, b.name) || compareText(a.stack, b.stack));
}

/** Locale-independent text order, so outputs are byte-stable across machines. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
