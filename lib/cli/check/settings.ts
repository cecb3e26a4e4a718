import { z } from 'zod';
import { RULE_SETTINGS_METADATA_KEY, type RuleSettings } from '../../../rules';
import { ruleSettings } from '../../app/gate';
import { formatPath, parseConfig } from '../../config/load';
import { auditLogRetentionYearsSchema, logGroupRetentionDaysSchema } from '../../config/schema';

/**
 * The settings a template may record, validated as the configuration validates them; every field optional
 * (absent ones take the configuration defaults).
 */
const recordedSettingsSchema = z
  .strictObject({
    logGroupRetentionDays: logGroupRetentionDaysSchema,
    auditLogRetentionYears: auditLogRetentionYearsSchema,
    backupMinRetentionDays: z.number({ error: 'must be a number of days' }).int().positive(),
    account: z.string().regex(/^\d{12}$/, { error: 'must be a 12-digit AWS account id' }),
    organizationId: z.string().regex(/^o-[a-z0-9]{10,32}$/, { error: 'must be an AWS Organizations id' }),
    guardrailExemptPrincipalArns: z
      .array(z.string().regex(/^arn:[^:]+:iam::[^:]*:role\/\S+$/, { error: 'must be an IAM role ARN pattern' }))
      .readonly(),
  } satisfies Record<keyof RuleSettings, z.ZodType>)
  .partial();

/**
 * The rule settings a template records in Metadata (`hipaa-baseline:rule-settings`). Absent: the
 * configuration defaults. Invalid: the defaults, and the problems.
 */
export function readRuleSettings(metadata: Readonly<Record<string, unknown>>): {
  settings: RuleSettings;
  problems: string[];
} {
  const recorded = metadata[RULE_SETTINGS_METADATA_KEY];
  const defaults = ruleSettings(parseConfig({}));
  if (recorded === undefined) return { settings: defaults, problems: [] };
  if (!recorded || typeof recorded !== 'object' || Array.isArray(recorded)) {
    return { settings: defaults, problems: ['not an object of settings'] };
  }
  const result = recordedSettingsSchema.safeParse(recorded);
  if (!result.success) {
    const problems = result.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => `${formatPath([...issue.path, key])}: unknown setting`)
        : [`${formatPath(issue.path)}: ${issue.message}`],
    );
    return { settings: defaults, problems };
  }
  return { settings: { ...defaults, ...result.data }, problems: [] };
}
