import { requireCitations, type Citation } from './catalog';
import { CONFIG_RULE_IDENTIFIERS, type ConfigRuleIdentifier } from './catalog.generated';
import { readTsv, splitList } from './tsv';

/** Where a Config rule's citations come from. */
export type MappingSource = 'AWS-published' | 'derived-by-equivalence' | 'project';

/** An AWS Config managed rule with the HIPAA citations it verifies. */
export interface ConfigRuleInfo {
  readonly identifier: ConfigRuleIdentifier;
  /** The managed rule's default name (`s3-bucket-ssl-requests-only`). */
  readonly name: string;
  /** In the current "Operational Best Practices for HIPAA Security" conformance pack. */
  readonly inCurrentPack: boolean;
  readonly citations: readonly Citation[];
  /** AWS's mapping, a renamed successor of a mapped rule, or this project's own mapping. */
  readonly mapping: MappingSource;
  /** Source of the mapping, or this project's rationale for its own. */
  readonly source: string;
}

function build(): ReadonlyMap<ConfigRuleIdentifier, ConfigRuleInfo> {
  const own = new Map(readTsv('config-rules-own-mapping.tsv').map((row) => [row.config_rule_identifier, row]));
  const rules = new Map<ConfigRuleIdentifier, ConfigRuleInfo>();
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
      name: row.config_rule_name,
      inCurrentPack: false,
      citations: requireCitations(splitList(row.hipaa_citations), `config rule ${identifier}`),
      mapping: 'project',
      source: row.note,
    });
  }
  for (const identifier of CONFIG_RULE_IDENTIFIERS) {
    if (!rules.has(identifier)) throw new Error(`catalog.generated.ts is stale: ${identifier} has no data row`);
  }
  return rules;
}

let registry: ReadonlyMap<ConfigRuleIdentifier, ConfigRuleInfo> | undefined;

/** Every AWS Config managed rule the project knows, with its HIPAA citations (none left unmapped). */
export function configRules(): ReadonlyMap<ConfigRuleIdentifier, ConfigRuleInfo> {
  registry ??= build();
  return registry;
}

/** Looks a rule up by identifier (`S3_BUCKET_SSL_REQUESTS_ONLY`) or default name (`s3-bucket-ssl-requests-only`). */
export function findConfigRule(identifierOrName: string): ConfigRuleInfo | undefined {
  const byId = configRules().get(identifierOrName as ConfigRuleIdentifier);
  if (byId) return byId;
  return [...configRules().values()].find((rule) => rule.name === identifierOrName);
}
