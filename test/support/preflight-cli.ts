// The real `hipaa-baseline preflight` in a child process: an environment pointing the SDK at the local double
// with dummy credentials (no profile files, no instance metadata), in a working directory of the test's.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../helpers/paths';

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Environment of a run: `home` is a directory the test owns (no AWS profile in it). */
export function preflightEnv(home: string, endpoint?: string, credentials = true): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: home,
    AWS_CONFIG_FILE: join(home, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...(endpoint ? { AWS_ENDPOINT_URL: endpoint } : {}),
    ...(credentials ? { AWS_ACCESS_KEY_ID: 'AKIDLOCALTEST', AWS_SECRET_ACCESS_KEY: 'local-test-secret' } : {}),
  };
}

/** Runs the CLI asynchronously (the double must keep answering meanwhile). */
export function runPreflightCli(args: readonly string[], env: NodeJS.ProcessEnv, cwd: string): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [join(ROOT, 'bin', 'hipaa-baseline.js'), 'preflight', ...args],
      { env, cwd, encoding: 'utf8', timeout: 60_000 },
      (_error, stdout, stderr) => resolve({ status: child.exitCode, stdout, stderr }),
    );
  });
}
