// Runs `preflight` in process against the local account double: real SDK clients pointed at 127.0.0.1 with
// fixed credentials and millisecond backoff, the configuration written to a temporary file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PreflightClients } from '../../lib/cli/preflight/clients';
import { runPreflight } from '../../lib/cli/preflight/command';
import type { CheckResult, PreflightReport } from '../../lib/cli/preflight/types';
import { FakePreflightAccount } from './preflight-account';

export const CREDENTIALS = { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'local-test-secret' };

export interface InProcessRun {
  readonly code: number;
  readonly report: PreflightReport;
  readonly stdout: string;
  readonly stderr: string;
  /** The result of a check by name. */
  readonly check: (name: string) => CheckResult;
}

export class PreflightHarness {
  readonly fake = new FakePreflightAccount();
  endpoint = '';
  private dir = '';
  private runs = 0;

  async start(): Promise<this> {
    this.endpoint = `http://127.0.0.1:${await this.fake.start()}`;
    this.dir = mkdtempSync(join(tmpdir(), 'preflight-'));
    return this;
  }

  async stop(): Promise<void> {
    await this.fake.stop();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }

  /** Writes a configuration file in the harness's temporary directory; returns its path. */
  writeConfig(config: unknown): string {
    const file = join(this.dir, `config-${++this.runs}.json`);
    writeFileSync(file, JSON.stringify(config));
    return file;
  }

  /** Runs preflight (JSON output) with the configuration; the double keeps its current state. */
  async run(config: unknown = {}, maxAttempts = '5', format: 'json' | 'text' = 'json'): Promise<InProcessRun> {
    let stdout = '';
    let stderr = '';
    const code = await runPreflight(
      { config: this.writeConfig(config), format, maxAttempts },
      { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) },
      {
        clients: (attempts) =>
          new PreflightClients({
            maxAttempts: attempts,
            endpoint: this.endpoint,
            credentials: CREDENTIALS,
            retryBaseDelayMs: 1,
          }),
      },
    );
    const report: PreflightReport = format === 'json' && stdout ? JSON.parse(stdout) : undefined!;
    const check = (name: string) => {
      const found = report.checks.find((c) => c.check === name);
      if (!found) throw new Error(`no check ${name} in ${report.checks.map((c) => c.check).join(', ')}`);
      return found;
    };
    return { code, report, stdout, stderr, check };
  }
}
