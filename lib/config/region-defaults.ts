/**
 * Defaults that depend on the region: the availability zones a VPC may use without a lookup, and the
 * disaster-recovery region. Zone names are mapped per account; the letters listed here are the ones every
 * account has in that region. Regions whose letters differ between accounts (us-west-1 offers a/b to some
 * accounts and b/c to others) have no default: the configuration must name the zones.
 */

/** Region assumed when `region` is not set (the stacks are then environment-agnostic). */
export const DEFAULT_HOME_REGION = 'us-east-1';

/** Zone letters every account has, per commercial region. */
const ZONE_LETTERS: Readonly<Record<string, string>> = {
  'us-east-1': 'abc',
  'us-east-2': 'abc',
  'us-west-2': 'abc',
  'ca-central-1': 'abd',
  'ca-west-1': 'abc',
  'mx-central-1': 'abc',
  'sa-east-1': 'abc',
  'eu-west-1': 'abc',
  'eu-west-2': 'abc',
  'eu-west-3': 'abc',
  'eu-central-1': 'abc',
  'eu-central-2': 'abc',
  'eu-north-1': 'abc',
  'eu-south-1': 'abc',
  'eu-south-2': 'abc',
  'il-central-1': 'abc',
  'me-south-1': 'abc',
  'me-central-1': 'abc',
  'af-south-1': 'abc',
  'ap-east-1': 'abc',
  'ap-east-2': 'abc',
  'ap-south-1': 'abc',
  'ap-south-2': 'abc',
  'ap-northeast-1': 'acd',
  'ap-northeast-2': 'abc',
  'ap-northeast-3': 'abc',
  'ap-southeast-1': 'abc',
  'ap-southeast-2': 'abc',
  'ap-southeast-3': 'abc',
  'ap-southeast-4': 'abc',
  'ap-southeast-5': 'abc',
  'ap-southeast-7': 'abc',
};

/**
 * Default disaster-recovery region: a region in the same country or legal area (data residency), so
 * replicas and backup copies of PHI do not leave it by default. Regions without such a partner have no
 * default; the configuration must choose.
 */
const DR_PARTNERS: Readonly<Record<string, string>> = {
  'us-east-1': 'us-west-2',
  'us-east-2': 'us-west-2',
  'us-west-1': 'us-west-2',
  'us-west-2': 'us-east-1',
  'ca-central-1': 'ca-west-1',
  'ca-west-1': 'ca-central-1',
  'eu-west-1': 'eu-central-1',
  'eu-central-1': 'eu-west-1',
  'eu-west-2': 'eu-west-1',
  'eu-west-3': 'eu-central-1',
  'eu-north-1': 'eu-west-1',
  'eu-south-1': 'eu-central-1',
  'eu-south-2': 'eu-west-3',
  'ap-northeast-1': 'ap-northeast-3',
  'ap-northeast-3': 'ap-northeast-1',
  'ap-south-1': 'ap-south-2',
  'ap-south-2': 'ap-south-1',
  'ap-southeast-2': 'ap-southeast-4',
  'ap-southeast-4': 'ap-southeast-2',
};

/** The default zones of a region, or undefined when the baseline cannot know them. */
export function defaultZones(region: string): string[] | undefined {
  const letters = ZONE_LETTERS[region];
  return letters ? [...letters].map((letter) => `${region}${letter}`) : undefined;
}

/** The default disaster-recovery region of a region, or undefined when there is none. */
export function defaultDrRegion(region: string): string | undefined {
  return DR_PARTNERS[region];
}

/** The region of an availability zone name (`eu-central-1a` → `eu-central-1`). */
export function zoneRegion(zone: string): string {
  return zone.slice(0, -1);
}

/**
 * Every AWS region this baseline knows by name: the commercial regions above, those without default
 * zones (us-west-1, ap-southeast-6), AWS GovCloud (US) and the China regions. A data-residency list may
 * only name these, so a misspelt region cannot silently allow nothing (or something else).
 */
export const KNOWN_REGIONS: readonly string[] = [
  ...new Set([
    ...Object.keys(ZONE_LETTERS),
    ...Object.values(DR_PARTNERS),
    'us-west-1',
    'ap-southeast-6',
    'us-gov-west-1',
    'us-gov-east-1',
    'cn-north-1',
    'cn-northwest-1',
  ]),
].sort();

/**
 * The default disaster-recovery region when data must stay in `allowed` regions: the usual partner when it
 * is allowed, else the first other allowed region (the list is in order of preference), else undefined.
 */
export function defaultDrRegionWithin(region: string, allowed: readonly string[]): string | undefined {
  const partner = defaultDrRegion(region);
  if (partner && allowed.includes(partner)) return partner;
  return allowed.find((candidate) => candidate !== region);
}

/** Every region with default zones (for documentation and tests). */
export const REGIONS_WITH_DEFAULT_ZONES: readonly string[] = Object.keys(ZONE_LETTERS);
