/**
 * Preflight end to end in process: the real SDK clients against the local account double, one account state
 * per scenario (fresh account, Control Tower, leftovers, quotas, bootstrap, zones, a region not enabled).
 */
import { readFileSync } from 'node:fs';
import { CONTROL_TOWER_CONFIG } from '../../helpers/paths';
import { freshAccount, type AccountState } from '../../support/preflight-account';
import { PreflightHarness } from '../../support/preflight-harness';

const h = new PreflightHarness();
beforeAll(() => h.start());
afterAll(() => h.stop());

const ACCOUNT = '111122223333';
const ADMIN = '999988887777';
const CONTROL_TOWER = JSON.parse(readFileSync(CONTROL_TOWER_CONFIG, 'utf8'));

function account(edit: (state: AccountState) => void = () => undefined): AccountState {
  const state = freshAccount();
  edit(state);
  h.fake.reset(state);
  return state;
}

/** An account enrolled in Control Tower whose organisation runs the security services. */
function controlTowerAccount(state: AccountState): void {
  state.recorders = ['aws-controltower-BaselineConfigRecorder'];
  state.channels = ['aws-controltower-BaselineConfigDeliveryChannel'];
  state.roles = ['AWSControlTowerExecution'];
  state.stacks['eu-central-1'] = ['StackSet-AWSControlTowerBP-BASELINE-CONFIG-1a2b3c', 'my-other-stack'];
  state.guardDuty = { detectorId: '12abc34d567e8fa901bc2d34e56789f0', administrator: ADMIN };
  state.securityHub = { administrator: ADMIN };
  state.macie = { administrator: ADMIN };
  state.analyzers = ['ConsoleAnalyzer-1234'];
  state.inspector = 'ENABLED';
}

describe('preflight against a local account', () => {
  test('a fresh account with room for the baseline: every check ready, exit 0, read-only calls in both regions', async () => {
    account();
    const run = await h.run({});
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(Object.keys(run.report)).toEqual(['account', 'regions', 'checks', 'summary']);
    expect(run.report.account).toBe(ACCOUNT);
    expect(run.report.regions).toEqual({ primary: 'us-east-1', dr: 'us-west-2' });
    expect(run.report.checks.map((c) => c.check)).toEqual([
      'credentials',
      'regions-enabled',
      'bootstrap:us-east-1',
      'bootstrap:us-west-2',
      'lambda-concurrency',
      'accountServices.guardDuty',
      'accountServices.securityHub',
      'accountServices.macie',
      'accountServices.accessAnalyzer',
      'accountServices.config',
      'accountServices.inspector',
      'control-tower',
      'availability-zones',
      'fixed-names',
      'elastic-ips',
      'vpcs',
      'vpc-endpoints',
    ]);
    for (const c of run.report.checks) {
      expect(Object.keys(c)).toEqual(['check', 'status', 'detail', 'fix']);
      expect([c.check, c.status, c.fix]).toEqual([c.check, 'ready', '']);
    }
    expect(run.report.summary).toEqual({ ready: 17, action: 0, unknown: 0 });
    expect(h.fake.writes()).toEqual([]);
    expect(h.fake.received.filter((r) => r.action.startsWith('unknown'))).toEqual([]);
    const regionsCalled = new Set(h.fake.received.map((r) => r.region));
    expect([...regionsCalled].sort()).toEqual(['us-east-1', 'us-west-2']);
    expect(h.fake.calls('s3:HeadBucket').map((r) => r.path)).toContain(`/hipaa-raw-phi-dr-${ACCOUNT}-us-west-2/`);
  });

  test('Control Tower with the organisation running the services: each service names the mode it needs', async () => {
    account(controlTowerAccount);
    const run = await h.run({ region: 'eu-central-1' });
    expect(run.code).toBe(1);
    const fixOf = (service: string) => run.check(`accountServices.${service}`).fix;
    expect(fixOf('guardDuty')).toBe('"accountServices": { "guardDuty": "organization" }');
    expect(run.check('accountServices.guardDuty').detail).toContain(`managed by administrator account ${ADMIN}`);
    expect(fixOf('securityHub')).toBe('"accountServices": { "securityHub": "organization" }');
    expect(fixOf('macie')).toBe('"accountServices": { "macie": "organization" }');
    expect(fixOf('accessAnalyzer')).toBe('"accountServices": { "accessAnalyzer": "existing" }');
    expect(fixOf('config')).toBe('"accountServices": { "config": "organization" }');
    expect(run.check('accountServices.config').detail).toContain('managed by Control Tower');
    expect(fixOf('inspector')).toBe('"accountServices": { "inspector": "existing" }');
    const tower = run.check('control-tower');
    expect(tower.status).toBe('action');
    expect(tower.detail).toContain('StackSet-AWSControlTowerBP-BASELINE-CONFIG-1a2b3c');
    expect(tower.detail).not.toContain('my-other-stack');
    expect(tower.fix).toBe('"accountServices": { "config": "organization" }');
  });

  test('Control Tower with the example configuration for it (services set up in the account itself): ready', async () => {
    account((state) => {
      controlTowerAccount(state);
      state.guardDuty = { detectorId: '12abc34d567e8fa901bc2d34e56789f0' };
      state.securityHub = {};
      state.macie = {};
    });
    const run = await h.run(CONTROL_TOWER);
    expect(run.report.checks.filter((c) => c.status !== 'ready')).toEqual([]);
    expect(run.check('control-tower').detail).toMatch(/^Control Tower governs this account and manages its AWS Config/);
    expect(run.code).toBe(0);
  });

  test('existing or organization where nothing exists: create', async () => {
    account();
    const run = await h.run(CONTROL_TOWER);
    expect(run.code).toBe(1);
    expect(run.check('accountServices.guardDuty').fix).toBe('"accountServices": { "guardDuty": "create" }');
    expect(run.check('accountServices.config').fix).toBe('"accountServices": { "config": "create" }');
    expect(run.check('control-tower').status).toBe('ready');
  });

  test('a leftover PHI bucket of a failed deploy: adopt it or delete it', async () => {
    account((s) => {
      s.buckets[`hipaa-raw-phi-${ACCOUNT}-us-east-1`] = 'this-account';
      s.vaults['us-west-2'] = ['hipaa-phi-dr-vault'];
      s.aliases['us-east-1'] = ['alias/aws/s3', 'alias/hipaa/logs'];
    });
    const run = await h.run({});
    const names = run.check('fixed-names');
    expect(names.status).toBe('action');
    expect(names.detail).toBe(
      `this account already has bucket hipaa-raw-phi-${ACCOUNT}-us-east-1, backup vault hipaa-phi-dr-vault (us-west-2), KMS alias alias/hipaa/logs (us-east-1)`,
    );
    expect(names.fix).toMatch(/^adopt them with npx cdk deploy --all --import-existing-resources, or delete them/);
    expect(run.code).toBe(1);
  });

  test("another account's bucket with the name (403): change namePrefix", async () => {
    account((s) => (s.buckets[`hipaa-deidentified-dr-${ACCOUNT}-us-west-2`] = 'other-account'));
    const names = (await h.run({})).check('fixed-names');
    expect(names.detail).toBe(`another account owns bucket hipaa-deidentified-dr-${ACCOUNT}-us-west-2`);
    expect(names.fix).toBe('change "namePrefix" (bucket names are global and these are taken)');
  });

  test('leftover roles, policy, trail and aggregator are found too', async () => {
    account((s) => {
      s.roles = ['hipaa-break-glass'];
      s.policies = ['hipaa-require-mfa'];
      s.trails = ['hipaa-audit-trail'];
      s.aggregators = ['hipaa-hipaa-baseline'];
    });
    const names = (await h.run({})).check('fixed-names');
    expect(names.detail).toBe(
      'this account already has trail hipaa-audit-trail (us-east-1), IAM role hipaa-break-glass, IAM policy hipaa-require-mfa, Config aggregator hipaa-hipaa-baseline (us-east-1)',
    );
  });

  test('a Lambda quota of 10 admits no reservation; without one it is ready', async () => {
    account((s) => (s.lambda = { limit: 10, unreserved: 10 }));
    const reserved = (await h.run({ detection: { response: { reservedConcurrency: 5 } } })).check('lambda-concurrency');
    expect(reserved.status).toBe('action');
    expect(reserved.detail).toContain('would leave 5, but Lambda keeps at least 10 unreserved');
    expect(reserved.fix).toContain('--service-code lambda --quota-code L-B99A9384 --desired-value 105');
    const none = await h.run({});
    expect(none.check('lambda-concurrency')).toMatchObject({ status: 'ready' });
    expect(none.check('lambda-concurrency').detail).toContain('quota 10 concurrent executions');
  });

  test('the DR region not bootstrapped and the primary on an old bootstrap version', async () => {
    account((s) => {
      delete s.bootstrap['us-west-2'];
      s.bootstrap['us-east-1'] = { status: 'UPDATE_COMPLETE', version: 5 };
    });
    const run = await h.run({});
    const fix = `npx cdk bootstrap aws://${ACCOUNT}/us-east-1 aws://${ACCOUNT}/us-west-2`;
    expect(run.check('bootstrap:us-west-2')).toEqual({
      check: 'bootstrap:us-west-2',
      status: 'action',
      detail: 'no CDKToolkit stack in us-west-2',
      fix,
    });
    expect(run.check('bootstrap:us-east-1').detail).toContain('bootstrap version 5; the templates require 6 or later');
    expect(run.check('bootstrap:us-east-1').fix).toBe(fix);
  });

  test('an endpoint service not offered in a zone of an environment, and a zone that is impaired', async () => {
    account((s) => {
      s.endpointGaps = { 'ecr.dkr': ['us-east-1c'], 'execute-api': ['*'] };
      s.zones['us-east-1'][1].state = 'impaired';
    });
    const run = await h.run({
      environments: [
        { name: 'prod', cidr: '10.10.0.0/16', egress: 'nat' },
        {
          name: 'api',
          cidr: '10.20.0.0/16',
          production: false,
          availabilityZones: ['us-east-1a'],
          endpoints: ['execute-api'],
        },
      ],
    });
    const endpoints = run.check('vpc-endpoints');
    expect(endpoints.status).toBe('action');
    expect(endpoints.detail).toBe(
      'prod: ecr.dkr is not offered in us-east-1c; api: execute-api is not offered in us-east-1',
    );
    expect(endpoints.fix).toBe(
      'environments[0] (prod): "availabilityZones": ["us-east-1a", "us-east-1b"], or drop the endpoints not offered there from its "endpoints"; drop "execute-api" from environments[1].endpoints',
    );
    const zones = run.check('availability-zones');
    expect(zones.detail).toMatch(/^us-east-1b is impaired in us-east-1/);
    expect(zones.fix).toBe(
      '"availabilityZones": ["us-east-1a", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"]',
    );
  });

  test('a DR region that is not enabled: nothing is called there, the fix enables it', async () => {
    account();
    const run = await h.run({ region: 'eu-central-1', dataProtection: { drRegion: 'eu-south-1' } });
    expect(run.check('regions-enabled')).toMatchObject({
      status: 'action',
      fix: 'aws account enable-region --region-name eu-south-1 (or the console: Account, AWS Regions, Enable)',
    });
    expect(run.check('bootstrap:eu-south-1')).toMatchObject({
      status: 'action',
      fix: `aws account enable-region --region-name eu-south-1, then npx cdk bootstrap aws://${ACCOUNT}/eu-central-1 aws://${ACCOUNT}/eu-south-1`,
    });
    expect(run.check('fixed-names').status).toBe('ready');
    expect(h.fake.received.filter((r) => r.region === 'eu-south-1').map((r) => r.action)).toEqual([]);
    expect(run.code).toBe(1);
  });

  test('Elastic IP, VPC and internet gateway quotas too small for the environments', async () => {
    account((s) => {
      s.elasticIps = { max: 5, inUse: 1 };
      s.vpcs = { quota: 5, inUse: 4 };
      s.internetGateways = { quota: 5, inUse: 4 };
    });
    const run = await h.run({});
    const eips = run.check('elastic-ips');
    expect(eips.detail).toBe(
      'prod 3, nonprod 3: 6 Elastic IP(s), one per zone of each regional NAT gateway; quota 5, in use 1, free 4: 2 short',
    );
    expect(eips.fix).toMatch(
      /^aws service-quotas request-service-quota-increase --service-code ec2 --quota-code L-0263D0A3 --desired-value 7 --region us-east-1; or fewer/,
    );
    const vpcs = run.check('vpcs');
    expect(vpcs.detail).toMatch(/: 2 VPC\(s\) and 1 internet gateway\(s\) short$/);
    expect(vpcs.fix).toContain('--service-code vpc --quota-code L-F678F1CE --desired-value 7');
    expect(vpcs.fix).toContain('--service-code vpc --quota-code L-A4707A72 --desired-value 6');
  });

  test('credentials of another account than the configured one', async () => {
    account();
    const run = await h.run({ account: '444455556666' });
    expect(run.check('credentials')).toMatchObject({
      status: 'action',
      fix: `use credentials of account 444455556666 (AWS_PROFILE or the default chain), or set "account": "${ACCOUNT}"`,
    });
  });
});
