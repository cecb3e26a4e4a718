/**
 * `npm run build` (and `npm pack`, through `prepack`): compiles lib/ and rules/ to JavaScript with declarations
 * under `dist/` (or the folder given as the only argument), and copies every other file those folders read at
 * run time (the control catalog's data, the control map's HTML assets, the Guard rules, the configuration's
 * JSON Schema) to the same place beside them, so `dist/` works on its own.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';

const ROOT = join(__dirname, '..');
const SOURCES = ['lib', 'rules'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

export function buildPackage(outDir: string): void {
  rmSync(outDir, { recursive: true, force: true });
  try {
    execFileSync(
      process.execPath,
      [require.resolve('typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', outDir],
      { stdio: 'pipe', encoding: 'utf8' },
    );
  } catch (error) {
    const output = (error as { stdout?: string }).stdout ?? '';
    throw new Error(`TypeScript did not compile:\n${output}`);
  }
  for (const source of SOURCES) {
    for (const file of filesUnder(join(ROOT, source))) {
      if (extname(file) === '.ts') continue;
      cpSync(file, join(outDir, relative(ROOT, file)));
    }
  }
}

if (require.main === module) {
  const outDir = resolve(process.argv[2] ?? join(ROOT, 'dist'));
  try {
    buildPackage(outDir);
    console.log(`built ${relative(process.cwd(), outDir) || '.'}`);
  } catch (error) {
    console.error(`build-package: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
