import { z } from 'zod';
import { deidentificationSchema } from './deidentification-schema';
import { regionSchema } from './region';

const days = (what: string) =>
  z
    .number({ error: `must be a number of days` })
    .int({ error: 'must be a whole number of days' })
    .positive({ error: `must be a positive number of days (${what})` });

/** AWS Backup settings. HIPAA 164.308(a)(7)(ii)(A) data backup plan, 164.310(d)(2)(iv) data backup and storage. */
export const backupSchema = z
  .strictObject({
    dailyRetentionDays: days('daily recovery points').default(35).describe('Days daily recovery points are kept.'),
    monthlyRetentionDays: days('monthly recovery points')
      .default(365)
      .describe('Days monthly recovery points are kept; at least the daily retention.'),
    vaultLockMode: z
      .enum(['COMPLIANCE', 'GOVERNANCE'], { error: 'must be "COMPLIANCE" or "GOVERNANCE"' })
      .default('COMPLIANCE')
      .describe(
        'Backup Vault Lock mode. COMPLIANCE becomes immutable after a 3-day grace period; GOVERNANCE can be removed by privileged principals (a synth warning says so).',
      ),
    minRetentionDays: days('vault lock minimum')
      .default(7)
      .describe('Vault Lock minimum retention: no recovery point can be deleted earlier.'),
    maxRetentionDays: days('vault lock maximum').default(3650).describe('Vault Lock maximum retention.'),
  })
  .prefault({});

/** A PHI data zone bringing its own KMS key instead of the one the baseline creates. */
const zoneKeySchema = z.strictObject({
  existingKeyArn: z
    .string()
    .regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-f-]{36}$/, { error: 'must be a KMS key ARN' })
    .describe('ARN of an existing customer-managed key for this zone (same account and region).'),
  keyPolicyAllowsAccountIam: z
    .boolean()
    .default(false)
    .describe(
      'Confirms the key policy delegates to IAM in this account (the "Enable IAM User Permissions" statement), so the replication and access roles the baseline creates can use the key. The baseline cannot edit an existing key policy.',
    ),
});

/** PHI data protection: DR region, data zones, backup, de-identification pipeline, example workload. */
export const dataProtectionSchema = z
  .strictObject({
    drRegion: regionSchema
      .optional()
      .describe(
        'Disaster-recovery region: PHI buckets replicate and backups copy here. Must differ from `region`. Default: a region in the same country or legal area (us-east-1 → us-west-2, eu-central-1 → eu-west-1, …); regions without one must set it.',
      ),
    rawZone: zoneKeySchema.optional().describe('Bring-your-own key for the raw-phi zone.'),
    deidentifiedZone: zoneKeySchema.optional().describe('Bring-your-own key for the de-identified zone.'),
    backup: backupSchema,
    deidentification: deidentificationSchema.describe(
      'The de-identification pipeline from the raw-phi zone to the de-identified zone (see README, AI workloads).',
    ),
    exampleWorkload: z
      .boolean()
      .default(true)
      .describe(
        'Deploy the example PHI workload (Aurora PostgreSQL + DynamoDB). Set false for platform-only deployments.',
      ),
  })
  .prefault({});

/** Cross-field rules of the data protection section; reports into the root schema's context. */
export function validateDataProtection(
  config: {
    region?: string;
    homeRegion: string;
    dataProtection: z.output<typeof dataProtectionSchema> & { drRegion: string };
  },
  ctx: z.RefinementCtx,
): void {
  const data = config.dataProtection;
  const at = (...path: (string | number)[]) => ['dataProtection', ...path];
  if (data.drRegion === config.homeRegion) {
    ctx.addIssue({
      code: 'custom',
      path: at('drRegion'),
      message: config.region
        ? `${data.drRegion} is the primary region; choose another region`
        : `${data.drRegion} is the primary region (region is unset, so the region of the availability zones, ${config.homeRegion}); choose another region`,
    });
  }
  const backup = data.backup;
  if (backup.minRetentionDays > backup.maxRetentionDays) {
    ctx.addIssue({
      code: 'custom',
      path: at('backup', 'minRetentionDays'),
      message: `must not exceed maxRetentionDays (${backup.maxRetentionDays})`,
    });
  }
  for (const field of ['dailyRetentionDays', 'monthlyRetentionDays'] as const) {
    if (backup[field] < backup.minRetentionDays) {
      ctx.addIssue({
        code: 'custom',
        path: at('backup', field),
        message: `${backup[field]} is below the vault lock minimum (minRetentionDays ${backup.minRetentionDays})`,
      });
    }
    if (backup[field] > backup.maxRetentionDays) {
      ctx.addIssue({
        code: 'custom',
        path: at('backup', field),
        message: `${backup[field]} is above the vault lock maximum (maxRetentionDays ${backup.maxRetentionDays})`,
      });
    }
  }
  if (backup.monthlyRetentionDays < backup.dailyRetentionDays) {
    ctx.addIssue({
      code: 'custom',
      path: at('backup', 'monthlyRetentionDays'),
      message: `${backup.monthlyRetentionDays} is shorter than dailyRetentionDays (${backup.dailyRetentionDays})`,
    });
  }
  for (const zone of ['rawZone', 'deidentifiedZone'] as const) {
    const key = data[zone];
    if (!key) continue;
    if (!key.keyPolicyAllowsAccountIam) {
      ctx.addIssue({
        code: 'custom',
        path: at(zone, 'existingKeyArn'),
        message:
          'the baseline cannot edit this key policy, so the replication role could not use the key; add the account IAM delegation statement to the key policy and set keyPolicyAllowsAccountIam: true, or omit the key to let the baseline create one',
      });
    }
    const keyRegion = key.existingKeyArn.split(':')[3];
    if (keyRegion !== config.homeRegion) {
      ctx.addIssue({
        code: 'custom',
        path: at(zone, 'existingKeyArn'),
        message: `key is in ${keyRegion}, not in the primary region ${config.homeRegion}`,
      });
    }
  }
}
