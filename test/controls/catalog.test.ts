import { execSync } from 'node:child_process';
import { CATALOG, normalizeCitation, requireCitations } from '../../lib/controls/catalog';
import { ROOT } from '../helpers/paths';

describe('HIPAA catalog', () => {
  test('holds the 22 standards and 43 implementation specifications (21 required, 22 addressable)', () => {
    expect(CATALOG.filter((e) => e.kind === 'standard')).toHaveLength(22);
    const specs = CATALOG.filter((e) => e.kind === 'spec');
    expect(specs).toHaveLength(43);
    expect(specs.filter((e) => e.required === 'R')).toHaveLength(21);
    expect(specs.filter((e) => e.required === 'A')).toHaveLength(22);
  });

  test('every specification names a standard of the catalog as parent', () => {
    const standards = new Set(CATALOG.filter((e) => e.kind === 'standard').map((e) => e.citation));
    for (const spec of CATALOG.filter((e) => e.kind === 'spec')) expect(standards).toContain(spec.parent);
  });

  test('accepts the Appendix A form of a standard and prints the catalog form', () => {
    expect(normalizeCitation('164.308(a)(1)')).toBe('164.308(a)(1)(i)');
    expect(normalizeCitation('164.312(b)')).toBe('164.312(b)');
    expect(normalizeCitation('164.308(a)(1)(ii)')).toBeUndefined();
  });

  test('an unknown citation is an error naming it', () => {
    expect(() => requireCitations(['164.312(a)(2)(iv)', '164.312(z)'], 'here')).toThrow(
      'here: unknown HIPAA citation(s) "164.312(z)"',
    );
  });

  test('every citation written anywhere in product code is in the catalog', () => {
    const text = execSync(
      'git grep --untracked -hoE "164\\.3[0-9]{2}(\\([A-Za-z0-9]+\\))+" -- bin lib rules \':!lib/controls/data\'',
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    const cited = [...new Set(text.split('\n').filter(Boolean))];
    expect(cited.length).toBeGreaterThan(10);
    expect(cited.filter((c) => normalizeCitation(c) === undefined)).toEqual([]);
  });
});
