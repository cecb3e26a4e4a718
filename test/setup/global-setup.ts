import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_ASSEMBLY, ROOT } from '../helpers/paths';

/**
 * Synthesizes the default baseline once, exactly as the README does (`npx cdk synth`), offline: no AWS
 * credentials and an empty HOME. Every test file reads this assembly instead of synthesizing again.
 * A synth failure (including any unacknowledged finding of the gate) stops the run here.
 */
export default function globalSetup(): void {
  rmSync(DEFAULT_ASSEMBLY, { recursive: true, force: true });
  mkdirSync(DEFAULT_ASSEMBLY, { recursive: true });
  const home = mkdtempSync(join(tmpdir(), 'hipaa-baseline-home-'));
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, CDK_DISABLE_VERSION_CHECK: '1' };
  const result = spawnSync('npx', ['cdk', 'synth', '--quiet', '--output', DEFAULT_ASSEMBLY], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
  rmSync(home, { recursive: true, force: true });
  if (result.status !== 0) {
    throw new Error(`default synth failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}
