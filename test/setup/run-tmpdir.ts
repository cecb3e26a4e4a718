import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Environment variable holding the test run's own temporary directory. */
export const RUN_TMPDIR_VARIABLE = 'HIPAA_BASELINE_TEST_TMPDIR';

/**
 * Gives the whole test run (this process, the jest workers it starts and every child process they spawn)
 * a temporary directory of its own, so the teardown can tell whether the tests cleaned up after themselves.
 */
export function useRunTmpdir(): void {
  if (process.env[RUN_TMPDIR_VARIABLE]) return;
  const dir = mkdtempSync(join(tmpdir(), 'hipaa-baseline-tests-'));
  process.env[RUN_TMPDIR_VARIABLE] = dir;
  process.env.TMPDIR = dir;
}
