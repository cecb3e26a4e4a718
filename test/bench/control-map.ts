// Speed of `hipaa-baseline control-map` on the default assembly (target <= 2 s): the whole CLI as users
// run it (node start, TypeScript loader, reading the assembly, all five outputs written), and the
// in-process part alone. Run with `npm run bench control-map`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { controlMapOf, renderOutputs } from '../../lib/cli/control-map/command';
import { FORMATS } from '../../lib/cli/control-map/model';
import { median, ROOT, seconds, timeCommand } from './timing';

export function benchControlMap(): void {
  const assembly = mkdtempSync(join(tmpdir(), 'bench-assembly-'));
  const synth = spawnSync('npx', ['cdk', 'synth', '--quiet', '-o', assembly], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CDK_DISABLE_VERSION_CHECK: '1' },
  });
  if (synth.status !== 0) throw new Error(`cdk synth failed:\n${synth.stderr}`);
  try {
    const cli = ['bin/hipaa-baseline.js', 'control-map', '--app', assembly, '--out', '{out}'];
    timeCommand(process.execPath, cli, 1); // warm the TypeScript loader's cache
    const wall = timeCommand(process.execPath, cli, 5);
    const withGdpr = timeCommand(process.execPath, [...cli, '--framework', 'hipaa,gdpr'], 5);
    const inProcess: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = process.hrtime.bigint();
      const { map, synthesizedAt } = controlMapOf(assembly);
      renderOutputs(map, FORMATS, synthesizedAt);
      inProcess.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    console.log(`control-map CLI, default assembly, all five outputs (median of 5): ${seconds(wall)} (target <= 2 s)`);
    console.log(`  with --framework hipaa,gdpr (nine outputs, median of 5): ${seconds(withGdpr)}`);
    console.log(
      `  of which reading, building and rendering in process (median of 5, warm): ${seconds(median(inProcess))}`,
    );
  } finally {
    rmSync(assembly, { recursive: true, force: true });
  }
}

if (require.main === module) benchControlMap();
