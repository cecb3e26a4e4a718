import { ConfigError, parseConfig } from '../../lib/config/load';
import { cronProblem, installScheduleOf, isTimeZone } from '../../lib/config/patching-schema';

function problems(raw: unknown): string[] {
  try {
    parseConfig(raw);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('patching configuration', () => {
  test('defaults: every family, 7/14-day approval, daily scan, weekly installs with non-production first, 7-day grace', () => {
    const { patching } = parseConfig({});
    expect(patching).toEqual({
      enabled: true,
      operatingSystems: ['AMAZON_LINUX_2023', 'AMAZON_LINUX_2', 'UBUNTU', 'REDHAT_ENTERPRISE_LINUX', 'WINDOWS'],
      approveAfterDays: { security: 7, other: 14 },
      tagKey: 'PatchGroup',
      scanSchedule: 'cron(0 2 * * ? *)',
      installSchedule: { production: 'cron(0 4 ? * SUN *)', nonProduction: 'cron(0 4 ? * SAT *)', environments: {} },
      timezone: 'Etc/UTC',
      installWindowHours: 4,
      rebootOption: 'RebootIfNeeded',
      maxConcurrency: '20%',
      maxErrors: '20%',
      gracePeriodDays: 7,
    });
  });

  test('an environment installs on its own schedule, else on the production or non-production one', () => {
    const { patching } = parseConfig({
      patching: { installSchedule: { environments: { shared: 'cron(0 1 ? * MON *)' } } },
    });
    expect(installScheduleOf(patching, { name: 'prod', production: true })).toBe('cron(0 4 ? * SUN *)');
    expect(installScheduleOf(patching, { name: 'nonprod', production: false })).toBe('cron(0 4 ? * SAT *)');
    expect(installScheduleOf(patching, { name: 'shared', production: true })).toBe('cron(0 1 ? * MON *)');
  });

  test.each([
    [
      'unknown operating system',
      { operatingSystems: ['AMAZON_LINUX_2023', 'BEOS'] },
      'hipaaBaseline.patching.operatingSystems[1]: must be one of AMAZON_LINUX_2023, AMAZON_LINUX_2, UBUNTU, REDHAT_ENTERPRISE_LINUX, WINDOWS',
    ],
    [
      'no operating system',
      { operatingSystems: [] },
      'hipaaBaseline.patching.operatingSystems: must list at least one operating system (or set enabled: false)',
    ],
    [
      'repeated operating system',
      { operatingSystems: ['WINDOWS', 'WINDOWS'] },
      'hipaaBaseline.patching.operatingSystems: must not repeat an operating system',
    ],
    [
      'approval delay above the Patch Manager limit',
      { approveAfterDays: { security: 400 } },
      'hipaaBaseline.patching.approveAfterDays.security: must be 0 to 360 days (Patch Manager limit)',
    ],
    [
      'negative approval delay',
      { approveAfterDays: { other: -1 } },
      'hipaaBaseline.patching.approveAfterDays.other: must be 0 to 360 days (Patch Manager limit)',
    ],
    [
      'fractional approval delay',
      { approveAfterDays: { security: 2.5 } },
      'hipaaBaseline.patching.approveAfterDays.security: must be a whole number of days',
    ],
    [
      'a tag key Patch Manager does not read',
      { tagKey: 'hipaa-baseline:patch-group' },
      'hipaaBaseline.patching.tagKey: must be "PatchGroup" or "Patch Group" (the keys Patch Manager reads)',
    ],
    [
      'a five-field (Unix) cron',
      { installSchedule: { production: 'cron(0 4 * * 0)' } },
      'hipaaBaseline.patching.installSchedule.production: must be a cron expression such as "cron(0 4 ? * SUN *)" (minute hour day-of-month month day-of-week year)',
    ],
    [
      'a rate expression for the install window',
      { installSchedule: { nonProduction: 'rate(7 days)' } },
      'hipaaBaseline.patching.installSchedule.nonProduction: must be a cron expression such as "cron(0 4 ? * SUN *)"',
    ],
    [
      'both day fields set',
      { installSchedule: { production: 'cron(0 4 * * SUN *)' } },
      'hipaaBaseline.patching.installSchedule.production: must be a cron expression such as "cron(0 4 ? * SUN *)" (minute hour day-of-month month day-of-week year): exactly one of day-of-month and day-of-week must be "?"',
    ],
    [
      'a window without a fixed start time',
      { installSchedule: { production: 'cron(0 */4 ? * SUN *)' } },
      'minute (0-59) and hour (0-23) must be single numbers, so the window starts at one time of day',
    ],
    [
      'an hour out of range',
      { installSchedule: { production: 'cron(0 24 ? * SUN *)' } },
      'hipaaBaseline.patching.installSchedule.production: must be a cron expression such as "cron(0 4 ? * SUN *)" (minute hour day-of-month month day-of-week year): minute (0-59) and hour (0-23) must be single numbers',
    ],
    [
      'a scan scheduled by month',
      { scanSchedule: 'cron(0 2 1 JAN ? *)' },
      'hipaaBaseline.patching.scanSchedule: must be a cron expression such as "cron(0 2 * * ? *)" (minute hour day-of-month month day-of-week year): month must be "*" (State Manager associations cannot schedule by month)',
    ],
    [
      'a cron with a stray character',
      { scanSchedule: 'cron(0 2 * * ? *);' },
      'hipaaBaseline.patching.scanSchedule: must be a cron expression',
    ],
    [
      'an unknown environment’s schedule',
      { installSchedule: { environments: { qa: 'cron(0 4 ? * FRI *)' } } },
      'hipaaBaseline.patching.installSchedule.environments.qa: unknown environment "qa" (environments: prod, nonprod, shared)',
    ],
    [
      'an invalid time zone',
      { timezone: 'Mars/Olympus_Mons' },
      'hipaaBaseline.patching.timezone: must be an IANA time zone name such as "America/New_York" or "Etc/UTC"',
    ],
    [
      'a UTC offset instead of a zone name',
      { timezone: '+02:00' },
      'hipaaBaseline.patching.timezone: must be an IANA time zone name',
    ],
    [
      'a window too short for the cutoff',
      { installWindowHours: 1 },
      'hipaaBaseline.patching.installWindowHours: must be at least 2 hours (the window starts no task in its last hour)',
    ],
    [
      'a window longer than a day',
      { installWindowHours: 25 },
      'hipaaBaseline.patching.installWindowHours: must be at most 24 hours (maintenance window limit)',
    ],
    [
      'an unknown reboot option',
      { rebootOption: 'Always' },
      'hipaaBaseline.patching.rebootOption: must be "RebootIfNeeded" or "NoReboot"',
    ],
    [
      'zero concurrency',
      { maxConcurrency: '0' },
      'hipaaBaseline.patching.maxConcurrency: must be a number of instances (1 or more) or a percentage from 1% to 100%',
    ],
    [
      'a concurrency above 100%',
      { maxConcurrency: '150%' },
      'hipaaBaseline.patching.maxConcurrency: must be a number of instances (1 or more) or a percentage from 1% to 100%',
    ],
    [
      'a malformed error threshold',
      { maxErrors: 'ten' },
      'hipaaBaseline.patching.maxErrors: must be a number of instances (0 or more) or a percentage from 0% to 100%',
    ],
    ['no grace period', { gracePeriodDays: 0 }, 'hipaaBaseline.patching.gracePeriodDays: must be at least 1 day'],
    [
      'a grace period over 90 days',
      { gracePeriodDays: 91 },
      'hipaaBaseline.patching.gracePeriodDays: must be at most 90 days',
    ],
    ['an unknown key', { schedule: 'weekly' }, 'hipaaBaseline.patching.schedule: unknown key'],
    ['enabled not a boolean', { enabled: 'yes' }, 'hipaaBaseline.patching.enabled:'],
  ])('%s fails with one line naming the field', (_name, patching, expected) => {
    const found = problems({ patching });
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(expected);
  });

  test('accepted values: every family alone, 0-day approval, percentages and counts, "Patch Group", named zones', () => {
    expect(
      problems({
        patching: {
          operatingSystems: ['UBUNTU'],
          approveAfterDays: { security: 0, other: 360 },
          tagKey: 'Patch Group',
          maxConcurrency: '5',
          maxErrors: '0',
          timezone: 'America/New_York',
          installWindowHours: 24,
          gracePeriodDays: 90,
          installSchedule: { environments: { prod: 'cron(30 23 ? * TUE#3 *)' } },
        },
      }),
    ).toEqual([]);
    expect(problems({ patching: { enabled: false } })).toEqual([]);
  });
});

describe('cronProblem', () => {
  test.each([
    ['cron(0 4 ? * SUN *)', 'window'],
    ['cron(30 23 ? * TUE#3 *)', 'window'],
    ['cron(0 3 1 * ? *)', 'window'],
    ['cron(0 2 * * ? *)', 'association'],
    ['cron(15 1 ? * MON-FRI *)', 'association'],
  ] as const)('%s is a valid %s schedule', (expression, kind) => {
    expect(cronProblem(expression, kind)).toBeUndefined();
  });

  test('a month-restricted schedule suits a window but not an association', () => {
    expect(cronProblem('cron(0 4 ? JAN SUN *)', 'window')).toBeUndefined();
    expect(cronProblem('cron(0 4 ? JAN SUN *)', 'association')).toMatch(/month must be "\*"/);
  });
});

describe('isTimeZone', () => {
  test('IANA names and UTC aliases pass; offsets, paths and nonsense do not', () => {
    for (const name of ['Etc/UTC', 'UTC', 'Europe/Berlin', 'America/Argentina/Buenos_Aires']) {
      expect([name, isTimeZone(name)]).toEqual([name, true]);
    }
    for (const name of ['', '+01:00', 'Europe/', '../etc/passwd', 'Not/AZone']) {
      expect([name, isTimeZone(name)]).toEqual([name, false]);
    }
  });
});
