import type { Finding } from './event';

/** Outcome of one invocation. */
export type IsolationStatus =
  | 'isolated' // every network interface has only its quarantine group and every volume a snapshot
  | 'already-isolated' // nothing to do: isolated before (by this finding or another, or by hand)
  | 'dry-run' // DRY_RUN: what would be done, nothing changed
  | 'ignored' // malformed event, or a finding not acted on (type, severity, region, account)
  | 'not-found' // the instance no longer exists (or is terminated)
  | 'partial' // some steps done, some not, or isolated but not detached: see detach / interfaces / snapshots
  | 'failed'; // nothing isolated (bad settings, no quarantine group for the VPC, AWS errors)

/** A dry run's verdict from EC2's DryRun flag. */
export type Permission = 'allowed' | 'denied' | 'unknown';

export interface InterfaceReport {
  readonly networkInterfaceId: string;
  readonly vpcId: string;
  /** Security groups before isolation (now, or as recorded in the instance's tags when already isolated). */
  readonly previousGroups: readonly string[];
  /** The quarantine group of the interface's VPC (absent when none is configured). */
  readonly quarantineGroup?: string;
  readonly outcome: 'switched' | 'already-quarantined' | 'would-switch' | 'failed' | 'not-attempted';
  readonly permission?: Permission;
  readonly error?: string;
}

export interface TagsReport {
  readonly outcome: 'written' | 'unchanged' | 'would-write' | 'failed' | 'not-attempted';
  /** Keys written (or that would be). */
  readonly keys: readonly string[];
  readonly permission?: Permission;
  readonly error?: string;
}

export interface SnapshotReport {
  readonly volumeId: string;
  readonly device: string;
  readonly snapshotId?: string;
  readonly outcome: 'created' | 'existing' | 'would-create' | 'failed' | 'not-attempted';
  readonly permission?: Permission;
  readonly error?: string;
}

/** The instance's Auto Scaling group, and what was done so the group neither terminates nor replaces it. */
export interface AutoScalingReport {
  readonly outcome:
    | 'not-in-group'
    | 'entered-standby'
    | 'already-standby' // Standby or EnteringStandby when read
    | 'would-enter-standby'
    | 'cannot-enter-standby' // not InService (Pending, Terminating, in the warm pool, …): see error
    | 'failed'
    | 'not-attempted';
  /** The group (absent when the instance is in none, or its membership is unknown). */
  readonly groupName?: string;
  /** Its lifecycle state in the group when read: InService, Standby, Pending, Terminating:Wait, … */
  readonly lifecycleState?: string;
  /**
   * Scale-in protection (absent where it cannot apply: not in a group, terminating, in the warm pool). Its
   * failure is reported in `error` but leaves an instance that reached Standby safe.
   */
  readonly protection?: 'set' | 'already-set' | 'would-set' | 'failed' | 'not-attempted';
  /**
   * On entering Standby: the group's desired capacity was lowered, or kept because the group is at its
   * minimum size (it then launches a replacement).
   */
  readonly desiredCapacity?: 'decremented' | 'kept';
  readonly error?: string;
}

/** An ELBv2 target group (Application, Network or Gateway Load Balancer) the instance was registered in. */
export interface TargetGroupReport {
  readonly targetGroupArn: string;
  readonly targetGroupName: string;
  /** Ports the instance was registered on (empty when its targets could not be read). */
  readonly ports: readonly number[];
  readonly outcome: 'deregistered' | 'already-deregistering' | 'would-deregister' | 'failed' | 'not-attempted';
  readonly error?: string;
}

/** A Classic Load Balancer the instance was registered with. */
export interface ClassicLoadBalancerReport {
  readonly loadBalancerName: string;
  readonly outcome: 'deregistered' | 'would-deregister' | 'failed' | 'not-attempted';
  readonly error?: string;
}

/** Where the instance was registered, and whether every place could be looked at. */
export interface RegistrationsReport<T> {
  /** `listed`: every candidate was read; otherwise the instance may be registered somewhere not in `registrations`. */
  readonly lookup: 'listed' | 'failed' | 'not-attempted';
  readonly error?: string;
  readonly registrations: readonly T[];
}

/** What was done, before isolating, so that no Auto Scaling group or load balancer acts on the instance any more. */
export interface DetachReport {
  readonly autoScaling: AutoScalingReport;
  readonly targetGroups: RegistrationsReport<TargetGroupReport>;
  readonly classicLoadBalancers: RegistrationsReport<ClassicLoadBalancerReport>;
}

export interface IsolationResult {
  readonly status: IsolationStatus;
  /** One line saying what happened. */
  readonly reason: string;
  readonly dryRun: boolean;
  readonly finding?: Finding;
  readonly instanceId?: string;
  /** The finding recorded on the instance as having isolated it, and when. */
  readonly isolatedBy?: { readonly findingId: string; readonly at?: string };
  /** Auto Scaling and load balancers: done before any interface changes (absent when nothing was attempted). */
  readonly detach?: DetachReport;
  readonly tags?: TagsReport;
  readonly interfaces: readonly InterfaceReport[];
  readonly snapshots: readonly SnapshotReport[];
  /** Invalid settings or event, one `where: reason` line each. */
  readonly problems?: readonly string[];
  /** AWS errors, one `step: error` line each. */
  readonly errors: readonly string[];
  /** True when the work is incomplete for a reason that a later attempt may overcome (throttling, 5xx). */
  readonly retryable: boolean;
}

/** A result with nothing done, for the cases decided before any AWS call. */
export function simpleResult(
  status: IsolationStatus,
  reason: string,
  extra: Partial<IsolationResult> & { readonly dryRun: boolean },
): IsolationResult {
  return { status, reason, interfaces: [], snapshots: [], errors: [], retryable: false, ...extra };
}
