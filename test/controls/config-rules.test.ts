import { configRules, findConfigRule } from '../../lib/controls/config-rules';

describe('AWS Config rule registry', () => {
  const rules = [...configRules().values()];

  test('every known managed rule maps to at least one citation', () => {
    expect(rules.length).toBeGreaterThanOrEqual(148);
    expect(rules.filter((r) => r.citations.length === 0)).toEqual([]);
  });

  test('rules the published table left unmapped carry the project mapping, marked as such', () => {
    const own = rules.filter((r) => r.mapping === 'project');
    expect(own.length).toBeGreaterThanOrEqual(44);
    expect(findConfigRule('IAM_PASSWORD_POLICY')).toMatchObject({
      mapping: 'project',
      citations: expect.arrayContaining(['164.308(a)(5)(ii)(D)']),
    });
    for (const rule of own) expect(rule.source.length).toBeGreaterThan(20);
  });

  test('AWS-published mappings are kept as published', () => {
    expect(findConfigRule('CW_LOGGROUP_RETENTION_PERIOD_CHECK')).toMatchObject({
      mapping: 'AWS-published',
      citations: ['164.312(b)'],
    });
  });

  test('finds a rule by its default name', () => {
    expect(findConfigRule('s3-bucket-ssl-requests-only')?.identifier).toBe('S3_BUCKET_SSL_REQUESTS_ONLY');
    expect(findConfigRule('no-such-rule')).toBeUndefined();
  });
});
