import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/paths';

const cli = (...args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'bin', 'hipaa-baseline.js'), ...args], { encoding: 'utf8' });

describe('hipaa-baseline CLI', () => {
  test('--help describes the tool and exits 0', () => {
    const result = cli('--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: hipaa-baseline/);
  });

  test('--version prints the package version', () => {
    const result = cli('--version');
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });

  test('the help lists the evidence command without loading the AWS SDK', () => {
    const result = cli('--help');
    expect(result.stdout).toMatch(/^\s+evidence \[options\]/m);
    const probe = spawnSync(
      process.execPath,
      [
        '-e',
        "require('tsx/cjs'); require('./lib/cli/main.ts').buildProgram(); " +
          "process.stdout.write(String(Object.keys(require.cache).some((k) => k.includes('@aws-sdk'))))",
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(probe.stdout).toBe('false');
  });

  test('an unknown option exits 2 without a stack trace', () => {
    const result = cli('--no-such-option');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("unknown option '--no-such-option'");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
