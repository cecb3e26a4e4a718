import * as iam from 'aws-cdk-lib/aws-iam';
import { BedrockInvokeRequiresGuardrail } from '../../rules/BedrockInvokeRequiresGuardrail';
import { evaluate, ruleStack } from '../helpers/rules';

const GUARDRAIL = 'arn:aws:bedrock:us-east-1:111122223333:guardrail/abc123def456:1';
const MODELS = 'arn:aws:bedrock:us-east-1::foundation-model/*';
const check = (resource: Parameters<typeof evaluate>[1]) => evaluate(BedrockInvokeRequiresGuardrail, resource);
const findings = (resource: Parameters<typeof evaluate>[1]) => {
  const stack = resource.stack;
  const rendered = stack.resolve((resource as any)._toCloudFormation()).Resources[stack.resolve(resource.logicalId)];
  return BedrockInvokeRequiresGuardrail.findings!(rendered, {
    settings: {} as any,
    resources: new Map(),
    templateMetadata: {},
  });
};

/** A managed policy (L2) with the statements. */
function managed(...statements: iam.PolicyStatement[]) {
  const policy = new iam.ManagedPolicy(ruleStack(), 'P', { statements });
  return policy.node.defaultChild as iam.CfnManagedPolicy;
}
const invoke = (props: Partial<iam.PolicyStatementProps> = {}) =>
  new iam.PolicyStatement({ sid: 'Models', actions: ['bedrock:InvokeModel'], resources: [MODELS], ...props });

describe('HIPAABaseline-BedrockInvokeRequiresGuardrail', () => {
  test('non-compliant: a policy allowing InvokeModel without the guardrail condition (L2)', () => {
    const policy = managed(invoke());
    expect(check(policy)).toBe('non-compliant');
    expect(findings(policy)).toEqual(['PolicyDocument.Models']);
  });

  test('non-compliant: conditions that do not require the guardrail (IfExists, negated, the value *, another key)', () => {
    for (const conditions of [
      { StringEqualsIfExists: { 'bedrock:GuardrailIdentifier': GUARDRAIL } },
      { StringNotEquals: { 'bedrock:GuardrailIdentifier': GUARDRAIL } },
      { StringLike: { 'bedrock:GuardrailIdentifier': '*' } },
      { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } },
      { 'ForAllValues:StringEquals': { 'bedrock:GuardrailIdentifier': GUARDRAIL } },
    ]) {
      expect([conditions, check(managed(invoke({ conditions })))]).toEqual([conditions, 'non-compliant']);
    }
  });

  test('non-compliant: wildcards and NotAction that include model invocation', () => {
    expect(check(managed(invoke({ actions: ['bedrock:*'] })))).toBe('non-compliant');
    expect(check(managed(invoke({ actions: ['bedrock:invoke*'] })))).toBe('non-compliant');
    expect(check(managed(invoke({ actions: ['*'], resources: ['*'] })))).toBe('non-compliant');
    const notAction = new iam.PolicyStatement({ notActions: ['s3:*'], resources: ['*'] });
    expect(check(managed(notAction))).toBe('non-compliant');
  });

  test('non-compliant: the removed condition of an escape hatch, on a role’s inline policy (L1)', () => {
    const role = new iam.CfnRole(ruleStack(), 'R', {
      assumeRolePolicyDocument: { Statement: [] },
      policies: [
        {
          policyName: 'models',
          policyDocument: {
            Statement: [
              {
                Effect: 'Allow',
                Action: 'bedrock:InvokeModelWithResponseStream',
                Resource: MODELS,
                Condition: { StringEquals: { 'bedrock:GuardrailIdentifier': GUARDRAIL } },
              },
            ],
          },
        },
      ],
    });
    expect(check(role)).toBe('compliant');
    role.addPropertyDeletionOverride('Policies.0.PolicyDocument.Statement.0.Condition');
    expect(check(role)).toBe('non-compliant');
    expect(findings(role)).toEqual(['Policies[0].Statement0']);
  });

  test('non-compliant: a deny that carries another condition too does not cover every unguarded call', () => {
    const deny = new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      actions: ['bedrock:InvokeModel*'],
      resources: ['*'],
      conditions: {
        StringNotEquals: { 'bedrock:GuardrailIdentifier': GUARDRAIL },
        StringEquals: { 'aws:RequestedRegion': 'us-east-1' },
      },
    });
    expect(check(managed(invoke(), deny))).toBe('non-compliant');
  });

  test('compliant: the guardrail condition (StringEquals, ArnLike, ForAnyValue) on an Allow', () => {
    for (const conditions of [
      { StringEquals: { 'bedrock:GuardrailIdentifier': GUARDRAIL } },
      { ArnLike: { 'bedrock:GuardrailIdentifier': 'arn:aws:bedrock:us-east-1:111122223333:guardrail/abc123def456:*' } },
      { 'ForAnyValue:StringEquals': { 'bedrock:GuardrailIdentifier': [GUARDRAIL] } },
    ]) {
      expect([conditions, check(managed(invoke({ conditions })))]).toEqual([conditions, 'compliant']);
    }
  });

  test('compliant: an unconditioned Allow with a Deny of every call that names another guardrail or none', () => {
    const deny = new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      actions: ['bedrock:InvokeModel*'],
      resources: ['*'],
      conditions: { StringNotEquals: { 'bedrock:GuardrailIdentifier': GUARDRAIL } },
    });
    expect(check(managed(invoke(), deny))).toBe('compliant');
  });

  test('not applicable: policies that allow no model invocation; other types', () => {
    expect(check(managed(new iam.PolicyStatement({ actions: ['bedrock:ApplyGuardrail'], resources: ['*'] })))).toBe(
      'not-applicable',
    );
    const denyAll = new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['bedrock:*'], resources: ['*'] });
    expect(check(managed(denyAll))).toBe('not-applicable');
    expect(check(new iam.CfnUser(ruleStack(), 'U'))).toBe('not-applicable');
  });
});
