import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const created: string[] = [];

/**
 * A fresh temporary directory that is removed after the test file (test/setup/temp-cleanup.ts): the
 * one way tests make temporary directories, so a run leaves nothing behind.
 */
export function tempDir(prefix = 'hipaa-baseline-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Removes every directory made with {@link tempDir} so far. */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}
