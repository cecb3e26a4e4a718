import { GUARD_CONFIG_RULES } from '../../rules/config';
import { requireCitations, type Citation } from './catalog';
import { CONFIG_RULE_IDENTIFIERS, type ConfigRuleIdentifier } from './catalog.generated';
import { readTsv, splitList } from './tsv';

/** Where a Config rule's citations come from. */
export type MappingSource = 'AWS-published' | 'derived-by-equivalence' | 'project';

/** An AWS Config rule (managed, or this project's Guard custom policy) with the HIPAA citations it verifies. */
export interface ConfigRuleInfo {
  /** Managed rule identifier (`S3_BUCKET_SSL_REQUESTS_ONLY`), or `CUSTOM_POLICY:<id>` for this project's rules. */
  readonly identifier: ConfigRuleIdentifier | `CUSTOM_POLICY:${string}`;
  readonly kind: 'managed' | 'custom-policy';
  /** The managed rule's default name (`s3-bucket-ssl-requests-only`), or the custom rule id (deployed as `<prefix>-<id>`). */
  readonly name: string;
  /** In the current "Operational Best Practices for HIPAA Security" conformance pack. */
  readonly inCurrentPack: boolean;
  readonly citations: readonly Citation[];
  /** AWS's mapping, a renamed successor of a mapped rule, or this project's own mapping. */
  readonly mapping: MappingSource;
  /** Source of the mapping, or this project's rationale for its own. */
  readonly source: string;
  /**
   * Where AWS offers the rule, when not in every region (from its documentation): a deployment elsewhere
   * fails, so the baseline deploys it only where it exists.
   * @default - every region
   */
  readonly regions?: { readonly only?: readonly string[]; readonly except?: readonly string[] };
}

/** Whether AWS offers a rule in a region. */
export function ruleAvailableIn(info: ConfigRuleInfo, region: string): boolean {
  if (info.regions?.only && !info.regions.only.includes(region)) return false;
  return !info.regions?.except?.includes(region);
}

/** The regions columns of a data row (`only_in_regions`, `not_in_regions`), when it has any. */
function regionsOf(row: Record<string, string>): Pick<ConfigRuleInfo, 'regions'> {
  const only = splitList(row.only_in_regions);
  const except = splitList(row.not_in_regions);
  if (only.length === 0 && except.length === 0) return {};
  return { regions: { ...(only.length ? { only } : {}), ...(except.length ? { except } : {}) } };
}

function build(): ReadonlyMap<string, ConfigRuleInfo> {
  const own = new Map(readTsv('config-rules-own-mapping.tsv').map((row) => [row.config_rule_identifier, row]));
  const rules = new Map<string, ConfigRuleInfo>();
  for (const row of readTsv('config-rules.tsv')) {
    const identifier = row.config_rule_identifier as ConfigRuleIdentifier;
    const projectRow = own.get(identifier);
    if (row.mapping_status === 'UNMAPPED' && !projectRow) {
      throw new Error(`config-rules-own-mapping.tsv: no mapping for UNMAPPED rule ${identifier}`);
    }
    if (row.mapping_status !== 'UNMAPPED' && projectRow) {
      throw new Error(`config-rules-own-mapping.tsv: ${identifier} already has a published mapping`);
    }
    const where = `config rule ${identifier}`;
    rules.set(identifier, {
      identifier,
      kind: 'managed',
      name: row.config_rule_name,
      inCurrentPack: row.in_current_hipaa_pack === 'yes',
      citations: requireCitations(splitList(projectRow ? projectRow.hipaa_citations : row.hipaa_citations), where),
      mapping: projectRow ? 'project' : (row.mapping_status as MappingSource),
      source: projectRow ? projectRow.rationale : row.citation_source,
    });
  }
  for (const row of readTsv('config-rules-extra.tsv')) {
    const identifier = row.config_rule_identifier as ConfigRuleIdentifier;
    rules.set(identifier, {
      identifier,
      kind: 'managed',
      name: row.config_rule_name,
      inCurrentPack: false,
      citations: requireCitations(splitList(row.hipaa_citations), `config rule ${identifier}`),
      mapping: 'project',
      source: row.note,
      ...regionsOf(row),
    });
  }
  for (const rule of GUARD_CONFIG_RULES) {
    rules.set(`CUSTOM_POLICY:${rule.id}`, {
      identifier: `CUSTOM_POLICY:${rule.id}`,
      kind: 'custom-policy',
      name: rule.id,
      inCurrentPack: false,
      citations: requireCitations(rule.citations, `custom config rule ${rule.id}`),
      mapping: 'project',
      source: rule.description,
    });
  }
  for (const identifier of CONFIG_RULE_IDENTIFIERS) {
    if (!rules.has(identifier)) throw new Error(`catalog.generated.ts is stale: ${identifier} has no data row`);
  }
  return rules;
}

let registry: ReadonlyMap<string, ConfigRuleInfo> | undefined;

/** Every AWS Config rule the project knows (managed and custom), with its HIPAA citations (none left unmapped). */
export function configRules(): ReadonlyMap<string, ConfigRuleInfo> {
  registry ??= build();
  return registry;
}

/**
 * Looks a rule up by identifier (`S3_BUCKET_SSL_REQUESTS_ONLY`), by default name
 * (`s3-bucket-ssl-requests-only`), or — for this project's custom rules — by a deployed name ending in
 * `-<id>` (`hipaa-phi-kms-key-rotation`).
 */
export function findConfigRule(identifierOrName: string): ConfigRuleInfo | undefined {
  const byId = configRules().get(identifierOrName);
  if (byId) return byId;
  const rules = [...configRules().values()];
  return (
    rules.find((rule) => rule.name === identifierOrName) ??
    rules.find((rule) => rule.kind === 'custom-policy' && identifierOrName.endsWith(`-${rule.name}`))
  );
}
