import { configRules } from '../../controls/config-rules';
import { buildEvidence } from './join';
import { renderEvidenceCsv } from './render-csv';
import { renderEvidenceJson } from './render-json';
import { renderEvidenceMarkdown } from './render-md';
import { renderOscalAssessmentResults } from './render-oscal';
import type { Collected, EvidenceFormat, EvidenceReport } from './types';

const RENDERERS: Record<EvidenceFormat, (report: EvidenceReport, version: string) => string> = {
  json: (r) => renderEvidenceJson(r),
  md: (r) => renderEvidenceMarkdown(r),
  csv: (r) => renderEvidenceCsv(r),
  oscal: (r, version) => renderOscalAssessmentResults(r, version),
};

/** Joins what was collected with the registry and renders each format: the report and file name → content. */
export function buildOutputs(
  collected: Collected,
  generatedAt: string,
  formats: readonly EvidenceFormat[],
  version: string,
): { report: EvidenceReport; files: Map<EvidenceFormat, string> } {
  const report = buildEvidence(collected, generatedAt);
  return { report, files: new Map(formats.map((f) => [f, RENDERERS[f](report, version)])) };
}

/** Builds the registry ahead of the join (called while the API calls are under way). */
export function warmUp(): void {
  configRules();
}
