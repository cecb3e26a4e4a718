/**
 * The package as a user gets it: built and packed as `npm pack` would publish it, installed into a scratch
 * app next to the example (examples/phi-app), whose TypeScript compiles against the declarations and whose
 * `cdk synth` runs the baseline's gate from the package; the CLI of the installed package answers.
 * Offline: the scratch app's other dependencies are this checkout's, linked.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPackage } from '../../bin/build-package';
import { ROOT } from '../helpers/paths';
import { tempDir } from '../helpers/temp';

const EXAMPLE = join(ROOT, 'examples', 'phi-app');
const CDK = join(ROOT, 'node_modules', 'aws-cdk', 'bin', 'cdk');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

let tarball = '';
let files: string[] = [];
let app = '';

function run(command: string, args: string[], cwd: string) {
  const env = { ...process.env, CDK_DISABLE_VERSION_CHECK: '1', AWS_EC2_METADATA_DISABLED: 'true' };
  return spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 240_000 });
}

/** A scratch app with the packed package installed, the checkout's dependencies linked, and `source` as app.ts. */
function scratchApp(source: string): string {
  const dir = tempDir('hipaa-baseline-app-');
  const installed = join(dir, 'node_modules', 'hipaa-baseline');
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
  for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
    if (entry === 'hipaa-baseline' || entry.startsWith('.')) continue;
    symlinkSync(join(ROOT, 'node_modules', entry), join(dir, 'node_modules', entry));
  }
  copyFileSync(join(EXAMPLE, 'cdk.json'), join(dir, 'cdk.json'));
  copyFileSync(join(EXAMPLE, 'package.json'), join(dir, 'package.json'));
  writeFileSync(join(dir, 'app.ts'), source);
  return dir;
}

beforeAll(() => {
  const work = tempDir('hipaa-baseline-pack-');
  const stage = join(work, 'package');
  mkdirSync(join(stage, 'bin'), { recursive: true });
  for (const file of ['package.json', 'README.md', 'CHANGELOG.md', join('bin', 'hipaa-baseline.js')]) {
    copyFileSync(join(ROOT, file), join(stage, file));
  }
  buildPackage(join(stage, 'dist'));
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], {
      cwd: stage,
      encoding: 'utf8',
    }),
  )[0];
  tarball = join(work, packed.filename);
  files = packed.files.map((f: { path: string }) => f.path);
  app = scratchApp(readFileSync(join(EXAMPLE, 'app.ts'), 'utf8'));
}, 300_000);

test('the tarball holds the compiled library with declarations, its data files and the CLI, and no sources or tests', () => {
  expect(files).toEqual(
    expect.arrayContaining([
      'package.json',
      'README.md',
      'CHANGELOG.md',
      'bin/hipaa-baseline.js',
      'dist/lib/index.js',
      'dist/lib/index.d.ts',
      'dist/lib/constructs/phi-bucket.d.ts',
      'dist/rules/pack.js',
      'dist/lib/cli/control-map/html/control-map.css',
      'dist/lib/config/config.schema.json',
    ]),
  );
  expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
  expect(files.filter((f) => f.startsWith('test/') || f.startsWith('examples/'))).toEqual([]);
  const manifest = JSON.parse(readFileSync(join(app, 'node_modules', 'hipaa-baseline', 'package.json'), 'utf8'));
  expect(manifest.private).toBeUndefined();
  expect(manifest.exports['.']).toEqual({ types: './dist/lib/index.d.ts', default: './dist/lib/index.js' });
  expect(Object.keys(manifest.peerDependencies).sort()).toEqual(['aws-cdk-lib', 'cdk-nag', 'constructs']);
});

test("the example's TypeScript compiles against the package's declarations", () => {
  const result = run(
    process.execPath,
    [TSC, '--noEmit', '--strict', '--esModuleInterop', '--skipLibCheck', '--module', 'commonjs', 'app.ts'],
    app,
  );
  expect(result.stdout + result.stderr).toBe('');
  expect(result.status).toBe(0);
});

test('cdk synth of the example runs the gate from the package and yields the PHI bucket and locked vault', () => {
  const result = run(process.execPath, [CDK, 'synth', '-q', '--no-notices', '-o', 'cdk.out'], app);
  expect(result.stderr).not.toMatch(/Error/);
  expect(result.status).toBe(0);
  const template = JSON.parse(readFileSync(join(app, 'cdk.out', 'ClinicRecords.template.json'), 'utf8'));
  const resources = Object.values(template.Resources as Record<string, any>);
  const phi = resources.find(
    (r) => r.Type === 'AWS::S3::Bucket' && JSON.stringify(r.Properties.Tags ?? []).includes('PHI'),
  );
  expect(phi.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault).toEqual(
    expect.objectContaining({ SSEAlgorithm: 'aws:kms' }),
  );
  const vault = resources.find((r) => r.Type === 'AWS::Backup::BackupVault');
  expect(vault.Properties.LockConfiguration).toEqual(expect.objectContaining({ MinRetentionDays: 35 }));

  // The CLI of the installed package checks that assembly.
  const cli = join(app, 'node_modules', 'hipaa-baseline', 'bin', 'hipaa-baseline.js');
  expect(run(process.execPath, [cli, '--version'], app).stdout.trim()).toBe(
    JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version,
  );
  const check = run(process.execPath, [cli, 'check', 'cdk.out'], app);
  expect(check.stderr).toBe('');
  expect(check.status).toBe(0);
});

test('an insecure bucket added to the example fails its synth with the gate naming the rules', () => {
  const source = readFileSync(join(EXAMPLE, 'app.ts'), 'utf8').replace(
    'registerGate(app, config);',
    "new (require('aws-cdk-lib/aws-s3').Bucket)(stack, 'Open');\nregisterGate(app, config);",
  );
  const insecure = scratchApp(source);
  const result = run(process.execPath, [CDK, 'synth', '-q', '--no-notices', '-o', 'cdk.out'], insecure);
  expect(result.status).not.toBe(0);
  expect(result.stdout + result.stderr).toContain('ClinicRecords/Open/Resource');
  expect(result.stdout + result.stderr).toMatch(/HIPAA\.Security-S3BucketSSLRequestsOnly|AwsSolutions-S1/);
});
