/**
 * The checks as pure functions of what was read and the configuration: each decision, its detail and its fix,
 * the roll-up into exit codes, and the text rendering.
 */
import {
  buildBootstrap,
  buildCredentials,
  buildLambdaConcurrency,
  buildRegionsEnabled,
} from '../../../lib/cli/preflight/account-checks';
import { buildChecks, buildReport, exitCodeOf } from '../../../lib/cli/preflight/build';
import { backoffDelay } from '../../../lib/cli/preflight/clients';
import { parseMaxAttempts, regionsOf } from '../../../lib/cli/preflight/command';
import { buildFixedNames } from '../../../lib/cli/preflight/name-checks';
import { buildAvailabilityZones, buildVpcEndpoints } from '../../../lib/cli/preflight/network-checks';
import { codeOf } from '../../../lib/cli/preflight/reader';
import type { AccountService, ServiceRead } from '../../../lib/cli/preflight/read-services';
import { renderText } from '../../../lib/cli/preflight/render';
import { buildAccountService, buildControlTower } from '../../../lib/cli/preflight/service-checks';
import { ok } from '../../../lib/cli/preflight/types';
import { parseConfig } from '../../../lib/config/load';
import { ACCOUNT, denied, readySnapshot, withSnapshot } from '../../support/preflight-snapshot';

const DEFAULT = parseConfig({});

describe('preflight checks', () => {
  test('a fresh account is ready on every check: exit 0', () => {
    const report = buildReport(readySnapshot(), DEFAULT);
    expect(report.checks.filter((c) => c.status !== 'ready')).toEqual([]);
    expect(report.summary).toEqual({ ready: 17, action: 0, unknown: 0 });
    expect(exitCodeOf(report)).toBe(0);
  });

  test('exit codes: 1 with an action, 3 with an unknown (it wins over action)', () => {
    const action = withSnapshot({ bootstrap: { 'us-east-1': ok(null), 'us-west-2': ok(null) } });
    expect(exitCodeOf(buildReport(action, DEFAULT))).toBe(1);
    const both = { ...action, lambda: denied('lambda:GetAccountSettings') };
    expect(exitCodeOf(buildReport(both, DEFAULT))).toBe(3);
  });

  test('credentials: unknown when unread, action on another account, ready on the configured one', () => {
    expect(
      buildCredentials(withSnapshot({ identity: denied('sts:GetCallerIdentity', 'ExpiredToken') }), DEFAULT),
    ).toEqual({
      check: 'credentials',
      status: 'unknown',
      detail: 'could not read: sts:GetCallerIdentity ExpiredToken',
      fix: '',
    });
    expect(buildCredentials(readySnapshot(), parseConfig({ account: '444455556666' })).status).toBe('action');
    expect(buildCredentials(readySnapshot(), parseConfig({ account: ACCOUNT })).detail).toMatch(
      /\(the configured account\)$/,
    );
  });

  test('regions-enabled: an opt-in region not enabled, or one the account is not offered, needs action', () => {
    const off = withSnapshot({ regionStatus: ok({ 'us-east-1': 'opt-in-not-required', 'us-west-2': 'not-opted-in' }) });
    expect(buildRegionsEnabled(off)).toMatchObject({
      status: 'action',
      fix: 'aws account enable-region --region-name us-west-2 (or the console: Account, AWS Regions, Enable)',
    });
    const missing = withSnapshot({ regionStatus: ok({ 'us-east-1': 'opted-in' }) });
    expect(buildRegionsEnabled(missing).detail).toContain('us-west-2 not offered to this account');
  });

  test.each([
    ['no stack', 'action', ok(null), 'no CDKToolkit stack in us-west-2'],
    [
      'a failed creation',
      'action',
      ok({ status: 'ROLLBACK_COMPLETE', version: 28 }),
      'CDKToolkit in us-west-2 is ROLLBACK_COMPLETE (delete it first: its creation failed)',
    ],
    [
      'an update in progress',
      'action',
      ok({ status: 'UPDATE_IN_PROGRESS', version: 28 }),
      'CDKToolkit in us-west-2 is UPDATE_IN_PROGRESS',
    ],
    [
      'no version output',
      'action',
      ok({ status: 'CREATE_COMPLETE' }),
      'CDKToolkit in us-west-2 has no BootstrapVersion output; the templates require 6 or later',
    ],
    [
      'version 5',
      'action',
      ok({ status: 'UPDATE_COMPLETE', version: 5 }),
      'CDKToolkit in us-west-2 has bootstrap version 5; the templates require 6 or later',
    ],
    [
      'version 6 after a rolled-back update',
      'ready',
      ok({ status: 'UPDATE_ROLLBACK_COMPLETE', version: 6 }),
      'CDKToolkit in us-west-2: UPDATE_ROLLBACK_COMPLETE, bootstrap version 6',
    ],
  ] as const)('bootstrap, %s: %s', (_label, status, read, detail) => {
    const result = buildBootstrap(withSnapshot({ bootstrap: { 'us-west-2': read } }), 'us-west-2');
    expect(result).toEqual({
      check: 'bootstrap:us-west-2',
      status,
      detail,
      fix: status === 'ready' ? '' : `npx cdk bootstrap aws://${ACCOUNT}/us-east-1 aws://${ACCOUNT}/us-west-2`,
    });
  });

  test('bootstrap: the account placeholder when the account is unknown', () => {
    const snapshot = withSnapshot({ account: undefined, bootstrap: { 'us-east-1': ok(null) } });
    expect(buildBootstrap(snapshot, 'us-east-1').fix).toBe(
      'npx cdk bootstrap aws://<account>/us-east-1 aws://<account>/us-west-2',
    );
  });

  test.each([
    [1000, 1000, undefined, 'ready'],
    [1000, 150, 50, 'ready'],
    [1000, 150, 51, 'action'],
    [10, 10, 1, 'action'],
    [10, 10, undefined, 'ready'],
  ])('lambda-concurrency: quota %i, unreserved %i, reservation %s → %s', (limit, unreserved, reservation, status) => {
    const config = parseConfig({ detection: { response: { reservedConcurrency: reservation } } });
    expect(buildLambdaConcurrency(withSnapshot({ lambda: ok({ limit, unreserved }) }), config).status).toBe(status);
  });

  test('lambda-concurrency: the quota to request keeps 100 unreserved besides every reservation', () => {
    const config = parseConfig({ detection: { response: { reservedConcurrency: 51 } } });
    const result = buildLambdaConcurrency(withSnapshot({ lambda: ok({ limit: 1000, unreserved: 150 }) }), config);
    expect(result.fix).toBe(
      'remove "detection": { "response": { "reservedConcurrency" } }, or request a quota of 1001: aws service-quotas ' +
        'request-service-quota-increase --service-code lambda --quota-code L-B99A9384 --desired-value 1001 --region us-east-1',
    );
  });

  const service = (exists: boolean, administrator: string | null = null): ServiceRead => ({
    state: ok({ exists, found: exists ? 'detector d1' : 'no detector' }),
    administrator: ok(administrator),
  });
  const ADMIN = '999988887777';
  test.each([
    ['create', 'none', 'ready', service(false), ''],
    ['create', 'one', 'action', service(true), '"accountServices": { "guardDuty": "existing" }'],
    [
      'create',
      'one an administrator manages',
      'action',
      service(true, ADMIN),
      '"accountServices": { "guardDuty": "organization" }',
    ],
    ['existing', 'one', 'ready', service(true), ''],
    [
      'existing',
      'one an administrator manages',
      'action',
      service(true, ADMIN),
      '"accountServices": { "guardDuty": "organization" }',
    ],
    ['organization', 'one an administrator manages', 'ready', service(true, ADMIN), ''],
    ['existing', 'none', 'action', service(false), '"accountServices": { "guardDuty": "create" }'],
    ['organization', 'none', 'action', service(false), '"accountServices": { "guardDuty": "create" }'],
  ] as const)('accountServices.guardDuty "%s" with %s: %s', (mode, _label, status, read, fix) => {
    const snapshot = readySnapshot();
    const services = { ...snapshot.services, guardDuty: read } as Record<AccountService, ServiceRead>;
    const config = parseConfig({ accountServices: { guardDuty: mode } });
    const result = buildAccountService({ ...snapshot, services }, config, 'guardDuty');
    expect([result.status, result.fix]).toEqual([status, fix]);
  });

  test('accountServices.config: a lone delivery channel is no recorder to rely on', () => {
    const snapshot = withSnapshot({ configRecording: ok({ recorders: [], channels: ['default'] }) });
    const services = {
      ...snapshot.services,
      config: { state: ok({ exists: true, found: 'no recorder, delivery channel default' }), administrator: ok(null) },
    };
    const config = parseConfig({ accountServices: { config: 'existing' } });
    expect(buildAccountService({ ...snapshot, services }, config, 'config')).toMatchObject({
      status: 'action',
      fix: '"accountServices": { "config": "create" }',
    });
  });

  test('control-tower: any sign is enough; unknown when a read failed', () => {
    const byStack = withSnapshot({
      controlTower: { role: ok(false), stacks: ok(['StackSet-AWSControlTowerBP-BASELINE-ROLES-x']) },
    });
    expect(buildControlTower(byStack, DEFAULT)).toMatchObject({
      status: 'action',
      fix: '"accountServices": { "config": "organization" }',
    });
    expect(buildControlTower(byStack, parseConfig({ accountServices: { config: 'existing' } })).status).toBe('ready');
    const unread = withSnapshot({ controlTower: { role: denied('iam:GetRole', 'AccessDenied'), stacks: ok([]) } });
    expect(buildControlTower(unread, DEFAULT)).toMatchObject({
      status: 'unknown',
      detail: 'could not read: iam:GetRole AccessDenied',
    });
  });

  test("availability-zones: a zone the account does not have; environments' own zones are named in the fix", () => {
    const config = parseConfig({
      region: 'us-west-1',
      availabilityZones: ['us-west-1a', 'us-west-1b'],
      environments: [{ name: 'prod', cidr: '10.10.0.0/16', production: false, availabilityZones: ['us-west-1a'] }],
    });
    const snapshot = withSnapshot(
      {
        zones: ok([
          { name: 'us-west-1b', state: 'available' },
          { name: 'us-west-1c', state: 'available' },
        ]),
      },
      config,
    );
    expect(buildAvailabilityZones(snapshot, config)).toEqual({
      check: 'availability-zones',
      status: 'action',
      detail:
        "us-west-1a does not exist for this account in us-west-1; the account's available zones: us-west-1b, us-west-1c",
      fix: '"availabilityZones": ["us-west-1b", "us-west-1c"], and each environment\'s "availabilityZones" chosen among them',
    });
  });

  test('vpc-endpoints: unknown when the services cannot be listed', () => {
    const snapshot = readySnapshot();
    const network = {
      ...snapshot.network,
      endpointServices: denied('ec2:DescribeVpcEndpointServices', 'UnauthorizedOperation'),
    };
    expect(buildVpcEndpoints({ ...snapshot, network }, DEFAULT).status).toBe('unknown');
  });

  test('fixed-names: a name that cannot be read makes the check unknown, keeping what was found and its fix', () => {
    const snapshot = readySnapshot();
    const names = snapshot.names!.map((n, i) =>
      i === 0
        ? { ...n, state: ok('other-account' as const) }
        : i === 1
          ? { ...n, state: denied('s3:HeadBucket', 'HTTP 400') }
          : n,
    );
    expect(buildFixedNames({ ...snapshot, names })).toEqual({
      check: 'fixed-names',
      status: 'unknown',
      detail: `could not read: s3:HeadBucket HTTP 400; another account owns bucket hipaa-raw-phi-${ACCOUNT}-us-east-1`,
      fix: 'change "namePrefix" (bucket names are global and these are taken)',
    });
  });

  test('the order of the checks is stable and independent of the configuration', () => {
    const names = (config = DEFAULT) => buildChecks(readySnapshot(config), config).map((c) => c.check);
    expect(names(parseConfig({ region: 'eu-central-1' }))).toEqual(
      names().map((n) => n.replace('us-east-1', 'eu-central-1').replace('us-west-2', 'eu-west-1')),
    );
  });

  test('text: status, check, detail per line, the fix indented under it, a summary', () => {
    const snapshot = withSnapshot({
      bootstrap: { 'us-east-1': ok({ status: 'CREATE_COMPLETE', version: 28 }), 'us-west-2': ok(null) },
    });
    const lines = renderText(buildReport(snapshot, DEFAULT)).split('\n');
    expect(lines[0]).toBe(`preflight: account ${ACCOUNT}, primary region us-east-1, DR region us-west-2`);
    const at = lines.findIndex((l) => l.startsWith('action  bootstrap:us-west-2'));
    expect(lines[at]).toBe('action  bootstrap:us-west-2             no CDKToolkit stack in us-west-2');
    expect(lines[at + 1]).toBe(`        fix: npx cdk bootstrap aws://${ACCOUNT}/us-east-1 aws://${ACCOUNT}/us-west-2`);
    expect(lines.at(-2)).toBe('summary: 16 ready, 1 action needed, 0 unknown');
  });
});

describe('preflight plumbing', () => {
  test('regions: the SDK must know them unless an endpoint is set; account-wide reads go to the partition', () => {
    expect(regionsOf('eu-central-1', 'eu-west-1', false)).toEqual({
      primary: 'eu-central-1',
      dr: 'eu-west-1',
      account: 'us-east-1',
    });
    expect(regionsOf('us-gov-west-1', 'us-gov-east-1', false).account).toBe('us-gov-west-1');
    expect(() => regionsOf('xx-nowhere-1', 'us-east-1', false)).toThrow('region "xx-nowhere-1": unknown AWS Region');
    expect(regionsOf('xx-nowhere-1', 'us-east-1', true).primary).toBe('xx-nowhere-1');
  });

  test('--max-attempts: a whole number from 1 to 20', () => {
    expect(parseMaxAttempts('5')).toBe(5);
    for (const bad of ['0', '21', '2.5', 'x', '']) expect(() => parseMaxAttempts(bad)).toThrow(/--max-attempts/);
  });

  test('error codes: the service code, else the network code, else the HTTP status', () => {
    expect(codeOf(Object.assign(new Error('x'), { name: 'AccessDeniedException' }))).toBe('AccessDeniedException');
    expect(codeOf(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe('ECONNREFUSED');
    expect(codeOf(Object.assign(new Error('x'), { $metadata: { httpStatusCode: 502 } }))).toBe('HTTP 502');
  });

  test('backoff: exponential with jitter over the upper half, capped', () => {
    expect(backoffDelay(1, 200, () => 0)).toBe(200);
    expect(backoffDelay(2, 200, () => 1)).toBe(800);
    expect(backoffDelay(20, 200, () => 1)).toBe(5000);
  });
});
