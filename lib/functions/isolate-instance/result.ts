import type { Finding } from './event';

/** Outcome of one invocation. */
export type IsolationStatus =
  | 'isolated' // every network interface has only its quarantine group and every volume a snapshot
  | 'already-isolated' // nothing to do: isolated before (by this finding or another, or by hand)
  | 'dry-run' // DRY_RUN: what would be done, nothing changed
  | 'ignored' // malformed event, or a finding not acted on (type, severity, region, account)
  | 'not-found' // the instance no longer exists (or is terminated)
  | 'partial' // some steps done, some not: see interfaces / snapshots
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

export interface IsolationResult {
  readonly status: IsolationStatus;
  /** One line saying what happened. */
  readonly reason: string;
  readonly dryRun: boolean;
  readonly finding?: Finding;
  readonly instanceId?: string;
  /** The finding recorded on the instance as having isolated it, and when. */
  readonly isolatedBy?: { readonly findingId: string; readonly at?: string };
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
