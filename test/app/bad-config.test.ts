import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/paths';
import { tempDir } from '../helpers/temp';

/** Runs the CDK app entry the way the CDK CLI does (context in CDK_CONTEXT_JSON). */
function runApp(context: Record<string, unknown>) {
  const outdir = tempDir('bad-config-out-');
  return spawnSync(process.execPath, ['--import', 'tsx', 'bin/app.ts'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: JSON.stringify(context), NODE_ENV: 'production' },
  });
}

function configFile(content: string): string {
  const file = join(tempDir('bad-config-'), 'config.json');
  writeFileSync(file, content);
  return file;
}

describe('bad configuration fails synth with one clear line per problem', () => {
  test.each([
    ['unknown key', { namePrefix: 'ok', colour: 'red' }, 'hipaaBaseline.colour: unknown key'],
    ['wrong type', { auditLogRetentionYears: '6' }, 'hipaaBaseline.auditLogRetentionYears: must be a number of years'],
    [
      'retention < 6 years',
      { auditLogRetentionYears: 3 },
      'hipaaBaseline.auditLogRetentionYears: must be at least 6 years',
    ],
    ['malformed account id', { account: '12-34' }, 'hipaaBaseline.account: must be a 12-digit AWS account id'],
    ['malformed region', { region: 'Mars' }, 'hipaaBaseline.region: must be an AWS region code'],
    [
      'invalid CIDR',
      { environments: [{ name: 'prod', cidr: '10.0.0.0/33' }] },
      'hipaaBaseline.environments[0].cidr: 10.0.0.0/33',
    ],
    [
      'overlapping CIDRs',
      {
        environments: [
          { name: 'prod', cidr: '10.0.0.0/16' },
          { name: 'qa', cidr: '10.0.0.0/20' },
        ],
      },
      'hipaaBaseline.environments[1].cidr: 10.0.0.0/20 overlaps environments[0].cidr',
    ],
    [
      'CIDR too small for tiers × zones',
      { environments: [{ name: 'prod', cidr: '10.0.0.0/26' }] },
      'hipaaBaseline.environments[0].cidr: 10.0.0.0/26 is too small for 3 tiers × 3 availability zones',
    ],
    [
      'fewer than 2 zones for prod',
      { environments: [{ name: 'prod', cidr: '10.0.0.0/16', availabilityZones: ['us-east-1a'] }] },
      'hipaaBaseline.environments[0].availabilityZones: a production environment needs at least 2 availability zones',
    ],
    [
      'unknown environment in the matrix',
      { segmentation: [{ from: 'prod', to: 'qa', ports: [443] }] },
      'hipaaBaseline.segmentation[0].to: unknown environment "qa"',
    ],
    [
      'invalid port in the matrix',
      { segmentation: [{ from: 'prod', to: 'shared', ports: [65536] }] },
      'hipaaBaseline.segmentation[0].ports[0]: must be a port 1-65535',
    ],
    [
      'duplicate environment names',
      {
        environments: [
          { name: 'prod', cidr: '10.0.0.0/16' },
          { name: 'prod', cidr: '10.1.0.0/16' },
        ],
      },
      'hipaaBaseline.environments[1].name: duplicate environment name "prod"',
    ],
    [
      'patch install schedule not a maintenance window cron',
      { patching: { installSchedule: { production: 'cron(0 4 * * 0)' } } },
      'hipaaBaseline.patching.installSchedule.production: must be a cron expression such as "cron(0 4 ? * SUN *)"',
    ],
    [
      'patch approval delay over the Patch Manager limit',
      { patching: { approveAfterDays: { security: 361 } } },
      'hipaaBaseline.patching.approveAfterDays.security: must be 0 to 360 days (Patch Manager limit)',
    ],
    [
      'patch schedule of an unknown environment',
      { patching: { installSchedule: { environments: { qa: 'cron(0 4 ? * FRI *)' } } } },
      'hipaaBaseline.patching.installSchedule.environments.qa: unknown environment "qa"',
    ],
    [
      'DR region outside the allowed regions (data residency)',
      {
        region: 'eu-central-1',
        dataProtection: { drRegion: 'us-east-1' },
        dataResidency: { allowedRegions: ['eu-central-1', 'eu-west-1'] },
      },
      'hipaaBaseline.dataProtection.drRegion: us-east-1 is not in dataResidency.allowedRegions (eu-central-1, eu-west-1)',
    ],
  ])('%s', (_name, config, expected) => {
    const result = runApp({ hipaaBaseline: config });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(expected);
    expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  test('unreadable config file', () => {
    const result = runApp({ hipaaBaselineConfig: join(tempDir('bad-config-'), 'missing-hipaa-config.json') });
    expect(result.status).not.toBe(0);
    expect(result.stderr.trim()).toMatch(
      /^hipaaBaseline: cannot read config file .*missing-hipaa-config\.json: no such file$/,
    );
  });

  test('through the CDK CLI: non-zero exit, every problem listed, no stack trace', () => {
    const file = configFile(JSON.stringify({ auditLogRetentionYears: 2, account: 'abc' }));
    const result = spawnSync(
      'npx',
      ['cdk', 'synth', '--quiet', '-c', `hipaaBaselineConfig=${file}`, '-o', join(tempDir('bad-cli-out-'), 'cdk.out')],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, CDK_DISABLE_VERSION_CHECK: '1' },
      },
    );
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('hipaaBaseline.account: must be a 12-digit AWS account id');
    expect(result.stderr).toContain('hipaaBaseline.auditLogRetentionYears: must be at least 6 years');
    expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });
});
