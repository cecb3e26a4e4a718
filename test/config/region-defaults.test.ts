import { ConfigError, parseConfig } from '../../lib/config/load';
import { REGIONS_WITH_DEFAULT_ZONES, defaultZones } from '../../lib/config/region-defaults';

function problems(raw: unknown): string[] {
  try {
    parseConfig(raw);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('region-dependent defaults', () => {
  test('zones follow the configured region', () => {
    const config = parseConfig({ region: 'eu-central-1' });
    expect(config.availabilityZones).toEqual(['eu-central-1a', 'eu-central-1b', 'eu-central-1c']);
    for (const env of config.environments)
      expect(env.availabilityZones.every((z) => z.startsWith('eu-central-1'))).toBe(true);
    expect(config.dataProtection.drRegion).toBe('eu-west-1');
    expect(config.homeRegion).toBe('eu-central-1');
  });

  test('regions whose zone letters are not a, b, c get the letters every account has', () => {
    expect(parseConfig({ region: 'ap-northeast-1' }).availabilityZones).toEqual([
      'ap-northeast-1a',
      'ap-northeast-1c',
      'ap-northeast-1d',
    ]);
    expect(parseConfig({ region: 'ca-central-1' }).availabilityZones).toEqual([
      'ca-central-1a',
      'ca-central-1b',
      'ca-central-1d',
    ]);
  });

  test('every region with default zones yields a valid configuration or names the DR region to set', () => {
    for (const region of REGIONS_WITH_DEFAULT_ZONES) {
      const found = problems({ region });
      if (found.length > 0)
        expect(found).toEqual([expect.stringMatching(/^hipaaBaseline\.dataProtection\.drRegion: /)]);
      else expect(parseConfig({ region }).availabilityZones).toEqual(defaultZones(region));
      expect(
        problems({ region, dataProtection: { drRegion: region === 'us-east-1' ? 'us-east-2' : 'us-east-1' } }),
      ).toEqual([]);
    }
  });

  test('a region whose zone names differ between accounts must list them (one line naming the field)', () => {
    expect(problems({ region: 'us-west-1' })).toEqual([
      expect.stringMatching(
        /^hipaaBaseline\.availabilityZones: no default for region us-west-1 .*describe-availability-zones/,
      ),
    ]);
    expect(problems({ region: 'us-west-1', availabilityZones: ['us-west-1b', 'us-west-1c'] })).toEqual([]);
  });

  test('a region without a DR partner in its country or legal area must choose one', () => {
    expect(problems({ region: 'sa-east-1' })).toEqual([
      'hipaaBaseline.dataProtection.drRegion: no default disaster-recovery region for sa-east-1 in the same country or legal area: choose one',
    ]);
  });

  test('with region unset, the zones define the home region and the DR check still holds', () => {
    const config = parseConfig({ availabilityZones: ['eu-west-1a', 'eu-west-1b'] });
    expect(config.region).toBeUndefined();
    expect(config.homeRegion).toBe('eu-west-1');
    expect(config.dataProtection.drRegion).toBe('eu-central-1');
    expect(problems({ dataProtection: { drRegion: 'us-east-1' } })).toEqual([
      'hipaaBaseline.dataProtection.drRegion: us-east-1 is the primary region (region is unset, so the region of the availability zones, us-east-1); choose another region',
    ]);
    expect(
      problems({ availabilityZones: ['eu-west-1a', 'eu-west-1b'], dataProtection: { drRegion: 'eu-west-1' } }),
    ).toHaveLength(1);
  });

  test('zones of two regions are rejected, naming the zone', () => {
    expect(problems({ availabilityZones: ['eu-west-1a', 'eu-central-1b'] })).toEqual([
      'hipaaBaseline.availabilityZones[1]: eu-central-1b is not in eu-west-1, the region of availabilityZones[0]; all zones must be in one region',
    ]);
    expect(problems({ region: 'eu-west-1', availabilityZones: ['eu-west-1a', 'eu-central-1b'] })).toEqual([
      'hipaaBaseline.availabilityZones[1]: eu-central-1b is not in region eu-west-1',
    ]);
  });
});
