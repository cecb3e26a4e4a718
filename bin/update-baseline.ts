// `npm run baseline:update`: synthesizes the default app and stores its templates as the baseline the
// stateful-change guard test compares against (test/fixtures/baseline). Run it when a change to the default
// templates is intended, and review the diff: a replaced or removed data-holding resource must be deliberate.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..');
const target = join(root, 'test', 'fixtures', 'baseline');
const out = mkdtempSync(join(tmpdir(), 'hipaa-baseline-synth-'));
try {
  const synth = spawnSync('npx', ['cdk', 'synth', '--quiet', '--output', out], { cwd: root, stdio: 'inherit' });
  if (synth.status !== 0) throw new Error(`cdk synth failed (exit ${synth.status})`);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  const files = readdirSync(out).filter((name) => name === 'manifest.json' || name.endsWith('.template.json'));
  for (const name of files) copyFileSync(join(out, name), join(target, name));
  console.log(`baseline updated: ${files.length} files in test/fixtures/baseline`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
