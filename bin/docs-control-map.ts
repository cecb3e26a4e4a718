// `npm run docs:control-map`: synthesizes the default app exactly as the test suite does (offline, into
// test/.cache/default.out) and writes docs/control-map.md (HIPAA) and docs/gdpr-control-map.md from it.
// A test fails when either file is stale.
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { controlMapOf, gdprControlMapOf } from '../lib/cli/control-map/command';
import { renderMarkdown } from '../lib/cli/control-map/render-md';
import { DEFAULT_ASSEMBLY, ROOT } from '../test/helpers/paths';
import { synthesizeAssemblies } from '../test/setup/global-setup';

void synthesizeAssemblies().then(() => {
  const docs = [
    ['control-map.md', renderMarkdown(controlMapOf(DEFAULT_ASSEMBLY).map)],
    ['gdpr-control-map.md', renderMarkdown(gdprControlMapOf(DEFAULT_ASSEMBLY))],
  ];
  for (const [name, content] of docs) {
    const doc = join(ROOT, 'docs', name);
    writeFileSync(doc, content);
    console.log(`wrote ${relative(process.cwd(), doc)}`);
  }
});
