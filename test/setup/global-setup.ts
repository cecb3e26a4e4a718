import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RUN_TMPDIR_VARIABLE, useRunTmpdir } from './run-tmpdir';
import {
  CONTROL_TOWER_ASSEMBLY,
  CONTROL_TOWER_CONFIG,
  DEFAULT_ASSEMBLY,
  ORGANIZATION_ASSEMBLY,
  ORGANIZATION_CONFIG,
  ROOT,
} from '../helpers/paths';

/** What a synth may leave in the temporary directory: tsx's compile cache, which later runs reuse. */
const REUSED_CACHES = /^tsx-/;

/**
 * Runs `npx cdk synth` as the README does, offline: no AWS credentials, an empty HOME and a temporary
 * directory of its own, which must hold nothing afterwards but reused caches (a synth leaves nothing behind).
 */
function synth(output: string, context: string[]): Promise<void> {
  rmSync(output, { recursive: true, force: true });
  mkdirSync(output, { recursive: true });
  const home = mkdtempSync(join(tmpdir(), 'hipaa-baseline-home-'));
  const temp = mkdtempSync(join(tmpdir(), 'hipaa-baseline-synth-tmp-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    TMPDIR: temp,
    CDK_DISABLE_VERSION_CHECK: '1',
  };
  const child = spawn('npx', ['cdk', 'synth', '--quiet', '--output', output, ...context], { cwd: ROOT, env });
  let text = '';
  child.stdout.on('data', (chunk) => (text += chunk));
  child.stderr.on('data', (chunk) => (text += chunk));
  return new Promise((resolve, reject) => {
    child.on('close', (status) => {
      const leftovers = readdirSync(temp).filter((name) => !REUSED_CACHES.test(name));
      rmSync(home, { recursive: true, force: true });
      rmSync(temp, { recursive: true, force: true });
      if (status !== 0) reject(new Error(`synth of ${output} failed (exit ${status}):\n${text}`));
      else if (leftovers.length > 0) reject(new Error(`synth left temporary files behind: ${leftovers.join(', ')}`));
      else resolve();
    });
  });
}

/**
 * Synthesizes, once for the whole run and in parallel, the default baseline, the baseline of the example
 * configuration for an account that already has its once-per-account services (Control Tower), and the
 * example organisation (organisation mode).
 * Every test file reads these assemblies instead of synthesizing again. A synth failure (including any
 * unacknowledged finding of the gate) stops the run here.
 */
export async function synthesizeAssemblies(): Promise<void> {
  await settleAll([
    synth(DEFAULT_ASSEMBLY, []),
    synth(CONTROL_TOWER_ASSEMBLY, ['-c', `hipaaBaselineConfig=${CONTROL_TOWER_CONFIG}`]),
    synth(ORGANIZATION_ASSEMBLY, ['-c', `hipaaBaselineConfig=${ORGANIZATION_CONFIG}`]),
  ]);
}

/**
 * Waits for every task, then rejects with the first failure: a failed synth must not leave the others
 * running (and writing temporary files) after the run has stopped.
 */
export async function settleAll(tasks: readonly Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(tasks)).find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
}

/**
 * Jest's global setup: the run's own temporary directory (checked by the teardown), then the assemblies.
 * Jest skips the teardown when the setup fails, so a failed setup removes the directory itself.
 */
export default async function globalSetup(): Promise<void> {
  useRunTmpdir();
  try {
    await synthesizeAssemblies();
  } catch (error) {
    const dir = process.env[RUN_TMPDIR_VARIABLE];
    if (dir) rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
