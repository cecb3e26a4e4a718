import { Fn } from 'aws-cdk-lib';
import * as organizations from 'aws-cdk-lib/aws-organizations';
import { ServiceControlPolicySize } from '../../rules/ServiceControlPolicySize';
import { SCP_MAX_CHARACTERS } from '../../rules/scp-content';
import { evaluate, findings, ruleStack } from '../helpers/rules';

/** An SCP whose compact JSON is exactly `length` characters (the Sid pads it). */
function documentOf(length: number) {
  const base = { Version: '2012-10-17', Statement: [{ Sid: '', Effect: 'Deny', Action: 'x:Y', Resource: '*' }] };
  const pad = length - JSON.stringify(base).length;
  return { ...base, Statement: [{ ...base.Statement[0], Sid: 'S'.repeat(pad) }] };
}

const policy = (content: unknown, type = 'SERVICE_CONTROL_POLICY') =>
  new organizations.CfnPolicy(ruleStack(), 'P', { name: 'p', type, content, targetIds: ['r-ab12'] });

describe('HIPAABaseline-ServiceControlPolicySize', () => {
  test('non-compliant: one character over the limit (object content as compact JSON)', () => {
    const document = documentOf(SCP_MAX_CHARACTERS + 1);
    expect(JSON.stringify(document)).toHaveLength(5121);
    expect(evaluate(ServiceControlPolicySize, policy(document))).toBe('non-compliant');
    expect(findings(ServiceControlPolicySize, policy(document))).toEqual(['5121Characters']);
  });

  test('non-compliant: string content counted as written, whitespace included', () => {
    const text = JSON.stringify(documentOf(SCP_MAX_CHARACTERS - 10), null, 2);
    expect(text.length).toBeGreaterThan(SCP_MAX_CHARACTERS);
    // CloudFormation takes the content as a JSON string too (CDK's L1 types it as an object: an override).
    const written = policy({});
    written.addPropertyOverride('Content', text);
    expect(evaluate(ServiceControlPolicySize, written)).toBe('non-compliant');
    const compact = policy({});
    compact.addPropertyOverride('Content', JSON.stringify(documentOf(SCP_MAX_CHARACTERS - 10)));
    expect(evaluate(ServiceControlPolicySize, compact)).toBe('compliant');
  });

  test('non-compliant: content holding an intrinsic (size unknown at synth)', () => {
    const document = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: Fn.ref('X') }] };
    expect(evaluate(ServiceControlPolicySize, policy(document))).toBe('non-compliant');
    expect(findings(ServiceControlPolicySize, policy(document))).toEqual(['Unresolved']);
  });

  test('compliant: exactly at the limit', () => {
    expect(evaluate(ServiceControlPolicySize, policy(documentOf(SCP_MAX_CHARACTERS)))).toBe('compliant');
  });

  test('not applicable: a tag policy, and other resource types', () => {
    expect(evaluate(ServiceControlPolicySize, policy(documentOf(9000), 'TAG_POLICY'))).toBe('not-applicable');
    const stack = ruleStack();
    const account = new organizations.CfnOrganizationalUnit(stack, 'Ou', { name: 'x', parentId: 'r-ab12' });
    expect(evaluate(ServiceControlPolicySize, account)).toBe('not-applicable');
  });
});
