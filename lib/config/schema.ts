import { z } from 'zod';
import { controlsSchema } from './controls-schema';
import { dataProtectionSchema, validateDataProtection } from './data-schema';
import { validateDeidentification, withDeidentificationEndpoints } from './deidentification-schema';
import { detectionSchema, validateResponsePlacement, withResponseEndpoints } from './detection-schema';
import { accountServicesSchema } from './account-services-schema';
import { aiSchema, resolveAi, validateAi } from './ai-schema';
import { alertSubscriptionsSchema } from './alert-subscriptions-schema';
import { patchingSchema, validatePatching } from './patching-schema';
import { organizationSchema, validateOrganization } from './organization-schema';
import { AVAILABILITY_ZONE, regionSchema } from './region';
import { resolveRegionDefaults } from './resolve-region-defaults';
import { dataResidencySchema, validateDataResidency } from './residency-schema';
import {
  environmentsSchema,
  networkIssues,
  organizationIdSchema,
  resolveNetwork,
  segmentationSchema,
} from './network-schema';

/** CloudWatch Logs accepts only these retention periods (days). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** Years audit logs are locked and kept (HIPAA 164.316(b)(2)(i)); shared with the template check. */
export const auditLogRetentionYearsSchema = z
  .number({ error: 'must be a number of years' })
  .int({ error: 'must be a whole number of years' })
  .min(6, { error: 'must be at least 6 years (HIPAA 164.316(b)(2)(i) documentation retention)' })
  .max(100, { error: 'must be at most 100 years' });

/** Minimum CloudWatch Logs retention; shared with the template check. */
export const logGroupRetentionDaysSchema = z
  .number({ error: 'must be a number of days' })
  .refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), {
    error: `must be a CloudWatch Logs retention period (${LOG_RETENTION_DAYS.join(', ')})`,
  })
  .refine((days) => days >= 365, { error: 'must be at least 365 days' });

export const availabilityZonesSchema = z
  .array(z.string().regex(AVAILABILITY_ZONE, { error: 'must be an availability zone name such as "us-east-1a"' }))
  .min(2, { error: 'must list at least 2 availability zones' })
  .refine((zones) => new Set(zones).size === zones.length, { error: 'must not repeat an availability zone' });

/**
 * The hipaa-baseline configuration document (cdk.json context `hipaaBaseline`, or the JSON file
 * named by `-c hipaaBaselineConfig=path.json`). Every field has a secure default.
 */
export const baselineConfigSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path or URL of this JSON Schema, for editors.'),
    namePrefix: z
      .string()
      .regex(/^[a-z][a-z0-9-]{1,14}[a-z0-9]$/, {
        error: 'must be 3-16 lowercase letters, digits or hyphens, starting with a letter',
      })
      .default('hipaa')
      .describe('Prefix of stack names, key aliases and other names.'),
    account: z
      .string()
      .regex(/^\d{12}$/, { error: 'must be a 12-digit AWS account id' })
      .optional()
      .describe('Target AWS account. Omit for environment-agnostic stacks.'),
    region: regionSchema.optional().describe('Target AWS region. Omit for environment-agnostic stacks.'),
    availabilityZones: availabilityZonesSchema
      .optional()
      .describe(
        'Availability zones to use, named explicitly so synth never looks them up (default: the zones every account has in `region`, us-east-1 when `region` is unset; regions whose zone names differ between accounts, such as us-west-1, must list them).',
      ),
    alertEmail: z
      .email({ error: 'must be an e-mail address' })
      .optional()
      .describe('E-mail address subscribed to security alerts. HIPAA 164.308(a)(6)(ii).'),
    alertSubscriptions: alertSubscriptionsSchema,
    auditLogRetentionYears: auditLogRetentionYearsSchema
      .default(6)
      .describe('Years audit logs are locked and kept. HIPAA 164.316(b)(2)(i) requires at least 6.'),
    objectLockMode: z
      .enum(['GOVERNANCE', 'COMPLIANCE'], { error: 'must be "GOVERNANCE" or "COMPLIANCE"' })
      .default('COMPLIANCE')
      .describe(
        'S3 Object Lock mode of the audit-log archive. COMPLIANCE: nobody, root included, can delete or shorten ' +
          'retention. GOVERNANCE: principals with s3:BypassGovernanceRetention can (a synth warning says so).',
      ),
    logGroupRetentionDays: logGroupRetentionDaysSchema
      .default(365)
      .describe('Minimum retention of every CloudWatch log group (searchable copy; the S3 archive keeps the rest).'),
    accountServices: accountServicesSchema,
    detection: detectionSchema.describe('Threat detection, alerting, automated response, account hardening and MFA.'),
    controls: controlsSchema.describe(
      'AWS Config rules (the HIPAA conformance pack and custom policies) and aggregator.',
    ),
    dataResidency: dataResidencySchema.describe(
      'Data residency: the regions data may be placed in. Synth fails when the primary or DR region is outside them. Unset: no restriction beyond the default DR region in the same country or legal area.',
    ),
    dataProtection: dataProtectionSchema.describe(
      'PHI data protection: disaster recovery, data zones, backup, de-identification pipeline, example workload.',
    ),
    patching: patchingSchema.describe(
      'Patch management: Patch Manager baselines, a daily scan and weekly installs per environment, and an alert when an instance stays unpatched. HIPAA 164.308(a)(5)(ii)(B).',
    ),
    ai: aiSchema.describe(
      'Guardrails for the AI services: Bedrock model invocation logging and guardrail, SageMaker domain and job conditions.',
    ),
    tags: z
      .record(z.string().min(1).max(128), z.string().max(256))
      .default({})
      .describe('Tags applied to every stack and resource.'),
    organizationId: organizationIdSchema,
    environments: environmentsSchema,
    segmentation: segmentationSchema,
    organization: organizationSchema,
  })
  .transform(resolveRegionDefaults)
  .superRefine((config, ctx) => {
    validateDataProtection(config, ctx);
    validateDataResidency(config, ctx);
    validateResponsePlacement(config, ctx);
    validateDeidentification(config, ctx);
    validatePatching(config, ctx);
    validateAi(config, ctx);
    validateOrganization(config, ctx);
    for (const issue of networkIssues(config)) ctx.addIssue({ code: 'custom', ...issue });
  })
  .transform(resolveNetwork)
  .transform(withResponseEndpoints)
  .transform(withDeidentificationEndpoints)
  .transform(resolveAi);

/** The validated configuration, with defaults applied. */
export type BaselineConfig = z.output<typeof baselineConfigSchema>;
/** The configuration as written by a user (every defaulted field optional). */
export type BaselineConfigInput = z.input<typeof baselineConfigSchema>;
