import type { EvidenceReport } from './types';

/** evidence.json: the report as the CLI contract defines it, two-space indented, newline-terminated. */
export function renderEvidenceJson(report: EvidenceReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
