/** What the function reads before acting: the instance (interfaces, groups, volumes, tags) and the snapshots. */
import { DescribeInstancesCommand, paginateDescribeSnapshots, type EC2Client } from '@aws-sdk/client-ec2';
import { errorCode } from '../common/aws-errors';
import { TAGS } from './tags';

/** Options of one AWS call: a signal that abandons it when the invocation runs out of time. */
export interface CallOptions {
  readonly abortSignal?: AbortSignal;
}

export interface InterfaceView {
  readonly id: string;
  readonly vpcId: string;
  readonly groups: readonly string[];
}

export interface VolumeView {
  readonly volumeId: string;
  readonly device: string;
}

export interface InstanceView {
  readonly id: string;
  readonly state: string;
  /** In attachment order (network card, then device index). */
  readonly interfaces: readonly InterfaceView[];
  readonly volumes: readonly VolumeView[];
  readonly tags: Readonly<Record<string, string>>;
}

export type Described =
  { readonly found: true; readonly instance: InstanceView } | { readonly found: false; readonly reason: string };

const GONE_STATES = new Set(['shutting-down', 'terminated']);
const NOT_FOUND_CODES = new Set(['InvalidInstanceID.NotFound', 'InvalidInstanceID.Malformed']);

/** Describes the instance; "not found" when EC2 does not know it or it is terminated. Other errors throw. */
export async function describeInstance(ec2: EC2Client, instanceId: string, options?: CallOptions): Promise<Described> {
  let output;
  try {
    output = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }), options);
  } catch (error) {
    if (NOT_FOUND_CODES.has(errorCode(error))) {
      return { found: false, reason: `instance ${instanceId} does not exist (${errorCode(error)})` };
    }
    throw error;
  }
  const instance = output.Reservations?.flatMap((r) => r.Instances ?? []).find((i) => i.InstanceId === instanceId);
  if (!instance) return { found: false, reason: `instance ${instanceId} does not exist` };
  const state = instance.State?.Name ?? 'unknown';
  if (GONE_STATES.has(state)) return { found: false, reason: `instance ${instanceId} is ${state}` };

  const interfaces = [...(instance.NetworkInterfaces ?? [])]
    .sort(
      (a, b) =>
        (a.Attachment?.NetworkCardIndex ?? 0) - (b.Attachment?.NetworkCardIndex ?? 0) ||
        (a.Attachment?.DeviceIndex ?? 0) - (b.Attachment?.DeviceIndex ?? 0),
    )
    .map((eni) => ({
      id: eni.NetworkInterfaceId ?? '',
      vpcId: eni.VpcId ?? instance.VpcId ?? '',
      groups: (eni.Groups ?? []).map((g) => g.GroupId ?? '').filter(Boolean),
    }))
    .filter((eni) => eni.id);
  const volumes = (instance.BlockDeviceMappings ?? [])
    .filter((m) => m.Ebs?.VolumeId)
    .map((m) => ({ volumeId: m.Ebs!.VolumeId!, device: m.DeviceName ?? 'unknown' }));
  const tags = Object.fromEntries((instance.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
  return { found: true, instance: { id: instanceId, state, interfaces, volumes, tags } };
}

/** Snapshots already taken for the finding, by volume id (found by their finding-id and instance-id tags). */
export async function findingSnapshots(
  ec2: EC2Client,
  findingId: string,
  instanceId: string,
  options?: CallOptions,
): Promise<Map<string, string>> {
  const byVolume = new Map<string, string>();
  const pages = paginateDescribeSnapshots(
    { client: ec2 },
    {
      OwnerIds: ['self'],
      Filters: [
        { Name: `tag:${TAGS.findingId}`, Values: [findingId] },
        { Name: `tag:${TAGS.instanceId}`, Values: [instanceId] },
      ],
    },
    ...(options ? [options] : []),
  );
  for await (const page of pages) {
    for (const snapshot of page.Snapshots ?? []) {
      if (snapshot.State === 'error') continue;
      const volumeId = snapshot.Tags?.find((t) => t.Key === TAGS.volumeId)?.Value ?? snapshot.VolumeId;
      if (volumeId && snapshot.SnapshotId && !byVolume.has(volumeId)) byVolume.set(volumeId, snapshot.SnapshotId);
    }
  }
  return byVolume;
}
