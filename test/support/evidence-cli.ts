// Helpers for the evidence tests: an environment pointing the AWS SDK at the local Config API with dummy
// credentials (no profile files, no instance metadata), and the real CLI run as a child process.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../helpers/paths';
import { tempDir } from '../helpers/temp';

/** Environment of a run against `endpoint` (no endpoint: the SDK's own resolution, used only for offline failures). */
export function awsEnv(
  endpoint?: string,
  credentials = true,
  variable: 'AWS_ENDPOINT_URL' | 'AWS_ENDPOINT_URL_CONFIG_SERVICE' = 'AWS_ENDPOINT_URL',
): NodeJS.ProcessEnv {
  const home = tempDir('evidence-home-');
  return {
    PATH: process.env.PATH,
    HOME: home,
    ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}),
    AWS_CONFIG_FILE: join(home, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...(endpoint ? { [variable]: endpoint } : {}),
    ...(credentials ? { AWS_ACCESS_KEY_ID: 'AKIDLOCALTEST', AWS_SECRET_ACCESS_KEY: 'local-test-secret' } : {}),
  };
}

export interface CliResult {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `hipaa-baseline` asynchronously (the test's server must keep answering meanwhile). */
export function runCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  onStart?: (pid: number) => void,
): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [join(ROOT, 'bin', 'hipaa-baseline.js'), ...args],
      { env, encoding: 'utf8', timeout: 120_000 },
      (_error, stdout, stderr) => resolve({ status: child.exitCode, signal: child.signalCode, stdout, stderr }),
    );
    if (onStart && child.pid) onStart(child.pid);
  });
}
