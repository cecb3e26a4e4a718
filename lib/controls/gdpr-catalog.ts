import { requireCitations, type Citation } from './catalog';
import { GDPR_IDS, type GdprId } from './catalog.generated';
import { readTsv, splitList } from './tsv';

export type { GdprId } from './catalog.generated';

/** The official text every GDPR entry cites: Regulation (EU) 2016/679 on EUR-Lex (ELI). */
export const GDPR_SOURCE = 'https://eur-lex.europa.eu/eli/reg/2016/679/oj';
/** How every GDPR mapping is flagged: this project's reading of the regulation, not an official mapping. */
export const GDPR_MAPPING = 'hipaa-baseline interpretation';

/** The articles the catalog groups its provisions under, in article order. */
export const GDPR_GROUPS = ['principles', 'by-design', 'records', 'security', 'breach', 'impact-assessment'] as const;
export type GdprGroup = (typeof GDPR_GROUPS)[number];

/** One provision of the GDPR where cloud configuration contributes. */
export interface GdprCatalogEntry {
  readonly id: GdprId;
  readonly group: GdprGroup;
  readonly title: string;
  /** A short paraphrase of the provision (the official text is at `source`). */
  readonly summary: string;
  /** Whether cloud configuration can meet it, or it stays the customer's process it supports. */
  readonly responsibility: 'customer-config' | 'customer-process';
  /** Who does what, as this project judges it. */
  readonly notes: string;
  readonly source: string;
  /** Always GDPR_MAPPING: the mapping of constructs and rules to this provision is this project's own. */
  readonly mapping: typeof GDPR_MAPPING;
}

/** Validates the catalog rows (pure, so tests can feed broken rows); throws naming the row and field. */
export function parseGdprCatalog(rows: readonly Record<string, string>[]): GdprCatalogEntry[] {
  return rows.map((row) => {
    const where = `gdpr-catalog.tsv: ${row.id}`;
    if (!(GDPR_IDS as readonly string[]).includes(row.id))
      throw new Error(`${where}: not in GDPR_IDS (run \`npm run generate\`)`);
    if (!(GDPR_GROUPS as readonly string[]).includes(row.group))
      throw new Error(`${where}: unknown group "${row.group}"`);
    if (row.responsibility !== 'customer-config' && row.responsibility !== 'customer-process')
      throw new Error(`${where}: unknown responsibility "${row.responsibility}"`);
    if (row.source !== GDPR_SOURCE) throw new Error(`${where}: source must be ${GDPR_SOURCE}`);
    if (row.mapping !== GDPR_MAPPING) throw new Error(`${where}: mapping must be flagged "${GDPR_MAPPING}"`);
    if (!row.title || !row.summary || !row.notes) throw new Error(`${where}: title, summary and notes are required`);
    return {
      id: row.id as GdprId,
      group: row.group as GdprGroup,
      title: row.title,
      summary: row.summary,
      responsibility: row.responsibility,
      notes: row.notes,
      source: row.source,
      mapping: GDPR_MAPPING,
    };
  });
}

function loadGdprCatalog(): readonly GdprCatalogEntry[] {
  const entries = parseGdprCatalog(readTsv('gdpr-catalog.tsv'));
  if (entries.map((e) => e.id).join('|') !== GDPR_IDS.join('|')) {
    throw new Error('catalog.generated.ts is stale: run `npm run generate`');
  }
  return entries;
}

/** The GDPR catalog, in article order. */
export const GDPR_CATALOG: readonly GdprCatalogEntry[] = loadGdprCatalog();

/** Checks a list of GDPR ids; throws naming every unknown one. */
export function requireGdprIds(inputs: readonly string[], where: string): GdprId[] {
  const unknown = inputs.filter((id) => !(GDPR_IDS as readonly string[]).includes(id));
  if (unknown.length > 0) {
    throw new Error(
      `${where}: unknown GDPR provision(s) ${unknown.map((id) => `"${id}"`).join(', ')} (not in the GDPR catalog)`,
    );
  }
  return GDPR_IDS.filter((id) => inputs.includes(id));
}

/** One row of the HIPAA → GDPR table: this project's own mapping, with its reason. */
export interface HipaaToGdpr {
  readonly citation: Citation;
  readonly gdpr: readonly GdprId[];
  readonly rationale: string;
}

/** Validates the HIPAA → GDPR rows (pure): unknown citations or provisions, or a missing rationale, throw. */
export function parseHipaaToGdpr(rows: readonly Record<string, string>[]): HipaaToGdpr[] {
  return rows.map((row, index) => {
    const where = `gdpr-hipaa-mapping.tsv:${index + 2}`;
    const [citation] = requireCitations([row.hipaa_citation], where);
    const gdpr = requireGdprIds(splitList(row.gdpr_ids), where);
    if (gdpr.length === 0) throw new Error(`${where}: no GDPR provision for ${row.hipaa_citation}`);
    if (!row.rationale?.trim())
      throw new Error(`${where}: a rationale is required (the mapping is this project's own)`);
    return { citation, gdpr, rationale: row.rationale };
  });
}

/** The HIPAA → GDPR table. */
export const HIPAA_TO_GDPR: readonly HipaaToGdpr[] = parseHipaaToGdpr(readTsv('gdpr-hipaa-mapping.tsv'));
const BY_CITATION = new Map<string, readonly GdprId[]>(HIPAA_TO_GDPR.map((row) => [row.citation, row.gdpr]));

/** The GDPR provisions the given HIPAA citations map to, in article order. */
export function gdprFromHipaa(citations: readonly string[]): GdprId[] {
  const found = new Set(citations.flatMap((citation) => BY_CITATION.get(citation) ?? []));
  return GDPR_IDS.filter((id) => found.has(id));
}
