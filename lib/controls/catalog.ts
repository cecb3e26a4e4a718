import { CITATIONS, type Citation } from './catalog.generated';
import { readTsv } from './tsv';

export type { Citation } from './catalog.generated';

/** Who can meet a requirement on AWS, as judged in the catalog. */
export type Responsibility = 'customer-config' | 'customer-process' | 'shared' | 'aws';
export type Safeguard = 'administrative' | 'physical' | 'technical' | 'organizational' | 'documentation';

/** One standard or implementation specification of 45 CFR 164.308–164.316. */
export interface CatalogEntry {
  readonly citation: Citation;
  readonly kind: 'standard' | 'spec';
  /** R (required), A (addressable), or undefined for standards. */
  readonly required?: 'R' | 'A';
  readonly parent?: Citation;
  readonly title: string;
  readonly safeguard: Safeguard;
  readonly responsibility: Responsibility;
  readonly notes: string;
}

const RESPONSIBILITIES: readonly Responsibility[] = ['customer-config', 'customer-process', 'shared', 'aws'];
const SAFEGUARDS: readonly Safeguard[] = ['administrative', 'physical', 'technical', 'organizational', 'documentation'];

function loadCatalog(): readonly CatalogEntry[] {
  const rows = readTsv('hipaa-security-rule.tsv');
  const entries = rows.map((row): CatalogEntry => {
    const responsibility = row.aws_shared_responsibility as Responsibility;
    const safeguard = row.safeguard as Safeguard;
    if (!RESPONSIBILITIES.includes(responsibility) || !SAFEGUARDS.includes(safeguard)) {
      throw new Error(`hipaa-security-rule.tsv: ${row.citation}: unknown safeguard or responsibility`);
    }
    return {
      citation: row.citation as Citation,
      kind: row.kind === 'standard' ? 'standard' : 'spec',
      required: row.required === 'R' || row.required === 'A' ? row.required : undefined,
      parent: row.parent === '-' ? undefined : (row.parent as Citation),
      title: row.title,
      safeguard,
      responsibility,
      notes: row.notes,
    };
  });
  const inData = entries.map((e) => e.citation).join('|');
  if (inData !== CITATIONS.join('|')) {
    throw new Error('catalog.generated.ts is stale: run `npm run generate`');
  }
  return entries;
}

/** The HIPAA Security Rule catalog, in regulation order. */
export const CATALOG: readonly CatalogEntry[] = loadCatalog();
const BY_CITATION = new Map(CATALOG.map((entry) => [entry.citation as string, entry]));

/**
 * Returns the catalog's form of a citation, accepting the Appendix A form of a standard
 * (`164.308(a)(1)` for `164.308(a)(1)(i)`); undefined when the citation is unknown.
 */
export function normalizeCitation(input: string): Citation | undefined {
  const text = input.trim();
  if (BY_CITATION.has(text)) return text as Citation;
  const standard = `${text}(i)`;
  const entry = BY_CITATION.get(standard);
  return entry?.kind === 'standard' ? entry.citation : undefined;
}

/** Normalizes a list of citations; throws naming every unknown one. */
export function requireCitations(inputs: readonly string[], where: string): Citation[] {
  const unknown = inputs.filter((c) => normalizeCitation(c) === undefined);
  if (unknown.length > 0) {
    throw new Error(
      `${where}: unknown HIPAA citation(s) ${unknown.map((c) => `"${c}"`).join(', ')} (not in the 45 CFR 164.308–164.316 catalog)`,
    );
  }
  return [...new Set(inputs.map((c) => normalizeCitation(c)!))].sort(compareCitations);
}

/** Catalog order (the order of the regulation). */
export function compareCitations(a: Citation, b: Citation): number {
  return CATALOG_ORDER.get(a)! - CATALOG_ORDER.get(b)!;
}
const CATALOG_ORDER = new Map(CATALOG.map((entry, index) => [entry.citation, index]));

export function catalogEntry(citation: Citation): CatalogEntry {
  return BY_CITATION.get(citation)!;
}
