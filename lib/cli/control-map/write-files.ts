import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from '../main';

/** A rendered output file. */
export interface OutputFile {
  readonly name: string;
  readonly content: string;
}

const code = (error: unknown) => (error as NodeJS.ErrnoException).code ?? String(error);

/**
 * Checks, before any work, that `directory` is or can become a directory: it is one, or its nearest
 * existing ancestor is one. Creates nothing.
 */
export function checkOutputDirectory(directory: string, label = `--out ${directory}`): void {
  let path = resolve(directory);
  if (existsSync(path)) {
    if (!statSync(path).isDirectory()) throw new UsageError(`${label}: not a directory`);
    return;
  }
  while (!existsSync(path)) path = dirname(path);
  if (!statSync(path).isDirectory()) throw new UsageError(`${label}: cannot be created (a parent is a file)`);
}

/**
 * Writes every file into `directory` (created if needed), all or nothing: each is written to a
 * temporary name first, and renamed into place only when all were written; on failure the temporary
 * files (and any directory this call created) are removed and a UsageError names the problem.
 */
export function writeFilesAtomically(
  directory: string,
  files: readonly OutputFile[],
  label = `--out ${directory}`,
): void {
  let created: string | undefined;
  try {
    created = mkdirSync(directory, { recursive: true });
  } catch (error) {
    throw new UsageError(`${label}: cannot create the directory (${code(error)})`);
  }
  const staged: { temporary: string; final: string }[] = [];
  let current = '';
  try {
    for (const file of files) {
      current = file.name;
      const final = join(directory, file.name);
      // A rename cannot replace a directory: find that out before anything is replaced.
      if (existsSync(final) && statSync(final).isDirectory()) throw Object.assign(new Error(), { code: 'EISDIR' });
      const temporary = `${final}.${process.pid}.tmp`;
      staged.push({ temporary, final });
      writeFileSync(temporary, file.content);
    }
  } catch (error) {
    for (const { temporary } of staged) rmSync(temporary, { force: true });
    if (created) rmSync(created, { recursive: true, force: true });
    throw new UsageError(`${label}: cannot write ${current} (${code(error)})`);
  }
  for (const { temporary, final } of staged) renameSync(temporary, final);
}
