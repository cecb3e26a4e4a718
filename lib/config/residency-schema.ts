import { z } from 'zod';
import { KNOWN_REGIONS } from './region-defaults';
import { REGION, regionSchema } from './region';

/** Where PHI and personal data may be stored and processed (GDPR, national health-data laws). */
export const dataResidencySchema = z
  .strictObject({
    allowedRegions: z
      .array(
        // A malformed name already has its message; only a well-formed unknown one gets this.
        regionSchema.refine((region) => !REGION.test(region) || KNOWN_REGIONS.includes(region), {
          error: (issue) => `${String(issue.input)} is not an AWS region known to this baseline`,
        }),
      )
      .min(1, { error: 'must list at least one region' })
      .refine((regions) => new Set(regions).size === regions.length, { error: 'must not repeat a region' })
      .describe(
        'Regions the baseline may place data in, in order of preference. The primary region and `dataProtection.drRegion` must be among them; an unset drRegion defaults to the usual partner when it is allowed, else to the first other allowed region.',
      ),
  })
  .optional();

/** The allowed regions as the error messages show them. */
const listed = (regions: readonly string[]) => `dataResidency.allowedRegions (${regions.join(', ')})`;

/** Checks the primary and DR regions against `dataResidency`; reports into the root schema's context. */
export function validateDataResidency(
  config: {
    region?: string;
    homeRegion: string;
    dataResidency?: z.output<typeof dataResidencySchema>;
    dataProtection: { drRegion: string };
  },
  ctx: z.RefinementCtx,
): void {
  const allowed = config.dataResidency?.allowedRegions;
  if (!allowed) return;
  if (!allowed.includes(config.homeRegion)) {
    ctx.addIssue({
      code: 'custom',
      path: ['region'],
      message: config.region
        ? `${config.region} is not in ${listed(allowed)}`
        : `${config.homeRegion} (region is unset, so the region of the availability zones) is not in ${listed(allowed)}`,
    });
  }
  const dr = config.dataProtection.drRegion;
  if (dr !== '' && !allowed.includes(dr)) {
    ctx.addIssue({
      code: 'custom',
      path: ['dataProtection', 'drRegion'],
      message: `${dr} is not in ${listed(allowed)}`,
    });
  }
}
