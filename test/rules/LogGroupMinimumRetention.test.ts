import * as logs from 'aws-cdk-lib/aws-logs';
import { LogGroupMinimumRetention } from '../../rules/LogGroupMinimumRetention';
import { evaluate, ruleStack, SETTINGS } from '../helpers/rules';

const check = (resource: logs.CfnLogGroup) => evaluate(LogGroupMinimumRetention, resource);
const l1 = (group: logs.LogGroup) => group.node.defaultChild as logs.CfnLogGroup;

describe('HIPAABaseline-LogGroupMinimumRetention', () => {
  test('non-compliant: L2 log group with 30 days', () => {
    expect(check(l1(new logs.LogGroup(ruleStack(), 'G', { retention: logs.RetentionDays.ONE_MONTH })))).toBe(
      'non-compliant',
    );
  });

  test('non-compliant: retention lowered by an override', () => {
    const group = new logs.LogGroup(ruleStack(), 'G', { retention: logs.RetentionDays.ONE_YEAR });
    l1(group).addPropertyOverride('RetentionInDays', 7);
    expect(check(l1(group))).toBe('non-compliant');
  });

  test('non-compliant: raw L1 with 90 days', () => {
    expect(check(new logs.CfnLogGroup(ruleStack(), 'G', { retentionInDays: 90 }))).toBe('non-compliant');
  });

  test('compliant: one year or more', () => {
    expect(check(l1(new logs.LogGroup(ruleStack(), 'G', { retention: logs.RetentionDays.TWO_YEARS })))).toBe(
      'compliant',
    );
    expect(check(new logs.CfnLogGroup(ruleStack(), 'G', { retentionInDays: 365 }))).toBe('compliant');
  });

  test('compliant: no retention (events never expire)', () => {
    expect(check(new logs.CfnLogGroup(ruleStack(), 'G', {}))).toBe('compliant');
  });

  test('the minimum comes from the settings', () => {
    const group = new logs.CfnLogGroup(ruleStack(), 'G', { retentionInDays: 365 });
    expect(evaluate(LogGroupMinimumRetention, group, { ...SETTINGS, logGroupRetentionDays: 731 })).toBe(
      'non-compliant',
    );
  });
});
