import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import { GuardDutyDetectorEnabled } from '../../rules/GuardDutyDetectorEnabled';
import { evaluate, ruleStack } from '../helpers/rules';

const check = (resource: guardduty.CfnDetector) => evaluate(GuardDutyDetectorEnabled, resource);

describe('HIPAABaseline-GuardDutyDetectorEnabled', () => {
  test('non-compliant: detector disabled', () => {
    expect(check(new guardduty.CfnDetector(ruleStack(), 'D', { enable: false }))).toBe('non-compliant');
  });

  test('non-compliant: detector switched off by a property override', () => {
    const detector = new guardduty.CfnDetector(ruleStack(), 'D', { enable: true });
    detector.addPropertyOverride('Enable', false);
    expect(check(detector)).toBe('non-compliant');
  });

  test('non-compliant: Enable given as an unresolvable intrinsic', () => {
    const detector = new guardduty.CfnDetector(ruleStack(), 'D', { enable: true });
    detector.addPropertyOverride('Enable', { 'Fn::ImportValue': 'elsewhere' });
    expect(check(detector)).toBe('non-compliant');
  });

  test('compliant: detector enabled', () => {
    expect(check(new guardduty.CfnDetector(ruleStack(), 'D', { enable: true }))).toBe('compliant');
  });
});
