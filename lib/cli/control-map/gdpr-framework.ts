import type { Citation } from '../../controls/catalog';
import {
  GDPR_CATALOG,
  GDPR_MAPPING,
  GDPR_SOURCE,
  HIPAA_TO_GDPR,
  gdprFromHipaa,
  type GdprGroup,
  type GdprId,
} from '../../controls/gdpr-catalog';
import { GDPR_BY_CONSTRUCT } from '../../controls/gdpr-construct-mapping';
import type { FrameworkSpec } from './build';
import type { FrameworkInfo } from './model';

/** What the GDPR map says about itself, in every output, with the whole mapping and its reasons. */
export const GDPR_INFO: FrameworkInfo = {
  framework: 'gdpr',
  title: 'GDPR (Regulation (EU) 2016/679): security of processing and related articles',
  source: GDPR_SOURCE,
  mapping:
    `${GDPR_MAPPING}: the provisions each construct and rule contributes to are this project's own reading ` +
    '(through its HIPAA citations and direct mappings), not an official mapping and not legal advice.',
  mappings: [
    ...HIPAA_TO_GDPR.map((row) => ({ from: `HIPAA ${row.citation}`, to: row.gdpr, rationale: row.rationale })),
    ...Object.entries(GDPR_BY_CONSTRUCT).map(([type, row]) => ({
      from: `construct ${type}`,
      to: row.gdpr,
      rationale: row.rationale,
    })),
  ],
};

/** GDPR provisions of constructs and rules: their HIPAA citations mapped, plus the construct's direct mapping. */
export function translateToGdpr(citations: readonly Citation[], constructType?: string): GdprId[] {
  const direct = (constructType && GDPR_BY_CONSTRUCT[constructType]?.gdpr) || [];
  const found = new Set([...gdprFromHipaa(citations), ...direct]);
  return GDPR_CATALOG.map((entry) => entry.id).filter((id) => found.has(id));
}

/** The GDPR catalog as a framework of the control map. */
export const GDPR_FRAMEWORK: FrameworkSpec<GdprId, GdprGroup> = {
  catalog: GDPR_CATALOG.map((entry) => ({
    citation: entry.id,
    title: entry.title,
    kind: 'standard',
    safeguard: entry.group,
    responsibility: entry.responsibility,
    notes: entry.notes,
    summary: entry.summary,
    source: entry.source,
    mapping: entry.mapping,
  })),
  translate: translateToGdpr,
  info: GDPR_INFO,
  ownMapping: true,
};
