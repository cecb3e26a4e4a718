import { OWN_PACK_NAME, OWN_RULES } from '../../../rules';
import { requireCitations, type Citation } from '../../controls/catalog';
import type { RulePack } from '../../controls/rule-registry';
import { readTsv, splitList } from '../../controls/tsv';

/** A synth-time rule that enforces HIPAA citations. */
export interface CitingRule {
  readonly id: string;
  readonly pack: RulePack;
  readonly level: 'error' | 'warning';
  readonly citations: readonly Citation[];
}

function build(): ReadonlyMap<string, CitingRule> {
  const rules = new Map<string, CitingRule>();
  for (const row of readTsv('cdk-nag-hipaa-rules.tsv')) {
    rules.set(row.rule_id, {
      id: row.rule_id,
      pack: 'HIPAA.Security',
      level: row.level === 'ERROR' ? 'error' : 'warning',
      citations: requireCitations(splitList(row.hipaa_citations), `cdk-nag-hipaa-rules.tsv ${row.rule_id}`),
    });
  }
  for (const rule of OWN_RULES) {
    const id = `${OWN_PACK_NAME}-${rule.id}`;
    rules.set(id, { id, pack: OWN_PACK_NAME, level: rule.level, citations: requireCitations(rule.citations, id) });
  }
  return rules;
}

let cache: ReadonlyMap<string, CitingRule> | undefined;

/**
 * The rules of the rule registry that cite HIPAA requirements, read from the registry's own sources
 * (the cdk-nag HIPAA Security data file and this project's rules) without loading cdk-nag to enumerate
 * its packs — which would dominate the control map's run time. The AWS Solutions pack cites nothing.
 * A test holds this equal to `ruleRegistry()` restricted to rules with citations.
 */
export function citingRules(): ReadonlyMap<string, CitingRule> {
  cache ??= build();
  return cache;
}

/** The citing rule of a rule or finding id (`HIPAA.Security-S3BucketLoggingEnabled[...]`), if any. */
export function findCitingRule(id: string): CitingRule | undefined {
  return citingRules().get(id.replace(/\[.*\]$/, ''));
}
