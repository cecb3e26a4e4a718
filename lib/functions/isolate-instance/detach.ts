/**
 * Detaching, done before any security group changes: an instance left InService in an Auto Scaling group
 * fails the group's health checks once quarantined (or is picked by a scale-in) and is terminated, and with
 * it the evidence in its memory. So the function first:
 *
 * 1. Auto Scaling: finds the instance's group (DescribeAutoScalingInstances). In a group it sets scale-in
 *    protection, then moves an InService instance to Standby lowering the desired capacity, so nothing is
 *    launched in its place. A group at its minimum size refuses that (ValidationError); the call is then
 *    repeated keeping the desired capacity: the group launches a replacement and the instance stays.
 *    A Standby instance is neither health-checked nor scaled in, and entering Standby also takes it out of
 *    the group's own load balancers. An instance already Standby / EnteringStandby needs nothing more; one
 *    that is Pending cannot enter Standby yet (reported; the result is retryable, so Lambda's retry tries
 *    again once it is InService); one that is Terminating, in the warm pool or detaching cannot be kept
 *    by the function (reported).
 * 2. Target groups (ELBv2): deregisters it, on every port it is registered on, from every instance-type
 *    target group of its VPCs that lists it (DescribeTargetGroups, DescribeTargetHealth per group,
 *    DeregisterTargets). A target already draining is left to finish.
 * 3. Classic Load Balancers: deregisters it from every one that lists it.
 *
 * A failed step stops neither the others nor the isolation: it is reported (`failed` / `not-attempted`)
 * and the isolation's result is then "partial", saying the evidence in memory may be lost (see
 * `detachGaps`). Everything is idempotent: a later run finds the instance in Standby and deregistered.
 * Dry run: Auto Scaling and Elastic Load Balancing have no DryRun flag, so the function only reads and
 * reports what it would do (`would-…`); the permissions of those changes are not checked.
 * Time: detaching takes at most DETACH_BUDGET_MS (and never runs past the invocation's deadline), so an
 * unreachable API cannot hold up the isolation; what is left is `not-attempted` and retryable.
 */
import {
  DescribeAutoScalingInstancesCommand,
  EnterStandbyCommand,
  SetInstanceProtectionCommand,
  type AutoScalingClient,
} from '@aws-sdk/client-auto-scaling';
import {
  DeregisterInstancesFromLoadBalancerCommand,
  paginateDescribeLoadBalancers,
  type ElasticLoadBalancingClient,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  DeregisterTargetsCommand,
  DescribeTargetHealthCommand,
  paginateDescribeTargetGroups,
  type ElasticLoadBalancingV2Client,
  type TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { errorCode, errorText } from '../common/aws-errors';
import { callOptions } from './actions';
import type { CallOptions } from './instance';
import type {
  AutoScalingReport,
  ClassicLoadBalancerReport,
  DetachReport,
  RegistrationsReport,
  TargetGroupReport,
} from './result';

/** Longest time detaching may take before the isolation goes ahead (milliseconds). */
export const DETACH_BUDGET_MS = 30_000;

export const DETACH_OUT_OF_TIME = 'not attempted: the time allowed for detaching ran out';

export interface DetachClients {
  readonly autoScaling: AutoScalingClient;
  readonly targetGroups: ElasticLoadBalancingV2Client;
  readonly classicLoadBalancers: ElasticLoadBalancingClient;
}

/** Where failed calls are recorded (the isolation's error list; see Ec2Actions). */
export interface ErrorLog {
  readonly errors: string[];
  retryable: boolean;
  /** Records a failed call; returns its one-line description. */
  fail(step: string, error: unknown): string;
}

export interface DetachInput {
  readonly clients: DetachClients;
  readonly instanceId: string;
  /** The VPCs of the instance's network interfaces (target groups elsewhere cannot hold it). */
  readonly vpcIds: readonly string[];
  readonly dryRun: boolean;
  /** Epoch milliseconds after which no AWS call may still run. @default - none */
  readonly deadline?: number;
  /** Longest time detaching may take, from its start (milliseconds). @default DETACH_BUDGET_MS */
  readonly budgetMs?: number;
  readonly log: ErrorLog;
}

type Attempt<O> =
  | { readonly kind: 'done'; readonly output: O }
  | { readonly kind: 'failed'; readonly error: unknown }
  | { readonly kind: 'skipped' };

/** Target health states of a target on its way out already. */
const DRAINING = new Set(['draining', 'unhealthy.draining']);

export async function detachInstance(input: DetachInput): Promise<DetachReport> {
  const detacher = new Detacher(input);
  const autoScaling = await detacher.autoScaling();
  const targetGroups = await detacher.targetGroups();
  const classicLoadBalancers = await detacher.classicLoadBalancers();
  return { autoScaling, targetGroups, classicLoadBalancers };
}

class Detacher {
  private readonly deadline: number;
  private outOfTime = false;

  constructor(private readonly input: DetachInput) {
    this.deadline = Math.min(input.deadline ?? Infinity, Date.now() + (input.budgetMs ?? DETACH_BUDGET_MS));
  }

  async autoScaling(): Promise<AutoScalingReport> {
    const id = this.input.instanceId;
    const client = this.input.clients.autoScaling;
    const read = await this.attempt((options) =>
      client.send(new DescribeAutoScalingInstancesCommand({ InstanceIds: [id] }), options),
    );
    if (read.kind !== 'done') return this.unfinished('DescribeAutoScalingInstances', read);
    const member = read.output.AutoScalingInstances?.find((i) => i.InstanceId === id);
    const group = member?.AutoScalingGroupName;
    if (!member || !group) return { outcome: 'not-in-group' };
    const state = member.LifecycleState ?? 'unknown';
    const found = { groupName: group, lifecycleState: state };

    // Protection first: it holds against a scale-in even if Standby cannot be reached.
    const keepable = !/^(Terminat|Warmed:|Detach)/.test(state);
    const protection = keepable ? await this.protect(group, member.ProtectedFromScaleIn === true) : {};
    const report = (standby: Pick<AutoScalingReport, 'outcome' | 'desiredCapacity' | 'error'>): AutoScalingReport => {
      const errors = [protection.error, standby.error].filter(Boolean);
      return {
        ...found,
        outcome: standby.outcome,
        ...(protection.protection ? { protection: protection.protection } : {}),
        ...(standby.desiredCapacity ? { desiredCapacity: standby.desiredCapacity } : {}),
        ...(errors.length ? { error: errors.join('; ') } : {}),
      };
    };

    if (state === 'InService') return report(await this.enterStandby(group));
    if (state === 'Standby' || state === 'EnteringStandby') return report({ outcome: 'already-standby' });
    if (state.startsWith('Pending') && !this.input.dryRun) this.input.log.retryable = true;
    return report({ outcome: 'cannot-enter-standby', error: cannotEnterStandby(state) });
  }

  private async protect(group: string, already: boolean): Promise<Pick<AutoScalingReport, 'protection' | 'error'>> {
    if (already) return { protection: 'already-set' };
    if (this.input.dryRun) return { protection: 'would-set' };
    const id = this.input.instanceId;
    const answer = await this.attempt((options) =>
      this.input.clients.autoScaling.send(
        new SetInstanceProtectionCommand({
          AutoScalingGroupName: group,
          InstanceIds: [id],
          ProtectedFromScaleIn: true,
        }),
        options,
      ),
    );
    if (answer.kind === 'done') return { protection: 'set' };
    const { outcome, error } = this.unfinished(`SetInstanceProtection ${group}`, answer);
    return { protection: outcome, error: `scale-in protection: ${error}` };
  }

  private async enterStandby(group: string): Promise<Pick<AutoScalingReport, 'outcome' | 'desiredCapacity' | 'error'>> {
    if (this.input.dryRun) return { outcome: 'would-enter-standby' };
    const id = this.input.instanceId;
    const enter = (decrement: boolean) =>
      this.attempt((options) =>
        this.input.clients.autoScaling.send(
          new EnterStandbyCommand({
            AutoScalingGroupName: group,
            InstanceIds: [id],
            ShouldDecrementDesiredCapacity: decrement,
          }),
          options,
        ),
      );
    const step = `EnterStandby ${group}`;
    const lowering = await enter(true);
    if (lowering.kind === 'done') return { outcome: 'entered-standby', desiredCapacity: 'decremented' };
    if (lowering.kind === 'failed' && errorCode(lowering.error) === 'ValidationError') {
      // A group at its minimum size refuses to shrink: keep its capacity (it launches a replacement) so
      // the instance still leaves service. Any other validation problem fails the second call alike.
      const keeping = await enter(false);
      if (keeping.kind === 'done') return { outcome: 'entered-standby', desiredCapacity: 'kept' };
      const second = this.unfinished(`${step} (keeping the desired capacity)`, keeping);
      return {
        outcome: second.outcome,
        error: `${errorText(lowering.error)}; then, keeping the desired capacity: ${second.error}`,
      };
    }
    return this.unfinished(step, lowering);
  }

  async targetGroups(): Promise<RegistrationsReport<TargetGroupReport>> {
    const client = this.input.clients.targetGroups;
    const vpcs = new Set(this.input.vpcIds);
    const groups: TargetGroup[] = [];
    const listing = await this.attempt(async (options) => {
      for await (const page of paginateDescribeTargetGroups({ client }, {}, ...optionsArgs(options))) {
        groups.push(...(page.TargetGroups ?? []));
      }
    });
    const registrations: TargetGroupReport[] = [];
    // Only instance targets name the instance; they must be in the target group's VPC.
    for (const group of groups.filter((g) => g.TargetType === 'instance' && g.VpcId && vpcs.has(g.VpcId))) {
      const registration = await this.targetGroup(group.TargetGroupArn ?? '', group.TargetGroupName ?? '');
      if (registration) registrations.push(registration);
    }
    if (listing.kind === 'done') return { lookup: 'listed', registrations };
    const { outcome, error } = this.unfinished('DescribeTargetGroups', listing);
    return { lookup: outcome, error, registrations };
  }

  /** The instance's registration in one target group, deregistered; undefined when it is not registered there. */
  private async targetGroup(arn: string, name: string): Promise<TargetGroupReport | undefined> {
    const client = this.input.clients.targetGroups;
    const id = this.input.instanceId;
    const base = { targetGroupArn: arn, targetGroupName: name };
    const health = await this.attempt((options) =>
      client.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }), options),
    );
    if (health.kind !== 'done') {
      const unfinished = this.unfinished(`DescribeTargetHealth ${name}`, health);
      return {
        ...base,
        ports: [],
        outcome: unfinished.outcome,
        error: `its targets could not be read: ${unfinished.error}`,
      };
    }
    const mine = (health.output.TargetHealthDescriptions ?? []).filter((d) => d.Target?.Id === id);
    if (mine.length === 0) return undefined;
    const ports = [...new Set(mine.map((d) => d.Target?.Port).filter((p): p is number => p !== undefined))];
    const active = mine.filter((d) => !DRAINING.has(d.TargetHealth?.State ?? ''));
    if (active.length === 0) return { ...base, ports, outcome: 'already-deregistering' };
    if (this.input.dryRun) return { ...base, ports, outcome: 'would-deregister' };
    const targets = active.map((d) => ({ Id: id, ...(d.Target?.Port !== undefined ? { Port: d.Target.Port } : {}) }));
    const answer = await this.attempt((options) =>
      client.send(new DeregisterTargetsCommand({ TargetGroupArn: arn, Targets: targets }), options),
    );
    if (answer.kind === 'done') return { ...base, ports, outcome: 'deregistered' };
    return { ...base, ports, ...this.unfinished(`DeregisterTargets ${name}`, answer) };
  }

  async classicLoadBalancers(): Promise<RegistrationsReport<ClassicLoadBalancerReport>> {
    const client = this.input.clients.classicLoadBalancers;
    const id = this.input.instanceId;
    const names: string[] = [];
    const listing = await this.attempt(async (options) => {
      for await (const page of paginateDescribeLoadBalancers({ client }, {}, ...optionsArgs(options))) {
        for (const lb of page.LoadBalancerDescriptions ?? []) {
          if (lb.LoadBalancerName && lb.Instances?.some((i) => i.InstanceId === id)) names.push(lb.LoadBalancerName);
        }
      }
    });
    const registrations: ClassicLoadBalancerReport[] = [];
    for (const name of names) {
      if (this.input.dryRun) {
        registrations.push({ loadBalancerName: name, outcome: 'would-deregister' });
        continue;
      }
      const answer = await this.attempt((options) =>
        client.send(
          new DeregisterInstancesFromLoadBalancerCommand({ LoadBalancerName: name, Instances: [{ InstanceId: id }] }),
          options,
        ),
      );
      registrations.push(
        answer.kind === 'done'
          ? { loadBalancerName: name, outcome: 'deregistered' }
          : { loadBalancerName: name, ...this.unfinished(`DeregisterInstancesFromLoadBalancer ${name}`, answer) },
      );
    }
    if (listing.kind === 'done') return { lookup: 'listed', registrations };
    const { outcome, error } = this.unfinished('DescribeLoadBalancers', listing);
    return { lookup: outcome, error, registrations };
  }

  /** Runs one call (with its SDK retries) unless detaching is out of time. */
  private async attempt<O>(send: (options?: CallOptions) => Promise<O>): Promise<Attempt<O>> {
    if (Date.now() >= this.deadline) return { kind: 'skipped' };
    try {
      return { kind: 'done', output: await send(callOptions(this.deadline)) };
    } catch (error) {
      return { kind: 'failed', error };
    }
  }

  /** Records a call that failed or was skipped; returns its outcome and error for the report. */
  private unfinished(
    step: string,
    attempt: Exclude<Attempt<unknown>, { kind: 'done' }>,
  ): { outcome: 'failed' | 'not-attempted'; error: string } {
    const log = this.input.log;
    if (attempt.kind === 'failed') return { outcome: 'failed', error: log.fail(step, attempt.error) };
    if (!this.outOfTime) log.errors.push(`${step}: ${DETACH_OUT_OF_TIME} (this and later detaching steps)`);
    this.outOfTime = true;
    if (!this.input.dryRun) log.retryable = true;
    return { outcome: 'not-attempted', error: DETACH_OUT_OF_TIME };
  }
}

function optionsArgs(options?: CallOptions): [CallOptions] | [] {
  return options ? [options] : [];
}

function cannotEnterStandby(state: string): string {
  if (state.startsWith('Pending')) return `the instance is ${state}: it can enter Standby only once InService`;
  if (state.startsWith('Terminat'))
    return `the group is terminating the instance (${state}): its memory evidence is being lost`;
  if (state.startsWith('Warmed:'))
    return `the instance is in the group's warm pool (${state}): it cannot enter Standby`;
  return `the instance is ${state}: it cannot enter Standby`;
}

/**
 * What detaching left undone, one phrase each: where the instance may still be acted on by a group or a load
 * balancer. Empty when it is out of every one (or, in a dry run, would be).
 */
export function detachGaps(report: DetachReport): string[] {
  const gaps: string[] = [];
  const asg = report.autoScaling;
  if (asg.outcome === 'failed' || asg.outcome === 'not-attempted') {
    gaps.push(asg.groupName ? `not in Standby in Auto Scaling group ${asg.groupName}` : 'Auto Scaling group unknown');
  } else if (asg.outcome === 'cannot-enter-standby') {
    gaps.push(`${asg.lifecycleState} in Auto Scaling group ${asg.groupName}`);
  }
  const lists: [string, RegistrationsReport<TargetGroupReport | ClassicLoadBalancerReport>][] = [
    ['target group', report.targetGroups],
    ['Classic Load Balancer', report.classicLoadBalancers],
  ];
  for (const [kind, list] of lists) {
    if (list.lookup !== 'listed') gaps.push(`${kind}s not all checked`);
    for (const r of list.registrations) {
      if (r.outcome === 'failed' || r.outcome === 'not-attempted')
        gaps.push(
          `may still be registered in ${kind} ${'targetGroupName' in r ? r.targetGroupName : r.loadBalancerName}`,
        );
    }
  }
  return gaps;
}

/** What detaching did (or, in a dry run, would do), as one phrase; undefined when it did nothing. */
export function detachDone(report: DetachReport): string | undefined {
  const asg = report.autoScaling;
  const done: string[] = [];
  if (asg.outcome === 'entered-standby') {
    const capacity =
      asg.desiredCapacity === 'kept'
        ? 'at its minimum size, the group launches a replacement'
        : 'desired capacity lowered';
    done.push(`moved to Standby in Auto Scaling group ${asg.groupName} (${capacity})`);
  }
  if (asg.outcome === 'would-enter-standby')
    done.push(`would move it to Standby in Auto Scaling group ${asg.groupName}`);
  for (const [verb, outcome] of [
    ['deregistered from', 'deregistered'],
    ['would deregister it from', 'would-deregister'],
  ] as const) {
    const groups = report.targetGroups.registrations.filter((r) => r.outcome === outcome).length;
    const classic = report.classicLoadBalancers.registrations.filter((r) => r.outcome === outcome).length;
    const places = [
      ...(groups ? [`${groups} target group(s)`] : []),
      ...(classic ? [`${classic} Classic Load Balancer(s)`] : []),
    ];
    if (places.length) done.push(`${verb} ${places.join(' and ')}`);
  }
  return done.length ? done.join(', ') : undefined;
}
