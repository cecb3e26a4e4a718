import { App, Stack } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_ASSEMBLY, ROOT } from '../../helpers/paths';
import { tempDir } from './assemblies';

/** The real CLI, as users run it. */
function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [join(ROOT, 'bin', 'hipaa-baseline.js'), 'control-map', ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
  });
}

const GDPR_FILES = ['gdpr-control-map.csv', 'gdpr-control-map.html', 'gdpr-control-map.json', 'gdpr-control-map.md'];

const ALL_FILES = [
  'control-map.csv',
  'control-map.html',
  'control-map.json',
  'control-map.md',
  'oscal-component-definition.json',
];

describe('hipaa-baseline control-map', () => {
  test('is listed in the CLI help; its own help names the options, defaults and outputs', () => {
    const top = spawnSync(process.execPath, [join(ROOT, 'bin', 'hipaa-baseline.js'), '--help'], { encoding: 'utf8' });
    expect(top.stdout.replace(/\s+/g, ' ')).toContain('control-map [options] Control map for auditors');
    const own = cli(['--help']);
    expect(own.status).toBe(0);
    const text = own.stdout.replace(/\s+/g, ' ');
    expect(text).toContain('--app <dir> cloud assembly directory (default: "cdk.out")');
    expect(text).toContain('--out <dir> output directory (default: "control-map")');
    expect(text).toContain('(default: "md,json,csv,html,oscal")');
    expect(text).toContain('oscal-component-definition.json');
    expect(text).toContain('--framework <list> comma-separated: hipaa, gdpr (default: "hipaa")');
    expect(text).toContain('not legal advice');
  });

  test('writes the five outputs from a synthesized assembly, and says what it wrote', () => {
    const out = join(tempDir(), 'map');
    const result = cli(['--app', DEFAULT_ASSEMBLY, '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(ALL_FILES);
    expect(result.stdout).toMatch(/^control-map: 65 citations \(\d+ implemented, /);
    expect(JSON.parse(readFileSync(join(out, 'control-map.json'), 'utf8')).controls).toHaveLength(65);
  });

  test('reads cdk.out and writes control-map/ in the working directory by default', () => {
    const cwd = tempDir();
    symlinkSync(DEFAULT_ASSEMBLY, join(cwd, 'cdk.out'));
    const run = () =>
      spawnSync(process.execPath, [join(ROOT, 'bin', 'hipaa-baseline.js'), 'control-map'], { cwd, encoding: 'utf8' });
    expect(run().status).toBe(0);
    expect(readdirSync(join(cwd, 'control-map')).sort()).toEqual(ALL_FILES);
    rmSync(join(cwd, 'cdk.out'));
    const missing = run();
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('hipaa-baseline: --app cdk.out: no such directory (run `npx cdk synth` first)\n');
  });

  test('--format writes only the formats asked for', () => {
    const out = join(tempDir(), 'map');
    expect(cli(['--app', DEFAULT_ASSEMBLY, '--out', out, '--format', 'oscal, csv']).status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['control-map.csv', 'oscal-component-definition.json']);
  });

  test('--framework hipaa,gdpr adds the GDPR map in every format and its control implementation in OSCAL', () => {
    const out = join(tempDir(), 'map');
    const result = cli(['--app', DEFAULT_ASSEMBLY, '--out', out, '--framework', 'hipaa,gdpr']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual([...ALL_FILES, ...GDPR_FILES].sort());
    expect(result.stdout).toMatch(/^control-map: 65 citations \([^)]+\); 14 GDPR provisions \(\d+ implemented, /);
    const oscal = JSON.parse(readFileSync(join(out, 'oscal-component-definition.json'), 'utf8'));
    const implementations = oscal['component-definition'].components[0]['control-implementations'];
    expect(implementations).toHaveLength(2);
    expect(implementations[1]['implemented-requirements'][4]['control-id']).toBe('gdpr-art32-1-a');
    expect(JSON.parse(readFileSync(join(out, 'gdpr-control-map.json'), 'utf8')).controls).toHaveLength(14);
    // The HIPAA files are the ones the default run writes.
    const hipaaOnly = join(tempDir(), 'hipaa');
    expect(cli(['--app', DEFAULT_ASSEMBLY, '--out', hipaaOnly]).status).toBe(0);
    for (const file of ALL_FILES.filter((f) => f !== 'oscal-component-definition.json'))
      expect(readFileSync(join(out, file), 'utf8')).toBe(readFileSync(join(hipaaOnly, file), 'utf8'));
  });

  test('--framework gdpr writes only the GDPR map (and OSCAL with its implementation alone)', () => {
    const out = join(tempDir(), 'map');
    const result = cli(['--app', DEFAULT_ASSEMBLY, '--out', out, '--framework', ' gdpr ', '--format', 'md,oscal']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^control-map: 14 GDPR provisions /);
    expect(readdirSync(out).sort()).toEqual(['gdpr-control-map.md', 'oscal-component-definition.json']);
    const oscal = JSON.parse(readFileSync(join(out, 'oscal-component-definition.json'), 'utf8'));
    expect(oscal['component-definition'].components[0]['control-implementations']).toHaveLength(1);
  });

  test('re-running on the same assembly gives byte-identical files; SOURCE_DATE_EPOCH sets last-modified', () => {
    const first = join(tempDir(), 'a');
    const second = join(tempDir(), 'b');
    expect(cli(['--app', DEFAULT_ASSEMBLY, '--out', first]).status).toBe(0);
    expect(cli(['--app', DEFAULT_ASSEMBLY, '--out', second]).status).toBe(0);
    for (const file of ALL_FILES)
      expect(readFileSync(join(second, file), 'utf8')).toBe(readFileSync(join(first, file), 'utf8'));

    expect(cli(['--app', DEFAULT_ASSEMBLY, '--out', second], { SOURCE_DATE_EPOCH: '1767225600' }).status).toBe(0);
    const oscal = JSON.parse(readFileSync(join(second, 'oscal-component-definition.json'), 'utf8'));
    expect(oscal['component-definition'].metadata['last-modified']).toBe('2026-01-01T00:00:00.000Z');
  });
});

describe('hipaa-baseline control-map: bad input exits 2 with one line and writes nothing', () => {
  function expectUsageError(args: string[], message: string | RegExp, env: NodeJS.ProcessEnv = {}) {
    const out = join(tempDir(), 'never-written');
    const result = cli([...args, ...(args.includes('--out') ? [] : ['--out', out])], env);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(typeof message === 'string' ? new RegExp(`^${escape(message)}$`) : message);
    expect(existsSync(out)).toBe(false);
  }
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

  test('a missing --app directory', () => {
    const missing = join(tempDir(), 'nope');
    expectUsageError(
      ['--app', missing],
      `hipaa-baseline: --app ${missing}: no such directory (run \`npx cdk synth\` first)`,
    );
  });

  test('--app naming a file', () => {
    const file = join(tempDir(), 'template.json');
    writeFileSync(file, '{}');
    expectUsageError(['--app', file], `hipaa-baseline: --app ${file}: not a directory`);
  });

  test('a directory that is not a cloud assembly', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    expectUsageError(['--app', dir], `hipaa-baseline: --app ${dir}: not a cloud assembly (no manifest.json)`);
  });

  test('a manifest that is not a cloud assembly manifest', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ artifacts: [] }));
    expectUsageError(['--app', dir], new RegExp(`^hipaa-baseline: --app ${escape(dir)}: manifest\\.json: version: `));
    writeFileSync(join(dir, 'manifest.json'), '{"version": ');
    expectUsageError(['--app', dir], `hipaa-baseline: --app ${dir}: manifest.json: not valid JSON`);
  });

  test('an assembly of another app (no control declarations)', () => {
    // A real synthesized assembly of another CDK app.
    const dir = join(tempDir(), 'cdk.out');
    const app = new App({ outdir: dir });
    new sns.Topic(new Stack(app, 'Other'), 'Topic');
    app.synth();
    expect(existsSync(join(dir, 'manifest.json'))).toBe(true);
    expectUsageError(
      ['--app', dir],
      `hipaa-baseline: --app ${dir}: no hipaa-baseline:controls metadata in any stack: not an assembly of the hipaa-baseline app`,
    );
  });

  test('an unknown or empty format', () => {
    expectUsageError(
      ['--app', DEFAULT_ASSEMBLY, '--format', 'md,pdf'],
      'hipaa-baseline: --format md,pdf: unknown format "pdf" (expected a comma-separated list of md, json, csv, html, oscal)',
    );
    expectUsageError(['--app', DEFAULT_ASSEMBLY, '--format', ','], /^hipaa-baseline: --format ,: no format given/);
  });

  test('an unknown or empty framework', () => {
    expectUsageError(
      ['--app', DEFAULT_ASSEMBLY, '--framework', 'hipaa,ccpa'],
      'hipaa-baseline: --framework hipaa,ccpa: unknown framework "ccpa" (expected a comma-separated list of hipaa, gdpr)',
    );
    expectUsageError(
      ['--app', DEFAULT_ASSEMBLY, '--framework', ''],
      'hipaa-baseline: --framework : no framework given (expected a comma-separated list of hipaa, gdpr)',
    );
    expectUsageError(
      ['--app', DEFAULT_ASSEMBLY, '--framework', ' , '],
      /^hipaa-baseline: --framework {2}, : no framework given/,
    );
  });

  test('an --out that is a file, or cannot be created', () => {
    const file = join(tempDir(), 'taken');
    writeFileSync(file, 'x');
    expectUsageError(['--app', DEFAULT_ASSEMBLY, '--out', file], `hipaa-baseline: --out ${file}: not a directory`);
    expect(readFileSync(file, 'utf8')).toBe('x');
    const under = join(file, 'map');
    expectUsageError(
      ['--app', DEFAULT_ASSEMBLY, '--out', under],
      `hipaa-baseline: --out ${under}: cannot be created (a parent is a file)`,
    );
  });

  test('an --out directory where one output cannot be written keeps every previous file', () => {
    const out = tempDir();
    writeFileSync(join(out, 'control-map.md'), 'previous');
    mkdirSync(join(out, 'control-map.html'));
    const result = cli(['--app', DEFAULT_ASSEMBLY, '--out', out]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`hipaa-baseline: --out ${out}: cannot write control-map.html (EISDIR)\n`);
    expect(readFileSync(join(out, 'control-map.md'), 'utf8')).toBe('previous');
    expect(readdirSync(out).sort()).toEqual(['control-map.html', 'control-map.md']);
  });

  test('a malformed SOURCE_DATE_EPOCH', () => {
    expectUsageError(
      ['--app', DEFAULT_ASSEMBLY],
      'hipaa-baseline: SOURCE_DATE_EPOCH yesterday: not a whole number of seconds',
      {
        SOURCE_DATE_EPOCH: 'yesterday',
      },
    );
  });
});
