/**
 * Isolation of one instance, in an order that never loses information and never half-isolates silently:
 *
 * 1. Read: describe the instance (interfaces with their VPC and groups, EBS volumes, tags) and list the
 *    snapshots already taken for the finding. Unknown or terminated instance: "not-found". An interface in a
 *    VPC without a quarantine group: "failed" before any change.
 * 2. Detach: take the instance out of its Auto Scaling group (scale-in protection, then Standby) and out of
 *    every target group and Classic Load Balancer, so that no group terminates it, and its memory evidence
 *    with it, once it fails health checks (./detach.ts). A failed step stops nothing: the isolation goes
 *    ahead, and the result is "partial" (evidence in memory may be lost) until a run detaches it.
 * 3. Record: tag the instance with the groups of every interface about to change (merged with any record
 *    already there) and the finding that isolates it — BEFORE changing anything. If tagging fails, no
 *    interface is changed: the old groups would be lost.
 * 4. Isolate: replace the groups of EVERY interface (ModifyNetworkInterfaceAttribute, one call per
 *    interface) with its VPC's quarantine group. A failed interface does not stop the others.
 * 5. Preserve: snapshot every attached EBS volume that has no snapshot for this finding yet, tagged with the
 *    finding, instance, volume and device. Done even when isolation failed: evidence is worth keeping.
 *
 * Idempotent: interfaces that already have only the quarantine group are left alone, tags are written only
 * when they would change, and snapshots are found by their finding-id tag, so a second run changes
 * nothing and reports "already-isolated"; a run after a partial one completes what is missing. Detaching
 * runs on every run that finds the instance (it only reads when there is nothing to do), so a run for an
 * instance already isolated still takes it out of a group or load balancer it was left in.
 * Dry run: steps 3–5 are sent with EC2's DryRun flag (which answers DryRunOperation when the call would
 * be allowed, UnauthorizedOperation when not), so the report shows the plan and whether the function's
 * permissions allow it, and nothing changes; step 2 only reads (Auto Scaling and Elastic Load Balancing
 * have no dry run) and reports what it would do.
 * Time: with a deadline (the invocation's end less what the alert needs), every call is abandoned at the
 * deadline and no step starts after it; the steps left are reported "not-attempted" and the result is
 * retryable, so the alert still goes out and Lambda's retry finishes the work. An abandoned mutating call
 * may still have taken effect: the next run reads the real state before acting.
 * Known limit: replacing security groups does not cut connections EC2 already tracks; flows that match no
 * rule of the new group stop, long-lived tracked ones may continue until they end.
 *
 * Releasing an instance is a human decision: archive the finding first (GuardDuty keeps publishing
 * updates of an active finding, and each would isolate the instance again), restore the groups recorded
 * in the `hipaa-baseline:pre-isolation-sgs` tags, remove the `hipaa-baseline:` tags, then return it to
 * its Auto Scaling group (ExitStandby, scale-in protection off) and its target groups and load balancers
 * as the alert lists them — or terminate it once the evidence is secured. A later,
 * different finding isolates a released instance afresh and records its groups of that moment.
 */
import type { EC2Client } from '@aws-sdk/client-ec2';
import { callOptions, Ec2Actions, OUT_OF_TIME } from './actions';
import { errorCode, errorText, isRetryable } from '../common/aws-errors';
import type { Settings } from './config';
import { detachDone, detachGaps, detachInstance, type DetachClients } from './detach';
import type { Finding } from './event';
import { describeInstance, findingSnapshots, type InstanceView, type VolumeView } from './instance';
import type { DetachReport, InterfaceReport, IsolationResult, SnapshotReport, TagsReport } from './result';
import { groupRecordTags, previousGroupsKey, readGroupRecord, TAGS, type Tag } from './tags';

export interface IsolateInput {
  readonly ec2: EC2Client;
  /** Auto Scaling and Elastic Load Balancing, for detaching the instance before it is isolated. */
  readonly detachClients: DetachClients;
  readonly finding: Finding;
  readonly settings: Settings;
  readonly now: () => Date;
  /** Epoch milliseconds after which no AWS call may still run. @default - none */
  readonly deadline?: number;
}

export async function isolateInstance(input: IsolateInput): Promise<IsolationResult> {
  const { ec2, finding, settings } = input;
  const base = { finding, instanceId: finding.instanceId, dryRun: settings.dryRun, snapshots: [], interfaces: [] };
  let instance: InstanceView;
  try {
    const described = await describeInstance(ec2, finding.instanceId, callOptions(input.deadline));
    if (!described.found)
      return { ...base, status: 'not-found', reason: described.reason, errors: [], retryable: false };
    instance = described.instance;
  } catch (error) {
    const reason = `could not describe instance ${finding.instanceId}: ${errorText(error)}`;
    return {
      ...base,
      status: 'failed',
      reason,
      errors: [`DescribeInstances: ${errorText(error)}`],
      retryable: isRetryable(error) || errorCode(error) === 'AbortError',
    };
  }
  return new Isolation(input, instance).run();
}

class Isolation {
  private readonly actions: Ec2Actions;
  private readonly quarantineOf: (vpcId: string) => string | undefined;

  constructor(
    private readonly input: IsolateInput,
    private readonly instance: InstanceView,
  ) {
    this.actions = new Ec2Actions(input.ec2, input.settings.dryRun, input.deadline);
    const groups = input.settings.quarantineSecurityGroups;
    this.quarantineOf = (vpcId) => (Object.hasOwn(groups, vpcId) ? groups[vpcId] : undefined);
  }

  async run(): Promise<IsolationResult> {
    const { finding, settings } = this.input;
    const instance = this.instance;
    const record = readGroupRecord(instance.tags);
    const recordedBy = instance.tags[TAGS.isolatedByFinding];
    const isolatedBy = recordedBy ? { findingId: recordedBy, at: instance.tags[TAGS.isolatedAt] } : undefined;
    const isQuarantined = (eni: InstanceView['interfaces'][number]) =>
      eni.groups.length === 1 && eni.groups[0] === this.quarantineOf(eni.vpcId);
    const toSwitch = instance.interfaces.filter((eni) => !isQuarantined(eni));
    const report = (eni: InstanceView['interfaces'][number], outcome: InterfaceReport['outcome']): InterfaceReport => ({
      networkInterfaceId: eni.id,
      vpcId: eni.vpcId,
      previousGroups: isQuarantined(eni) ? (record.get(eni.id) ?? []) : eni.groups,
      ...(this.quarantineOf(eni.vpcId) ? { quarantineGroup: this.quarantineOf(eni.vpcId) } : {}),
      outcome,
    });
    const common = { finding, instanceId: instance.id, dryRun: settings.dryRun, ...(isolatedBy ? { isolatedBy } : {}) };

    const unmapped = [...new Set(instance.interfaces.filter((e) => !this.quarantineOf(e.vpcId)).map((e) => e.vpcId))];
    if (unmapped.length > 0 || instance.interfaces.length === 0) {
      const reason =
        instance.interfaces.length === 0
          ? `instance ${instance.id} has no network interface to isolate`
          : `no quarantine security group is configured for ${unmapped.join(', ')} (QUARANTINE_SECURITY_GROUPS); nothing was changed`;
      const interfaces = instance.interfaces.map((eni) => report(eni, 'not-attempted'));
      return { ...common, status: 'failed', reason, interfaces, snapshots: [], errors: [], retryable: false };
    }

    // 2. Detach from Auto Scaling and the load balancers before the network changes.
    const detach = await detachInstance({
      clients: this.input.detachClients,
      instanceId: instance.id,
      vpcIds: [...new Set(instance.interfaces.map((eni) => eni.vpcId))],
      dryRun: settings.dryRun,
      deadline: this.input.deadline,
      log: this.actions,
    });

    // Snapshots are owed when this run isolates, or when this finding's own earlier run stopped short.
    if (toSwitch.length === 0 && recordedBy !== finding.id) {
      return this.alreadyIsolated(
        common,
        detach,
        instance.interfaces.map((eni) => report(eni, 'already-quarantined')),
      );
    }
    let existing: Map<string, string> | undefined;
    let lookupError = '';
    try {
      existing = await findingSnapshots(this.input.ec2, finding.id, instance.id, callOptions(this.input.deadline));
    } catch (error) {
      lookupError = this.actions.fail('DescribeSnapshots', error);
    }
    if (toSwitch.length === 0 && existing && instance.volumes.every((v) => existing.has(v.volumeId))) {
      const interfaces = instance.interfaces.map((eni) => report(eni, 'already-quarantined'));
      return this.alreadyIsolated(
        common,
        detach,
        interfaces,
        instance.volumes.map((v) => this.existingSnapshot(v, existing)),
      );
    }

    // 3. Record the previous groups before anything changes.
    const tags = await this.actions.writeTags(instance.id, this.tagsToWrite(toSwitch, record, recordedBy));
    // 4. Isolate every interface, only once the record is safe.
    const recordMissing = tags.outcome === 'failed' || tags.outcome === 'not-attempted';
    const interfaces: InterfaceReport[] = [];
    for (const eni of instance.interfaces) {
      if (isQuarantined(eni)) interfaces.push(report(eni, 'already-quarantined'));
      else if (recordMissing) {
        const error = tags.outcome === 'failed' ? 'the previous groups could not be recorded' : OUT_OF_TIME;
        interfaces.push({ ...report(eni, 'not-attempted'), error });
      } else interfaces.push(await this.actions.switchGroups(report(eni, 'switched'), this.quarantineOf(eni.vpcId)!));
    }
    // 5. Preserve the volumes.
    const snapshots: SnapshotReport[] = [];
    for (const volume of instance.volumes) {
      if (existing?.has(volume.volumeId)) snapshots.push(this.existingSnapshot(volume, existing));
      else if (!existing) {
        snapshots.push({ ...volume, outcome: 'not-attempted', error: `existing snapshots unknown: ${lookupError}` });
      } else snapshots.push(await this.actions.snapshot(instance.id, finding, volume));
    }
    return {
      ...common,
      ...this.conclude(detach, tags, interfaces, snapshots),
      detach,
      tags,
      interfaces,
      snapshots,
      errors: this.actions.errors,
      retryable: this.actions.retryable,
    };
  }

  private alreadyIsolated(
    common: Pick<IsolationResult, 'finding' | 'instanceId' | 'dryRun' | 'isolatedBy'>,
    detach: DetachReport,
    interfaces: InterfaceReport[],
    snapshots: SnapshotReport[] = [],
  ): IsolationResult {
    const by = common.isolatedBy;
    const detail = by ? ` by finding ${by.findingId}${by.at ? ` at ${by.at}` : ''}` : '';
    const done = detachDone(detach);
    const gaps = detachGaps(detach);
    const changed = !done ? '; nothing was changed' : common.dryRun ? `; ${done}; nothing was changed` : `; ${done}`;
    const reason = `instance ${this.instance.id} is already isolated${detail}${changed}${notDetached(gaps, common.dryRun)}`;
    return {
      ...common,
      status: gaps.length && !common.dryRun ? 'partial' : 'already-isolated',
      reason,
      detach,
      interfaces,
      snapshots,
      errors: this.actions.errors,
      retryable: this.actions.retryable,
    };
  }

  private tagsToWrite(toSwitch: InstanceView['interfaces'], record: Map<string, string[]>, recordedBy?: string): Tag[] {
    const merged = new Map(record);
    for (const eni of toSwitch) merged.set(eni.id, [...eni.groups]);
    const tags = groupRecordTags(merged);
    // Blank any older, longer record's leftover parts so the record reads back exactly.
    for (let part = tags.length + 1; this.instance.tags[previousGroupsKey(part)] !== undefined; part++) {
      tags.push({ Key: previousGroupsKey(part), Value: '' });
    }
    const freshIsolation = toSwitch.length === this.instance.interfaces.length;
    if (!recordedBy || (freshIsolation && recordedBy !== this.input.finding.id)) {
      tags.push(
        { Key: TAGS.isolatedByFinding, Value: this.input.finding.id },
        { Key: TAGS.isolatedAt, Value: this.input.now().toISOString() },
        { Key: TAGS.isolatedFindingType, Value: this.input.finding.type },
      );
    }
    return tags.filter((tag) => this.instance.tags[tag.Key] !== tag.Value);
  }

  private existingSnapshot(volume: VolumeView, existing?: Map<string, string>): SnapshotReport {
    const snapshotId = existing?.get(volume.volumeId);
    return snapshotId ? { ...volume, snapshotId, outcome: 'existing' } : { ...volume, outcome: 'not-attempted' };
  }

  private conclude(
    detach: DetachReport,
    tags: TagsReport,
    interfaces: InterfaceReport[],
    snapshots: SnapshotReport[],
  ): Pick<IsolationResult, 'status' | 'reason'> {
    const id = this.instance.id;
    const done = detachDone(detach);
    const gaps = detachGaps(detach);
    if (this.input.settings.dryRun) {
      const steps = [tags, ...interfaces, ...snapshots];
      const denied = steps.filter((r) => r.permission && r.permission !== 'allowed').length;
      const switching = interfaces.filter((r) => r.outcome === 'would-switch').length;
      const snapshotting = snapshots.filter((s) => s.outcome === 'would-create').length;
      const checks =
        denied === 0
          ? 'permissions allow every step'
          : `${denied} step(s) would not be allowed or could not be checked`;
      // Auto Scaling and Elastic Load Balancing have no dry run: what they would do is read, not tried.
      const detaching = done
        ? `; ${done} (permissions not checked: Auto Scaling and Elastic Load Balancing have no dry run)`
        : '';
      return {
        status: 'dry-run',
        reason: `dry run: would isolate ${switching} network interface(s) of ${id} and snapshot ${snapshotting} volume(s)${detaching}${notDetached(gaps, true)}; ${checks}; nothing was changed`,
      };
    }
    const quarantined = interfaces.filter(
      (r) => r.outcome === 'switched' || r.outcome === 'already-quarantined',
    ).length;
    const preserved = snapshots.filter((s) => s.snapshotId).length;
    const counts = `${quarantined} of ${interfaces.length} network interface(s) quarantined, ${preserved} of ${snapshots.length} volume(s) snapshotted${done ? `; ${done}` : ''}${notDetached(gaps, false)}`;
    if (quarantined === interfaces.length && preserved === snapshots.length && gaps.length === 0)
      return { status: 'isolated', reason: `instance ${id} isolated: ${counts}` };
    if (quarantined === 0) return { status: 'failed', reason: `instance ${id} NOT isolated: ${counts}` };
    return { status: 'partial', reason: `instance ${id} PARTIALLY isolated: ${counts}` };
  }
}

/** The reason's account of what detaching left undone (empty when nothing). */
function notDetached(gaps: readonly string[], dryRun: boolean): string {
  if (gaps.length === 0) return '';
  if (dryRun) return `; detaching could not be planned in full (${gaps.join('; ')})`;
  return `; NOT detached (${gaps.join('; ')}): the group or load balancer may still act on it, and a terminated instance loses the evidence in its memory`;
}
