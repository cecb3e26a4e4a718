import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTROL_TOWER_ASSEMBLY, CONTROL_TOWER_CONFIG, DEFAULT_ASSEMBLY, ROOT } from '../helpers/paths';

/** Runs `npx cdk synth` as the README does, offline: no AWS credentials and an empty HOME. */
function synth(output: string, context: string[]): Promise<void> {
  rmSync(output, { recursive: true, force: true });
  mkdirSync(output, { recursive: true });
  const home = mkdtempSync(join(tmpdir(), 'hipaa-baseline-home-'));
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, CDK_DISABLE_VERSION_CHECK: '1' };
  const child = spawn('npx', ['cdk', 'synth', '--quiet', '--output', output, ...context], { cwd: ROOT, env });
  let text = '';
  child.stdout.on('data', (chunk) => (text += chunk));
  child.stderr.on('data', (chunk) => (text += chunk));
  return new Promise((resolve, reject) => {
    child.on('close', (status) => {
      rmSync(home, { recursive: true, force: true });
      if (status === 0) resolve();
      else reject(new Error(`synth of ${output} failed (exit ${status}):\n${text}`));
    });
  });
}

/**
 * Synthesizes, once for the whole run and in parallel, the default baseline and the baseline of the
 * example configuration for an account that already has its once-per-account services (Control Tower).
 * Every test file reads these assemblies instead of synthesizing again. A synth failure (including any
 * unacknowledged finding of the gate) stops the run here.
 */
export default async function globalSetup(): Promise<void> {
  await Promise.all([
    synth(DEFAULT_ASSEMBLY, []),
    synth(CONTROL_TOWER_ASSEMBLY, ['-c', `hipaaBaselineConfig=${CONTROL_TOWER_CONFIG}`]),
  ]);
}
