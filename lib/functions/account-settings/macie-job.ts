/**
 * A scheduled Macie classification job over the S3 buckets whose tag `TagKey` has one of `TagValues`
 * (HIPAA 164.308(a)(1)(ii)(A) risk analysis: where PHI is). Macie jobs cannot be changed once created,
 * so a change of the job's properties creates a new job and cancels the one before.
 *
 * Ownership and idempotency:
 * - Every job this resource creates is tagged with the stack id and logical id (JOB_TAGS), and created
 *   with a client token derived from them, the job's properties and a generation number (jobToken), so a
 *   repeated request (a retry, a rerun after a timeout) gets the same job back, never a second one.
 * - Each run lists the account's active scheduled jobs, keeps those tagged as this resource's, and:
 *   when one was created for the current properties, changes nothing; otherwise creates the job; then
 *   cancels every other active job of this resource (the previous properties' job).
 * - Going back to properties used before: Macie answers the old token with the old, cancelled, job, so
 *   the next generation's token is tried (up to MAX_GENERATIONS).
 * Delete, and an Update that removes the job from the properties, cancel this resource's active jobs
 * (cancelJobs): they belong to the stack, and a recurring job nobody owns would keep running and billing;
 * the account-wide Macie settings stay.
 * Weekly jobs run on MONDAY; a new job also analyses the existing objects once at creation (initialRun).
 */
import {
  CreateClassificationJobCommand,
  DescribeClassificationJobCommand,
  ListClassificationJobsCommand,
  UpdateClassificationJobCommand,
  type JobStatus,
} from '@aws-sdk/client-macie2';
import { createHash } from 'node:crypto';
import type { SettingContext } from './context';
import { JOB_OWNER_TAG_KEY } from './permissions';
import type { MacieJobProperties } from './properties';
import type { SettingReport } from './report';

export const JOB_TAGS = { stackId: 'hipaa-baseline:stack-id', logicalId: JOB_OWNER_TAG_KEY } as const;
export const MAX_GENERATIONS = 5;
/** Job states that still run (or will run again); CANCELLED and COMPLETE are final. */
const ACTIVE: JobStatus[] = ['RUNNING', 'PAUSED', 'IDLE', 'USER_PAUSED'];
const MAX_LIST_PAGES = 20;

interface OwnedJob {
  readonly jobId: string;
  readonly status: string;
  readonly clientToken?: string;
}

/** The client token of the job for these properties: a UUID-shaped digest, stable across runs. */
export function jobToken(
  ctx: Pick<SettingContext, 'stackId' | 'logicalResourceId'>,
  job: MacieJobProperties,
  generation: number,
): string {
  const canonical = JSON.stringify([
    ctx.stackId,
    ctx.logicalResourceId,
    job.Name,
    job.TagKey,
    [...job.TagValues].sort(),
    job.ScheduleFrequency,
    generation,
  ]);
  const hex = createHash('sha256').update(canonical).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export async function applyMacieJob(ctx: SettingContext, job: MacieJobProperties): Promise<SettingReport> {
  const owned = await ownedActiveJobs(ctx);
  const tokens = Array.from({ length: MAX_GENERATIONS }, (_, g) => jobToken(ctx, job, g));
  let current: OwnedJob | undefined = owned.find((j) => j.clientToken && tokens.includes(j.clientToken));
  const existed = current !== undefined;
  current ??= await createJob(ctx, job, tokens);
  if (!current) {
    return {
      setting: 'MacieClassificationJob',
      outcome: 'failed',
      detail: `no active job could be created for ${job.Name}`,
      error: `CreateClassificationJob: the jobs of the last ${MAX_GENERATIONS} tokens for these properties were all cancelled; rename the job to start afresh`,
    };
  }
  const { cancelled, errors } = await cancelAll(
    ctx,
    owned.filter((j) => j.jobId !== current.jobId),
  );
  const data = {
    MacieClassificationJobId: current.jobId,
    MacieClassificationJobStatus: current.status,
    MacieCancelledJobIds: cancelled.join(','),
  };
  const what = existed ? `job ${current.jobId} already exists for these properties` : `created job ${current.jobId}`;
  const detail = `${what} (${current.status})${cancelled.length ? `; cancelled ${cancelled.join(', ')}` : ''}`;
  if (errors.length > 0) {
    return { setting: 'MacieClassificationJob', outcome: 'failed', detail, error: errors.join('; '), data };
  }
  return { setting: 'MacieClassificationJob', outcome: existed ? 'unchanged' : 'applied', detail, data };
}

/** Delete (or the job removed on Update): cancels the active jobs this resource created. */
export async function cancelJobs(ctx: SettingContext): Promise<SettingReport> {
  const { cancelled, errors } = await cancelAll(ctx, await ownedActiveJobs(ctx));
  const data = { MacieCancelledJobIds: cancelled.join(',') };
  const detail = cancelled.length ? `cancelled ${cancelled.join(', ')}` : 'no active job of this resource';
  if (errors.length > 0)
    return { setting: 'MacieClassificationJob', outcome: 'failed', detail, error: errors.join('; '), data };
  return { setting: 'MacieClassificationJob', outcome: 'cancelled', detail, data };
}

async function createJob(
  ctx: SettingContext,
  job: MacieJobProperties,
  tokens: string[],
): Promise<OwnedJob | undefined> {
  const values = job.TagValues.join(' or ');
  const description = `Scheduled (${job.ScheduleFrequency}) sensitive-data discovery in S3 buckets tagged ${job.TagKey} = ${values}; managed by CloudFormation`;
  for (const clientToken of tokens) {
    const created = await ctx.budget.call('CreateClassificationJob', (options) =>
      ctx.clients.macie.send(
        new CreateClassificationJobCommand({
          clientToken,
          name: job.Name,
          description: description.slice(0, 200),
          jobType: 'SCHEDULED',
          scheduleFrequency:
            job.ScheduleFrequency === 'DAILY' ? { dailySchedule: {} } : { weeklySchedule: { dayOfWeek: 'MONDAY' } },
          initialRun: true,
          s3JobDefinition: {
            bucketCriteria: {
              includes: {
                and: [
                  {
                    tagCriterion: {
                      comparator: 'EQ',
                      tagValues: job.TagValues.map((value) => ({ key: job.TagKey, value })),
                    },
                  },
                ],
              },
            },
          },
          tags: { [JOB_TAGS.stackId]: ctx.stackId, [JOB_TAGS.logicalId]: ctx.logicalResourceId },
        }),
        options,
      ),
    );
    const described = await describe(ctx, created.jobId!);
    if (ACTIVE.includes(described.status as JobStatus)) return described;
  }
  return undefined;
}

async function describe(ctx: SettingContext, jobId: string): Promise<OwnedJob & { tags: Record<string, string> }> {
  const out = await ctx.budget.call(`DescribeClassificationJob ${jobId}`, (options) =>
    ctx.clients.macie.send(new DescribeClassificationJobCommand({ jobId }), options),
  );
  return {
    jobId,
    status: out.jobStatus ?? 'UNKNOWN',
    ...(out.clientToken ? { clientToken: out.clientToken } : {}),
    tags: out.tags ?? {},
  };
}

/** The account's active scheduled jobs tagged as this resource's. */
async function ownedActiveJobs(ctx: SettingContext): Promise<OwnedJob[]> {
  const ids: string[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_LIST_PAGES; page++) {
    const out = await ctx.budget.call('ListClassificationJobs', (options) =>
      ctx.clients.macie.send(
        new ListClassificationJobsCommand({
          filterCriteria: {
            includes: [
              { key: 'jobType', comparator: 'EQ', values: ['SCHEDULED'] },
              { key: 'jobStatus', comparator: 'EQ', values: ACTIVE },
            ],
          },
          maxResults: 200,
          ...(nextToken ? { nextToken } : {}),
        }),
        options,
      ),
    );
    ids.push(...(out.items ?? []).map((item) => item.jobId!).filter(Boolean));
    nextToken = out.nextToken;
    if (!nextToken) break;
  }
  const owned: OwnedJob[] = [];
  for (const jobId of ids) {
    const job = await describe(ctx, jobId);
    const ours = job.tags[JOB_TAGS.stackId] === ctx.stackId && job.tags[JOB_TAGS.logicalId] === ctx.logicalResourceId;
    if (ours && ACTIVE.includes(job.status as JobStatus)) owned.push(job);
  }
  return owned;
}

async function cancelAll(
  ctx: SettingContext,
  jobs: readonly OwnedJob[],
): Promise<{ cancelled: string[]; errors: string[] }> {
  const cancelled: string[] = [];
  const errors: string[] = [];
  for (const job of jobs) {
    try {
      await ctx.budget.call(`UpdateClassificationJob ${job.jobId} CANCELLED`, (options) =>
        ctx.clients.macie.send(
          new UpdateClassificationJobCommand({ jobId: job.jobId, jobStatus: 'CANCELLED' }),
          options,
        ),
      );
      cancelled.push(job.jobId);
    } catch (error) {
      errors.push((error as Error).message);
    }
  }
  return { cancelled, errors };
}
