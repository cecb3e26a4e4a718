import type { Citation } from '../../controls/catalog';

/** A compliance value as AWS Config reports it. */
export type ComplianceType = 'COMPLIANT' | 'NON_COMPLIANT' | 'NOT_APPLICABLE' | 'INSUFFICIENT_DATA';
/** What the evidence reports: AWS Config's value, or UNKNOWN when the evidence could not be read completely. */
export type EvidenceStatus = ComplianceType | 'UNKNOWN';

export const COMPLIANCE_TYPES: readonly ComplianceType[] = [
  'COMPLIANT',
  'NON_COMPLIANT',
  'NOT_APPLICABLE',
  'INSUFFICIENT_DATA',
];

/** Which Config API the evidence comes from. */
export type EvidenceSource =
  | { readonly kind: 'account' }
  | { readonly kind: 'aggregator'; readonly name: string }
  | { readonly kind: 'conformance-pack'; readonly name: string };

/** Where the evidence comes from. */
export interface EvidenceScope {
  readonly region: string;
  readonly aggregator?: string;
  readonly conformancePack?: string;
  /** Whether every evaluated resource was read (`--all-resources`) or only the non-compliant ones. */
  readonly resources: 'non-compliant' | 'all';
}

/** One evaluated resource of one rule. */
export interface LiveResource {
  readonly accountId: string;
  readonly region: string;
  readonly type: string;
  readonly id: string;
  readonly compliance: ComplianceType;
}

/** A Config rule as read from the account (or aggregator): what the collector hands to the join. */
export interface LiveRule {
  readonly name: string;
  /** `Source.SourceIdentifier` of a managed rule, when the API reports it. */
  readonly sourceIdentifier?: string;
  /** AWS Config's compliance of the rule; undefined when it could not be read. */
  readonly compliance?: ComplianceType;
  readonly resources: readonly LiveResource[];
}

/** A rule whose evidence could not be read completely (`rule` is `*` when the rule list itself is incomplete). */
export interface EvidenceError {
  readonly rule: string;
  readonly message: string;
}

/** Everything the collector read. */
export interface Collected {
  readonly scope: EvidenceScope;
  readonly rules: readonly LiveRule[];
  readonly errors: readonly EvidenceError[];
}

/** evidence.json: one rule with its citations and resources. */
export interface RuleEvidence {
  readonly name: string;
  /** The registry identifier the rule matched (`S3_BUCKET_SSL_REQUESTS_ONLY`), null when unmapped. */
  readonly identifier: string | null;
  readonly compliance: EvidenceStatus;
  readonly controls: readonly Citation[];
  readonly resources: readonly LiveResource[];
}

/** evidence.json: one HIPAA citation with its rolled-up status. */
export interface ControlEvidence {
  readonly id: Citation;
  readonly status: EvidenceStatus;
  readonly rules: readonly string[];
}

/** The evidence.json document. */
export interface EvidenceReport {
  readonly generatedAt: string;
  readonly scope: EvidenceScope;
  readonly rules: readonly RuleEvidence[];
  readonly controls: readonly ControlEvidence[];
  readonly unmapped: readonly { readonly name: string; readonly compliance: EvidenceStatus }[];
  readonly errors: readonly EvidenceError[];
}

/** Output formats and the file each writes. */
export const FORMAT_FILES = {
  json: 'evidence.json',
  md: 'evidence.md',
  csv: 'evidence.csv',
  oscal: 'oscal-assessment-results.json',
} as const;
export type EvidenceFormat = keyof typeof FORMAT_FILES;
