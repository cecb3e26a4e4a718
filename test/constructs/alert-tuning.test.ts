import { AUDIT_NAMESPACE } from '../../lib/constructs/audit-alarms';
import { complianceAlertPattern } from '../../lib/constructs/security-alerts';
import { configRuleSpecs } from '../../lib/controls/config-rule-specs';
import { findConfigRule } from '../../lib/controls/config-rules';
import { EXPOSURE_RULES } from '../../lib/controls/exposure-rules';
import { defaultTemplateJson } from '../helpers/assembly';
import { resources } from '../helpers/template-query';

const template = defaultTemplateJson('SecurityTooling');

/** The metric-filter alarms (not the anomaly alarms), by metric name. */
const alarms: Record<string, any> = Object.fromEntries(
  resources(template, 'AWS::CloudWatch::Alarm')
    .filter(([, alarm]) => alarm.Properties.Namespace === AUDIT_NAMESPACE)
    .map(([, alarm]) => [alarm.Properties.MetricName, alarm.Properties]),
);

describe('audit alarms keep people for what matters', () => {
  test('denied API calls alarm on a burst: 10 or more in 5 minutes', () => {
    expect(alarms.UnauthorizedApiCalls).toMatchObject({
      Threshold: 10,
      Period: 300,
      Statistic: 'Sum',
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
  });

  test('failed console sign-ins alarm on password guessing: 3 or more in 5 minutes', () => {
    expect(alarms.ConsoleSignInFailures).toMatchObject({ Threshold: 3, Period: 300, Statistic: 'Sum' });
  });

  test('one event alarms where one event matters', () => {
    const once = Object.entries(alarms)
      .filter(([, alarm]) => alarm.Threshold === 1)
      .map(([name]) => name);
    expect(once.sort()).toEqual(
      [
        'BreakGlassRoleUse',
        'CloudTrailChanges',
        'ConfigChanges',
        'ConsoleSignInWithoutMfa',
        'IamPolicyChanges',
        'KeyDisableOrDeletion',
        'NetworkAclChanges',
        'RootAccountUse',
        'SecurityGroupChanges',
      ].sort(),
    );
    for (const name of once) expect(alarms[name]).toMatchObject({ Period: 300, EvaluationPeriods: 1 });
  });
});

describe('Config compliance changes alert only for exposure rules', () => {
  const [, rule] = resources(template, 'AWS::Events::Rule').find(([id]) =>
    id.startsWith('AlertsConfigComplianceChanges'),
  )!;
  const pattern = rule.Properties.EventPattern;

  test('the pattern names exactly the exposure rules, as deployed with the name prefix, turning NON_COMPLIANT', () => {
    const names = EXPOSURE_RULES.map((identifier) => `hipaa-${findConfigRule(identifier)!.name}`);
    expect([...pattern.detail.configRuleName].sort()).toEqual(names.sort());
    expect(pattern.detail.newEvaluationResult).toEqual({ complianceType: ['NON_COMPLIANT'] });
    expect(pattern.source).toEqual(['aws.config']);
  });

  test('every exposure rule is one the baseline deploys', () => {
    const deployed = configRuleSpecs({
      namePrefix: 'hipaa',
      parameterOverrides: {},
      derivedParameters: {},
      logGroupRetentionDays: 365,
    }).map((spec) => spec.sourceIdentifier);
    for (const identifier of EXPOSURE_RULES) expect(deployed).toContain(identifier);
    expect(new Set(EXPOSURE_RULES).size).toBe(EXPOSURE_RULES.length);
  });

  test('in a conformance pack the rules are matched by their deployed name and the pack suffix', () => {
    expect(complianceAlertPattern(['hipaa-cloudtrail-enabled'], true).detail!.configRuleName).toEqual([
      { prefix: 'hipaa-cloudtrail-enabled-conformance-pack-' },
    ]);
  });
});
