import { Fn } from 'aws-cdk-lib';
import * as organizations from 'aws-cdk-lib/aws-organizations';
import type { RuleSettings } from '../../rules';
import {
  ServiceControlPolicyExemptions,
  STACKSETS_EXECUTION_ROLE_ARN,
} from '../../rules/ServiceControlPolicyExemptions';
import { evaluate, findings, ruleStack, SETTINGS } from '../helpers/rules';

const BREAK_GLASS = 'arn:*:iam::*:role/clinic-break-glass';
const REMEDIATION = 'arn:*:iam::*:role/clinic-remediation-*';
const ORG_SETTINGS: RuleSettings = { ...SETTINGS, guardrailExemptPrincipalArns: [BREAK_GLASS, REMEDIATION] };

const deny = (sid: string, exempt?: readonly string[], operator = 'ArnNotLike') => ({
  Sid: sid,
  Effect: 'Deny',
  Action: ['cloudtrail:StopLogging'],
  Resource: '*',
  ...(exempt ? { Condition: { [operator]: { 'aws:PrincipalARN': [...exempt] } } } : {}),
});

const policy = (statements: unknown[], type = 'SERVICE_CONTROL_POLICY') =>
  new organizations.CfnPolicy(ruleStack(), 'P', {
    name: 'p',
    type,
    content: { Version: '2012-10-17', Statement: statements },
    targetIds: ['ou-ab12-cdef3456'],
  });

describe('HIPAABaseline-ServiceControlPolicyExemptions', () => {
  test('non-compliant: a Deny with no condition on the principal', () => {
    const p = policy([deny('DenyStop')]);
    expect(evaluate(ServiceControlPolicyExemptions, p)).toBe('non-compliant');
    expect(findings(ServiceControlPolicyExemptions, p)).toEqual(['DenyStop']);
  });

  test('non-compliant: the StackSets execution role left out (by default settings only it is required)', () => {
    const p = policy([deny('A', [BREAK_GLASS]), deny('B', [STACKSETS_EXECUTION_ROLE_ARN], 'StringNotLike')]);
    expect(findings(ServiceControlPolicyExemptions, p)).toEqual(['A']);
  });

  test('non-compliant: a configured role (break-glass) left out; unnamed statements by index', () => {
    const unnamed: Record<string, unknown> = { ...deny('', [STACKSETS_EXECUTION_ROLE_ARN, REMEDIATION]) };
    delete unnamed.Sid;
    const p = policy([deny('Full', [STACKSETS_EXECUTION_ROLE_ARN, BREAK_GLASS, REMEDIATION]), unnamed]);
    expect(evaluate(ServiceControlPolicyExemptions, p, ORG_SETTINGS)).toBe('non-compliant');
    expect(findings(ServiceControlPolicyExemptions, p, ORG_SETTINGS)).toEqual(['Statement1']);
  });

  test('non-compliant: a narrower value does not cover the required pattern; content with an intrinsic', () => {
    const narrow = policy([deny('Narrow', ['arn:aws:iam::111122223333:role/stacksets-exec-abc'])]);
    expect(evaluate(ServiceControlPolicyExemptions, narrow)).toBe('non-compliant');
    const unresolved = policy([{ ...deny('X', [STACKSETS_EXECUTION_ROLE_ARN]), Resource: Fn.ref('R') }]);
    expect(findings(ServiceControlPolicyExemptions, unresolved)).toEqual(['Unresolved']);
  });

  test('compliant: every Deny exempts the roles (a wildcard value covers them, key case-insensitive); leaving alone needs none', () => {
    const p = policy([
      { Sid: 'DenyLeaving', Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' },
      deny('Exact', [STACKSETS_EXECUTION_ROLE_ARN, BREAK_GLASS, REMEDIATION]),
      {
        ...deny('Wildcard'),
        Condition: { ArnNotLike: { 'aws:principalarn': 'arn:*:iam::*:role/*' } },
      },
      { Sid: 'Allow', Effect: 'Allow', Action: '*', Resource: '*' },
    ]);
    expect(evaluate(ServiceControlPolicyExemptions, p, ORG_SETTINGS)).toBe('compliant');
  });

  test('not applicable: other policy types', () => {
    expect(evaluate(ServiceControlPolicyExemptions, policy([deny('X')], 'TAG_POLICY'))).toBe('not-applicable');
  });
});
