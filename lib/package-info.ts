import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The name this project is published under. */
export const PACKAGE_NAME = 'hipaa-baseline';

/**
 * The directory of this package's package.json: the repository root when run from source, the installed
 * package's root when run from its compiled `dist/` folder (one level deeper), found by walking up.
 */
export function packageRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === PACKAGE_NAME) {
      return dir;
    }
    if (dirname(dir) === dir) throw new Error(`package.json of ${PACKAGE_NAME} not found above ${from}`);
  }
}

/** This package's version (package.json). */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
