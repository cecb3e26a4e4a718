import { buildEvidence, exitCodeOf, matchRule, rollUp, ruleStatus } from '../../../lib/cli/evidence/join';
import type { Collected, LiveResource, LiveRule } from '../../../lib/cli/evidence/types';
import { compareCitations } from '../../../lib/controls/catalog';
import { findConfigRule } from '../../../lib/controls/config-rules';

const resource = (
  id: string,
  compliance: LiveResource['compliance'] = 'NON_COMPLIANT',
  accountId = '111111111111',
) => ({
  accountId,
  region: 'us-east-1',
  type: 'AWS::S3::Bucket',
  id,
  compliance,
});
const rule = (
  name: string,
  compliance?: LiveRule['compliance'],
  resources: LiveResource[] = [],
  sourceIdentifier?: string,
) => ({ name, compliance, resources, ...(sourceIdentifier ? { sourceIdentifier } : {}) }) as LiveRule;
const collected = (rules: LiveRule[], errors: Collected['errors'] = []): Collected => ({
  scope: { region: 'us-east-1', resources: 'non-compliant' },
  rules,
  errors,
});
const AT = '2026-01-01T00:00:00.000Z';

describe('matching live rules with the registry', () => {
  test('by the managed rule source identifier first, whatever the rule is called', () => {
    expect(matchRule({ name: 'my-own-name', sourceIdentifier: 'S3_BUCKET_SSL_REQUESTS_ONLY' })?.identifier).toBe(
      'S3_BUCKET_SSL_REQUESTS_ONLY',
    );
  });

  test('then by name, then by the name without a conformance-pack or Security Hub affix', () => {
    expect(matchRule({ name: 'cloudtrail-enabled' })?.identifier).toBe('CLOUD_TRAIL_ENABLED');
    expect(matchRule({ name: 'cloudtrail-enabled-conformance-pack-ab12cd34' })?.identifier).toBe('CLOUD_TRAIL_ENABLED');
    expect(matchRule({ name: 'securityhub-cloudtrail-enabled-a1b2c3' })?.identifier).toBe('CLOUD_TRAIL_ENABLED');
  });

  test('a custom rule, or an unknown source identifier with an unknown name, is unmapped', () => {
    expect(matchRule({ name: 'my-custom-rule' })).toBeUndefined();
    expect(matchRule({ name: 'x-conformance-pack-ab12', sourceIdentifier: 'NOT_A_RULE' })).toBeUndefined();
  });
});

describe('status roll-up', () => {
  test.each([
    [['COMPLIANT', 'NON_COMPLIANT'], 'NON_COMPLIANT'],
    [['UNKNOWN', 'NON_COMPLIANT'], 'NON_COMPLIANT'],
    [['COMPLIANT', 'UNKNOWN'], 'UNKNOWN'],
    [['COMPLIANT', 'INSUFFICIENT_DATA'], 'INSUFFICIENT_DATA'],
    [['COMPLIANT', 'NOT_APPLICABLE'], 'COMPLIANT'],
    [['NOT_APPLICABLE', 'NOT_APPLICABLE'], 'NOT_APPLICABLE'],
    [['COMPLIANT'], 'COMPLIANT'],
  ] as const)('%j rolls up to %s', (statuses, expected) => {
    expect(rollUp(statuses)).toBe(expected);
  });

  test('a rule is NON_COMPLIANT when AWS says so or a resource read is; UNKNOWN when failed or unread', () => {
    expect(ruleStatus(rule('r', 'COMPLIANT', [resource('a')]), false)).toBe('NON_COMPLIANT');
    expect(ruleStatus(rule('r', 'NON_COMPLIANT'), true)).toBe('NON_COMPLIANT');
    expect(ruleStatus(rule('r', 'COMPLIANT'), true)).toBe('UNKNOWN');
    expect(ruleStatus(rule('r', undefined), false)).toBe('UNKNOWN');
    expect(ruleStatus(rule('r', 'INSUFFICIENT_DATA'), false)).toBe('INSUFFICIENT_DATA');
  });
});

describe('buildEvidence', () => {
  const ssl = findConfigRule('S3_BUCKET_SSL_REQUESTS_ONLY')!;
  const trail = findConfigRule('CLOUD_TRAIL_ENABLED')!;

  test('each rule carries its registry citations; each citation its rules and rolled-up status, in catalog order', () => {
    const report = buildEvidence(
      collected([
        rule(
          's3-bucket-ssl-requests-only',
          'NON_COMPLIANT',
          [resource('b'), resource('a')],
          'S3_BUCKET_SSL_REQUESTS_ONLY',
        ),
        rule('cloudtrail-enabled', 'COMPLIANT', [], 'CLOUD_TRAIL_ENABLED'),
      ]),
      AT,
    );
    expect(report.generatedAt).toBe(AT);
    expect(report.rules.map((r) => r.name)).toEqual(['cloudtrail-enabled', 's3-bucket-ssl-requests-only']);
    expect(report.rules[1]).toMatchObject({ identifier: 'S3_BUCKET_SSL_REQUESTS_ONLY', controls: ssl.citations });
    expect(report.rules[1].resources.map((r) => r.id)).toEqual(['a', 'b']);
    const expected = [...new Set([...ssl.citations, ...trail.citations])].sort(compareCitations);
    expect(report.controls.map((c) => c.id)).toEqual(expected);
    for (const control of report.controls) {
      expect(control.status).toBe(ssl.citations.includes(control.id) ? 'NON_COMPLIANT' : 'COMPLIANT');
    }
    expect(report.unmapped).toEqual([]);
  });

  test('a citation shared by a compliant and a non-compliant rule is NON_COMPLIANT and names both', () => {
    const other = findConfigRule('ENCRYPTED_VOLUMES')!;
    const common = ssl.citations.find((c) => other.citations.includes(c))!;
    expect(common).toBeDefined();
    const report = buildEvidence(
      collected([
        rule('ssl', 'COMPLIANT', [], 'S3_BUCKET_SSL_REQUESTS_ONLY'),
        rule('volumes', 'NON_COMPLIANT', [resource('v')], 'ENCRYPTED_VOLUMES'),
      ]),
      AT,
    );
    expect(report.controls.find((c) => c.id === common)).toEqual({
      id: common,
      status: 'NON_COMPLIANT',
      rules: ['ssl', 'volumes'],
    });
  });

  test('unmapped rules are listed with their compliance and contribute to no citation', () => {
    const report = buildEvidence(collected([rule('my-custom', 'NON_COMPLIANT', [resource('x')])]), AT);
    expect(report.rules).toEqual([
      { name: 'my-custom', identifier: null, compliance: 'NON_COMPLIANT', controls: [], resources: [resource('x')] },
    ]);
    expect(report.unmapped).toEqual([{ name: 'my-custom', compliance: 'NON_COMPLIANT' }]);
    expect(report.controls).toEqual([]);
  });

  test('a rule in errors is never COMPLIANT, nor are its citations', () => {
    const report = buildEvidence(
      collected([rule('ssl', 'COMPLIANT', [], 'S3_BUCKET_SSL_REQUESTS_ONLY')], [{ rule: 'ssl', message: 'failed' }]),
      AT,
    );
    expect(report.rules[0].compliance).toBe('UNKNOWN');
    expect(new Set(report.controls.map((c) => c.status))).toEqual(new Set(['UNKNOWN']));
  });

  test('an incomplete rule list ("*") makes every otherwise COMPLIANT citation UNKNOWN', () => {
    const report = buildEvidence(
      collected(
        [
          rule('trail', 'COMPLIANT', [], 'CLOUD_TRAIL_ENABLED'),
          rule('ssl', 'NON_COMPLIANT', [], 'S3_BUCKET_SSL_REQUESTS_ONLY'),
        ],
        [{ rule: '*', message: 'list incomplete' }],
      ),
      AT,
    );
    expect(report.rules.find((r) => r.name === 'trail')!.compliance).toBe('COMPLIANT');
    for (const control of report.controls) {
      expect(control.status).toBe(ssl.citations.includes(control.id) ? 'NON_COMPLIANT' : 'UNKNOWN');
    }
  });

  test('resources sort by account, region, type, id; errors by rule', () => {
    const report = buildEvidence(
      collected(
        [
          rule('r', 'NON_COMPLIANT', [
            resource('b', 'NON_COMPLIANT', '2'),
            resource('z', 'NON_COMPLIANT', '1'),
            resource('a', 'NON_COMPLIANT', '2'),
          ]),
        ],
        [
          { rule: 'z', message: 'm' },
          { rule: 'a', message: 'm' },
        ],
      ),
      AT,
    );
    expect(report.rules[0].resources.map((r) => `${r.accountId}/${r.id}`)).toEqual(['1/z', '2/a', '2/b']);
    expect(report.errors.map((e) => e.rule)).toEqual(['a', 'z']);
  });
});

describe('exit codes', () => {
  const report = (compliance: LiveRule['compliance'], errors: Collected['errors'] = []) =>
    buildEvidence(collected([rule('ssl', compliance, [], 'S3_BUCKET_SSL_REQUESTS_ONLY')], errors), AT);

  test('0 complete, 1 non-compliant only when asked, 3 partial whatever else', () => {
    expect(exitCodeOf(report('NON_COMPLIANT'), false)).toBe(0);
    expect(exitCodeOf(report('NON_COMPLIANT'), true)).toBe(1);
    expect(exitCodeOf(report('COMPLIANT'), true)).toBe(0);
    expect(exitCodeOf(report('NON_COMPLIANT', [{ rule: 'ssl', message: 'x' }]), true)).toBe(3);
  });
});
