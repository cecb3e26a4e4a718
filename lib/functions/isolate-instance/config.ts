/**
 * Settings of the isolate-instance function, read from its environment on every invocation. Bad settings
 * are never guessed around: the handler publishes and logs the problems and changes nothing.
 *
 * - `QUARANTINE_SECURITY_GROUPS` — JSON object mapping each VPC id to the id of that VPC's quarantine
 *   security group (a group with no ingress and no egress rules), e.g. `{"vpc-0a1b2c3d":"sg-0e1f2a3b"}`.
 *   An instance in a VPC that has no entry is not touched (reported as failed).
 * - `ALERT_TOPIC_ARN` — ARN of the SNS topic the outcome of every invocation is published to.
 * - `DRY_RUN` — `"true"`: describe and report what would be done, change nothing (mutating calls are sent
 *   with EC2's DryRun flag, which proves the permissions without acting); `"false"`: act.
 * - `FINDING_TYPES` — JSON array of GuardDuty finding type prefixes to act on, e.g.
 *   `["Backdoor:EC2/","CryptoCurrency:EC2/BitcoinTool.B!DNS"]`; a finding is acted on when its type starts
 *   with one of them.
 * - `MIN_SEVERITY` — lowest GuardDuty severity acted on, a number from 1 to 10 (4 Medium, 7 High, 9 Critical).
 * - `AWS_REGION` — set by Lambda; findings of another region are ignored.
 */
import * as z from 'zod/mini';
import { formatIssues } from '../common/issues';

/** Environment variable of each setting. */
export const SETTING_VARIABLES = {
  quarantineSecurityGroups: 'QUARANTINE_SECURITY_GROUPS',
  alertTopicArn: 'ALERT_TOPIC_ARN',
  dryRun: 'DRY_RUN',
  findingTypes: 'FINDING_TYPES',
  minSeverity: 'MIN_SEVERITY',
} as const;

export interface Settings {
  /** VPC id → that VPC's quarantine security group id. */
  readonly quarantineSecurityGroups: Readonly<Record<string, string>>;
  readonly alertTopicArn: string;
  readonly dryRun: boolean;
  /** Finding type prefixes acted on. */
  readonly findingTypes: readonly string[];
  readonly minSeverity: number;
  /** Region the function runs in. */
  readonly region: string;
}

/** Settings as the deployment passes them (the region is Lambda's own). */
export type DeploymentSettings = Omit<Settings, 'region'>;

export type SettingsResult =
  | { readonly ok: true; readonly settings: Settings }
  | { readonly ok: false; readonly problems: readonly string[]; readonly alertTopicArn?: string };

const VPC_ID = /^vpc-[0-9a-f]{8}(?:[0-9a-f]{9})?$/;
const SECURITY_GROUP_ID = /^sg-[0-9a-f]{8}(?:[0-9a-f]{9})?$/;
const TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z]{2}(?:-[a-z]+)+-\d:\d{12}:[A-Za-z0-9_-]{1,256}$/;
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d$/;
const NUMBER = /^\d+(?:\.\d+)?$/;

const quarantineSchema = z
  .record(
    z.string().check(z.regex(VPC_ID, 'must be a VPC id such as "vpc-0a1b2c3d"')),
    z
      .string('must be a security group id')
      .check(z.regex(SECURITY_GROUP_ID, 'must be a security group id such as "sg-0a1b2c3d"')),
    'must be a JSON object mapping VPC ids to quarantine security group ids',
  )
  .check(z.refine((map) => Object.keys(map).length > 0, 'must name at least one VPC'));

const findingTypesSchema = z
  .array(
    z
      .string('must be a finding type prefix')
      .check(z.minLength(1, 'must not be empty'), z.maxLength(50, 'must be at most 50 characters')),
    'must be a JSON array of finding type prefixes',
  )
  .check(z.minLength(1, 'must list at least one finding type prefix'));

/** Reads and validates the settings; every problem is one `NAME: reason` line. */
export function readSettings(env: Readonly<Record<string, string | undefined>>): SettingsResult {
  const problems: string[] = [];
  const v = SETTING_VARIABLES;
  const quarantineSecurityGroups = parseJson(env, v.quarantineSecurityGroups, quarantineSchema, problems);
  const findingTypes = parseJson(env, v.findingTypes, findingTypesSchema, problems);

  const alertTopicArn = env[v.alertTopicArn];
  if (!alertTopicArn) problems.push(`${v.alertTopicArn}: required`);
  else if (!TOPIC_ARN.test(alertTopicArn)) problems.push(`${v.alertTopicArn}: must be an SNS topic ARN`);

  const dryRun = env[v.dryRun];
  if (dryRun !== 'true' && dryRun !== 'false') problems.push(`${v.dryRun}: must be "true" or "false"`);

  const severityText = env[v.minSeverity]?.trim() ?? '';
  const minSeverity = Number(severityText);
  if (!NUMBER.test(severityText) || minSeverity < 1 || minSeverity > 10) {
    problems.push(`${v.minSeverity}: must be a number from 1 to 10`);
  }

  const region = env.AWS_REGION ?? '';
  if (!REGION.test(region)) problems.push('AWS_REGION: must be an AWS region name');

  const validTopic = alertTopicArn && TOPIC_ARN.test(alertTopicArn) ? alertTopicArn : undefined;
  if (problems.length > 0) return { ok: false, problems, alertTopicArn: validTopic };
  return {
    ok: true,
    settings: {
      quarantineSecurityGroups: quarantineSecurityGroups!,
      alertTopicArn: alertTopicArn!,
      dryRun: dryRun === 'true',
      findingTypes: findingTypes!,
      minSeverity,
      region,
    },
  };
}

/** The environment variables that carry the given settings (the inverse of `readSettings`). */
export function renderSettings(settings: DeploymentSettings): Record<string, string> {
  return {
    [SETTING_VARIABLES.quarantineSecurityGroups]: JSON.stringify(settings.quarantineSecurityGroups),
    [SETTING_VARIABLES.alertTopicArn]: settings.alertTopicArn,
    [SETTING_VARIABLES.dryRun]: String(settings.dryRun),
    [SETTING_VARIABLES.findingTypes]: JSON.stringify(settings.findingTypes),
    [SETTING_VARIABLES.minSeverity]: String(settings.minSeverity),
  };
}

function parseJson<T>(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  schema: z.ZodMiniType<T>,
  problems: string[],
): T | undefined {
  const text = env[name];
  if (!text) {
    problems.push(`${name}: required`);
    return undefined;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    problems.push(`${name}: not valid JSON (${(error as Error).message})`);
    return undefined;
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  problems.push(...formatIssues(name, result.error.issues));
  return undefined;
}
