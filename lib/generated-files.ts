import { join } from 'node:path';
import { renderConfigJsonSchema } from './config/json-schema';
import { renderConfigReference } from './config/render-reference';
import { renderCatalogTypes } from './controls/render-catalog-types';

/** Files derived from the code and data; committed, regenerated with `npm run generate`, checked by a test. */
export const GENERATED_FILES: readonly { path: string; render: () => string }[] = [
  { path: join(__dirname, 'controls', 'catalog.generated.ts'), render: renderCatalogTypes },
  { path: join(__dirname, 'config', 'config.schema.json'), render: renderConfigJsonSchema },
  { path: join(__dirname, '..', 'docs', 'configuration.md'), render: renderConfigReference },
];
