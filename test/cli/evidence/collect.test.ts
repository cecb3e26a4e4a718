import { ConfigServiceClient, GetComplianceDetailsByConfigRuleCommand } from '@aws-sdk/client-config-service';
import { createConfigClient, type CallStats } from '../../../lib/cli/evidence/api';
import { EvidenceCollector, type CollectOptions } from '../../../lib/cli/evidence/collect';
import { FatalCollectError } from '../../../lib/cli/evidence/errors';
import type { Collected } from '../../../lib/cli/evidence/types';
import { ConfigServer, type ConfigServerOptions } from '../../support/config-server';
import { awsEnv } from '../../support/evidence-cli';
import { ACCOUNT, AWKWARD_IDS, evaluations, managed, REGION } from '../../support/evidence-fixtures';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

/** Collects from a fresh local Config API through the real SDK client (HTTP on 127.0.0.1). */
async function collect(
  serverOptions: ConfigServerOptions,
  options: Partial<CollectOptions> = {},
): Promise<{ collected: Collected; server: ConfigServer; stats: CallStats }> {
  const server = new ConfigServer(serverOptions);
  const url = await server.start();
  Object.assign(process.env, awsEnv(url));
  const stats: CallStats = { calls: {}, throttles: 0, retries: 0 };
  const maxAttempts = options.maxAttempts ?? 6;
  const client = createConfigClient({ region: REGION, maxAttempts }, stats);
  try {
    const collector = new EvidenceCollector(client, stats, {
      source: { kind: 'account' },
      region: REGION,
      allResources: false,
      concurrency: 4,
      maxAttempts,
      ...options,
    });
    return { collected: await collector.collect(), server, stats };
  } finally {
    client.destroy();
    await server.stop();
  }
}

const ids = (collected: Collected, rule: string) =>
  collected.rules
    .find((r) => r.name === rule)!
    .resources.map((r) => r.id)
    .sort();
const expectedIds = (evals: readonly { resourceId: string; compliance: string }[]) =>
  evals
    .filter((e) => e.compliance === 'NON_COMPLIANT')
    .map((e) => e.resourceId)
    .sort();

describe('evidence collection against a local AWS Config API', () => {
  test('many pages: every non-compliant resource of every rule, with the maximum page size', async () => {
    const big = evaluations(1500, 1234);
    const rules = [
      managed('s3-bucket-ssl-requests-only', 'S3_BUCKET_SSL_REQUESTS_ONLY', big),
      ...Array.from({ length: 60 }, (_, i) => managed(`rule-${i}`, 'CLOUD_TRAIL_ENABLED', evaluations(3, i % 2))),
    ];
    const { collected, server } = await collect({ rules });
    expect(collected.errors).toEqual([]);
    expect(ids(collected, 's3-bucket-ssl-requests-only')).toEqual(expectedIds(big));
    expect(collected.rules).toHaveLength(61);
    // 61 rules: 3 pages of 25 names; 13 detail pages of 100 for the big rule, 1 for each of 30 failing rules.
    expect(server.calls.get('DescribeConfigRules')).toBe(3);
    expect(server.calls.get('DescribeComplianceByConfigRule')).toBe(3);
    expect(server.calls.get('GetComplianceDetailsByConfigRule')).toBe(13 + 30);
  });

  test.each([false, true])(
    'an exactly-full last page is neither dropped nor duplicated (token after a full page: %s)',
    async (tokenAfterFullPage) => {
      const full = evaluations(300, 200);
      const { collected, server } = await collect({
        rules: [managed('encrypted-volumes', 'ENCRYPTED_VOLUMES', full)],
        tokenAfterFullPage,
      });
      expect(collected.errors).toEqual([]);
      expect(ids(collected, 'encrypted-volumes')).toEqual(expectedIds(full));
      expect(server.calls.get('GetComplianceDetailsByConfigRule')).toBe(tokenAfterFullPage ? 3 : 2);
    },
  );

  test('throttling bursts and a server rate limit slow the run but lose nothing', async () => {
    const rules = Array.from({ length: 30 }, (_, i) =>
      managed(`rule-${String(i).padStart(2, '0')}`, 'ENCRYPTED_VOLUMES', evaluations(250, 130 + i)),
    );
    const { collected, server, stats } = await collect({
      rules,
      rateLimit: { perSecond: 40, burst: 5 },
      faults: [
        { kind: 'throttle', op: 'GetComplianceDetailsByConfigRule', times: 12 },
        { kind: 'throttle', op: 'DescribeComplianceByConfigRule', times: 3 },
      ],
    });
    expect(collected.errors).toEqual([]);
    for (const rule of rules) expect(ids(collected, rule.name)).toEqual(expectedIds(rule.evaluations));
    expect(server.throttled).toBeGreaterThanOrEqual(15);
    expect(stats.throttles).toBe(server.throttled);
    expect(stats.retries).toBeGreaterThanOrEqual(server.throttled);
  });

  test.each(['internal', 'garbled', 'html', 'truncated', 'malformed'] as const)(
    'a %s answer on a later page is retried, never taken as an empty or short page',
    async (kind) => {
      const evals = evaluations(450, 420);
      const { collected, server } = await collect({
        rules: [managed('s3-bucket-ssl-requests-only', 'S3_BUCKET_SSL_REQUESTS_ONLY', evals)],
        faults: [{ kind, op: 'GetComplianceDetailsByConfigRule', laterPage: true, times: 2 }],
      });
      expect(collected.errors).toEqual([]);
      expect(server.faulted).toBe(2);
      expect(ids(collected, 's3-bucket-ssl-requests-only')).toEqual(expectedIds(evals));
    },
  );

  test('a rule that always fails is an error, keeps what was read, and the other rules are exact', async () => {
    const failing = evaluations(300, 250);
    const fine = evaluations(120, 110);
    const { collected } = await collect(
      {
        rules: [managed('always-failing', 'ENCRYPTED_VOLUMES', failing), managed('fine', 'ENCRYPTED_VOLUMES', fine)],
        faults: [
          {
            kind: 'internal',
            op: 'GetComplianceDetailsByConfigRule',
            rule: 'always-failing',
            laterPage: true,
            times: 99,
          },
        ],
      },
      { maxAttempts: 3 },
    );
    expect(collected.errors).toEqual([
      {
        rule: 'always-failing',
        message: 'GetComplianceDetailsByConfigRule: InternalFailure: An internal error occurred (after 3 attempt(s))',
      },
    ]);
    expect(collected.rules.find((r) => r.name === 'always-failing')!.resources).toHaveLength(100);
    expect(ids(collected, 'fine')).toEqual(expectedIds(fine));
  });

  test('each call gets its full attempt budget even after the SDK retry quota runs dry', async () => {
    const doomed = Array.from({ length: 12 }, (_, i) => managed(`doomed-${i}`, 'ENCRYPTED_VOLUMES', evaluations(5, 5)));
    const survivor = managed('survivor', 'ENCRYPTED_VOLUMES', evaluations(5, 5));
    const { collected, server } = await collect(
      {
        rules: [...doomed, survivor],
        faults: [
          ...doomed.map((r) => ({
            kind: 'internal' as const,
            op: 'GetComplianceDetailsByConfigRule',
            rule: r.name,
            times: 99,
          })),
          { kind: 'internal', op: 'GetComplianceDetailsByConfigRule', rule: 'survivor', times: 4 },
        ],
      },
      { maxAttempts: 5 },
    );
    // 12 calls × 4 retries × 14 quota units exceed the SDK's 500: without the collector's own re-sends some calls
    // would stop early; every one still makes exactly 5 attempts, and the survivor's fifth attempt succeeds.
    expect(collected.errors.map((e) => e.message)).toEqual(
      doomed.map(
        () => 'GetComplianceDetailsByConfigRule: InternalFailure: An internal error occurred (after 5 attempt(s))',
      ),
    );
    expect(server.calls.get('GetComplianceDetailsByConfigRule')).toBe(13 * 5);
    expect(ids(collected, 'survivor')).toEqual(expectedIds(survivor.evaluations));
  });

  test('a garbled summary makes every rule of its batch an error; a garbled rule list is an error for "*"', async () => {
    const rules = Array.from({ length: 30 }, (_, i) => managed(`r${i}`, 'ENCRYPTED_VOLUMES', evaluations(2, 1)));
    const { collected } = await collect(
      {
        rules,
        faults: [
          { kind: 'garbled', op: 'DescribeComplianceByConfigRule', rule: 'r0', times: 99 },
          { kind: 'garbled', op: 'DescribeConfigRules', laterPage: true, times: 99 },
        ],
      },
      { maxAttempts: 2 },
    );
    const failed = [...new Set(collected.errors.map((e) => e.rule))].sort();
    expect(failed).toEqual(['*', ...rules.slice(0, 25).map((r) => r.name)].sort());
    expect(collected.errors.find((e) => e.rule === '*')!.message).toMatch(
      /^DescribeConfigRules: the list of rules is incomplete: SyntaxError/,
    );
    expect(collected.rules).toHaveLength(25);
  });

  test('the local API enforces the page-size limits of the API reference', async () => {
    const server = new ConfigServer({ rules: [managed('r', 'ENCRYPTED_VOLUMES', evaluations(3, 3))] });
    Object.assign(process.env, awsEnv(await server.start()));
    const client = new ConfigServiceClient({ region: REGION, maxAttempts: 1 });
    try {
      await expect(
        client.send(new GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: 'r', Limit: 101 })),
      ).rejects.toThrow(expect.objectContaining({ name: 'InvalidLimitException' }));
      const page = await client.send(new GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: 'r', Limit: 2 }));
      expect([page.EvaluationResults?.length, typeof page.NextToken]).toEqual([2, 'string']);
    } finally {
      client.destroy();
      await server.stop();
    }
  });

  test('resource ids with unicode, slashes and spaces come back exactly', async () => {
    const evals = evaluations(AWKWARD_IDS.length, AWKWARD_IDS.length, (i) => AWKWARD_IDS[i]);
    const { collected } = await collect({ rules: [managed('awkward', 'ENCRYPTED_VOLUMES', evals)] });
    expect(ids(collected, 'awkward')).toEqual([...AWKWARD_IDS].sort());
  });

  test('a rule being deleted is left out; one still evaluating is read', async () => {
    const { collected } = await collect({
      rules: [
        { ...managed('going', 'ENCRYPTED_VOLUMES', evaluations(3, 3)), state: 'DELETING' },
        { ...managed('evaluating', 'ENCRYPTED_VOLUMES', evaluations(3, 2)), state: 'EVALUATING' },
      ],
    });
    expect(collected.errors).toEqual([]);
    expect(collected.rules.map((r) => [r.name, r.resources.length])).toEqual([['evaluating', 2]]);
  });

  test('--all-resources reads compliant and not-applicable resources too', async () => {
    const evals = evaluations(230, 20);
    const { collected } = await collect(
      { rules: [managed('r', 'ENCRYPTED_VOLUMES', evals), managed('empty', 'ENCRYPTED_VOLUMES', [])] },
      { allResources: true },
    );
    expect(collected.rules.find((r) => r.name === 'r')!.resources).toHaveLength(230);
    expect(collected.rules.find((r) => r.name === 'empty')).toMatchObject({
      compliance: 'INSUFFICIENT_DATA',
      resources: [],
    });
  });

  test('an aggregator with several accounts and regions: per-account, per-region resources and roll-up', async () => {
    const scopes = ['111111111111', '222222222222', '333333333333'].flatMap((accountId) =>
      ['us-east-1', 'eu-west-1'].map((region) => ({ accountId, region })),
    );
    const failing = scopes.flatMap((where, i) =>
      evaluations(130, i * 30, (n) => `${where.accountId}/${where.region}/vol ${n}`, where),
    );
    const { collected, server } = await collect(
      {
        aggregators: {
          org: [
            { name: 'encrypted-volumes', sourceIdentifier: 'ENCRYPTED_VOLUMES', evaluations: failing, scopes },
            { name: 'clean', evaluations: scopes.flatMap((w) => evaluations(2, 0, (n) => `c${n}`, w)), scopes },
          ],
        },
      },
      { source: { kind: 'aggregator', name: 'org' } },
    );
    expect(collected.errors).toEqual([]);
    const rule = collected.rules.find((r) => r.name === 'encrypted-volumes')!;
    expect(rule.compliance).toBe('NON_COMPLIANT');
    expect(rule.resources).toHaveLength(failing.filter((e) => e.compliance === 'NON_COMPLIANT').length);
    for (const r of rule.resources) expect(r.id.startsWith(`${r.accountId}/${r.region}/`)).toBe(true);
    expect(collected.rules.find((r) => r.name === 'clean')).toMatchObject({ compliance: 'COMPLIANT', resources: [] });
    // 5 failing scopes of 6 (the first has none), 2 pages each when more than 100 fail.
    expect(server.calls.get('GetAggregateComplianceDetailsByConfigRule')).toBe(1 + 1 + 1 + 2 + 2);
  });

  test('a conformance pack: its rules, their source identifiers, their non-compliant resources', async () => {
    const evals = evaluations(150, 140);
    const { collected } = await collect(
      {
        rules: [
          managed('s3-bucket-ssl-requests-only-conformance-pack-a1b2c3d4', 'S3_BUCKET_SSL_REQUESTS_ONLY', evals),
          managed('outside-the-pack', 'ENCRYPTED_VOLUMES', evaluations(3, 3)),
        ],
        conformancePacks: { hipaa: ['s3-bucket-ssl-requests-only-conformance-pack-a1b2c3d4'] },
      },
      { source: { kind: 'conformance-pack', name: 'hipaa' } },
    );
    expect(collected.errors).toEqual([]);
    expect(collected.rules).toEqual([
      expect.objectContaining({
        name: 's3-bucket-ssl-requests-only-conformance-pack-a1b2c3d4',
        sourceIdentifier: 'S3_BUCKET_SSL_REQUESTS_ONLY',
        compliance: 'NON_COMPLIANT',
      }),
    ]);
    expect(collected.rules[0].resources).toHaveLength(140);
    expect(collected.rules[0].resources[0]).toMatchObject({ accountId: ACCOUNT, region: REGION });
  });

  test.each([
    [
      { aggregators: {} },
      { source: { kind: 'aggregator', name: 'nope' } },
      /^--aggregator nope: no such configuration aggregator/,
    ],
    [
      { conformancePacks: {} },
      { source: { kind: 'conformance-pack', name: 'nope' } },
      /^--conformance-pack nope: no such/,
    ],
    [
      { rules: [], faults: [{ kind: 'access-denied', times: 1 }] },
      {},
      /^access denied by AWS Config \(AccessDeniedException\)/,
    ],
  ] as const)('a problem no retry fixes stops the run: %#', async (serverOptions, options, message) => {
    await expect(collect(serverOptions as ConfigServerOptions, options as Partial<CollectOptions>)).rejects.toThrow(
      expect.objectContaining({ constructor: FatalCollectError, message: expect.stringMatching(message) }),
    );
  });
});
