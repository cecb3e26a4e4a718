import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

/** Median wall time (ms) of `runs` executions of a command (in `cwd`, default the project); throws if any run fails. */
export function timeCommand(
  command: string,
  args: string[],
  runs = 3,
  env: NodeJS.ProcessEnv = {},
  cwd = ROOT,
): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const out = mkdtempSync(join(tmpdir(), 'bench-'));
    const start = process.hrtime.bigint();
    const result = spawnSync(
      command,
      args.map((a) => a.replace('{out}', out)),
      {
        cwd,
        encoding: 'utf8',
        env: { ...process.env, CDK_DISABLE_VERSION_CHECK: '1', ...env },
      },
    );
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    rmSync(out, { recursive: true, force: true });
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
  }
  return median(times);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
