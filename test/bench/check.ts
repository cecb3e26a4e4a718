// Speed of `hipaa-baseline check` over the default assembly against `npx cdk synth` of the same app
// (target: check ≤ 50 % of synth), the guard's extra cost, and the CLI's cold start for `--help`
// (target ≤ 1 s through npx). Prints figures; run with `npm run bench check`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, seconds, timeCommand } from './timing';

/**
 * A project that depends on hipaa-baseline, laid out as `npm install` lays out a `file:` dependency (the
 * package linked into node_modules, its bin linked into node_modules/.bin). Inside this repository npx
 * takes another path: the project's own package.json declares the bin, so npm loads the whole dependency
 * tree to "install" the project into its npx cache before running it.
 */
function consumerProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bench-consumer-'));
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, dependencies: { 'hipaa-baseline': `file:${ROOT}` } }),
  );
  mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(ROOT, join(dir, 'node_modules', 'hipaa-baseline'));
  symlinkSync(
    join('..', 'hipaa-baseline', 'bin', 'hipaa-baseline.js'),
    join(dir, 'node_modules', '.bin', 'hipaa-baseline'),
  );
  return dir;
}

export function benchCheck(): void {
  const assembly = mkdtempSync(join(tmpdir(), 'bench-check-'));
  try {
    const synthOnce = spawnSync('npx', ['cdk', 'synth', '--quiet', '-o', assembly], { cwd: ROOT, encoding: 'utf8' });
    if (synthOnce.status !== 0) throw new Error(`cdk synth failed:\n${synthOnce.stderr}`);
    const cli = join(ROOT, 'bin', 'hipaa-baseline.js');
    const synth = timeCommand('npx', ['cdk', 'synth', '--quiet', '-o', '{out}']);
    const check = timeCommand(process.execPath, [cli, 'check', assembly]);
    const guarded = timeCommand(process.execPath, [cli, 'check', assembly, '--baseline', assembly]);
    const npxHelp = timeCommand('npx', ['hipaa-baseline', '--help'], 5);
    const nodeHelp = timeCommand(process.execPath, [cli, '--help'], 5);
    const consumer = consumerProject();
    const consumerHelp = timeCommand('npx', ['hipaa-baseline', '--help'], 5, {}, consumer);
    rmSync(consumer, { recursive: true, force: true });
    console.log(`npx cdk synth (default app):              ${seconds(synth)}`);
    console.log(`hipaa-baseline check (default assembly):  ${seconds(check)}`);
    console.log(`ratio check / synth: ${((check / synth) * 100).toFixed(0)} % (target <= 50 %)`);
    console.log(
      `check --baseline (guard included):        ${seconds(guarded)} (${((guarded / synth) * 100).toFixed(0)} % of synth)`,
    );
    console.log(`npx hipaa-baseline --help, in a project that depends on it: ${seconds(consumerHelp)} (target <= 1 s)`);
    console.log(
      `npx hipaa-baseline --help, in this repository:               ${seconds(npxHelp)} (npm self-exec loads the tree first)`,
    );
    console.log(
      `node bin/hipaa-baseline.js --help:        ${seconds(nodeHelp)} (the CLI alone, without npx resolving it)`,
    );
  } finally {
    rmSync(assembly, { recursive: true, force: true });
  }
}

if (require.main === module) benchCheck();
