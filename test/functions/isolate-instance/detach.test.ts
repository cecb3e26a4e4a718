/**
 * Detaching before isolating: the instance leaves its Auto Scaling group (protection, then Standby) and
 * every target group and Classic Load Balancer before its security groups change, so nothing terminates it
 * and its memory evidence survives. Real SDK clients against the local double.
 */
import { Ec2Actions } from '../../../lib/functions/isolate-instance/actions';
import { MAX_ATTEMPTS } from '../../../lib/functions/isolate-instance/clients';
import { DETACH_OUT_OF_TIME, detachInstance } from '../../../lib/functions/isolate-instance/detach';
import type { FakeAutoScalingGroup, FakeTargetGroup } from './fake-aws';
import {
  ACCOUNT,
  findingEvent,
  Harness,
  INSTANCE,
  OTHER_VPC,
  QUARANTINE,
  settingsEnv,
  VPC,
  webInstance,
} from './harness';

const GROUP = 'ehr-app-asg';
const OTHER_INSTANCE = 'i-0a1b2c3d4e5f60999';
const tgArn = (name: string) =>
  `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:targetgroup/${name}/0123456789abcdef`;

let h: Harness;
beforeEach(async () => {
  h = await new Harness().start();
});
afterEach(() => h.stop());

function group(overrides: Partial<FakeAutoScalingGroup> = {}): FakeAutoScalingGroup {
  const asg: FakeAutoScalingGroup = {
    name: GROUP,
    minSize: 1,
    maxSize: 4,
    desiredCapacity: 2,
    instances: [{ id: INSTANCE }, { id: OTHER_INSTANCE }],
    ...overrides,
  };
  h.fake.autoScalingGroups.push(asg);
  return asg;
}

function targetGroup(name: string, overrides: Partial<FakeTargetGroup> = {}): FakeTargetGroup {
  const tg: FakeTargetGroup = { arn: tgArn(name), name, vpcId: VPC, targets: [], ...overrides };
  h.fake.targetGroups.push(tg);
  return tg;
}

/** Position of the first received call whose action (and resource) starts with `prefix`. */
function position(prefix: string): number {
  const index = h.fake.sequence().findIndex((call) => call.startsWith(prefix));
  if (index < 0) throw new Error(`${prefix} was not called: ${h.fake.sequence().join(', ')}`);
  return index;
}

describe('Auto Scaling', () => {
  test('an InService member is protected and moved to Standby (desired capacity lowered) before any change to its network', async () => {
    const instance = h.fake.addInstance(webInstance());
    const asg = group();

    const { result, thrown } = await h.invoke(findingEvent());

    expect(thrown).toBeUndefined();
    expect(result.status).toBe('isolated');
    expect(result.detach?.autoScaling).toEqual({
      outcome: 'entered-standby',
      groupName: GROUP,
      lifecycleState: 'InService',
      protection: 'set',
      desiredCapacity: 'decremented',
    });
    // THEN the group keeps it: protected, Standby, one fewer wanted, no replacement.
    expect(asg.instances[0]).toEqual({ id: INSTANCE, state: 'Standby', protectedFromScaleIn: true });
    expect(asg.instances[1]).toEqual({ id: OTHER_INSTANCE });
    expect(asg.desiredCapacity).toBe(1);
    expect(asg.replacementsLaunched).toBeUndefined();
    expect(h.fake.calls('SetInstanceProtection')).toEqual([
      expect.objectContaining({
        AutoScalingGroupName: GROUP,
        'InstanceIds.member.1': INSTANCE,
        ProtectedFromScaleIn: 'true',
      }),
    ]);
    expect(h.fake.calls('EnterStandby')).toEqual([
      expect.objectContaining({
        AutoScalingGroupName: GROUP,
        'InstanceIds.member.1': INSTANCE,
        ShouldDecrementDesiredCapacity: 'true',
      }),
    ]);
    // AND protection came first, Standby before the tags and the security group change.
    expect(position('SetInstanceProtection')).toBeLessThan(position('EnterStandby'));
    expect(position('EnterStandby')).toBeLessThan(position('CreateTags'));
    expect(position('EnterStandby')).toBeLessThan(position('ModifyNetworkInterfaceAttribute'));
    expect(instance.interfaces[0].groups).toEqual([QUARANTINE]);
    expect(result.reason).toBe(
      `instance ${INSTANCE} isolated: 1 of 1 network interface(s) quarantined, 2 of 2 volume(s) snapshotted; ` +
        `moved to Standby in Auto Scaling group ${GROUP} (desired capacity lowered)`,
    );
    expect(h.alerts()[0].text).toContain(
      `Auto Scaling: group ${GROUP} (was InService, scale-in protection set, desired capacity decremented) [entered-standby]`,
    );
  });

  test('a group at its minimum size refuses to shrink: Standby keeping the desired capacity (a replacement is launched)', async () => {
    h.fake.addInstance(webInstance());
    const asg = group({ minSize: 2, desiredCapacity: 2 });

    const { result, thrown } = await h.invoke(findingEvent());

    expect(thrown).toBeUndefined();
    expect(h.fake.calls('EnterStandby').map((p) => p.ShouldDecrementDesiredCapacity)).toEqual(['true', 'false']);
    expect(asg.instances[0]).toMatchObject({ state: 'Standby', protectedFromScaleIn: true });
    expect(asg).toMatchObject({ desiredCapacity: 2, replacementsLaunched: 1 });
    expect(result.status).toBe('isolated');
    expect(result.detach?.autoScaling).toMatchObject({ outcome: 'entered-standby', desiredCapacity: 'kept' });
    expect(result.detach?.autoScaling.error).toBeUndefined();
    // The refusal was expected and handled: it is not an error of the run.
    expect(result.errors).toEqual([]);
    expect(result.reason).toContain(
      `moved to Standby in Auto Scaling group ${GROUP} (at its minimum size, the group launches a replacement)`,
    );
    expect(position('EnterStandby')).toBeLessThan(position('ModifyNetworkInterfaceAttribute'));
  });

  test.each([
    ['Standby', 'already-standby', 'set', false],
    ['EnteringStandby', 'already-standby', 'set', false],
    ['Pending:Wait', 'cannot-enter-standby', 'set', true],
    ['Terminating:Wait', 'cannot-enter-standby', undefined, false],
    ['Warmed:Running', 'cannot-enter-standby', undefined, false],
  ])('a member %s: %s, protection %s, handed to Lambda retry: %s', async (state, outcome, protection, retried) => {
    const instance = h.fake.addInstance(webInstance());
    const asg = group({ instances: [{ id: INSTANCE, state }] });

    const { result, thrown } = await h.invoke(findingEvent());

    expect(h.fake.calls('EnterStandby')).toEqual([]);
    expect(h.fake.calls('SetInstanceProtection')).toHaveLength(protection ? 1 : 0);
    expect(asg.instances[0].state).toBe(state);
    expect(result.detach?.autoScaling).toMatchObject({ outcome, groupName: GROUP, lifecycleState: state });
    expect(result.detach?.autoScaling.protection).toBe(protection);
    // Isolation and evidence go ahead whatever the group does.
    expect(instance.interfaces[0].groups).toEqual([QUARANTINE]);
    expect(h.fake.snapshots).toHaveLength(2);
    expect(result.retryable).toBe(retried);
    expect(thrown !== undefined).toBe(retried);
    if (outcome === 'already-standby') {
      expect(result.status).toBe('isolated');
    } else {
      // Not in Standby: the group may still terminate it, and the result says so.
      expect(result.status).toBe('partial');
      expect(result.reason).toContain(`NOT detached (${state} in Auto Scaling group ${GROUP})`);
      expect(result.reason).toContain('loses the evidence in its memory');
      expect(h.alerts()[0].subject).toBe(`[hipaa-baseline] PARTIAL isolation - action needed: ${INSTANCE}`);
    }
  });

  test('access denied on DescribeAutoScalingInstances: reported, the load balancers and the isolation still go ahead', async () => {
    const instance = h.fake.addInstance(webInstance());
    const asg = group();
    const web = targetGroup('ehr-web', { targets: [{ id: INSTANCE, port: 443 }] });
    h.fake.denied.add('DescribeAutoScalingInstances');

    const { result, thrown } = await h.invoke(findingEvent());

    expect(result.detach?.autoScaling).toEqual({
      outcome: 'failed',
      error: expect.stringMatching(/^AccessDenied: User is not authorized to perform: DescribeAutoScalingInstances/),
    });
    expect(asg.instances[0]).toEqual({ id: INSTANCE });
    // The other detaching steps and the isolation are not hidden by the failure.
    expect(web.targets).toEqual([]);
    expect(result.detach?.targetGroups.registrations).toEqual([
      { targetGroupArn: web.arn, targetGroupName: 'ehr-web', ports: [443], outcome: 'deregistered' },
    ]);
    expect(instance.interfaces[0].groups).toEqual([QUARANTINE]);
    expect(result.snapshots.map((s) => s.outcome)).toEqual(['created', 'created']);
    // The result says the evidence may be lost, and a permission error is not retried.
    expect(result.status).toBe('partial');
    expect(result.reason).toBe(
      `instance ${INSTANCE} PARTIALLY isolated: 1 of 1 network interface(s) quarantined, 2 of 2 volume(s) snapshotted; ` +
        'deregistered from 1 target group(s); NOT detached (Auto Scaling group unknown): the group or load balancer ' +
        'may still act on it, and a terminated instance loses the evidence in its memory',
    );
    expect(result.errors).toEqual([expect.stringMatching(/^DescribeAutoScalingInstances: AccessDenied: /)]);
    expect(result.retryable).toBe(false);
    expect(thrown).toBeUndefined();
    const [alert] = h.alerts();
    expect(alert.subject).toBe(`[hipaa-baseline] PARTIAL isolation - action needed: ${INSTANCE}`);
    expect(alert.text).toContain('Auto Scaling: group [failed: AccessDenied: ');
    expect(alert.text).toContain('(aws autoscaling enter-standby)');
    expect(h.logs[0].level).toBe('error');
  });

  test('throttling is retried by the SDK; the run completes', async () => {
    h.fake.addInstance(webInstance());
    const asg = group();
    const web = targetGroup('ehr-web', { targets: [{ id: INSTANCE, port: 443 }] });
    h.fake.throttleQuery('DescribeAutoScalingInstances', 2);
    h.fake.throttleQuery('SetInstanceProtection', 1);
    h.fake.throttleQuery('EnterStandby', 3);
    h.fake.throttleQuery('DescribeTargetGroups', 1);
    h.fake.throttleQuery('DeregisterTargets', 2);
    h.fake.throttleQuery('DescribeLoadBalancers', 1);

    const { result, thrown } = await h.invoke(findingEvent());

    expect(thrown).toBeUndefined();
    expect(result.status).toBe('isolated');
    expect(result.errors).toEqual([]);
    expect(asg.instances[0]).toMatchObject({ state: 'Standby', protectedFromScaleIn: true });
    expect(asg.desiredCapacity).toBe(1);
    expect(web.targets).toEqual([]);
    expect(h.fake.calls('DescribeAutoScalingInstances')).toHaveLength(3);
    expect(h.fake.calls('EnterStandby').map((p) => p.ShouldDecrementDesiredCapacity)).toEqual(Array(4).fill('true'));
    expect(h.fake.calls('DeregisterTargets')).toHaveLength(3);
  });

  test('throttling beyond the retries: isolated but reported partial and retryable; Lambda’s retry puts it in Standby', async () => {
    const instance = h.fake.addInstance(webInstance());
    const asg = group();
    h.fake.throttleQuery('EnterStandby', MAX_ATTEMPTS);

    const first = await h.invoke(findingEvent());

    expect(h.fake.calls('EnterStandby')).toHaveLength(MAX_ATTEMPTS);
    expect(asg.instances[0]).toEqual({ id: INSTANCE, protectedFromScaleIn: true });
    expect(instance.interfaces[0].groups).toEqual([QUARANTINE]);
    expect(first.result).toMatchObject({ status: 'partial', retryable: true });
    expect(first.result.detach?.autoScaling).toMatchObject({
      outcome: 'failed',
      protection: 'set',
      error: expect.stringMatching(/^Throttling: /),
    });
    expect(first.result.errors).toEqual([expect.stringMatching(new RegExp(`^EnterStandby ${GROUP}: Throttling: `))]);
    expect(first.result.reason).toContain(`NOT detached (not in Standby in Auto Scaling group ${GROUP})`);
    expect(first.thrown).toBeDefined();

    // WHEN Lambda retries the event: the instance is already isolated, and detaching is finished.
    h.fake.clearFaultsAndRequests();
    const retry = await h.invoke(findingEvent());

    expect(retry.thrown).toBeUndefined();
    expect(asg.instances[0]).toEqual({ id: INSTANCE, state: 'Standby', protectedFromScaleIn: true });
    expect(retry.result.status).toBe('already-isolated');
    expect(retry.result.detach?.autoScaling).toMatchObject({ outcome: 'entered-standby', protection: 'already-set' });
    expect(retry.result.reason).toMatch(
      new RegExp(
        `^instance ${INSTANCE} is already isolated by finding .*; moved to Standby in Auto Scaling group ${GROUP} \\(desired capacity lowered\\)$`,
      ),
    );
    expect(h.fake.mutatingCalls().map((r) => r.action)).toEqual(['EnterStandby']);
  });
});

describe('load balancers', () => {
  test('deregistered, on every port, from each target group and Classic Load Balancer that lists it, and from no other', async () => {
    const instance = h.fake.addInstance(
      webInstance({
        interfaces: [
          { id: 'eni-0a1b2c3d4e5f60001', vpcId: VPC, groups: ['sg-0a1b2c3d4e5f61001'] },
          { id: 'eni-0a1b2c3d4e5f60002', vpcId: OTHER_VPC, groups: ['sg-0a1b2c3d4e5f62001'] },
        ],
      }),
    );
    const web = targetGroup('ehr-web', {
      targets: [
        { id: INSTANCE, port: 80 },
        { id: OTHER_INSTANCE, port: 80 },
        { id: INSTANCE, port: 8080, state: 'unhealthy' },
      ],
    });
    const other = targetGroup('ehr-batch', { targets: [{ id: OTHER_INSTANCE, port: 80 }] });
    const ip = targetGroup('ehr-ip', { targetType: 'ip', targets: [{ id: '10.30.1.5', port: 443 }] });
    const elsewhere = targetGroup('ehr-elsewhere', { vpcId: 'vpc-0a1b2c3d4e5f60900' });
    const api = targetGroup('ehr-api', { vpcId: OTHER_VPC, targets: [{ id: INSTANCE, port: 443, state: 'initial' }] });
    const draining = targetGroup('ehr-old', { targets: [{ id: INSTANCE, port: 80, state: 'draining' }] });
    h.fake.classicLoadBalancers.push(
      { name: 'legacy-web', vpcId: VPC, instances: [OTHER_INSTANCE, INSTANCE] },
      { name: 'legacy-batch', vpcId: VPC, instances: [OTHER_INSTANCE] },
      { name: 'legacy-api', vpcId: VPC, instances: [INSTANCE] },
    );

    const { result, thrown } = await h.invoke(findingEvent());

    expect(thrown).toBeUndefined();
    expect(result.status).toBe('isolated');
    // Every page of target groups was read; only instance groups of the instance's VPCs were looked into.
    expect(h.fake.calls('DescribeTargetGroups')).toHaveLength(3);
    expect(h.fake.calls('DescribeTargetHealth').map((p) => p.TargetGroupArn)).toEqual([
      web.arn,
      other.arn,
      api.arn,
      draining.arn,
    ]);
    expect(h.fake.calls('DescribeTargetHealth').map((p) => p.TargetGroupArn)).not.toContain(ip.arn);
    expect(h.fake.calls('DescribeTargetHealth').map((p) => p.TargetGroupArn)).not.toContain(elsewhere.arn);
    // THEN it is deregistered on both ports of ehr-web and from ehr-api; ehr-batch, where it is not, is untouched.
    expect(h.fake.calls('DeregisterTargets')).toEqual([
      expect.objectContaining({
        TargetGroupArn: web.arn,
        'Targets.member.1.Id': INSTANCE,
        'Targets.member.1.Port': '80',
        'Targets.member.2.Id': INSTANCE,
        'Targets.member.2.Port': '8080',
      }),
      expect.objectContaining({
        TargetGroupArn: api.arn,
        'Targets.member.1.Id': INSTANCE,
        'Targets.member.1.Port': '443',
      }),
    ]);
    expect(web.targets).toEqual([{ id: OTHER_INSTANCE, port: 80 }]);
    expect(api.targets).toEqual([]);
    expect(other.targets).toEqual([{ id: OTHER_INSTANCE, port: 80 }]);
    expect(draining.targets).toHaveLength(1);
    // AND from both Classic Load Balancers that list it (every page read), not the third.
    expect(h.fake.calls('DescribeLoadBalancers')).toHaveLength(2);
    expect(
      h.fake
        .calls('DeregisterInstancesFromLoadBalancer')
        .map((p) => [p.LoadBalancerName, p['Instances.member.1.InstanceId']]),
    ).toEqual([
      ['legacy-web', INSTANCE],
      ['legacy-api', INSTANCE],
    ]);
    expect(h.fake.classicLoadBalancers.map((lb) => lb.instances)).toEqual([[OTHER_INSTANCE], [OTHER_INSTANCE], []]);
    expect(result.detach).toEqual({
      autoScaling: { outcome: 'not-in-group' },
      targetGroups: {
        lookup: 'listed',
        registrations: [
          { targetGroupArn: web.arn, targetGroupName: 'ehr-web', ports: [80, 8080], outcome: 'deregistered' },
          { targetGroupArn: api.arn, targetGroupName: 'ehr-api', ports: [443], outcome: 'deregistered' },
          { targetGroupArn: draining.arn, targetGroupName: 'ehr-old', ports: [80], outcome: 'already-deregistering' },
        ],
      },
      classicLoadBalancers: {
        lookup: 'listed',
        registrations: [
          { loadBalancerName: 'legacy-web', outcome: 'deregistered' },
          { loadBalancerName: 'legacy-api', outcome: 'deregistered' },
        ],
      },
    });
    // AND all of it before the network changed.
    const firstChange = position('ModifyNetworkInterfaceAttribute');
    for (const call of h.fake.sequence().filter((c) => /^Deregister/.test(c)))
      expect(h.fake.sequence().indexOf(call)).toBeLessThan(firstChange);
    expect(instance.interfaces.map((e) => e.groups)).toEqual([[QUARANTINE], ['sg-0a1b2c3d4e5f6f002']]);
    expect(result.reason).toContain('deregistered from 2 target group(s) and 2 Classic Load Balancer(s)');
    expect(h.alerts()[0].text).toContain(`  ${web.arn} port(s) 80, 8080 [deregistered]`);
    expect(h.alerts()[0].text).toContain('  legacy-api [deregistered]');
  });

  test('a target group whose targets cannot be read is reported; the others are still deregistered', async () => {
    h.fake.addInstance(webInstance());
    const web = targetGroup('ehr-web', { targets: [{ id: INSTANCE, port: 443 }] });
    const api = targetGroup('ehr-api', { targets: [{ id: INSTANCE, port: 443 }] });
    h.fake.fail('DescribeTargetHealth', 'AccessDenied', { status: 403, when: (p) => p.TargetGroupArn === web.arn });

    const { result, thrown } = await h.invoke(findingEvent());

    expect(api.targets).toEqual([]);
    expect(web.targets).toHaveLength(1);
    expect(result.detach?.targetGroups.registrations).toEqual([
      {
        targetGroupArn: web.arn,
        targetGroupName: 'ehr-web',
        ports: [],
        outcome: 'failed',
        error: expect.stringMatching(/^its targets could not be read: AccessDenied: /),
      },
      { targetGroupArn: api.arn, targetGroupName: 'ehr-api', ports: [443], outcome: 'deregistered' },
    ]);
    expect(result.status).toBe('partial');
    expect(result.reason).toContain('NOT detached (may still be registered in target group ehr-web)');
    expect(thrown).toBeUndefined();
  });

  test('an instance in no group and no load balancer is isolated as before, with only the three lookups added', async () => {
    h.fake.addInstance(webInstance());
    targetGroup('ehr-batch', { targets: [{ id: OTHER_INSTANCE, port: 80 }] });
    group({ instances: [{ id: OTHER_INSTANCE }] });

    const { result } = await h.invoke(findingEvent());

    expect(result.status).toBe('isolated');
    expect(result.reason).toBe(
      `instance ${INSTANCE} isolated: 1 of 1 network interface(s) quarantined, 2 of 2 volume(s) snapshotted`,
    );
    expect(h.fake.mutatingCalls().map((r) => r.action)).toEqual([
      'CreateTags',
      'ModifyNetworkInterfaceAttribute',
      'CreateSnapshot',
      'CreateSnapshot',
    ]);
    expect(h.alerts()[0].text).toContain(
      'Auto Scaling: not in a group\nTarget groups: not registered\nClassic Load Balancers: not registered',
    );
  });
});

test('dry run: reads the group and load balancers, changes none of them, says what it would do', async () => {
  h.fake.addInstance(webInstance());
  const asg = group();
  const web = targetGroup('ehr-web', { targets: [{ id: INSTANCE, port: 443 }] });
  h.fake.classicLoadBalancers.push({ name: 'legacy-web', vpcId: VPC, instances: [INSTANCE] });

  const { result, thrown } = await h.invoke(findingEvent(), settingsEnv({ DRY_RUN: 'true' }));

  expect(thrown).toBeUndefined();
  expect(result.status).toBe('dry-run');
  expect(h.fake.mutatingCalls()).toEqual([]);
  expect(asg.instances[0]).toEqual({ id: INSTANCE });
  expect(web.targets).toHaveLength(1);
  expect(result.detach).toEqual({
    autoScaling: {
      outcome: 'would-enter-standby',
      groupName: GROUP,
      lifecycleState: 'InService',
      protection: 'would-set',
    },
    targetGroups: {
      lookup: 'listed',
      registrations: [
        { targetGroupArn: web.arn, targetGroupName: 'ehr-web', ports: [443], outcome: 'would-deregister' },
      ],
    },
    classicLoadBalancers: {
      lookup: 'listed',
      registrations: [{ loadBalancerName: 'legacy-web', outcome: 'would-deregister' }],
    },
  });
  expect(result.reason).toBe(
    `dry run: would isolate 1 network interface(s) of ${INSTANCE} and snapshot 2 volume(s); ` +
      `would move it to Standby in Auto Scaling group ${GROUP}, would deregister it from 1 target group(s) and 1 Classic Load Balancer(s) ` +
      '(permissions not checked: Auto Scaling and Elastic Load Balancing have no dry run); permissions allow every step; nothing was changed',
  );
});

test('detaching stops at its time budget: the calls left are not attempted, the run is retryable', async () => {
  h.fake.addInstance(webInstance());
  group();
  h.fake.slow('DescribeAutoScalingInstances', 60_000);
  const log = new Ec2Actions(h.clients!.ec2, false);
  const started = Date.now();

  const report = await detachInstance({
    clients: h.clients!,
    instanceId: INSTANCE,
    vpcIds: [VPC],
    dryRun: false,
    budgetMs: 1_500,
    log,
  });

  expect(Date.now() - started).toBeLessThan(10_000);
  expect(report.autoScaling).toEqual({ outcome: 'failed', error: expect.stringMatching(/^AbortError: /) });
  expect(report.targetGroups).toEqual({ lookup: 'not-attempted', error: DETACH_OUT_OF_TIME, registrations: [] });
  expect(report.classicLoadBalancers).toEqual({
    lookup: 'not-attempted',
    error: DETACH_OUT_OF_TIME,
    registrations: [],
  });
  expect(log.errors).toEqual([
    expect.stringMatching(/^DescribeAutoScalingInstances: AbortError: /),
    `DescribeTargetGroups: ${DETACH_OUT_OF_TIME} (this and later detaching steps)`,
  ]);
  expect(log.retryable).toBe(true);
  expect(h.fake.calls('DescribeTargetGroups')).toEqual([]);
});
