import { readdirSync, rmSync } from 'node:fs';
import { RUN_TMPDIR_VARIABLE } from './run-tmpdir';

/** Caches tools keep in the temporary directory on purpose and reuse across runs (tsx's compile cache). */
const REUSED_CACHES = /^tsx-/;

/**
 * The test run had a temporary directory of its own (global setup): anything left in it, beyond reused
 * caches, is a test that did not clean up — the run fails, naming what was left. The directory goes.
 */
export default function globalTeardown(): void {
  const dir = process.env[RUN_TMPDIR_VARIABLE];
  if (!dir) return;
  const leftovers = readdirSync(dir).filter((name) => !REUSED_CACHES.test(name));
  rmSync(dir, { recursive: true, force: true });
  if (leftovers.length > 0) {
    const kinds = new Map<string, number>();
    for (const name of leftovers) {
      const kind = name.replace(/[-_.]?[A-Za-z0-9]{6}$/, '');
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    const listed = [...kinds].map(([kind, count]) => `${kind} ×${count}`).join(', ');
    throw new Error(`tests left temporary files behind: ${listed}`);
  }
}
