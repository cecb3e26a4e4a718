// `npm run docs:control-map`: synthesizes the default app exactly as the test suite does (offline, into
// test/.cache/default.out) and writes docs/control-map.md from it. A test fails when the file is stale.
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { controlMapOf } from '../lib/cli/control-map/command';
import { renderMarkdown } from '../lib/cli/control-map/render-md';
import { DEFAULT_ASSEMBLY, ROOT } from '../test/helpers/paths';
import { synthesizeAssemblies } from '../test/setup/global-setup';

const doc = join(ROOT, 'docs', 'control-map.md');
void synthesizeAssemblies().then(() => {
  writeFileSync(doc, renderMarkdown(controlMapOf(DEFAULT_ASSEMBLY).map));
  console.log(`wrote ${relative(process.cwd(), doc)}`);
});
