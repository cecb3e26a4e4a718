import type { BuildOptions } from 'esbuild';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The handlers this project ships, one folder each under lib/functions with an `index.ts` exporting `handler`. */
export type HandlerName =
  'isolate-instance' | 'account-settings' | 'deidentify' | 'model-invocation-logging' | 'organization-services';

/** Project root: entry points must lie under esbuild's working directory. */
export const PROJECT_ROOT = join(__dirname, '..', '..');

/**
 * Entry file of a handler, relative to the project root: its TypeScript source, or — in the published
 * package, whose `dist/` holds compiled JavaScript — the compiled `index.js` (esbuild bundles either).
 */
export function handlerEntry(name: HandlerName): string {
  const source = join('lib', 'functions', name, 'index.ts');
  return existsSync(join(PROJECT_ROOT, source)) ? source : join('lib', 'functions', name, 'index.js');
}

/**
 * How every handler is bundled, at synth and in the bundle tests alike: one CommonJS file for Node.js 20
 * syntax (it runs unchanged on later runtimes), minified, no source map, with the AWS SDK v3 left to the
 * Lambda runtime. Bundling runs in process through esbuild's API: no Docker, no child `npx`.
 */
export const HANDLER_BUILD_OPTIONS: Readonly<BuildOptions> = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  sourcemap: false,
  external: ['@aws-sdk/*'],
  logLevel: 'warning',
};
