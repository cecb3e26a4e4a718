import { configRuleSpecs } from '../../lib/controls/config-rule-specs';
import { configRules, findConfigRule, ruleAvailableIn } from '../../lib/controls/config-rules';

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

describe('AWS Config rules for the AI services', () => {
  const identifiers = (region?: string) =>
    configRuleSpecs({
      namePrefix: 'hipaa',
      parameterOverrides: {},
      derivedParameters: {},
      logGroupRetentionDays: 365,
      ...(region ? { region } : {}),
    }).flatMap((spec) => (spec.sourceIdentifier ? [spec.sourceIdentifier] : []));
  const AI_RULES = [
    'SAGEMAKER_DOMAIN_IN_VPC',
    'SAGEMAKER_NOTEBOOK_INSTANCE_INSIDE_VPC',
    'SAGEMAKER_NOTEBOOK_INSTANCE_ROOT_ACCESS_CHECK',
  ];

  test('the SageMaker managed rules are known, mapped by the project with their source', () => {
    for (const id of AI_RULES) {
      expect(findConfigRule(id)).toMatchObject({
        mapping: 'project',
        citations: expect.arrayContaining([expect.stringMatching(/^164\.3/)]),
        source: expect.stringMatching(/^Not in the HIPAA Security conformance pack/),
      });
    }
  });

  test('every one is deployed in us-east-1 (the default region)', () => {
    expect(identifiers('us-east-1')).toEqual(expect.arrayContaining(AI_RULES));
  });

  test('a rule is left out of a region AWS does not offer it in (deploying it there would fail)', () => {
    const melbourne = identifiers('ap-southeast-4');
    expect(melbourne).not.toContain('SAGEMAKER_DOMAIN_IN_VPC');
    expect(melbourne).not.toContain('SAGEMAKER_NOTEBOOK_INSTANCE_ROOT_ACCESS_CHECK');
    expect(melbourne).toContain('SAGEMAKER_NOTEBOOK_NO_DIRECT_INTERNET_ACCESS'); // no regions recorded: everywhere
    expect(identifiers('eu-north-1')).toEqual(expect.arrayContaining(AI_RULES));
    expect(identifiers()).toEqual(expect.arrayContaining(AI_RULES)); // no region: every rule
  });

  test('the regions recorded for a rule are its only or excepted regions', () => {
    expect(ruleAvailableIn(findConfigRule('SAGEMAKER_DOMAIN_IN_VPC')!, 'eu-central-2')).toBe(false);
    expect(ruleAvailableIn(findConfigRule('SAGEMAKER_DOMAIN_IN_VPC')!, 'eu-central-1')).toBe(true);
    expect(findConfigRule('SAGEMAKER_NOTEBOOK_INSTANCE_INSIDE_VPC')?.regions?.except).toContain('il-central-1');
    const onlyEast = { ...findConfigRule('SAGEMAKER_DOMAIN_IN_VPC')!, regions: { only: ['us-east-1'] } };
    expect(ruleAvailableIn(onlyEast, 'us-east-1')).toBe(true);
    expect(ruleAvailableIn(onlyEast, 'us-west-2')).toBe(false);
  });
});
