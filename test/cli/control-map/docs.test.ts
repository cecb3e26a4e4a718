import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { controlMapOf } from '../../../lib/cli/control-map/command';
import { renderMarkdown } from '../../../lib/cli/control-map/render-md';
import { DEFAULT_ASSEMBLY, ROOT } from '../../helpers/paths';

describe('docs/control-map.md', () => {
  const committed = readFileSync(join(ROOT, 'docs', 'control-map.md'), 'utf8');

  test('is the control map of the default configuration (run `npm run docs:control-map`)', () => {
    expect(committed).toBe(renderMarkdown(controlMapOf(DEFAULT_ASSEMBLY).map));
  });

  test('holds no machine path and no timestamp, so it only changes when the map does', () => {
    expect(committed).not.toContain(ROOT);
    expect(committed).not.toMatch(/(^|[\s(`])\/(tmp|home|root|work|Users)\//m);
    expect(committed).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  });
});
