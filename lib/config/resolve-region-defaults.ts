import type { z } from 'zod';
import {
  DEFAULT_HOME_REGION,
  defaultDrRegion,
  defaultDrRegionWithin,
  defaultZones,
  zoneRegion,
} from './region-defaults';

interface RegionFields {
  region?: string;
  availabilityZones?: string[];
  dataProtection: { drRegion?: string };
  dataResidency?: { allowedRegions: string[] };
}

/** The configuration with the region-dependent defaults resolved. */
export type WithRegionDefaults<T extends RegionFields> = Omit<T, 'availabilityZones' | 'dataProtection'> & {
  availabilityZones: string[];
  dataProtection: Omit<T['dataProtection'], 'drRegion'> & { drRegion: string };
  /**
   * The region the primary stacks are built for: `region`, or when it is unset the region of the
   * availability zones (the templates then refuse, at deploy time, any other region).
   */
  homeRegion: string;
};

/**
 * Fills in the availability zones and the disaster-recovery region from the region (or reports, naming
 * the field, that the configuration must give them) — a DR region inside `dataResidency.allowedRegions`
 * when that is set — and checks that the zones lie in one region, the
 * configured one when it is set.
 */
export function resolveRegionDefaults<T extends RegionFields>(config: T, ctx: z.RefinementCtx): WithRegionDefaults<T> {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  let zones = config.availabilityZones;
  let homeRegion = config.region ?? (zones?.length ? zoneRegion(zones[0]) : DEFAULT_HOME_REGION);
  if (zones) {
    zones.forEach((zone, index) => {
      if (zoneRegion(zone) !== homeRegion) {
        issue(
          ['availabilityZones', index],
          config.region
            ? `${zone} is not in region ${config.region}`
            : `${zone} is not in ${homeRegion}, the region of availabilityZones[0]; all zones must be in one region`,
        );
      }
    });
  } else {
    zones = defaultZones(homeRegion);
    if (!zones) {
      issue(
        ['availabilityZones'],
        `no default for region ${homeRegion} (its zone names differ between accounts or are unknown here): list at least 2 zones, as \`aws ec2 describe-availability-zones --region ${homeRegion}\` or \`npx hipaa-baseline preflight\` shows them`,
      );
      zones = [];
    }
  }
  let drRegion = config.dataProtection.drRegion;
  const allowed = config.dataResidency?.allowedRegions;
  if (!drRegion && allowed) {
    drRegion = defaultDrRegionWithin(homeRegion, allowed);
    if (!drRegion) {
      issue(
        ['dataProtection', 'drRegion'],
        `no disaster-recovery region in dataResidency.allowedRegions other than ${homeRegion}: allow a second region`,
      );
      drRegion = '';
    }
  } else if (!drRegion) {
    drRegion = defaultDrRegion(homeRegion);
    if (!drRegion) {
      issue(
        ['dataProtection', 'drRegion'],
        `no default disaster-recovery region for ${homeRegion} in the same country or legal area: choose one`,
      );
      drRegion = '';
    }
  }
  if (!config.region && !zones.length) homeRegion = DEFAULT_HOME_REGION;
  const dataProtection = { ...config.dataProtection, drRegion } as WithRegionDefaults<T>['dataProtection'];
  return { ...config, availabilityZones: zones, dataProtection, homeRegion };
}
