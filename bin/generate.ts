// Regenerates the committed derived files: catalog types and the configuration JSON Schema.
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { GENERATED_FILES } from '../lib/generated-files';

for (const file of GENERATED_FILES) {
  writeFileSync(file.path, file.render());
  console.log(`wrote ${relative(process.cwd(), file.path)}`);
}
