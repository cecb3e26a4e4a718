import { loadAssembly } from '../../lib/cli/control-map/load';
import { translateToGdpr } from '../../lib/cli/control-map/gdpr-framework';
import { CATALOG } from '../../lib/controls/catalog';
import { GDPR_IDS, type GdprId } from '../../lib/controls/catalog.generated';
import {
  GDPR_CATALOG,
  GDPR_MAPPING,
  GDPR_SOURCE,
  HIPAA_TO_GDPR,
  gdprFromHipaa,
  parseGdprCatalog,
  parseHipaaToGdpr,
  requireGdprIds,
} from '../../lib/controls/gdpr-catalog';
import { GDPR_BY_CONSTRUCT } from '../../lib/controls/gdpr-construct-mapping';
import { readTsv } from '../../lib/controls/tsv';
import { DEFAULT_ASSEMBLY } from '../helpers/paths';

describe('GDPR catalog', () => {
  test('holds the provisions of Art. 5(1)(f), 25, 30, 32, 33 and 35 in article order, as the generated ids', () => {
    expect(GDPR_CATALOG.map((entry) => entry.id)).toEqual([...GDPR_IDS]);
    for (const id of ['Art. 5(1)(f)', 'Art. 25(1)', 'Art. 25(2)', 'Art. 30', 'Art. 32(1)(a)', 'Art. 32(1)(b)']) {
      expect(GDPR_IDS).toContain(id);
    }
    for (const id of ['Art. 32(1)(c)', 'Art. 32(1)(d)', 'Art. 32(2)', 'Art. 32(4)', 'Art. 33(1)', 'Art. 35(7)(d)']) {
      expect(GDPR_IDS).toContain(id);
    }
  });

  test('every entry cites the official text and flags the mapping as this project’s own', () => {
    expect(GDPR_SOURCE).toBe('https://eur-lex.europa.eu/eli/reg/2016/679/oj');
    for (const entry of GDPR_CATALOG) {
      expect(entry.source).toBe(GDPR_SOURCE);
      expect(entry.mapping).toBe(GDPR_MAPPING);
      // A short paraphrase, not a long quotation.
      expect(entry.summary.length).toBeGreaterThan(40);
      expect(entry.summary.length).toBeLessThan(400);
    }
  });

  test('a row with another source, an unflagged mapping or an unknown group throws, naming the row', () => {
    const [row] = readTsv('gdpr-catalog.tsv');
    expect(() => parseGdprCatalog([{ ...row, source: 'https://example.org/gdpr' }])).toThrow(
      /gdpr-catalog\.tsv: Art\. 5\(1\)\(f\): source must be https:\/\/eur-lex/,
    );
    expect(() => parseGdprCatalog([{ ...row, mapping: 'official' }])).toThrow(/mapping must be flagged/);
    expect(() => parseGdprCatalog([{ ...row, group: 'other' }])).toThrow(/unknown group "other"/);
    expect(() => parseGdprCatalog([{ ...row, id: 'Art. 99' }])).toThrow(/Art\. 99: not in GDPR_IDS/);
  });

  test('a misspelt provision is a type error', () => {
    // @ts-expect-error — not a provision of the catalog
    const typo: GdprId = 'Art. 32(1)(e)';
    expect(GDPR_IDS).not.toContain(typo);
  });
});

describe('HIPAA → GDPR mapping (this project’s own)', () => {
  const row = { hipaa_citation: '164.312(a)(2)(iv)', gdpr_ids: 'Art. 32(1)(a)', rationale: 'Encryption.' };

  test('an unknown GDPR provision in a mapping throws, naming it and the line', () => {
    expect(() => parseHipaaToGdpr([{ ...row, gdpr_ids: 'Art. 32(1)(a);Art. 32(5)' }])).toThrow(
      'gdpr-hipaa-mapping.tsv:2: unknown GDPR provision(s) "Art. 32(5)" (not in the GDPR catalog)',
    );
    expect(() => requireGdprIds(['Art. 30', 'Art 30'], 'where')).toThrow('where: unknown GDPR provision(s) "Art 30"');
  });

  test('an unknown HIPAA citation, no provision or no rationale throws', () => {
    expect(() => parseHipaaToGdpr([{ ...row, hipaa_citation: '164.999(a)' }])).toThrow(/unknown HIPAA citation/);
    expect(() => parseHipaaToGdpr([{ ...row, gdpr_ids: '' }])).toThrow(/no GDPR provision/);
    expect(() => parseHipaaToGdpr([{ ...row, rationale: ' ' }])).toThrow(/a rationale is required/);
    expect(parseHipaaToGdpr([row])).toEqual([
      { citation: '164.312(a)(2)(iv)', gdpr: ['Art. 32(1)(a)'], rationale: 'Encryption.' },
    ]);
  });

  test('every HIPAA requirement a cloud configuration can meet maps to a GDPR provision, with a rationale', () => {
    const mapped = new Set(HIPAA_TO_GDPR.map((r) => r.citation));
    const unmapped = CATALOG.filter((e) => e.responsibility === 'customer-config' && !mapped.has(e.citation));
    expect(unmapped.map((e) => e.citation)).toEqual([]);
    for (const r of HIPAA_TO_GDPR) expect(r.rationale.length).toBeGreaterThan(10);
  });

  test('encryption maps to Art. 32(1)(a), incident response to breach notification', () => {
    expect(gdprFromHipaa(['164.312(a)(2)(iv)'])).toEqual(['Art. 5(1)(f)', 'Art. 32(1)(a)']);
    expect(gdprFromHipaa(['164.308(a)(6)(ii)'])).toEqual(['Art. 33(1)', 'Art. 33(2)', 'Art. 33(5)']);
    expect(gdprFromHipaa(['164.310(a)(1)'])).toEqual([]);
  });

  test('direct construct mappings add to the translated ones, and name constructs of the baseline', () => {
    expect(translateToGdpr([], 'ConfigRecording')).toEqual(['Art. 30']);
    expect(translateToGdpr(['164.312(a)(2)(iv)'], 'PhiDataZones')).toEqual([
      'Art. 5(1)(f)',
      'Art. 25(1)',
      'Art. 32(1)(a)',
    ]);
    const types = new Set(
      loadAssembly(DEFAULT_ASSEMBLY).stacks.flatMap((stack) => stack.declarations.map((d) => d.construct)),
    );
    expect(Object.keys(GDPR_BY_CONSTRUCT).filter((type) => !types.has(type))).toEqual([]);
  });
});
