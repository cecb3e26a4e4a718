import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { controlMapOf, gdprControlMapOf } from '../../../lib/cli/control-map/command';
import { renderMarkdown } from '../../../lib/cli/control-map/render-md';
import { DEFAULT_ASSEMBLY, ROOT } from '../../helpers/paths';

describe.each([
  ['control-map.md', () => renderMarkdown(controlMapOf(DEFAULT_ASSEMBLY).map)],
  ['gdpr-control-map.md', () => renderMarkdown(gdprControlMapOf(DEFAULT_ASSEMBLY))],
])('docs/%s', (name, render) => {
  const committed = readFileSync(join(ROOT, 'docs', name), 'utf8');

  test('is the control map of the default configuration (run `npm run docs:control-map`)', () => {
    expect(committed).toBe(render());
  });

  test('holds no machine path and no timestamp, so it only changes when the map does', () => {
    expect(committed).not.toContain(ROOT);
    expect(committed).not.toMatch(/(^|[\s(`])\/(tmp|home|root|work|Users)\//m);
    expect(committed).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  });
});
