import { ConfigError, parseConfig } from '../../lib/config/load';
import { KNOWN_REGIONS, REGIONS_WITH_DEFAULT_ZONES, defaultDrRegion } from '../../lib/config/region-defaults';

function problems(raw: unknown): string[] {
  try {
    parseConfig(raw);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

const EU = ['eu-central-1', 'eu-west-1'];
const residency = (allowedRegions: unknown) => ({ dataResidency: { allowedRegions } });

describe('dataResidency.allowedRegions: violations fail with one line naming the field', () => {
  test('a primary region outside the allowed regions', () => {
    expect(problems({ region: 'us-east-1', ...residency(EU) })).toEqual([
      'hipaaBaseline.region: us-east-1 is not in dataResidency.allowedRegions (eu-central-1, eu-west-1)',
    ]);
  });

  test('with region unset, the region of the availability zones (us-east-1 by default) is checked', () => {
    expect(problems(residency(EU))).toEqual([
      'hipaaBaseline.region: us-east-1 (region is unset, so the region of the availability zones) is not in dataResidency.allowedRegions (eu-central-1, eu-west-1)',
    ]);
    expect(problems({ availabilityZones: ['eu-west-1a', 'eu-west-1b'], ...residency(EU) })).toEqual([]);
  });

  test('a DR region outside the allowed regions', () => {
    expect(problems({ region: 'eu-central-1', dataProtection: { drRegion: 'eu-west-2' }, ...residency(EU) })).toEqual([
      'hipaaBaseline.dataProtection.drRegion: eu-west-2 is not in dataResidency.allowedRegions (eu-central-1, eu-west-1)',
    ]);
  });

  test('only the primary region allowed: no DR region can be chosen', () => {
    expect(problems({ region: 'eu-central-1', ...residency(['eu-central-1']) })).toEqual([
      'hipaaBaseline.dataProtection.drRegion: no disaster-recovery region in dataResidency.allowedRegions other than eu-central-1: allow a second region',
    ]);
  });

  test('an empty list, an unknown or malformed region, a repeated region', () => {
    expect(problems({ region: 'eu-central-1', ...residency([]) })).toEqual([
      'hipaaBaseline.dataResidency.allowedRegions: must list at least one region',
    ]);
    expect(problems({ region: 'eu-central-1', ...residency(['eu-central-1', 'eu-middle-7']) })).toEqual([
      'hipaaBaseline.dataResidency.allowedRegions[1]: eu-middle-7 is not an AWS region known to this baseline',
    ]);
    expect(problems({ region: 'eu-central-1', ...residency(['Frankfurt']) })).toEqual([
      'hipaaBaseline.dataResidency.allowedRegions[0]: must be an AWS region code such as "us-east-1"',
    ]);
    expect(problems({ region: 'eu-central-1', ...residency(['eu-central-1', 'eu-central-1']) })).toEqual([
      'hipaaBaseline.dataResidency.allowedRegions: must not repeat a region',
    ]);
    expect(problems({ region: 'eu-central-1', dataResidency: {} })).toEqual([
      expect.stringMatching(/^hipaaBaseline\.dataResidency\.allowedRegions: /),
    ]);
  });
});

describe('dataResidency.allowedRegions: compliant configurations', () => {
  test('primary and DR regions inside the list pass; the usual partner is kept when allowed', () => {
    const config = parseConfig({ region: 'eu-central-1', ...residency(EU) });
    expect(config.dataProtection.drRegion).toBe('eu-west-1');
    expect(config.dataResidency?.allowedRegions).toEqual(EU);
  });

  test('an unset DR region defaults to the first other allowed region when the usual partner is not allowed', () => {
    expect(defaultDrRegion('eu-west-1')).toBe('eu-central-1');
    const config = parseConfig({ region: 'eu-west-1', ...residency(['eu-west-1', 'eu-west-3', 'eu-north-1']) });
    expect(config.dataProtection.drRegion).toBe('eu-west-3');
    // A region without a usual partner gets one from the list instead of an error.
    expect(parseConfig({ region: 'sa-east-1', ...residency(['sa-east-1', 'us-east-1']) }).dataProtection.drRegion).toBe(
      'us-east-1',
    );
  });

  test('an explicit DR region inside the list is kept', () => {
    const config = parseConfig({
      region: 'eu-central-1',
      dataProtection: { drRegion: 'eu-central-2' },
      ...residency(['eu-central-1', 'eu-west-1', 'eu-central-2']),
    });
    expect(config.dataProtection.drRegion).toBe('eu-central-2');
  });

  test('without dataResidency nothing changes', () => {
    expect(parseConfig({}).dataResidency).toBeUndefined();
    expect(parseConfig({ region: 'eu-west-1' }).dataProtection.drRegion).toBe('eu-central-1');
  });

  test('every region with default zones is known', () => {
    for (const region of REGIONS_WITH_DEFAULT_ZONES) expect(KNOWN_REGIONS).toContain(region);
    expect(KNOWN_REGIONS).toContain('us-west-1');
  });
});
