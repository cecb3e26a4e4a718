import type { EvidenceReport, EvidenceStatus } from './types';

/** The `rule` of an error meaning the list of rules itself could not be read completely. */
export const ALL_RULES = '*';

/** Worst first: a citation takes the worst status of its rules (NOT_APPLICABLE rules count only when all are). */
const SEVERITY: readonly EvidenceStatus[] = [
  'NON_COMPLIANT',
  'UNKNOWN',
  'INSUFFICIENT_DATA',
  'COMPLIANT',
  'NOT_APPLICABLE',
];

/** Rolls a citation's status up from the statuses of its rules (see SEVERITY). */
export function rollUp(statuses: readonly EvidenceStatus[]): EvidenceStatus {
  return SEVERITY.find((status) => statuses.includes(status)) ?? 'UNKNOWN';
}

/** Exit code of a report: 3 partial, 1 non-compliant when asked to fail on it, else 0. */
export function exitCodeOf(report: EvidenceReport, failOnNonCompliant: boolean): 0 | 1 | 3 {
  if (report.errors.length > 0) return 3;
  return failOnNonCompliant && report.rules.some((r) => r.compliance === 'NON_COMPLIANT') ? 1 : 0;
}
