import { GUARD_CONFIG_RULES, guardPolicyText } from '../../rules/config';
import type { Citation } from './catalog';
import type { ConfigRuleIdentifier } from './catalog.generated';
import { configRules, ruleAvailableIn, type ConfigRuleInfo } from './config-rules';
import { readTsv } from './tsv';

/** How an AWS Config rule of the baseline is deployed. */
export interface ConfigRuleSpec {
  /** Deployed rule name (`<namePrefix>-<default name or id>`). */
  readonly name: string;
  readonly info: ConfigRuleInfo;
  /** Managed rule identifier, for managed rules. */
  readonly sourceIdentifier?: ConfigRuleIdentifier;
  /** Guard policy text and scope, for this project's custom policy rules. */
  readonly guard?: { readonly policyText: string; readonly resourceTypes: readonly string[] };
  readonly inputParameters?: Readonly<Record<string, string>>;
  /** Set only for rules with a periodic trigger. */
  readonly maximumExecutionFrequency?: string;
  /** Citations and mapping source, ≤ 256 characters. */
  readonly description: string;
}

/** What the configuration decides about the rules. */
export interface ConfigRuleSpecOptions {
  readonly namePrefix: string;
  /** Per-rule parameter overrides (identifier → parameter → value). */
  readonly parameterOverrides: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Values some rules take from the rest of the configuration. */
  readonly derivedParameters: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly logGroupRetentionDays: number;
  /**
   * The region the rules are deployed to: rules AWS does not offer there are left out.
   * @default - every rule, whatever its regions
   */
  readonly region?: string;
}

interface DeploymentRow {
  readonly frequency?: string;
  readonly parameters: Record<string, string>;
}

let deployment: ReadonlyMap<string, DeploymentRow> | undefined;

/** Pack default parameters and periodic frequencies, by identifier. */
export function deploymentDefaults(): ReadonlyMap<string, DeploymentRow> {
  deployment ??= new Map(
    readTsv('config-rules-deployment.tsv').map((row) => [
      row.config_rule_identifier,
      {
        frequency: row.periodic_frequency || undefined,
        parameters: row.default_input_parameters
          ? (JSON.parse(row.default_input_parameters) as Record<string, string>)
          : {},
      },
    ]),
  );
  return deployment;
}

function describe(info: ConfigRuleInfo): string {
  const mapping = info.mapping === 'project' ? 'hipaa-baseline mapping' : `${info.mapping} mapping`;
  const text = `HIPAA ${info.citations.join(', ')} (${mapping}).`;
  return text.length <= 256 ? text : `${text.slice(0, 253)}...`;
}

/**
 * The rules the baseline deploys: every managed rule of the current HIPAA Security conformance pack with
 * the pack's default parameters (overridable), the extra managed rules the project relies on, and the
 * project's Guard custom policy rules — each only where AWS offers it. Sorted by name, so the deployment and the pack template are stable.
 */
export function configRuleSpecs(options: ConfigRuleSpecOptions): ConfigRuleSpec[] {
  const defaults = deploymentDefaults();
  const specs: ConfigRuleSpec[] = [];
  for (const info of configRules().values()) {
    if (info.kind === 'managed') {
      if (!info.inCurrentPack && !defaults.has(info.identifier)) continue;
      if (options.region && !ruleAvailableIn(info, options.region)) continue;
      const row = defaults.get(info.identifier);
      const parameters = {
        ...row?.parameters,
        ...options.derivedParameters[info.identifier],
        ...options.parameterOverrides[info.identifier],
      };
      specs.push({
        name: `${options.namePrefix}-${info.name}`,
        info,
        sourceIdentifier: info.identifier as ConfigRuleIdentifier,
        inputParameters: Object.keys(parameters).length > 0 ? parameters : undefined,
        maximumExecutionFrequency: row?.frequency,
        description: describe(info),
      });
    } else {
      const rule = GUARD_CONFIG_RULES.find((candidate) => `CUSTOM_POLICY:${candidate.id}` === info.identifier)!;
      specs.push({
        name: `${options.namePrefix}-${rule.id}`,
        info,
        guard: {
          policyText: guardPolicyText(rule, { MIN_RETENTION_DAYS: options.logGroupRetentionDays }),
          resourceTypes: rule.resourceTypes,
        },
        description: describe(info),
      });
    }
  }
  return specs.sort((a, b) => a.name.localeCompare(b.name));
}

/** Citations a deployed rule verifies (for the control map and evidence). */
export function specCitations(spec: ConfigRuleSpec): readonly Citation[] {
  return spec.info.citations;
}
