import { MAX_ATTEMPTS } from '../../../lib/functions/isolate-instance/clients';
import { ALERT_RESERVE_MS, createHandler } from '../../../lib/functions/isolate-instance/handler';
import { TAGS } from '../../../lib/functions/isolate-instance/tags';
import { CONTEXT, findingEvent, Harness, INSTANCE, QUARANTINE, settingsEnv, VPC, webInstance } from './harness';

const ENI_1 = 'eni-0a1b2c3d4e5f60001';
const ENI_2 = 'eni-0a1b2c3d4e5f60002';

let h: Harness;
beforeEach(async () => {
  h = await new Harness().start();
});
afterEach(() => h.stop());

function twoInterfaces() {
  return webInstance({
    interfaces: [
      { id: ENI_1, vpcId: VPC, groups: ['sg-0a1b2c3d4e5f61001'] },
      { id: ENI_2, vpcId: VPC, groups: ['sg-0a1b2c3d4e5f62001'] },
    ],
  });
}

describe('malformed events are logged and reported as ignored, never thrown', () => {
  test.each([
    ['not an object', null, 'event: must be an object'],
    [
      'another service',
      { source: 'aws.securityhub', 'detail-type': 'Security Hub Findings - Imported', detail: {} },
      'event.source: must be "aws.guardduty"',
    ],
    [
      'no instance id',
      findingEvent((e) => delete e.detail.resource.instanceDetails.instanceId),
      'event.detail.resource.instanceDetails.instanceId: required',
    ],
    [
      'a malformed instance id',
      findingEvent((e) => (e.detail.resource.instanceDetails.instanceId = 'i-xyz')),
      'event.detail.resource.instanceDetails.instanceId: must be an EC2 instance id',
    ],
    [
      'a finding about an access key',
      findingEvent((e) => (e.detail.resource = { resourceType: 'AccessKey', accessKeyDetails: { userName: 'x' } })),
      'event.detail.resource.resourceType: must be "Instance" (the finding is not about an EC2 instance)',
    ],
    [
      'a severity given as text',
      findingEvent((e) => (e.detail.severity = 'HIGH')),
      'event.detail.severity: must be a number',
    ],
  ])('%s', async (_name, event, problem) => {
    const { result, thrown } = await h.invoke(event);

    expect(thrown).toBeUndefined();
    expect(result).toMatchObject({ status: 'ignored', notification: 'published' });
    expect(result.problems).toContain(problem);
    expect(h.fake.received.filter((r) => r.service === 'ec2')).toEqual([]);
    expect(h.alerts()[0]).toMatchObject({ status: 'ignored', subject: '[hipaa-baseline] GuardDuty event ignored' });
    expect(h.alerts()[0].text).toContain(problem);
    expect(h.logs[0].entry.result).toEqual(result);
  });
});

describe('findings that are not acted on are ignored with the reason', () => {
  test.each([
    [
      'below the minimum severity',
      (e: any) => (e.detail.severity = 5.5),
      'finding severity 5.5 is below the configured minimum 7',
    ],
    [
      'of a type not configured',
      (e: any) => (e.detail.type = 'Recon:EC2/PortProbeUnprotectedPort'),
      'finding type Recon:EC2/PortProbeUnprotectedPort is not one of the configured types (Backdoor:EC2/, CryptoCurrency:EC2/, UnauthorizedAccess:EC2/)',
    ],
    [
      'of another region',
      (e: any) => (e.detail.region = 'eu-west-1'),
      'finding is about region eu-west-1; this function acts in us-east-1',
    ],
    [
      'of another account',
      (e: any) => (e.detail.accountId = '444455556666'),
      'finding is about account 444455556666; this function acts in 111122223333',
    ],
  ])('%s', async (_name, change, reason) => {
    h.fake.addInstance(webInstance());

    const { result } = await h.invoke(findingEvent(change));

    expect(result.status).toBe('ignored');
    expect(result.reason).toBe(`${reason}: nothing was done`);
    expect(h.fake.received.filter((r) => r.service === 'ec2')).toEqual([]);
    expect(h.alerts()[0].status).toBe('ignored');
  });
});

describe('the instance', () => {
  test('no longer exists (InvalidInstanceID.NotFound): reported as not-found, nothing else called', async () => {
    const { result, thrown } = await h.invoke(findingEvent());

    expect(thrown).toBeUndefined();
    expect(result.status).toBe('not-found');
    expect(result.reason).toBe(`instance ${INSTANCE} does not exist (InvalidInstanceID.NotFound)`);
    expect(h.fake.received.map((r) => r.action)).toEqual(['DescribeInstances', 'Publish']);
    expect(h.alerts()[0].subject).toBe(`[hipaa-baseline] Instance to isolate not found: ${INSTANCE}`);
  });

  test('is terminated: reported as not-found', async () => {
    h.fake.addInstance(webInstance({ state: 'terminated' }));

    const { result } = await h.invoke(findingEvent());

    expect(result).toMatchObject({ status: 'not-found', reason: `instance ${INSTANCE} is terminated` });
    expect(h.fake.mutatingCalls()).toEqual([]);
  });

  test('has an interface in a VPC without a quarantine group: fails before any change', async () => {
    const instance = h.fake.addInstance(
      webInstance({
        interfaces: [
          ...twoInterfaces().interfaces,
          { id: 'eni-0a1b2c3d4e5f60009', vpcId: 'vpc-0a1b2c3d4e5f60900', groups: ['sg-0a1b2c3d4e5f69001'] },
        ],
      }),
    );

    const { result, thrown } = await h.invoke(
      findingEvent(),
      settingsEnv({ QUARANTINE_SECURITY_GROUPS: JSON.stringify({ [VPC]: QUARANTINE }) }),
    );

    expect(thrown).toBeUndefined();
    expect(result.status).toBe('failed');
    expect(result.reason).toBe(
      'no quarantine security group is configured for vpc-0a1b2c3d4e5f60900 (QUARANTINE_SECURITY_GROUPS); nothing was changed',
    );
    expect(result.interfaces.map((e) => e.outcome)).toEqual(['not-attempted', 'not-attempted', 'not-attempted']);
    expect(h.fake.mutatingCalls()).toEqual([]);
    expect(instance.interfaces[0].groups).toEqual(['sg-0a1b2c3d4e5f61001']);
    expect(h.alerts()[0].subject).toBe(`[hipaa-baseline] Isolation FAILED - action needed: ${INSTANCE}`);
    expect(h.logs[0].level).toBe('error');
  });
});

describe('throttling', () => {
  test('is retried with backoff; the run succeeds when EC2 and SNS recover', async () => {
    const instance = h.fake.addInstance(twoInterfaces());
    h.fake.throttle('DescribeInstances', 2);
    h.fake.throttle('ModifyNetworkInterfaceAttribute', 3, (p) => p.NetworkInterfaceId === ENI_2);
    h.fake.throttle('CreateSnapshot', 1);
    h.fake.fail('Publish', 'Throttled', { times: 1, status: 429 }); // SNS's own throttling answer

    const { result, thrown } = await h.invoke(findingEvent());

    expect(thrown).toBeUndefined();
    expect(result.status).toBe('isolated');
    expect(result.notification).toBe('published');
    expect(h.fake.calls('DescribeInstances')).toHaveLength(3);
    expect(h.fake.calls('ModifyNetworkInterfaceAttribute').map((p) => p.NetworkInterfaceId)).toEqual([
      ENI_1,
      ENI_2,
      ENI_2,
      ENI_2,
      ENI_2,
    ]);
    expect(h.fake.calls('Publish')).toHaveLength(2);
    expect(h.fake.snapshots).toHaveLength(2);
    expect(instance.interfaces.map((e) => e.groups)).toEqual([[QUARANTINE], [QUARANTINE]]);
  });

  test('exhausting the retries mid-way reports PARTIAL isolation with the exact state, then hands over to Lambda retry', async () => {
    const instance = h.fake.addInstance(twoInterfaces());
    h.fake.throttle('ModifyNetworkInterfaceAttribute', MAX_ATTEMPTS, (p) => p.NetworkInterfaceId === ENI_2);

    const { result, thrown } = await h.invoke(findingEvent());

    // ENI 1 switched, ENI 2 not: the run says so, loudly, and keeps the evidence step going.
    expect(h.fake.calls('ModifyNetworkInterfaceAttribute').filter((p) => p.NetworkInterfaceId === ENI_2)).toHaveLength(
      MAX_ATTEMPTS,
    );
    expect(instance.interfaces.map((e) => e.groups)).toEqual([[QUARANTINE], ['sg-0a1b2c3d4e5f62001']]);
    expect(result.status).toBe('partial');
    expect(result.reason).toBe(
      `instance ${INSTANCE} PARTIALLY isolated: 1 of 2 network interface(s) quarantined, 2 of 2 volume(s) snapshotted`,
    );
    expect(result.interfaces.map((e) => [e.networkInterfaceId, e.outcome])).toEqual([
      [ENI_1, 'switched'],
      [ENI_2, 'failed'],
    ]);
    expect(result.interfaces[1].error).toMatch(/^RequestLimitExceeded: /);
    expect(result.errors).toEqual([
      expect.stringMatching(new RegExp(`^ModifyNetworkInterfaceAttribute ${ENI_2}: RequestLimitExceeded: `)),
    ]);
    expect(result.retryable).toBe(true);
    // The old groups of both interfaces were recorded before anything changed.
    expect(instance.tags[TAGS.previousGroups]).toBe(`${ENI_1}:sg-0a1b2c3d4e5f61001;${ENI_2}:sg-0a1b2c3d4e5f62001`);
    const [alert] = h.alerts();
    expect(alert.subject).toBe(`[hipaa-baseline] PARTIAL isolation - action needed: ${INSTANCE}`);
    expect(alert.text).toContain(
      `${ENI_2} (${VPC}): sg-0a1b2c3d4e5f62001 -> ${QUARANTINE} [failed: RequestLimitExceeded:`,
    );
    expect(alert.text).toContain('ACTION NEEDED');
    expect(h.logs).toEqual([{ level: 'error', entry: expect.objectContaining({ result }) }]);
    // After reporting, the event goes back to Lambda (async retry, then the dead-letter queue).
    expect(thrown?.message).toMatch(
      /^partial: .*incomplete for a transient reason; handing the event to Lambda's retry$/,
    );

    // WHEN Lambda retries the event and EC2 has recovered, the run completes what is missing.
    h.fake.clearFaultsAndRequests();
    const retry = await h.invoke(findingEvent());
    expect(retry.result.status).toBe('isolated');
    expect(h.fake.mutatingCalls().map((r) => r.params.NetworkInterfaceId ?? r.action)).toEqual([ENI_2]);
    expect(h.fake.snapshots).toHaveLength(2);
  });

  test('exhausted while recording the old groups: no interface is changed', async () => {
    const instance = h.fake.addInstance(twoInterfaces());
    h.fake.throttle('CreateTags', MAX_ATTEMPTS);

    const { result, thrown } = await h.invoke(findingEvent());

    expect(result.status).toBe('failed');
    expect(result.tags?.outcome).toBe('failed');
    expect(result.interfaces.map((e) => [e.outcome, e.error])).toEqual(
      Array(2).fill(['not-attempted', 'the previous groups could not be recorded']),
    );
    expect(h.fake.calls('ModifyNetworkInterfaceAttribute')).toEqual([]);
    expect(instance.interfaces.map((e) => e.groups)).toEqual([['sg-0a1b2c3d4e5f61001'], ['sg-0a1b2c3d4e5f62001']]);
    // Evidence is still preserved.
    expect(result.snapshots.map((s) => s.outcome)).toEqual(['created', 'created']);
    expect(thrown).toBeDefined();
  });

  test('exhausted while describing: reported as failed, retried by Lambda', async () => {
    h.fake.addInstance(webInstance());
    h.fake.throttle('DescribeInstances', MAX_ATTEMPTS);

    const { result, thrown } = await h.invoke(findingEvent());

    expect(result).toMatchObject({ status: 'failed', retryable: true, notification: 'published' });
    expect(result.reason).toMatch(new RegExp(`^could not describe instance ${INSTANCE}: RequestLimitExceeded: `));
    expect(h.fake.mutatingCalls()).toEqual([]);
    expect(thrown).toBeDefined();
  });
});

test('running out of time: the call is abandoned at the deadline, no later step starts, the alert still goes out', async () => {
  const instance = h.fake.addInstance(twoInterfaces());
  h.fake.slow('ModifyNetworkInterfaceAttribute', 60_000, (p) => p.NetworkInterfaceId === ENI_1);
  const started = Date.now();
  const context = { ...CONTEXT, getRemainingTimeInMillis: () => ALERT_RESERVE_MS + 3_000 };

  const { result, thrown } = await h.invoke(findingEvent(), settingsEnv(), context);

  expect(Date.now() - started).toBeLessThan(ALERT_RESERVE_MS);
  expect(result.interfaces.map((e) => [e.networkInterfaceId, e.outcome, e.error])).toEqual([
    [ENI_1, 'failed', expect.stringMatching(/^AbortError: .*it may have taken effect/)],
    [ENI_2, 'not-attempted', 'not attempted: the invocation ran out of time'],
  ]);
  expect(result.snapshots.map((s) => s.outcome)).toEqual(['not-attempted', 'not-attempted']);
  expect(h.fake.calls('ModifyNetworkInterfaceAttribute')).toHaveLength(1);
  expect(h.fake.calls('CreateSnapshot')).toEqual([]);
  expect(result).toMatchObject({ status: 'failed', retryable: true, notification: 'published' });
  expect(h.alerts()[0].text).toContain('ran out of time');
  expect(thrown).toBeDefined();

  // The abandoned call had in fact taken effect; Lambda's retry reads the real state and finishes the rest.
  expect(instance.interfaces[0].groups).toEqual([QUARANTINE]);
  h.fake.clearFaultsAndRequests();
  const retry = await h.invoke(findingEvent());
  expect(retry.result.status).toBe('isolated');
  expect(h.fake.mutatingCalls().map((r) => `${r.action} ${r.params.NetworkInterfaceId ?? r.params.VolumeId}`)).toEqual([
    `ModifyNetworkInterfaceAttribute ${ENI_2}`,
    'CreateSnapshot vol-0a1b2c3d4e5f60a01',
    'CreateSnapshot vol-0a1b2c3d4e5f60a02',
  ]);
});

test('an error no retry can fix (permission) is reported and not handed to Lambda retry', async () => {
  h.fake.addInstance(twoInterfaces());
  h.fake.denied.add('CreateSnapshot');

  const { result, thrown } = await h.invoke(findingEvent());

  expect(result.status).toBe('partial');
  expect(result.reason).toContain('2 of 2 network interface(s) quarantined, 0 of 2 volume(s) snapshotted');
  expect(result.snapshots.map((s) => s.error)).toEqual(
    Array(2).fill(expect.stringMatching(/^UnauthorizedOperation: /)),
  );
  expect(result.retryable).toBe(false);
  expect(thrown).toBeUndefined();
});

test('an SNS publish failure does not hide the outcome: the full result is logged, then Lambda retries', async () => {
  const instance = h.fake.addInstance(webInstance());
  h.fake.fail('Publish', 'KMSAccessDenied', { status: 400 });

  const { result, thrown } = await h.invoke(findingEvent());

  expect(instance.interfaces[0].groups).toEqual([QUARANTINE]);
  expect(result.status).toBe('isolated');
  expect(result.notification).toBe('failed');
  expect(result.notificationError).toMatch(/^KMSAccessDeniedException: /);
  expect(h.logs).toEqual([{ level: 'error', entry: { message: expect.stringContaining('isolated'), result } }]);
  expect(result.snapshots.every((s) => s.snapshotId)).toBe(true);
  expect(thrown?.message).toMatch(/alert not published \(KMSAccessDeniedException: /);
});

describe('invalid settings', () => {
  test('are reported (published and logged) and nothing is done', async () => {
    h.fake.addInstance(webInstance());
    const env = settingsEnv({
      FINDING_TYPES: '"Backdoor:EC2/"',
      MIN_SEVERITY: 'high',
      DRY_RUN: 'yes',
      QUARANTINE_SECURITY_GROUPS: undefined,
    });

    const { result, thrown } = await h.invoke(findingEvent(), env);

    expect(thrown).toBeUndefined();
    expect(result.status).toBe('failed');
    expect(result.problems).toEqual([
      'QUARANTINE_SECURITY_GROUPS: required',
      'FINDING_TYPES: must be a JSON array of finding type prefixes',
      'DRY_RUN: must be "true" or "false"',
      'MIN_SEVERITY: must be a number from 1 to 10',
    ]);
    expect(h.fake.received.map((r) => r.action)).toEqual(['Publish']);
    expect(h.alerts()[0].subject).toBe('[hipaa-baseline] Isolation function misconfigured');
    expect(h.alerts()[0].text).toContain('MIN_SEVERITY: must be a number from 1 to 10');
    expect(h.logs[0].level).toBe('error');
  });

  test('with no valid topic, the problems are logged and nothing is called', async () => {
    const { result, thrown } = await h.invoke(findingEvent(), settingsEnv({ ALERT_TOPIC_ARN: 'hipaa-alerts' }));

    expect(thrown).toBeUndefined();
    expect(result).toMatchObject({
      status: 'failed',
      notification: 'not-sent',
      problems: ['ALERT_TOPIC_ARN: must be an SNS topic ARN'],
    });
    expect(h.fake.received).toEqual([]);
    expect(h.logs[0]).toEqual({ level: 'error', entry: expect.objectContaining({ result }) });
  });
});

test('a defect (an exception of the function itself) is reported as failed, never thrown raw', async () => {
  h.fake.addInstance(webInstance());
  let first = true;
  const logs: unknown[] = [];
  const handler = createHandler({
    clients: () => {
      if (first) {
        first = false;
        throw new TypeError('cannot read the clients');
      }
      return h.clients!;
    },
    env: settingsEnv(),
    log: (_level, entry) => logs.push(entry),
  });

  const result = await handler(findingEvent(), CONTEXT);

  expect(result).toMatchObject({
    status: 'failed',
    reason: 'unexpected error: TypeError: cannot read the clients',
    notification: 'published',
    retryable: false,
  });
  expect(h.fake.mutatingCalls()).toEqual([]);
  expect(h.alerts()[0].status).toBe('failed');
  expect(logs).toEqual([expect.objectContaining({ result })]);
});
