/**
 * `hipaa-baseline preflight` as users run it: a child process, the configuration from cdk.json in the working
 * directory or --config, the SDK's default credential chain from the environment and AWS_ENDPOINT_URL
 * pointing at the local account double.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakePreflightAccount, freshAccount } from '../../support/preflight-account';
import { preflightEnv, runPreflightCli } from '../../support/preflight-cli';

const fake = new FakePreflightAccount();
let endpoint = '';
let dir = '';
let home = '';
/** A CDK app directory: cdk.json with the configuration object in its context. */
let app = '';

beforeAll(async () => {
  endpoint = `http://127.0.0.1:${await fake.start()}`;
  dir = mkdtempSync(join(tmpdir(), 'preflight-cli-'));
  home = join(dir, 'home');
  app = join(dir, 'app');
  mkdirSync(home);
  mkdirSync(app);
  writeFileSync(
    join(app, 'cdk.json'),
    JSON.stringify({ app: 'true', context: { hipaaBaseline: { namePrefix: 'clinic' } } }),
  );
});
afterAll(async () => {
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => fake.reset(freshAccount()));

const oneLine = (stderr: string) => {
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
};

describe('hipaa-baseline preflight (the CLI, against a local account)', () => {
  test('ready: exit 0, the JSON report, the configuration read from cdk.json, S3 addressed path-style', async () => {
    const run = await runPreflightCli(['--format', 'json'], preflightEnv(home, endpoint), app);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(Object.keys(report)).toEqual(['account', 'regions', 'checks', 'summary']);
    expect(report.summary).toEqual({ ready: 17, action: 0, unknown: 0 });
    expect(fake.calls('s3:HeadBucket').map((r) => r.path)).toContain('/clinic-raw-phi-111122223333-us-east-1/');
  });

  test('action needed: exit 1, one text line per check with the fix indented, a summary line', async () => {
    fake.state.buckets['clinic-raw-phi-111122223333-us-east-1'] = 'this-account';
    const run = await runPreflightCli([], preflightEnv(home, endpoint), app);
    expect(run.status).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('preflight: account 111122223333, primary region us-east-1, DR region us-west-2');
    expect(lines).toContain(
      'action  fixed-names                     this account already has bucket clinic-raw-phi-111122223333-us-east-1',
    );
    expect(lines).toContain(
      '        fix: adopt them with npx cdk deploy --all --import-existing-resources, or delete them (buckets and vaults only when empty)',
    );
    expect(lines).toContain(
      'ready   credentials                     arn:aws:iam::111122223333:user/deployer in account 111122223333',
    );
    expect(lines[lines.length - 1]).toBe('summary: 16 ready, 1 action needed, 0 unknown');
    expect(lines).toHaveLength(1 + 17 + 1 + 1);
  });

  test('a check that cannot be read: exit 3', async () => {
    fake.fail('lambda:GetAccountSettings', 'AccessDeniedException', { status: 403 });
    const run = await runPreflightCli(['--format', 'json', '--max-attempts', '1'], preflightEnv(home, endpoint), app);
    expect(run.status).toBe(3);
    const report = JSON.parse(run.stdout);
    expect(report.checks.find((c: any) => c.check === 'lambda-concurrency')).toEqual({
      check: 'lambda-concurrency',
      status: 'unknown',
      detail: 'could not read: lambda:GetAccountSettings AccessDeniedException',
      fix: '',
    });
  });

  test('AWS_ENDPOINT_URL_<SERVICE> wins over AWS_ENDPOINT_URL; calls to an endpoint that refuses them are unknown', async () => {
    const env = {
      ...preflightEnv(home, 'http://127.0.0.1:1'),
      AWS_ENDPOINT_URL_STS: endpoint,
      AWS_ENDPOINT_URL_LAMBDA: endpoint,
    };
    const run = await runPreflightCli(['--format', 'json', '--max-attempts', '1'], env, app);
    expect(run.status).toBe(3);
    const report = JSON.parse(run.stdout);
    const status = (name: string) => report.checks.find((c: any) => c.check === name);
    expect(status('credentials').status).toBe('ready');
    expect(status('lambda-concurrency').status).toBe('ready');
    expect(status('availability-zones')).toMatchObject({
      status: 'unknown',
      detail: 'could not read: ec2:DescribeAvailabilityZones ECONNREFUSED',
    });
    expect(status('fixed-names').detail).toMatch(/^could not read: (\S+ ECONNREFUSED, )*\S+ ECONNREFUSED$/);
    expect(fake.received.map((r) => r.action).sort()).toEqual(['lambda:GetAccountSettings', 'sts:GetCallerIdentity']);
  });

  test('--config names the file instead of cdk.json', async () => {
    const file = join(dir, 'other.json');
    writeFileSync(file, JSON.stringify({ namePrefix: 'other', region: 'eu-central-1' }));
    const run = await runPreflightCli(['--config', file, '--format', 'json'], preflightEnv(home, endpoint), dir);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).regions).toEqual({ primary: 'eu-central-1', dr: 'eu-west-1' });
  });

  test.each([
    ['a bad --format', ['--format', 'xml'], /option '--format <format>' argument 'xml' is invalid/],
    [
      'a bad --max-attempts',
      ['--max-attempts', '0'],
      /^hipaa-baseline: --max-attempts: must be a whole number from 1 to 20/,
    ],
    [
      'a missing config file',
      ['--config', 'nope.json'],
      /^hipaaBaseline: cannot read config file nope\.json: no such file$/,
    ],
  ])('%s: exit 2, one line on stderr, nothing called', async (_name, args, message) => {
    const run = await runPreflightCli(args, preflightEnv(home, endpoint), app);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')[0]).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(fake.received).toEqual([]);
  });

  test('a bad configuration: exit 2, only its hipaaBaseline.<path> lines', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ namePrefix: 'X', account: '12', region: 'us-west-1' }));
    const run = await runPreflightCli(['--config', file], preflightEnv(home, endpoint), dir);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(/^hipaaBaseline\.[A-Za-z.[\]0-9]+: /);
    expect(lines).toContain('hipaaBaseline.account: must be a 12-digit AWS account id');
    expect(fake.received).toEqual([]);
  });

  test('no credentials at all: exit 2, one line', async () => {
    const run = await runPreflightCli([], preflightEnv(home, endpoint, false), app);
    expect(run.status).toBe(2);
    oneLine(run.stderr);
    expect(run.stderr).toMatch(/^hipaa-baseline: no AWS credentials: /);
  });

  test('no cdk.json and no --config: exit 2, one line', async () => {
    const run = await runPreflightCli([], preflightEnv(home, endpoint), home);
    expect(run.status).toBe(2);
    oneLine(run.stderr);
    expect(run.stderr.trimEnd()).toMatch(
      /^hipaa-baseline: no cdk\.json in .*: run preflight in the CDK app's directory or pass --config FILE$/,
    );
  });
});
