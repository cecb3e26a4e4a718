import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigServer, type ConfigServerOptions } from '../../support/config-server';
import { awsEnv, runCli, type CliResult } from '../../support/evidence-cli';
import { evaluations, managed, REGION } from '../../support/evidence-fixtures';
import { ROOT } from '../../helpers/paths';
import { tempDir } from '../../helpers/temp';

const RULES = [
  managed('s3-bucket-ssl-requests-only', 'S3_BUCKET_SSL_REQUESTS_ONLY', evaluations(150, 120)),
  managed('cloudtrail-enabled', 'CLOUD_TRAIL_ENABLED', evaluations(2, 0)),
  { name: 'my-custom-policy', evaluations: evaluations(1, 1) },
];

interface Run extends CliResult {
  readonly out: string;
  readonly files: string[];
}

/** Runs the real CLI against a fresh local Config API (or none when `server` is null). */
async function evidence(
  args: string[],
  server: ConfigServerOptions | null = { rules: RULES },
  credentials = true,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<Run> {
  const out = join(tempDir('evidence-out-'), 'out');
  const local = server ? new ConfigServer(server) : undefined;
  const url = local ? await local.start() : undefined;
  try {
    const result = await runCli(['evidence', '--out', out, ...args], { ...awsEnv(url, credentials), ...extraEnv });
    let files: string[] = [];
    try {
      files = readdirSync(out).sort();
    } catch {
      // no output directory: nothing written
    }
    return { ...result, out, files };
  } finally {
    await local?.stop();
  }
}

const oneLine = (stderr: string) => {
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
};

describe('hipaa-baseline evidence (the CLI, against a local AWS Config API)', () => {
  test('complete evidence: exit 0, the four outputs, a summary on stdout, nothing on a non-TTY stderr', async () => {
    const run = await evidence(['--region', REGION]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.files).toEqual(['evidence.csv', 'evidence.json', 'evidence.md', 'oscal-assessment-results.json']);
    expect(run.stdout).toMatch(/^evidence: 3 rule\(s\), 2 NON_COMPLIANT, 1 unmapped, \d+ citation\(s\); wrote /);
    const report = JSON.parse(readFileSync(join(run.out, 'evidence.json'), 'utf8'));
    expect(report.scope).toEqual({ region: REGION, resources: 'non-compliant' });
    expect(report.rules.find((r: any) => r.name === 's3-bucket-ssl-requests-only').resources).toHaveLength(120);
    expect(report.unmapped).toEqual([{ name: 'my-custom-policy', compliance: 'NON_COMPLIANT' }]);
    const schema = JSON.parse(
      readFileSync(join(ROOT, 'test', 'fixtures', 'oscal', 'oscal_assessment-results_schema.json'), 'utf8'),
    );
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    expect(ajv.validate(schema, JSON.parse(readFileSync(join(run.out, 'oscal-assessment-results.json'), 'utf8')))).toBe(
      true,
    );
  });

  test('--fail-on-noncompliant exits 1 when a rule is NON_COMPLIANT, 0 when none is; --format picks the files', async () => {
    const failing = await evidence(['--region', REGION, '--fail-on-noncompliant', '--format', 'json,md']);
    expect(failing.status).toBe(1);
    expect(failing.files).toEqual(['evidence.json', 'evidence.md']);
    // The Region from the environment (the SDK's chain) when --region is not given.
    const clean = await evidence(
      ['--fail-on-noncompliant', '--format', 'csv', '--quiet'],
      { rules: [RULES[1]] },
      true,
      { AWS_REGION: REGION },
    );
    expect([clean.status, clean.stdout, clean.files]).toEqual([0, '', ['evidence.csv']]);
  });

  test('partial evidence exits 3, names the rule in errors, and never reports it COMPLIANT', async () => {
    const run = await evidence(['--region', REGION, '--max-attempts', '2', '--fail-on-noncompliant'], {
      rules: RULES,
      faults: [{ kind: 'internal', op: 'DescribeComplianceByConfigRule', times: 99 }],
    });
    expect(run.status).toBe(3);
    oneLine(run.stderr);
    expect(run.stderr).toMatch(/^hipaa-baseline: partial evidence: 3 rule\(s\)/);
    const report = JSON.parse(readFileSync(join(run.out, 'evidence.json'), 'utf8'));
    expect(report.errors.map((e: any) => e.rule).sort()).toEqual(RULES.map((r) => r.name).sort());
    expect(report.rules.every((r: any) => r.compliance === 'UNKNOWN')).toBe(true);
    expect(report.controls.every((c: any) => c.status === 'UNKNOWN')).toBe(true);
  });

  test.each([
    ['no credentials', ['--region', REGION], { rules: RULES }, false, /^hipaa-baseline: no AWS credentials: /],
    ['no region', [], { rules: RULES }, true, /^hipaa-baseline: no AWS Region: pass --region or set AWS_REGION/],
    [
      'an unknown region',
      ['--region', 'xx-nowhere-1'],
      null,
      true,
      /^hipaa-baseline: region "xx-nowhere-1": unknown AWS Region$/,
    ],
    [
      'an unknown aggregator',
      ['--region', REGION, '--aggregator', 'nope'],
      { aggregators: {} },
      true,
      /--aggregator nope: no such configuration aggregator in us-east-1$/,
    ],
    [
      'an unknown conformance pack',
      ['--region', REGION, '--conformance-pack', 'nope'],
      { conformancePacks: {} },
      true,
      /--conformance-pack nope: no such conformance pack/,
    ],
    [
      'access denied',
      ['--region', REGION],
      { rules: RULES, faults: [{ kind: 'access-denied', op: 'GetComplianceDetailsByConfigRule', times: 1 }] },
      true,
      /^hipaa-baseline: access denied by AWS Config \(AccessDeniedException\): /,
    ],
    [
      'a bad --format',
      ['--region', REGION, '--format', 'json,pdf'],
      { rules: RULES },
      true,
      /^hipaa-baseline: --format: unknown format "pdf" \(expected/,
    ],
    [
      'an empty --format',
      ['--region', REGION, '--format', ''],
      { rules: RULES },
      true,
      /^hipaa-baseline: --format: unknown format/,
    ],
    [
      'a bad --concurrency',
      ['--region', REGION, '--concurrency', '0'],
      { rules: RULES },
      true,
      /^hipaa-baseline: --concurrency: must be a whole number from 1 to 64, got "0"$/,
    ],
    [
      'a bad --max-attempts',
      ['--region', REGION, '--max-attempts', 'many'],
      { rules: RULES },
      true,
      /^hipaa-baseline: --max-attempts: must be a whole number/,
    ],
    [
      'both sources',
      ['--region', REGION, '--aggregator', 'a', '--conformance-pack', 'b'],
      { rules: RULES },
      true,
      /--aggregator and --conformance-pack cannot be combined$/,
    ],
  ] as const)('%s: exit 2, one line on stderr, nothing written', async (_name, args, server, credentials, message) => {
    const run = await evidence([...args], server as ConfigServerOptions | null, credentials);
    expect(run.status).toBe(2);
    oneLine(run.stderr);
    expect(run.stderr.trim()).toMatch(message);
    expect(run.files).toEqual([]);
  });

  test('AWS_ENDPOINT_URL_CONFIG_SERVICE points the Config client at the endpoint', async () => {
    const server = new ConfigServer({ rules: RULES });
    const url = await server.start();
    const out = tempDir('evidence-service-endpoint-');
    const run = await runCli(
      ['evidence', '--region', REGION, '--out', out, '--format', 'json'],
      awsEnv(url, true, 'AWS_ENDPOINT_URL_CONFIG_SERVICE'),
    );
    await server.stop();
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(server.totalCalls()).toBeGreaterThan(0);
  });

  test('--out naming a file: exit 2 and the file is untouched', async () => {
    const file = join(tempDir('evidence-file-'), 'report.txt');
    writeFileSync(file, 'keep me');
    const server = new ConfigServer({ rules: RULES });
    const url = await server.start();
    const run = await runCli(['evidence', '--region', REGION, '--out', file], awsEnv(url));
    await server.stop();
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe(`hipaa-baseline: --out ${file}: not a directory`);
    expect(readFileSync(file, 'utf8')).toBe('keep me');
  });

  test('interrupting a run leaves no output file, partial or temporary', async () => {
    const server = new ConfigServer({
      rules: [managed('slow', 'ENCRYPTED_VOLUMES', evaluations(3000, 3000))],
      rateLimit: { perSecond: 4, burst: 1 },
    });
    const url = await server.start();
    const out = tempDir('evidence-interrupted-');
    let pid = 0;
    const done = runCli(['evidence', '--region', REGION, '--out', out], awsEnv(url), (p) => (pid = p));
    while (server.totalCalls() < 4) await new Promise((resolve) => setTimeout(resolve, 50));
    process.kill(pid, 'SIGINT');
    const run = await done;
    await server.stop();
    expect(run.status ?? run.signal).not.toBe(0);
    expect(readdirSync(out)).toEqual([]);
  });

  test('evidence --help documents the roll-up rules and the exit codes', async () => {
    const run = await runCli(['evidence', '--help'], awsEnv());
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('--conformance-pack <name>');
    expect(run.stdout).toContain('COMPLIANT only when every rule was read completely');
    expect(run.stdout).toContain('3 partial evidence');
  });
});
