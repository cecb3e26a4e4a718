import type { CfnResourceJson, CfnTemplate, StackInput } from '../../../lib/cli/control-map/load';
import type { ConfigRuleIdentifier } from '../../../lib/controls/catalog.generated';
import type { DeployedRule } from './types';

const CONFIG_RULE = 'AWS::Config::ConfigRule';
const CONFORMANCE_PACK = 'AWS::Config::ConformancePack';

/** The template a conformance pack deploys (inline body or the asset the loader read). */
function packTemplate(stack: StackInput, logicalId: string, pack: CfnResourceJson): CfnTemplate & { Parameters?: any } {
  const body = pack.Properties?.TemplateBody;
  if (typeof body === 'string') return JSON.parse(body);
  return (body as CfnTemplate) ?? stack.packTemplates[logicalId] ?? {};
}

/** A pack's rule parameters with `{ Ref: P }` replaced by the pack's input parameter P (or P's default). */
function resolvePackParameters(
  parameters: Record<string, unknown>,
  inputs: Readonly<Record<string, unknown>>,
  declared: Record<string, { Default?: unknown }>,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(parameters).map(([key, value]) => {
      const ref = (value as { Ref?: unknown } | undefined)?.Ref;
      return [key, typeof ref === 'string' ? (inputs[ref] ?? declared[ref]?.Default) : value];
    }),
  );
}

interface Found extends DeployedRule {
  /** The rule is scoped to one resource (`Scope.ComplianceResourceId`). */
  readonly scoped: boolean;
}

function found(stack: StackInput, rule: CfnResourceJson, parameters: Record<string, unknown>): Found | undefined {
  const properties = rule.Properties ?? {};
  if (properties.Source?.Owner !== 'AWS') return undefined;
  return {
    identifier: properties.Source.SourceIdentifier as ConfigRuleIdentifier,
    name: String(properties.ConfigRuleName ?? ''),
    stack: stack.id,
    parameters,
    scoped: properties.Scope?.ComplianceResourceId !== undefined,
  };
}

/**
 * Every AWS managed Config rule the assembly deploys, once per identifier, with its parameters as
 * deployed — individual `AWS::Config::ConfigRule` resources or the rules of a conformance pack, whose
 * `{ Ref }` parameters take the pack's `ConformancePackInputParameters`. A rule deployed both for the
 * whole account and scoped to one resource (the network stack's default security group rules) is
 * taken in its account-wide form.
 */
export function deployedManagedRules(stacks: readonly StackInput[]): DeployedRule[] {
  const all: Found[] = [];
  for (const stack of stacks) {
    for (const [logicalId, resource] of Object.entries(stack.template.Resources ?? {})) {
      if (resource.Type === CONFIG_RULE) {
        const rule = found(stack, resource, { ...resource.Properties?.InputParameters });
        if (rule) all.push(rule);
      }
      if (resource.Type !== CONFORMANCE_PACK) continue;
      const template = packTemplate(stack, logicalId, resource);
      const inputs = Object.fromEntries(
        (resource.Properties?.ConformancePackInputParameters ?? []).map((p: any) => [
          p.ParameterName,
          p.ParameterValue,
        ]),
      );
      for (const rule of Object.values(template.Resources ?? {})) {
        if (rule.Type !== CONFIG_RULE) continue;
        const parameters = resolvePackParameters(
          { ...rule.Properties?.InputParameters },
          inputs,
          template.Parameters ?? {},
        );
        const deployed = found(stack, rule, parameters);
        if (deployed) all.push(deployed);
      }
    }
  }
  const byIdentifier = new Map<string, Found>();
  for (const rule of all) {
    const known = byIdentifier.get(rule.identifier);
    if (!known || (known.scoped && !rule.scoped)) byIdentifier.set(rule.identifier, rule);
  }
  return [...byIdentifier.values()]
    .map(({ scoped: _scoped, ...rule }) => rule)
    .sort((a, b) => (a.identifier < b.identifier ? -1 : a.identifier > b.identifier ? 1 : 0));
}
