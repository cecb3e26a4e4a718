import * as bedrock from 'aws-cdk-lib/aws-bedrock';
import * as kms from 'aws-cdk-lib/aws-kms';
import { PhiGuardrail } from '../../lib/constructs/phi-guardrail';
import { BedrockGuardrailConfigured } from '../../rules/BedrockGuardrailConfigured';
import { evaluate, ruleStack } from '../helpers/rules';

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const check = (resource: Parameters<typeof evaluate>[1]) => evaluate(BedrockGuardrailConfigured, resource);
const findings = (resource: bedrock.CfnGuardrail) => {
  const stack = resource.stack;
  const rendered = stack.resolve((resource as any)._toCloudFormation()).Resources[stack.resolve(resource.logicalId)];
  return BedrockGuardrailConfigured.findings!(rendered, {
    settings: {} as any,
    resources: new Map(),
    templateMetadata: {},
  });
};
const guardrail = (props: Partial<bedrock.CfnGuardrailProps> = {}) =>
  new bedrock.CfnGuardrail(ruleStack(), 'G', {
    name: 'phi',
    blockedInputMessaging: 'blocked',
    blockedOutputsMessaging: 'blocked',
    kmsKeyArn: KEY,
    sensitiveInformationPolicyConfig: { piiEntitiesConfig: [{ type: 'NAME', action: 'ANONYMIZE' }] },
    contentPolicyConfig: { filtersConfig: [{ type: 'PROMPT_ATTACK', inputStrength: 'HIGH', outputStrength: 'NONE' }] },
    ...props,
  });

describe('HIPAABaseline-BedrockGuardrailConfigured', () => {
  test('non-compliant: no customer key, no sensitive-information filter, no prompt-attack filter (L1)', () => {
    const bare = guardrail({
      kmsKeyArn: undefined,
      sensitiveInformationPolicyConfig: undefined,
      contentPolicyConfig: { filtersConfig: [{ type: 'HATE', inputStrength: 'HIGH', outputStrength: 'HIGH' }] },
    });
    expect(check(bare)).toBe('non-compliant');
    expect(findings(bare)).toEqual(['KmsKeyArn', 'SensitiveInformationPolicyConfig', 'PromptAttack']);
  });

  test('non-compliant: filters that do not act on prompts; a prompt-attack filter at NONE or off', () => {
    const passive = guardrail({
      sensitiveInformationPolicyConfig: {
        piiEntitiesConfig: [{ type: 'NAME', action: 'NONE' }],
        regexesConfig: [{ name: 'mrn', pattern: 'MRN', action: 'ANONYMIZE', inputEnabled: false }],
      },
      contentPolicyConfig: {
        filtersConfig: [{ type: 'PROMPT_ATTACK', inputStrength: 'NONE', outputStrength: 'NONE' }],
      },
    });
    expect(findings(passive)).toEqual(['SensitiveInformationPolicyConfig', 'PromptAttack']);
    const off = guardrail({
      contentPolicyConfig: {
        filtersConfig: [{ type: 'PROMPT_ATTACK', inputStrength: 'HIGH', outputStrength: 'NONE', inputEnabled: false }],
      },
    });
    expect(findings(off)).toEqual(['PromptAttack']);
  });

  test('non-compliant: an escape hatch removing the key of a compliant guardrail', () => {
    const g = guardrail();
    g.addPropertyDeletionOverride('KmsKeyArn');
    expect(findings(g)).toEqual(['KmsKeyArn']);
  });

  test('compliant: the baseline’s PhiGuardrail, and a minimal L1 with the three', () => {
    const stack = ruleStack();
    const phi = new PhiGuardrail(stack, 'Phi', {
      name: 'phi',
      blockedMessage: 'blocked',
      encryptionKey: new kms.Key(stack, 'K'),
    });
    expect(check(phi.guardrail)).toBe('compliant');
    expect(check(guardrail())).toBe('compliant');
  });

  test('not applicable: other types', () => {
    expect(check(new bedrock.CfnGuardrailVersion(ruleStack(), 'V', { guardrailIdentifier: 'g' }))).toBe(
      'not-applicable',
    );
  });
});
