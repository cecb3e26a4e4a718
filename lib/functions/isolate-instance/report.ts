/** The alert published to the SNS topic: a subject, a plain-text account for people, and the full result as JSON. */
import { detachGaps } from './detach';
import type { DetachReport, IsolationResult, IsolationStatus, RegistrationsReport } from './result';
import { TAGS } from './tags';

export interface Alert {
  /** At most 100 printable ASCII characters (SNS's limit for e-mail subjects). */
  readonly subject: string;
  readonly message: string;
}

const HEADLINES: Record<IsolationStatus, string> = {
  isolated: 'Instance isolated',
  'already-isolated': 'Instance already isolated',
  'dry-run': 'Dry run: instance would be isolated',
  ignored: 'GuardDuty event ignored',
  'not-found': 'Instance to isolate not found',
  partial: 'PARTIAL isolation - action needed',
  failed: 'Isolation FAILED - action needed',
};

export function renderAlert(result: IsolationResult): Alert {
  const headline =
    result.problems && result.status === 'failed' ? 'Isolation function misconfigured' : HEADLINES[result.status];
  const subject = `[hipaa-baseline] ${headline}${result.instanceId ? `: ${result.instanceId}` : ''}`
    .replace(/[^\x20-\x7e]/g, '?')
    .slice(0, 100);
  return { subject, message: [...describe(result), '', 'Details (JSON):', JSON.stringify(result, null, 2)].join('\n') };
}

function describe(result: IsolationResult): string[] {
  const lines: string[] = [];
  const f = result.finding;
  if (f) {
    lines.push(`GuardDuty finding ${f.id} (${f.type}, severity ${f.severity}) about instance ${f.instanceId}`);
    if (f.title) lines.push(`  ${f.title}`);
  }
  lines.push(`Outcome: ${result.status.toUpperCase()} - ${result.reason}`);
  lines.push(`Mode: ${result.dryRun ? 'DRY RUN (nothing was changed)' : 'live'}`);
  if (result.isolatedBy) {
    lines.push(
      `Recorded isolation: finding ${result.isolatedBy.findingId}${result.isolatedBy.at ? ` at ${result.isolatedBy.at}` : ''}`,
    );
  }
  if (result.problems?.length) lines.push('Problems:', ...result.problems.map((p) => `  ${p}`));
  if (result.detach) lines.push(...describeDetach(result.detach));
  if (result.interfaces.length) {
    lines.push('Network interfaces (previous groups -> new):');
    for (const eni of result.interfaces) {
      const after = eni.quarantineGroup ?? '(no quarantine group configured)';
      lines.push(
        `  ${eni.networkInterfaceId} (${eni.vpcId}): ${eni.previousGroups.join(', ') || '(unrecorded)'} -> ${after} [${state(eni)}]`,
      );
    }
  }
  if (result.snapshots.length) {
    lines.push('EBS snapshots:');
    for (const s of result.snapshots) lines.push(`  ${s.volumeId} (${s.device}): ${s.snapshotId ?? '-'} [${state(s)}]`);
  }
  if (result.tags)
    lines.push(
      `Instance tags: ${state(result.tags)}${result.tags.keys.length ? ` (${result.tags.keys.join(', ')})` : ''}`,
    );
  if (result.errors.length) lines.push('Errors:', ...result.errors.map((e) => `  ${e}`));
  if (result.status === 'partial' || result.status === 'failed') {
    lines.push(
      'ACTION NEEDED: the instance is not fully detached, isolated or preserved. Finish the steps marked',
      `failed / not-attempted by hand${result.retryable ? ' or wait for the automatic retry' : ''}; the previous security groups are`,
      `recorded in the instance tag ${TAGS.previousGroups}.`,
    );
    if (result.detach && detachGaps(result.detach).length) {
      lines.push(
        'An Auto Scaling group may still terminate the instance (and its memory evidence): put it in Standby',
        '(aws autoscaling enter-standby) and deregister it from its target groups and load balancers.',
      );
    }
  }
  return lines;
}

function describeDetach(detach: DetachReport): string[] {
  const asg = detach.autoScaling;
  const details = [
    `was ${asg.lifecycleState}`,
    ...(asg.protection ? [`scale-in protection ${asg.protection}`] : []),
    ...(asg.desiredCapacity ? [`desired capacity ${asg.desiredCapacity}`] : []),
  ];
  const group = asg.groupName ? `group ${asg.groupName} (${details.join(', ')})` : 'group';
  return [
    `Auto Scaling: ${asg.outcome === 'not-in-group' ? 'not in a group' : `${group} [${state(asg)}]`}`,
    ...describeRegistrations(
      'Target groups',
      detach.targetGroups,
      (r) => `${r.targetGroupArn} port(s) ${r.ports.join(', ') || 'unknown'}`,
    ),
    ...describeRegistrations('Classic Load Balancers', detach.classicLoadBalancers, (r) => r.loadBalancerName),
  ];
}

function describeRegistrations<T extends { outcome: string; error?: string }>(
  title: string,
  list: RegistrationsReport<T>,
  name: (registration: T) => string,
): string[] {
  const lookup = list.lookup === 'listed' ? '' : ` (NOT all checked, lookup ${list.lookup}: ${list.error})`;
  if (list.registrations.length === 0) return [`${title}: not registered${lookup}`];
  return [`${title}:${lookup}`, ...list.registrations.map((r) => `  ${name(r)} [${state(r)}]`)];
}

function state(step: { readonly outcome: string; readonly permission?: string; readonly error?: string }): string {
  const permission = step.permission ? `, permission ${step.permission}` : '';
  return `${step.outcome}${permission}${step.error ? `: ${step.error}` : ''}`;
}
