export { ALL_RULES, exitCodeOf, rollUp } from './status';
import { compareCitations, type Citation } from '../../controls/catalog';
import { findConfigRule, type ConfigRuleInfo } from '../../controls/config-rules';
import { ALL_RULES, rollUp } from './status';
import type {
  Collected,
  ControlEvidence,
  EvidenceReport,
  EvidenceStatus,
  LiveResource,
  LiveRule,
  RuleEvidence,
} from './types';

/**
 * How AWS renames a rule when it deploys it for a conformance pack or a service; the lookup retries the
 * name without these. `s3-bucket-ssl-requests-only-conformance-pack-x1y2z3a4` → `s3-bucket-ssl-requests-only`.
 */
const DEPLOYMENT_AFFIXES: readonly RegExp[] = [/-conformance-pack-[a-z0-9]+$/i, /^securityhub-(.+)-[a-z0-9]{6,}$/i];

function withoutAffixes(name: string): string[] {
  return DEPLOYMENT_AFFIXES.map((pattern) =>
    name.replace(pattern, (_whole, inner: string | number) => (typeof inner === 'string' ? inner : '')),
  ).filter((candidate) => candidate !== name && candidate !== '');
}

/**
 * The registry entry of a live rule: by the managed rule's source identifier first, then by the rule name,
 * then by the name without a conformance-pack or Security Hub affix. Undefined when the registry does not know it.
 */
export function matchRule(rule: Pick<LiveRule, 'name' | 'sourceIdentifier'>): ConfigRuleInfo | undefined {
  const bySource = rule.sourceIdentifier ? findConfigRule(rule.sourceIdentifier) : undefined;
  if (bySource) return bySource;
  const byName = findConfigRule(rule.name);
  if (byName) return byName;
  for (const candidate of withoutAffixes(rule.name)) {
    const found = findConfigRule(candidate);
    if (found) return found;
  }
  return undefined;
}

/** A rule's status: NON_COMPLIANT when AWS says so or any resource read is; UNKNOWN when its evidence is incomplete. */
export function ruleStatus(rule: LiveRule, failed: boolean): EvidenceStatus {
  if (rule.compliance === 'NON_COMPLIANT' || rule.resources.some((r) => r.compliance === 'NON_COMPLIANT')) {
    return 'NON_COMPLIANT';
  }
  return failed || rule.compliance === undefined ? 'UNKNOWN' : rule.compliance;
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function compareResources(a: LiveResource, b: LiveResource): number {
  return (
    byCodePoint(a.accountId, b.accountId) ||
    byCodePoint(a.region, b.region) ||
    byCodePoint(a.type, b.type) ||
    byCodePoint(a.id, b.id) ||
    byCodePoint(a.compliance, b.compliance)
  );
}

/**
 * Joins what the collector read with the registry: each rule's citations, each citation's status rolled up
 * from its rules, unmapped rules listed. Pure; stable orders throughout so outputs diff cleanly.
 */
export function buildEvidence(collected: Collected, generatedAt: string): EvidenceReport {
  const failed = new Set(collected.errors.map((e) => e.rule));
  const listIncomplete = failed.has(ALL_RULES);
  const byCitation = new Map<Citation, { statuses: EvidenceStatus[]; rules: string[] }>();
  const rules: RuleEvidence[] = [...collected.rules]
    .sort((a, b) => byCodePoint(a.name, b.name))
    .map((rule) => {
      const info = matchRule(rule);
      const compliance = ruleStatus(rule, failed.has(rule.name));
      for (const citation of info?.citations ?? []) {
        const entry = byCitation.get(citation) ?? { statuses: [], rules: [] };
        entry.statuses.push(compliance);
        entry.rules.push(rule.name);
        byCitation.set(citation, entry);
      }
      return {
        name: rule.name,
        identifier: info?.identifier ?? null,
        compliance,
        controls: info?.citations ?? [],
        resources: [...rule.resources].sort(compareResources),
      };
    });
  const controls: ControlEvidence[] = [...byCitation.entries()]
    .sort(([a], [b]) => compareCitations(a, b))
    .map(([id, entry]) => ({
      id,
      status: rollUp(listIncomplete ? [...entry.statuses, 'UNKNOWN'] : entry.statuses),
      rules: entry.rules,
    }));
  return {
    generatedAt,
    scope: collected.scope,
    rules,
    controls,
    unmapped: rules.filter((r) => r.identifier === null).map((r) => ({ name: r.name, compliance: r.compliance })),
    errors: [...collected.errors].sort((a, b) => byCodePoint(a.rule, b.rule) || byCodePoint(a.message, b.message)),
  };
}
