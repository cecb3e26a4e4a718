import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig, parseConfig } from '../../lib/config/load';
import { tempDir } from '../helpers/temp';

/** The problems a document has (empty when it is valid). */
function problems(raw: unknown): string[] {
  try {
    parseConfig(raw);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

const context = (values: Record<string, unknown>) => ({ tryGetContext: (key: string) => values[key] });

describe('configuration', () => {
  test('an empty document yields the secure defaults', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      namePrefix: 'hipaa',
      auditLogRetentionYears: 6,
      objectLockMode: 'COMPLIANCE',
      logGroupRetentionDays: 365,
      availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
    });
    expect(config.account).toBeUndefined();
    expect(config.region).toBeUndefined();
  });

  test('an unknown key is named with its path', () => {
    expect(problems({ namePrefx: 'x' })).toEqual(['hipaaBaseline.namePrefx: unknown key']);
  });

  test('a wrong type is named with its path', () => {
    expect(problems({ auditLogRetentionYears: 'six' })).toEqual([
      'hipaaBaseline.auditLogRetentionYears: must be a number of years',
    ]);
  });

  test('retention under 6 years cites the HIPAA documentation retention', () => {
    expect(problems({ auditLogRetentionYears: 5 })).toEqual([
      'hipaaBaseline.auditLogRetentionYears: must be at least 6 years (HIPAA 164.316(b)(2)(i) documentation retention)',
    ]);
  });

  test('malformed account id and region are both reported', () => {
    expect(problems({ account: '12345', region: 'useast1' })).toEqual([
      'hipaaBaseline.account: must be a 12-digit AWS account id',
      'hipaaBaseline.region: must be an AWS region code such as "us-east-1"',
    ]);
  });

  test('every problem is listed, nested paths included', () => {
    const found = problems({ objectLockMode: 'LOCKED', availabilityZones: ['us-east-1a', 'nowhere'], extra: 1 });
    expect(found).toEqual(
      expect.arrayContaining([
        'hipaaBaseline.objectLockMode: must be "GOVERNANCE" or "COMPLIANCE"',
        'hipaaBaseline.availabilityZones[1]: must be an availability zone name such as "us-east-1a"',
        'hipaaBaseline.extra: unknown key',
      ]),
    );
    expect(found).toHaveLength(3);
  });

  test('availability zones must belong to the configured region', () => {
    expect(problems({ region: 'eu-west-1', availabilityZones: ['eu-west-1a', 'us-east-1b'] })).toEqual([
      'hipaaBaseline.availabilityZones[1]: us-east-1b is not in region eu-west-1',
    ]);
  });

  test('log group retention must be a CloudWatch value of at least a year', () => {
    expect(problems({ logGroupRetentionDays: 100 })[0]).toMatch(
      /^hipaaBaseline.logGroupRetentionDays: must be a CloudWatch/,
    );
    expect(problems({ logGroupRetentionDays: 90 })).toEqual([
      'hipaaBaseline.logGroupRetentionDays: must be at least 365 days',
    ]);
  });

  test('the cdk.json context object is used when no file is named', () => {
    expect(loadConfig(context({ hipaaBaseline: { namePrefix: 'clinic' } })).namePrefix).toBe('clinic');
  });

  test('a JSON string given with -c is parsed', () => {
    expect(loadConfig(context({ hipaaBaseline: '{"namePrefix":"clinic"}' })).namePrefix).toBe('clinic');
  });

  test('hipaaBaselineConfig names a file that replaces the context object', () => {
    const dir = tempDir('cfg-');
    const file = join(dir, 'prod.json');
    writeFileSync(
      file,
      JSON.stringify({
        namePrefix: 'prod',
        region: 'us-west-2',
        availabilityZones: ['us-west-2a', 'us-west-2b'],
        dataProtection: { drRegion: 'us-east-2' },
      }),
    );
    const config = loadConfig(context({ hipaaBaselineConfig: file, hipaaBaseline: { namePrefix: 'ignored' } }));
    expect(config).toMatchObject({ namePrefix: 'prod', region: 'us-west-2' });
  });

  test('an unreadable config file is a clear error', () => {
    expect(() => loadConfig(context({ hipaaBaselineConfig: 'does/not/exist.json' }))).toThrow(
      'hipaaBaseline: cannot read config file does/not/exist.json: no such file',
    );
  });

  test('a config file that is not JSON is a clear error', () => {
    const dir = tempDir('cfg-');
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{ namePrefix: ');
    expect(() => loadConfig(context({ hipaaBaselineConfig: file }))).toThrow(
      /config file .*bad.json is not valid JSON/,
    );
  });
});

describe('data protection configuration', () => {
  const data = (dataProtection: unknown, extra: Record<string, unknown> = {}) => problems({ dataProtection, ...extra });

  test('defaults: DR region us-west-2, daily 35 / monthly 365 days, vault lock 7–3650 days in compliance mode', () => {
    expect(parseConfig({}).dataProtection).toEqual({
      drRegion: 'us-west-2',
      exampleWorkload: true,
      deidentification: {
        maxObjectMegabytes: 1024,
        maxConcurrency: 5,
        comprehendMedicalCharactersPerSecond: 40_000,
        maxReceiveCount: 3,
      },
      backup: {
        dailyRetentionDays: 35,
        monthlyRetentionDays: 365,
        vaultLockMode: 'COMPLIANCE',
        minRetentionDays: 7,
        maxRetentionDays: 3650,
      },
    });
  });

  test('DR region equal to the primary region', () => {
    expect(
      data({ drRegion: 'eu-west-1' }, { region: 'eu-west-1', availabilityZones: ['eu-west-1a', 'eu-west-1b'] }),
    ).toEqual(['hipaaBaseline.dataProtection.drRegion: eu-west-1 is the primary region; choose another region']);
  });

  test('malformed DR region', () => {
    expect(data({ drRegion: 'west' })).toEqual([
      'hipaaBaseline.dataProtection.drRegion: must be an AWS region code such as "us-east-1"',
    ]);
  });

  test('backup retention below the lock minimum and above the lock maximum', () => {
    expect(data({ backup: { dailyRetentionDays: 3, monthlyRetentionDays: 4000 } })).toEqual([
      'hipaaBaseline.dataProtection.backup.dailyRetentionDays: 3 is below the vault lock minimum (minRetentionDays 7)',
      'hipaaBaseline.dataProtection.backup.monthlyRetentionDays: 4000 is above the vault lock maximum (maxRetentionDays 3650)',
    ]);
  });

  test('monthly retention shorter than daily', () => {
    expect(data({ backup: { dailyRetentionDays: 90, monthlyRetentionDays: 60 } })).toEqual([
      'hipaaBaseline.dataProtection.backup.monthlyRetentionDays: 60 is shorter than dailyRetentionDays (90)',
    ]);
  });

  test('a bring-your-own zone key whose policy the replication role cannot use', () => {
    const arn = 'arn:aws:kms:us-east-1:123456789012:key/12345678-1234-1234-1234-123456789012';
    expect(data({ rawZone: { existingKeyArn: arn } })).toEqual([
      expect.stringMatching(
        /^hipaaBaseline.dataProtection.rawZone.existingKeyArn: the baseline cannot edit this key policy, so the replication role could not use the key/,
      ),
    ]);
    expect(data({ rawZone: { existingKeyArn: arn, keyPolicyAllowsAccountIam: true } })).toEqual([]);
  });
});

describe('controls configuration', () => {
  test('unknown rule in configRuleParameters', () => {
    expect(problems({ controls: { configRuleParameters: { NOT_A_RULE: { x: '1' } } } })[0]).toMatch(
      /^hipaaBaseline.controls.configRuleParameters.NOT_A_RULE: not a deployed managed rule with parameters \(one of ACCESS_KEYS_ROTATED/,
    );
  });

  test('unknown parameter of a known rule', () => {
    expect(problems({ controls: { configRuleParameters: { ACCESS_KEYS_ROTATED: { maxAge: '60' } } } })).toEqual([
      'hipaaBaseline.controls.configRuleParameters.ACCESS_KEYS_ROTATED.maxAge: unknown parameter of ACCESS_KEYS_ROTATED (known: maxAccessKeyAge)',
    ]);
  });

  test('a valid override and an organization aggregator are accepted', () => {
    expect(
      problems({
        controls: {
          configRuleParameters: { ACCESS_KEYS_ROTATED: { maxAccessKeyAge: '60' } },
          aggregator: { source: 'organization' },
        },
      }),
    ).toEqual([]);
  });

  test('unknown deployment mode', () => {
    expect(problems({ controls: { configRulesDeployment: 'stackset' } })).toEqual([
      'hipaaBaseline.controls.configRulesDeployment: must be "rules" or "conformance-pack"',
    ]);
  });
});
