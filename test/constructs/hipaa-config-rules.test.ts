import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { conformancePackTemplate, HipaaConfigRules } from '../../lib/constructs/hipaa-config-rules';
import { configRuleSpecs } from '../../lib/controls/config-rule-specs';
import { configRules, findConfigRule } from '../../lib/controls/config-rules';
import { defaultTemplateJson } from '../helpers/assembly';
import { testApp } from '../helpers/app';
import { resources } from '../helpers/template-query';

const specs = (overrides = {}) =>
  configRuleSpecs({
    namePrefix: 'hipaa',
    parameterOverrides: overrides,
    derivedParameters: {},
    logGroupRetentionDays: 365,
  });

describe('HipaaConfigRules (default baseline: individual rules)', () => {
  const rules = resources(defaultTemplateJson('SecurityTooling'), 'AWS::Config::ConfigRule').map(
    ([, r]) => r.Properties,
  );
  const byIdentifier = new Map(
    rules.filter((r) => r.Source.SourceIdentifier).map((r) => [r.Source.SourceIdentifier, r]),
  );

  test('every managed rule of the current HIPAA pack is deployed (process checks only inside a pack)', () => {
    const pack = [...configRules().values()]
      .filter((r) => r.kind === 'managed' && r.inCurrentPack)
      .map((r) => r.identifier);
    expect(pack).toHaveLength(130);
    for (const identifier of pack.filter((id) => id !== 'AWS_CONFIG_PROCESS_CHECK'))
      expect(byIdentifier.has(identifier)).toBe(true);
    expect(byIdentifier.has('AWS_CONFIG_PROCESS_CHECK')).toBe(false);
  });

  test('every deployed rule maps to at least one citation, named in its description', () => {
    for (const rule of rules) {
      const info = findConfigRule(rule.Source.SourceIdentifier ?? rule.ConfigRuleName)!;
      expect(info.citations.length).toBeGreaterThan(0);
      expect(rule.Description).toContain(`HIPAA ${info.citations.join(', ')}`);
      expect(rule.Description.length).toBeLessThanOrEqual(256);
    }
  });

  test('the pack default parameters are applied, and derived ones follow the configuration', () => {
    expect(byIdentifier.get('ACCESS_KEYS_ROTATED').InputParameters).toEqual({ maxAccessKeyAge: '90' });
    expect(byIdentifier.get('IAM_PASSWORD_POLICY').InputParameters).toMatchObject({
      MinimumPasswordLength: '14',
      PasswordReusePrevention: '24',
    });
    expect(
      byIdentifier.get('BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK').InputParameters.requiredRetentionDays,
    ).toBe('35');
  });

  test('periodic rules run at their frequency; change-triggered rules carry none', () => {
    expect(byIdentifier.get('CLOUD_TRAIL_ENABLED').MaximumExecutionFrequency).toBe('One_Hour');
    expect(byIdentifier.get('IAM_PASSWORD_POLICY').MaximumExecutionFrequency).toBe('TwentyFour_Hours');
    expect(byIdentifier.get('S3_BUCKET_SSL_REQUESTS_ONLY').MaximumExecutionFrequency).toBeUndefined();
  });

  test('the custom Guard policies are deployed with their scope and the configured retention', () => {
    const custom = rules.filter((r) => r.Source.Owner === 'CUSTOM_POLICY');
    expect(custom.map((r) => r.ConfigRuleName).sort()).toEqual([
      'hipaa-log-group-minimum-retention',
      'hipaa-phi-bucket-customer-key',
      'hipaa-phi-kms-key-rotation',
    ]);
    const retention = custom.find((r) => r.ConfigRuleName === 'hipaa-log-group-minimum-retention');
    expect(retention.Source.CustomPolicyDetails).toMatchObject({ PolicyRuntime: 'guard-2.x.x' });
    expect(retention.Source.CustomPolicyDetails.PolicyText).toContain('configuration.retentionInDays >= 365');
    expect(retention.Scope.ComplianceResourceTypes).toEqual(['AWS::Logs::LogGroup']);
  });

  test('an aggregator collects this account in every region', () => {
    const [[, aggregator]] = resources(defaultTemplateJson('SecurityTooling'), 'AWS::Config::ConfigurationAggregator');
    expect(aggregator.Properties.AccountAggregationSources).toEqual([
      { AccountIds: [{ Ref: 'AWS::AccountId' }], AllAwsRegions: true },
    ]);
  });
});

describe('HipaaConfigRules options', () => {
  const build = (asConformancePack: boolean, source: 'account' | 'organization' = 'account') => {
    const stack = new Stack(testApp(), 'S');
    new HipaaConfigRules(stack, 'Rules', {
      rules: specs(),
      asConformancePack,
      packName: 'hipaa-hipaa-security',
      aggregator: { source, accountIds: ['111122223333'] },
      aggregatorName: 'agg',
    });
    return Template.fromJSON(stack.resolve((stack as any)._toCloudFormation()));
  };

  test('conformance-pack mode deploys one pack holding the same rules, names and descriptions', () => {
    const template = build(true);
    template.resourceCountIs('AWS::Config::ConfigRule', 0);
    const [pack] = Object.values(template.findResources('AWS::Config::ConformancePack')) as any[];
    const body = JSON.parse(pack.Properties.TemplateBody);
    const inPack = Object.values(body.Resources) as any[];
    expect(inPack).toHaveLength(specs().length);
    expect(inPack.map((r) => r.Properties.ConfigRuleName).sort()).toEqual(
      specs()
        .map((s) => s.name)
        .sort(),
    );
    expect(inPack.find((r) => r.Properties.Source.SourceIdentifier === 'AWS_CONFIG_PROCESS_CHECK')).toBeDefined();
    expect(pack.Properties.TemplateBody.length).toBeLessThanOrEqual(51_200);
  });

  test('organization aggregator uses a role limited to this account', () => {
    const template = build(false, 'organization');
    template.hasResourceProperties('AWS::Config::ConfigurationAggregator', {
      OrganizationAggregationSource: { AllAwsRegions: true },
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{ Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } }],
      },
    });
  });

  test('parameter overrides replace the pack defaults', () => {
    const spec = specs({ ACCESS_KEYS_ROTATED: { maxAccessKeyAge: '60' } }).find(
      (s) => s.sourceIdentifier === 'ACCESS_KEYS_ROTATED',
    )!;
    expect(spec.inputParameters).toEqual({ maxAccessKeyAge: '60' });
    expect(
      JSON.parse(conformancePackTemplate([spec])).Resources.hipaaaccesskeysrotated.Properties.InputParameters,
    ).toEqual({ maxAccessKeyAge: '60' });
  });
});
