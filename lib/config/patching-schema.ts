import { z } from 'zod';

/** Operating system families the baseline writes patch baselines for (Patch Manager's names). */
export const PATCH_OPERATING_SYSTEMS = [
  'AMAZON_LINUX_2023',
  'AMAZON_LINUX_2',
  'UBUNTU',
  'REDHAT_ENTERPRISE_LINUX',
  'WINDOWS',
] as const;
export type PatchOperatingSystem = (typeof PATCH_OPERATING_SYSTEMS)[number];

/** The instance tag keys Patch Manager reads the patch group from (`PatchGroup` also works with tags in instance metadata). */
export const PATCH_GROUP_TAG_KEYS = ['PatchGroup', 'Patch Group'] as const;

const CRON = /^cron\((.*)\)$/;
const FIELD = /^[0-9A-Za-z*?,/#-]+$/;

/**
 * Why a Systems Manager cron expression is not one the baseline accepts, or undefined: six fields
 * (minute hour day-of-month month day-of-week year) with a fixed start minute and hour, exactly one of the
 * two day fields `?`, and — for State Manager associations, which cannot schedule by month — month `*`.
 */
export function cronProblem(expression: string, kind: 'window' | 'association'): string | undefined {
  const example = kind === 'window' ? 'cron(0 4 ? * SUN *)' : 'cron(0 2 * * ? *)';
  const usage = `must be a cron expression such as "${example}" (minute hour day-of-month month day-of-week year)`;
  const fields = CRON.exec(expression.trim())?.[1].trim().split(/\s+/);
  if (!fields || fields.length !== 6 || !fields.every((field) => FIELD.test(field))) return usage;
  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields;
  if (!/^\d{1,2}$/.test(minute) || Number(minute) > 59 || !/^\d{1,2}$/.test(hour) || Number(hour) > 23) {
    return `${usage}: minute (0-59) and hour (0-23) must be single numbers, so the ${kind === 'window' ? 'window' : 'scan'} starts at one time of day`;
  }
  if ((dayOfMonth === '?') === (dayOfWeek === '?'))
    return `${usage}: exactly one of day-of-month and day-of-week must be "?"`;
  if (kind === 'association' && month !== '*')
    return `${usage}: month must be "*" (State Manager associations cannot schedule by month)`;
  return undefined;
}

const cronSchema = (kind: 'window' | 'association') =>
  z.string({ error: 'must be a cron expression' }).superRefine((expression, ctx) => {
    const problem = cronProblem(expression, kind);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const approvalDays = (what: string) =>
  z
    .number({ error: 'must be a number of days' })
    .int({ error: 'must be a whole number of days' })
    .min(0, { error: 'must be 0 to 360 days (Patch Manager limit)' })
    .max(360, { error: 'must be 0 to 360 days (Patch Manager limit)' })
    .describe(what);

/** Whether a time zone name is an IANA name this runtime (and so Systems Manager) knows. */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * Patch management with Systems Manager Patch Manager. HIPAA 164.308(a)(5)(ii)(B) protection from malicious
 * software; AWS Config EC2_MANAGEDINSTANCE_PATCH_COMPLIANCE_STATUS_CHECK and
 * EC2_MANAGEDINSTANCE_ASSOCIATION_COMPLIANCE_STATUS_CHECK report the result.
 */
export const patchingSchema = z
  .strictObject({
    enabled: z
      .boolean()
      .default(true)
      .describe('Patch baselines, the daily scan, the weekly installs and the grace-period alert.'),
    operatingSystems: z
      .array(z.enum(PATCH_OPERATING_SYSTEMS, { error: `must be one of ${PATCH_OPERATING_SYSTEMS.join(', ')}` }), {
        error: 'must be a list of operating systems',
      })
      .min(1, { error: 'must list at least one operating system (or set enabled: false)' })
      .refine((names) => new Set(names).size === names.length, { error: 'must not repeat an operating system' })
      .default([...PATCH_OPERATING_SYSTEMS])
      .describe('Operating system families that get a Patch Manager baseline (one each).'),
    approveAfterDays: z
      .strictObject({
        security: approvalDays(
          'Days after release that critical and security updates are approved (installed at the next install window). Ubuntu publishes no release dates: its updates are approved when published.',
        ).default(7),
        other: approvalDays(
          'Days after release that bug fixes and other updates are approved (Ubuntu: when published).',
        ).default(14),
      })
      .prefault({})
      .describe('Approval delays of the patch baselines (0 to 360 days).'),
    tagKey: z
      .enum(PATCH_GROUP_TAG_KEYS, { error: 'must be "PatchGroup" or "Patch Group" (the keys Patch Manager reads)' })
      .default('PatchGroup')
      .describe(
        'Instance tag naming the patch group. Tag an instance `<tagKey>=<namePrefix>-<environment>` to have it scanned and patched with its environment; untagged instances are left alone.',
      ),
    scanSchedule: cronSchema('association')
      .default('cron(0 2 * * ? *)')
      .describe('When tagged instances are scanned (State Manager association, UTC); default daily at 02:00.'),
    installSchedule: z
      .strictObject({
        production: cronSchema('window')
          .default('cron(0 4 ? * SUN *)')
          .describe('Install window of production environments; default Sunday 04:00.'),
        nonProduction: cronSchema('window')
          .default('cron(0 4 ? * SAT *)')
          .describe('Install window of non-production environments; default Saturday 04:00, a day before production.'),
        environments: z
          .record(z.string(), cronSchema('window'))
          .default({})
          .describe(
            'Install windows of named environments, overriding the two above: { "qa": "cron(0 4 ? * FRI *)" }.',
          ),
      })
      .prefault({})
      .describe('When approved patches are installed (maintenance windows, in `timezone`).'),
    timezone: z
      .string({ error: 'must be an IANA time zone name such as "America/New_York"' })
      .refine(isTimeZone, { error: 'must be an IANA time zone name such as "America/New_York" or "Etc/UTC"' })
      .default('Etc/UTC')
      .describe('Time zone of the install windows (IANA name).'),
    installWindowHours: z
      .number({ error: 'must be a number of hours' })
      .int({ error: 'must be a whole number of hours' })
      .min(2, { error: 'must be at least 2 hours (the window starts no task in its last hour)' })
      .max(24, { error: 'must be at most 24 hours (maintenance window limit)' })
      .default(4)
      .describe('Length of each install window; Systems Manager starts no task in its last hour (the cutoff).'),
    rebootOption: z
      .enum(['RebootIfNeeded', 'NoReboot'], { error: 'must be "RebootIfNeeded" or "NoReboot"' })
      .default('RebootIfNeeded')
      .describe(
        'Reboot after installing when a patch needs it. With NoReboot patches stay "installed pending reboot" (non-compliant) until someone reboots.',
      ),
    maxConcurrency: z
      .string({ error: 'must be a number or a percentage such as "20%"' })
      .regex(/^([1-9][0-9]*|[1-9][0-9]?%|100%)$/, {
        error: 'must be a number of instances (1 or more) or a percentage from 1% to 100%',
      })
      .default('20%')
      .describe('Instances of an environment patched (and rebooted) at the same time.'),
    maxErrors: z
      .string({ error: 'must be a number or a percentage such as "20%"' })
      .regex(/^([0-9]|[1-9][0-9]+|[0-9]%|[1-9][0-9]%|100%)$/, {
        error: 'must be a number of instances (0 or more) or a percentage from 0% to 100%',
      })
      .default('20%')
      .describe('Failed installs after which the window stops patching further instances.'),
    gracePeriodDays: z
      .number({ error: 'must be a number of days' })
      .int({ error: 'must be a whole number of days' })
      .min(1, { error: 'must be at least 1 day' })
      .max(90, { error: 'must be at most 90 days' })
      .default(7)
      .describe(
        'An instance still NON_COMPLIANT with the patch compliance rule this many days after it became so alerts the security topic. Keep it at least the interval between installs.',
      ),
  })
  .prefault({});

export type PatchingConfig = z.output<typeof patchingSchema>;

/** The install schedule of an environment: its own entry, else the production or non-production one. */
export function installScheduleOf(
  patching: PatchingConfig,
  environment: { name: string; production: boolean },
): string {
  const schedules = patching.installSchedule;
  return (
    schedules.environments[environment.name] ??
    (environment.production ? schedules.production : schedules.nonProduction)
  );
}

/** The patch group (tag value) of an environment's instances. */
export function patchGroupOf(namePrefix: string, environment: string): string {
  return `${namePrefix}-${environment}`;
}

/** Install schedules must name environments that exist. */
export function validatePatching(
  config: { patching: PatchingConfig; environments: readonly { name: string }[] },
  ctx: z.RefinementCtx,
): void {
  const names = config.environments.map((env) => env.name);
  for (const name of Object.keys(config.patching.installSchedule.environments)) {
    if (names.includes(name)) continue;
    ctx.addIssue({
      code: 'custom',
      path: ['patching', 'installSchedule', 'environments', name],
      message: `unknown environment "${name}" (environments: ${names.join(', ')})`,
    });
  }
}
