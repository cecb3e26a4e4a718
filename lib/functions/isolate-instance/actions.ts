/**
 * The mutating EC2 calls of an isolation: tag the instance, switch an interface's groups, snapshot a
 * volume. Each is sent as is, or in a dry run with EC2's DryRun flag; each is abandoned at the deadline and
 * not started after it; each failure is recorded (errors, and whether a later attempt may succeed).
 */
import {
  CreateSnapshotCommand,
  CreateTagsCommand,
  ModifyNetworkInterfaceAttributeCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { errorCode, errorText, isRetryable } from '../common/aws-errors';
import type { Finding } from './event';
import type { CallOptions, VolumeView } from './instance';
import type { InterfaceReport, Permission, SnapshotReport, TagsReport } from './result';
import { TAGS, type Tag } from './tags';

type Answer<O> =
  | { readonly kind: 'done'; readonly output: O }
  | { readonly kind: 'would'; readonly permission: Permission; readonly error?: string }
  | { readonly kind: 'failed'; readonly error: string }
  | { readonly kind: 'skipped'; readonly error: string };

function outcomeOf<D extends string, W extends string>(
  answer: Answer<unknown>,
  done: D,
  would: W,
): { outcome: D | W | 'failed' | 'not-attempted'; permission?: Permission; error?: string } {
  if (answer.kind === 'done') return { outcome: done };
  if (answer.kind === 'would') return { outcome: would, permission: answer.permission, ...optionalError(answer.error) };
  if (answer.kind === 'skipped') return { outcome: 'not-attempted', error: answer.error };
  return { outcome: 'failed', error: answer.error };
}

/** Abandons a call at the deadline. */
export function callOptions(deadline?: number): CallOptions | undefined {
  return deadline === undefined ? undefined : { abortSignal: AbortSignal.timeout(Math.max(1, deadline - Date.now())) };
}

export const OUT_OF_TIME = 'not attempted: the invocation ran out of time';

const optionalError = (error?: string) => (error ? { error } : {});

export class Ec2Actions {
  /** One `step: error` line per failed call. */
  readonly errors: string[] = [];
  /** True once a live call failed for a reason a later attempt may overcome. */
  retryable = false;
  private outOfTime = false;

  constructor(
    private readonly ec2: EC2Client,
    private readonly dryRun: boolean,
    private readonly deadline?: number,
  ) {}

  async writeTags(instanceId: string, tags: Tag[]): Promise<TagsReport> {
    const keys = tags.map((t) => t.Key);
    if (tags.length === 0) return { outcome: 'unchanged', keys };
    const answer = await this.act('CreateTags', (DryRun, options) =>
      this.ec2.send(new CreateTagsCommand({ Resources: [instanceId], Tags: tags, DryRun }), options),
    );
    return { ...outcomeOf(answer, 'written', 'would-write'), keys };
  }

  async switchGroups(eni: InterfaceReport, group: string): Promise<InterfaceReport> {
    const answer = await this.act(`ModifyNetworkInterfaceAttribute ${eni.networkInterfaceId}`, (DryRun, options) =>
      this.ec2.send(
        new ModifyNetworkInterfaceAttributeCommand({
          NetworkInterfaceId: eni.networkInterfaceId,
          Groups: [group],
          DryRun,
        }),
        options,
      ),
    );
    return { ...eni, ...outcomeOf(answer, 'switched', 'would-switch') };
  }

  async snapshot(instanceId: string, finding: Finding, volume: VolumeView): Promise<SnapshotReport> {
    const tags: Tag[] = [
      { Key: TAGS.findingId, Value: finding.id },
      { Key: TAGS.findingType, Value: finding.type },
      { Key: TAGS.instanceId, Value: instanceId },
      { Key: TAGS.volumeId, Value: volume.volumeId },
      { Key: TAGS.device, Value: volume.device },
    ];
    const description = `Evidence for GuardDuty finding ${finding.id} (${finding.type}): ${volume.volumeId} (${volume.device}) of ${instanceId}`;
    const answer = await this.act(`CreateSnapshot ${volume.volumeId}`, (DryRun, options) =>
      this.ec2.send(
        new CreateSnapshotCommand({
          VolumeId: volume.volumeId,
          Description: description.slice(0, 255),
          TagSpecifications: [{ ResourceType: 'snapshot', Tags: tags }],
          DryRun,
        }),
        options,
      ),
    );
    const snapshotId = answer.kind === 'done' ? answer.output.SnapshotId : undefined;
    return { ...volume, ...outcomeOf(answer, 'created', 'would-create'), ...(snapshotId ? { snapshotId } : {}) };
  }

  /** Sends a mutating call (in a dry run, with EC2's DryRun flag) and classifies the answer. */
  private async act<O>(
    step: string,
    send: (dryRun: true | undefined, options?: CallOptions) => Promise<O>,
  ): Promise<Answer<O>> {
    const dryRun = this.dryRun;
    if (this.deadline !== undefined && Date.now() >= this.deadline) {
      if (!this.outOfTime) this.errors.push(`${step}: ${OUT_OF_TIME} (this and later steps)`);
      this.outOfTime = true;
      if (!dryRun) this.retryable = true;
      return { kind: 'skipped', error: OUT_OF_TIME };
    }
    try {
      const output = await send(dryRun || undefined, callOptions(this.deadline));
      // EC2 answers every allowed dry run with DryRunOperation; anything else is reported, never assumed.
      if (dryRun) return { kind: 'would', permission: 'unknown', error: 'EC2 did not answer DryRunOperation' };
      return { kind: 'done', output };
    } catch (error) {
      if (!dryRun) return { kind: 'failed', error: this.fail(step, error) };
      const code = errorCode(error);
      if (code === 'DryRunOperation') return { kind: 'would', permission: 'allowed' };
      if (code === 'UnauthorizedOperation') return { kind: 'would', permission: 'denied', error: errorText(error) };
      return { kind: 'would', permission: 'unknown', error: this.fail(step, error) };
    }
  }

  /** Records a failed call; returns its one-line description. */
  fail(step: string, error: unknown): string {
    const abandoned = errorCode(error) === 'AbortError';
    const text = abandoned
      ? `${errorText(error)} (abandoned at the deadline; it may have taken effect: the next run reads the real state)`
      : errorText(error);
    this.errors.push(`${step}: ${text}`);
    if (!this.dryRun && (abandoned || isRetryable(error))) this.retryable = true;
    return text;
  }
}
