import { TAGS } from '../../../lib/functions/isolate-instance/tags';
import {
  FINDING_ID,
  findingEvent,
  Harness,
  INSTANCE,
  NOW,
  OTHER_QUARANTINE,
  OTHER_VPC,
  QUARANTINE,
  settingsEnv,
  TOPIC,
  VPC,
  webInstance,
} from './harness';

const APP = 'sg-0a1b2c3d4e5f61001';
const MONITORING = 'sg-0a1b2c3d4e5f61002';
const ENI = 'eni-0a1b2c3d4e5f60001';

let h: Harness;
beforeEach(async () => {
  h = await new Harness().start();
});
afterEach(() => h.stop());

/** A second interface in another VPC (multi-VPC attachment) and a third in the first VPC. */
function multiHomed() {
  return webInstance({
    interfaces: [
      { id: ENI, vpcId: VPC, groups: [APP, MONITORING] },
      { id: 'eni-0a1b2c3d4e5f60002', vpcId: OTHER_VPC, groups: ['sg-0a1b2c3d4e5f62001'] },
      { id: 'eni-0a1b2c3d4e5f60003', vpcId: VPC, groups: ['sg-0a1b2c3d4e5f63001', APP] },
    ],
  });
}

describe('isolating an instance', () => {
  test('single interface: records the old groups, switches to the quarantine group, snapshots every volume, alerts', async () => {
    const instance = h.fake.addInstance(webInstance());

    const { result, thrown } = await h.invoke(findingEvent());

    expect(thrown).toBeUndefined();
    expect(result.status).toBe('isolated');
    expect(result.notification).toBe('published');
    // THEN the instance has only the quarantine group, and the old ones are in its tags.
    expect(instance.interfaces[0].groups).toEqual([QUARANTINE]);
    expect(instance.tags).toMatchObject({
      [TAGS.previousGroups]: `${ENI}:${APP},${MONITORING}`,
      [TAGS.isolatedByFinding]: FINDING_ID,
      [TAGS.isolatedAt]: NOW.toISOString(),
      [TAGS.isolatedFindingType]: 'Backdoor:EC2/C&CActivity.B!DNS',
    });
    // AND it looked for Auto Scaling groups and load balancers first, and wrote the tags before the
    // interface was changed.
    const actions = h.fake.received.map((r) => r.action);
    expect(actions).toEqual([
      'DescribeInstances',
      'DescribeAutoScalingInstances',
      'DescribeTargetGroups',
      'DescribeLoadBalancers',
      'DescribeSnapshots',
      'CreateTags',
      'ModifyNetworkInterfaceAttribute',
      'CreateSnapshot',
      'CreateSnapshot',
      'Publish',
    ]);
    expect(h.fake.calls('ModifyNetworkInterfaceAttribute')[0]).toMatchObject({
      NetworkInterfaceId: ENI,
      'SecurityGroupId.1': QUARANTINE,
    });
    expect(h.fake.calls('ModifyNetworkInterfaceAttribute')[0]).not.toHaveProperty('DryRun');
    // AND every volume has a snapshot tagged with the finding, instance, volume and device.
    expect(h.fake.snapshots.map((s) => s.tags)).toEqual([
      {
        [TAGS.findingId]: FINDING_ID,
        [TAGS.findingType]: 'Backdoor:EC2/C&CActivity.B!DNS',
        [TAGS.instanceId]: INSTANCE,
        [TAGS.volumeId]: 'vol-0a1b2c3d4e5f60a01',
        [TAGS.device]: '/dev/xvda',
      },
      expect.objectContaining({ [TAGS.volumeId]: 'vol-0a1b2c3d4e5f60a02', [TAGS.device]: '/dev/sdf' }),
    ]);
    expect(h.fake.snapshots[0].description).toContain(FINDING_ID);
    expect(result.snapshots.map((s) => [s.volumeId, s.snapshotId, s.outcome])).toEqual(
      h.fake.snapshots.map((s) => [s.volumeId, s.snapshotId, 'created']),
    );
    // AND the alert says what was done: instance, finding, old -> new groups, snapshot ids, live mode.
    const [alert] = h.alerts();
    expect(h.fake.published[0].TopicArn).toBe(TOPIC);
    expect(alert.subject).toBe(`[hipaa-baseline] Instance isolated: ${INSTANCE}`);
    expect(alert.status).toBe('isolated');
    expect(alert.text).toContain(`GuardDuty finding ${FINDING_ID} (Backdoor:EC2/C&CActivity.B!DNS, severity 8)`);
    expect(alert.text).toContain(`${ENI} (${VPC}): ${APP}, ${MONITORING} -> ${QUARANTINE} [switched]`);
    expect(alert.text).toContain(`vol-0a1b2c3d4e5f60a01 (/dev/xvda): ${h.fake.snapshots[0].snapshotId} [created]`);
    expect(alert.text).toContain('Mode: live');
    expect(alert.details).toMatchObject({ status: 'isolated', instanceId: INSTANCE, dryRun: false });
    expect(h.logs).toEqual([{ level: 'info', entry: expect.objectContaining({ result }) }]);
  });

  test('several interfaces: every one is switched, each to the quarantine group of its own VPC', async () => {
    const instance = h.fake.addInstance(multiHomed());

    const { result } = await h.invoke(findingEvent());

    expect(result.status).toBe('isolated');
    expect(instance.interfaces.map((e) => e.groups)).toEqual([[QUARANTINE], [OTHER_QUARANTINE], [QUARANTINE]]);
    expect(
      h.fake.calls('ModifyNetworkInterfaceAttribute').map((p) => [p.NetworkInterfaceId, p['SecurityGroupId.1']]),
    ).toEqual([
      [ENI, QUARANTINE],
      ['eni-0a1b2c3d4e5f60002', OTHER_QUARANTINE],
      ['eni-0a1b2c3d4e5f60003', QUARANTINE],
    ]);
    expect(instance.tags[TAGS.previousGroups]).toBe(
      `${ENI}:${APP},${MONITORING};eni-0a1b2c3d4e5f60002:sg-0a1b2c3d4e5f62001;eni-0a1b2c3d4e5f60003:sg-0a1b2c3d4e5f63001,${APP}`,
    );
    expect(result.interfaces.map((e) => e.outcome)).toEqual(['switched', 'switched', 'switched']);
    expect(h.alerts()[0].text).toContain(
      `eni-0a1b2c3d4e5f60002 (${OTHER_VPC}): sg-0a1b2c3d4e5f62001 -> ${OTHER_QUARANTINE} [switched]`,
    );
  });

  test('a record longer than one tag value continues in numbered tags that read back whole', async () => {
    const groups = (n: number) => Array.from({ length: 5 }, (_, i) => `sg-${String(n * 10 + i).padStart(17, '0')}`);
    const interfaces = Array.from({ length: 4 }, (_, n) => ({
      id: `eni-${String(n).padStart(17, '0')}`,
      vpcId: VPC,
      groups: groups(n),
    }));
    const instance = h.fake.addInstance(webInstance({ interfaces }));

    await h.invoke(findingEvent());

    const expected = interfaces.map((e) => `${e.id}:${groups(Number(e.id.slice(-1))).join(',')}`).join(';');
    expect(expected.length).toBeGreaterThan(256);
    const parts = [TAGS.previousGroups, `${TAGS.previousGroups}-2`].map((k) => instance.tags[k]);
    expect(parts.every((p) => p.length <= 256)).toBe(true);
    expect(parts.join('')).toBe(expected);
    expect(instance.tags[`${TAGS.previousGroups}-3`]).toBeUndefined();
  });
});

describe('idempotency', () => {
  test('a second run for the same finding changes nothing, takes no snapshot and reports "already-isolated"', async () => {
    const instance = h.fake.addInstance(multiHomed());
    await h.invoke(findingEvent());
    const tagsAfterFirst = { ...instance.tags };
    const mutationsAfterFirst = h.fake.mutatingCalls().length;

    const { result, thrown } = await h.invoke(findingEvent());

    expect(thrown).toBeUndefined();
    expect(result.status).toBe('already-isolated');
    expect(result.reason).toBe(
      `instance ${INSTANCE} is already isolated by finding ${FINDING_ID} at ${NOW.toISOString()}; nothing was changed`,
    );
    expect(h.fake.mutatingCalls()).toHaveLength(mutationsAfterFirst);
    expect(h.fake.snapshots).toHaveLength(2);
    expect(instance.tags).toEqual(tagsAfterFirst);
    // The report still shows the recorded old groups and the snapshots taken by the first run.
    expect(result.interfaces[0]).toMatchObject({ previousGroups: [APP, MONITORING], outcome: 'already-quarantined' });
    expect(result.snapshots.map((s) => [s.snapshotId, s.outcome])).toEqual(
      h.fake.snapshots.map((s) => [s.snapshotId, 'existing']),
    );
    expect(h.alerts()[1]).toMatchObject({
      status: 'already-isolated',
      subject: `[hipaa-baseline] Instance already isolated: ${INSTANCE}`,
    });
  });

  test('an instance isolated by another finding is left alone: no change, no snapshot', async () => {
    const instance = h.fake.addInstance(webInstance());
    await h.invoke(findingEvent());

    const { result } = await h.invoke(findingEvent((e) => (e.detail.id = 'a0000000000000000000000000000002')));

    expect(result.status).toBe('already-isolated');
    expect(result.isolatedBy).toEqual({ findingId: FINDING_ID, at: NOW.toISOString() });
    expect(h.fake.snapshots).toHaveLength(2);
    expect(instance.tags[TAGS.isolatedByFinding]).toBe(FINDING_ID);
    expect(h.fake.calls('DescribeSnapshots')).toHaveLength(1);
  });

  test('an instance isolated by hand (only the quarantine group, no tags) is reported, not changed', async () => {
    const instance = h.fake.addInstance(webInstance({ interfaces: [{ id: ENI, vpcId: VPC, groups: [QUARANTINE] }] }));

    const { result } = await h.invoke(findingEvent());

    expect(result.status).toBe('already-isolated');
    expect(result.interfaces).toEqual([
      {
        networkInterfaceId: ENI,
        vpcId: VPC,
        previousGroups: [],
        quarantineGroup: QUARANTINE,
        outcome: 'already-quarantined',
      },
    ]);
    expect(h.fake.mutatingCalls()).toEqual([]);
    expect(instance.tags).toEqual({ Name: 'ehr-app-1' });
    expect(h.alerts()[0].text).toContain(`${ENI} (${VPC}): (unrecorded) -> ${QUARANTINE} [already-quarantined]`);
  });

  test('a run after an interrupted one completes only what is missing and keeps the first record', async () => {
    // GIVEN a first run that recorded the groups and switched eni 1, then stopped (eni 3 and snapshots missing).
    const instance = h.fake.addInstance(multiHomed());
    h.fake.fail('ModifyNetworkInterfaceAttribute', 'InternalError', {
      status: 500,
      when: (p) => p.NetworkInterfaceId.endsWith('3'),
    });
    h.fake.fail('CreateSnapshot', 'InternalError', { status: 500, when: (p) => p.VolumeId.endsWith('2') });
    const first = await h.invoke(findingEvent());
    expect(first.result.status).toBe('partial');
    const record = instance.tags[TAGS.previousGroups];
    h.fake.clearFaultsAndRequests();

    const { result } = await h.invoke(findingEvent());

    expect(result.status).toBe('isolated');
    expect(
      h.fake.mutatingCalls().map((r) => r.action + ' ' + (r.params.NetworkInterfaceId ?? r.params.VolumeId)),
    ).toEqual(['ModifyNetworkInterfaceAttribute eni-0a1b2c3d4e5f60003', 'CreateSnapshot vol-0a1b2c3d4e5f60a02']);
    expect(instance.tags[TAGS.previousGroups]).toBe(record);
    expect(result.tags).toEqual({ outcome: 'unchanged', keys: [] });
    expect(result.interfaces.map((e) => [e.outcome, e.previousGroups])).toEqual([
      ['already-quarantined', [APP, MONITORING]],
      ['already-quarantined', ['sg-0a1b2c3d4e5f62001']],
      ['switched', ['sg-0a1b2c3d4e5f63001', APP]],
    ]);
    expect(result.snapshots.map((s) => s.outcome)).toEqual(['existing', 'created']);
    expect(h.fake.snapshots).toHaveLength(2);
  });
});

describe('dry run', () => {
  test('describes, checks permissions with EC2 DryRun, reports the plan and changes nothing', async () => {
    const instance = h.fake.addInstance(multiHomed());
    const before = JSON.parse(JSON.stringify(instance));

    const { result, thrown } = await h.invoke(findingEvent(), settingsEnv({ DRY_RUN: 'true' }));

    expect(thrown).toBeUndefined();
    expect(result.status).toBe('dry-run');
    expect(result.dryRun).toBe(true);
    expect(instance).toEqual(before);
    expect(h.fake.snapshots).toEqual([]);
    expect(h.fake.mutatingCalls()).toEqual([]);
    // Every mutating call was sent once, flagged DryRun, with the parameters a live run would use.
    expect(h.fake.calls('CreateTags')).toEqual([expect.objectContaining({ DryRun: 'true', 'ResourceId.1': INSTANCE })]);
    expect(
      h.fake
        .calls('ModifyNetworkInterfaceAttribute')
        .map((p) => [p.DryRun, p.NetworkInterfaceId, p['SecurityGroupId.1']]),
    ).toEqual([
      ['true', ENI, QUARANTINE],
      ['true', 'eni-0a1b2c3d4e5f60002', OTHER_QUARANTINE],
      ['true', 'eni-0a1b2c3d4e5f60003', QUARANTINE],
    ]);
    expect(h.fake.calls('CreateSnapshot').map((p) => [p.DryRun, p.VolumeId])).toEqual([
      ['true', 'vol-0a1b2c3d4e5f60a01'],
      ['true', 'vol-0a1b2c3d4e5f60a02'],
    ]);
    expect(result.interfaces.map((e) => [e.outcome, e.permission])).toEqual(Array(3).fill(['would-switch', 'allowed']));
    expect(result.snapshots.map((s) => [s.outcome, s.permission])).toEqual(Array(2).fill(['would-create', 'allowed']));
    expect(result.reason).toBe(
      `dry run: would isolate 3 network interface(s) of ${INSTANCE} and snapshot 2 volume(s); permissions allow every step; nothing was changed`,
    );
    const [alert] = h.alerts();
    expect(alert.subject).toBe(`[hipaa-baseline] Dry run: instance would be isolated: ${INSTANCE}`);
    expect(alert.text).toContain('Mode: DRY RUN (nothing was changed)');
    expect(alert.text).toContain(
      `${ENI} (${VPC}): ${APP}, ${MONITORING} -> ${QUARANTINE} [would-switch, permission allowed]`,
    );
  });

  test('a permission the role lacks is reported as denied, still without any change', async () => {
    h.fake.addInstance(webInstance());
    h.fake.denied.add('ModifyNetworkInterfaceAttribute');

    const { result } = await h.invoke(findingEvent(), settingsEnv({ DRY_RUN: 'true' }));

    expect(result.status).toBe('dry-run');
    expect(result.interfaces[0]).toMatchObject({ outcome: 'would-switch', permission: 'denied' });
    expect(result.interfaces[0].error).toMatch(/^UnauthorizedOperation: /);
    expect(result.reason).toContain('1 step(s) would not be allowed or could not be checked');
    expect(h.fake.mutatingCalls()).toEqual([]);
  });
});
