/**
 * Each check against failing calls: throttled twice then answered, the SDK's retries make it ready; denied,
 * it is unknown with the error code (exit 3) while every other check still runs; throttled past the retries
 * or failing at the endpoint, unknown too — never ready.
 */
import type { DoubleRequest } from '../../helpers/aws-double';
import { freshAccount } from '../../support/preflight-account';
import { PreflightHarness } from '../../support/preflight-harness';

const h = new PreflightHarness();
beforeAll(() => h.start());
afterAll(() => h.stop());
beforeEach(() => h.fake.reset(freshAccount()));

/** The access-denied code each wire protocol uses. */
function deniedCode(action: string): string {
  const service = action.split(':')[0];
  if (['sts', 'iam', 'cloudformation'].includes(service)) return 'AccessDenied';
  if (service === 'ec2') return 'UnauthorizedOperation';
  return 'AccessDeniedException';
}

const inRegion = (region: string) => (req: DoubleRequest) => req.region === region;

/** A check and the call it depends on (with a filter when the action serves several checks). */
const CALLS: [string, string, ((req: DoubleRequest) => boolean)?][] = [
  ['credentials', 'sts:GetCallerIdentity'],
  ['regions-enabled', 'ec2:DescribeRegions'],
  ['bootstrap:us-east-1', 'cloudformation:DescribeStacks', inRegion('us-east-1')],
  ['bootstrap:us-west-2', 'cloudformation:DescribeStacks', inRegion('us-west-2')],
  ['lambda-concurrency', 'lambda:GetAccountSettings'],
  ['accountServices.guardDuty', 'guardduty:ListDetectors'],
  ['accountServices.securityHub', 'securityhub:DescribeHub'],
  ['accountServices.macie', 'macie2:GetMacieSession'],
  ['accountServices.accessAnalyzer', 'access-analyzer:ListAnalyzers'],
  ['accountServices.config', 'config:DescribeDeliveryChannels'],
  ['accountServices.inspector', 'inspector2:BatchGetAccountStatus'],
  ['control-tower', 'cloudformation:ListStacks'],
  ['availability-zones', 'ec2:DescribeAvailabilityZones'],
  ['fixed-names', 'kms:ListAliases', inRegion('us-west-2')],
  ['elastic-ips', 'ec2:DescribeAddresses'],
  ['vpcs', 'servicequotas:GetServiceQuota', (req) => req.json?.QuotaCode === 'L-F678F1CE'],
  ['vpc-endpoints', 'ec2:DescribeVpcEndpointServices'],
];
/** Every row with three entries: jest would take a missing third argument for a done callback. */
const CASES = CALLS.map(([check, call, when]) => [check, call, when ?? (() => true)] as const);

describe('preflight when calls fail', () => {
  test.each(CASES)('%s: throttled twice, then answered: ready', async (check, call, when) => {
    h.fake.fail(call, 'ThrottlingException', { times: 2, when });
    const run = await h.run({});
    expect(run.check(check)).toMatchObject({ status: 'ready' });
    expect(h.fake.calls(call).filter(when).length).toBeGreaterThanOrEqual(3);
    expect(run.code).toBe(0);
  });

  test.each(CASES)(
    '%s: access denied: unknown with the error code, exit 3, the other checks run',
    async (check, call, when) => {
      const code = deniedCode(call);
      h.fake.fail(call, code, { status: 403, when });
      const run = await h.run({});
      const result = run.check(check);
      expect(result.status).toBe('unknown');
      expect(result.detail).toContain(`${call} ${code}`);
      expect(result.fix).toBe('');
      expect(run.report.checks).toHaveLength(17);
      // A check sharing the call may be unknown too; every other one is still decided.
      const others = run.report.checks.filter((c) => c.status === 'unknown').map((c) => c.check);
      expect(others.length).toBeLessThanOrEqual(
        check === 'credentials' ? 2 : check === 'accountServices.config' ? 2 : 1,
      );
      expect(run.code).toBe(3);
    },
  );

  test('an account id that cannot be read leaves the names unknown (they contain it); the configured one is used', async () => {
    h.fake.fail('sts:GetCallerIdentity', 'AccessDenied', { status: 403 });
    const unread = await h.run({});
    expect(unread.check('fixed-names').detail).toBe(
      'could not read: sts:GetCallerIdentity AccessDenied; the names contain the account id',
    );
    expect(unread.report.account).toBeNull();
    h.fake.fail('sts:GetCallerIdentity', 'AccessDenied', { status: 403 });
    const configured = await h.run({ account: '111122223333' });
    expect(configured.check('fixed-names').status).toBe('ready');
    expect(configured.report.account).toBe('111122223333');
  });

  test('throttled past the retries: unknown, naming the attempts (--max-attempts)', async () => {
    h.fake.fail('lambda:GetAccountSettings', 'TooManyRequestsException', { status: 429 });
    const run = await h.run({}, '2');
    expect(run.check('lambda-concurrency').detail).toBe(
      'could not read: lambda:GetAccountSettings TooManyRequestsException (after 2 attempts)',
    );
    expect(h.fake.calls('lambda:GetAccountSettings')).toHaveLength(2);
    expect(run.code).toBe(3);
  });

  test('a server error at the endpoint is retried, then unknown', async () => {
    h.fake.fail('securityhub:DescribeHub', 'InternalException', { status: 500 });
    const run = await h.run({}, '3');
    expect(run.check('accountServices.securityHub').detail).toBe(
      'could not read: securityhub:DescribeHub InternalException (after 3 attempts)',
    );
  });

  test('S3 slowing down is retried; a denied administrator read leaves the service unknown', async () => {
    h.fake.state.guardDuty = { detectorId: 'd1' };
    h.fake.fail('s3:HeadBucket', 'SlowDown', { times: 2, status: 503 });
    h.fake.fail('guardduty:GetAdministratorAccount', 'AccessDeniedException', { status: 403 });
    const run = await h.run({ accountServices: { guardDuty: 'existing' } });
    expect(run.check('fixed-names').status).toBe('ready');
    expect(run.check('accountServices.guardDuty').detail).toBe(
      'could not read: guardduty:GetAdministratorAccount AccessDeniedException; GuardDuty: detector d1',
    );
  });

  test('unknown wins over action: exit 3', async () => {
    delete h.fake.state.bootstrap['us-west-2'];
    h.fake.fail('ec2:DescribeVpcs', 'UnauthorizedOperation', { status: 403 });
    const run = await h.run({});
    expect(run.report.summary).toEqual({ ready: 15, action: 1, unknown: 1 });
    expect(run.code).toBe(3);
  });
});
