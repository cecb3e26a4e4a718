import { buildSync } from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { HANDLER_BUILD_OPTIONS, PROJECT_ROOT, handlerEntry, type HandlerName } from '../../lib/functions/bundling';
import { ROOT } from './paths';

const BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

export interface HandlerBundle {
  readonly errors: readonly unknown[];
  readonly warnings: readonly unknown[];
  /** Modules the bundle leaves to the runtime, Node built-ins excepted, sorted. */
  readonly outside: readonly string[];
  readonly bytes: number;
  /** The bundle itself. */
  readonly text: string;
  /** Writes the bundle to a scratch folder, imports it, runs `use` with its exports, then removes the folder. */
  use<T>(use: (exports: { handler: (event: unknown) => Promise<unknown> }) => Promise<T>): Promise<T>;
}

/** Bundles a handler exactly as synth does (the same esbuild options), in memory. */
export function bundleHandler(name: HandlerName): HandlerBundle {
  const result = buildSync({
    ...HANDLER_BUILD_OPTIONS,
    entryPoints: [join(PROJECT_ROOT, handlerEntry(name))],
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const [output] = Object.values(result.metafile.outputs);
  return {
    errors: result.errors,
    warnings: result.warnings,
    outside: [...new Set(output.imports.filter((i) => i.external).map((i) => i.path))]
      .filter((path) => !BUILTINS.has(path))
      .sort(),
    bytes: output.bytes,
    text: result.outputFiles[0].text,
    async use(use) {
      const dir = join(ROOT, 'test', '.cache', `${name}-bundle`);
      mkdirSync(dir, { recursive: true });
      const file = join(dir, 'index.js');
      writeFileSync(file, result.outputFiles[0].contents);
      try {
        return await use(await import(file));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
