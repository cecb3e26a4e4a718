/**
 * HIPAABaseline-BedrockGuardrailConfigured — a Bedrock guardrail protects PHI: it is encrypted with a
 * customer-managed key, has sensitive-information filters (PII entity types or regexes) that act on prompts
 * (action BLOCK or ANONYMIZE, input not disabled), and a prompt-attack filter on input.
 *
 * Scenarios:
 * - non-compliant: no KmsKeyArn (`[KmsKeyArn]`); no sensitive-information filter, or every one set to NONE
 *   or with input disabled (`[SensitiveInformationPolicyConfig]`); no PROMPT_ATTACK filter, or one with input
 *   strength NONE or input disabled (`[PromptAttack]`)
 * - compliant: the baseline's PhiGuardrail; an L1 with the three
 * - not applicable: other types
 */
import { isIntrinsic, type OwnRule, type TemplateResource } from './rule';

const list = (value: unknown): Record<string, any>[] =>
  Array.isArray(value) ? value.filter((v) => v && typeof v === 'object') : [];
const acts = (filter: Record<string, any>) =>
  filter.InputEnabled !== false &&
  (isIntrinsic(filter.InputAction ?? filter.Action) ||
    ['BLOCK', 'ANONYMIZE'].includes(filter.InputAction ?? filter.Action));

function failures(resource: TemplateResource): string[] {
  const p = resource.Properties ?? {};
  const sensitive = p.SensitiveInformationPolicyConfig ?? {};
  const filters = [...list(sensitive.PiiEntitiesConfig), ...list(sensitive.RegexesConfig)];
  const promptAttack = list(p.ContentPolicyConfig?.FiltersConfig).find((filter) => filter.Type === 'PROMPT_ATTACK');
  return [
    ...(p.KmsKeyArn ? [] : ['KmsKeyArn']),
    ...(filters.some(acts) ? [] : ['SensitiveInformationPolicyConfig']),
    ...(promptAttack && promptAttack.InputStrength !== 'NONE' && promptAttack.InputEnabled !== false
      ? []
      : ['PromptAttack']),
  ];
}

export const BedrockGuardrailConfigured: OwnRule = {
  id: 'BedrockGuardrailConfigured',
  level: 'error',
  info: 'The Bedrock guardrail lacks a customer key, sensitive-information filters acting on prompts, or the prompt-attack filter.',
  explanation:
    'Give the guardrail a KmsKeyArn (customer-managed key), sensitive-information filters (PII entity types and ' +
    'regexes for identifiers) that BLOCK or ANONYMIZE on input, and a PROMPT_ATTACK content filter with an input ' +
    'strength above NONE (PhiGuardrail does all three).',
  citations: ['164.312(a)(1)', '164.312(a)(2)(iv)', '164.308(a)(1)(ii)(B)'],
  check(resource) {
    if (resource.Type !== 'AWS::Bedrock::Guardrail') return 'not-applicable';
    return failures(resource).length > 0 ? 'non-compliant' : 'compliant';
  },
  findings: failures,
};
