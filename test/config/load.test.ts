import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, parseConfig } from '../../lib/config/load';

function problems(raw: unknown): string[] {
  try {
    parseConfig(raw);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ConfigError');
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
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    const file = join(dir, 'prod.json');
    writeFileSync(
      file,
      JSON.stringify({ namePrefix: 'prod', region: 'us-west-2', availabilityZones: ['us-west-2a', 'us-west-2b'] }),
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
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{ namePrefix: ');
    expect(() => loadConfig(context({ hipaaBaselineConfig: file }))).toThrow(
      /config file .*bad.json is not valid JSON/,
    );
  });
});
