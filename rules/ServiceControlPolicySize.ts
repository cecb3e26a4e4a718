/**
 * HIPAABaseline-ServiceControlPolicySize — every service control policy stays within the 5,120 characters
 * AWS Organizations accepts (whitespace included), so the guardrail deploys instead of failing the stack.
 * Content whose size synth cannot know (an intrinsic inside it) is a finding, never a pass.
 *
 * Scenarios:
 * - non-compliant: content longer than 5,120 characters (object content as compact JSON, string content as
 *   written); content holding an intrinsic (finding `Unresolved`)
 * - compliant: content of at most 5,120 characters
 * - not applicable: other resource types, and policies of other types (tag, backup, AI opt-out)
 */
import type { OwnRule, TemplateResource } from './rule';
import { isServiceControlPolicy, scpText, SCP_MAX_CHARACTERS } from './scp-content';

function problems(resource: TemplateResource): string[] {
  const text = scpText(resource);
  if (text === undefined) return ['Unresolved'];
  return text.length > SCP_MAX_CHARACTERS ? [`${text.length}Characters`] : [];
}

export const ServiceControlPolicySize: OwnRule = {
  id: 'ServiceControlPolicySize',
  level: 'error',
  info: `The service control policy is over ${SCP_MAX_CHARACTERS} characters, or its size cannot be known at synth.`,
  explanation:
    'AWS Organizations refuses an SCP over 5,120 characters, and the stack that attaches it fails. Split the ' +
    'statements over more policies (at most 5 per target, FullAWSAccess included), shorten action lists with ' +
    'wildcards, and write the content with literal values only.',
  citations: ['164.308(a)(1)(ii)(B)', '164.308(a)(4)(ii)(B)'],
  check(resource) {
    if (!isServiceControlPolicy(resource)) return 'not-applicable';
    return problems(resource).length > 0 ? 'non-compliant' : 'compliant';
  },
  findings: problems,
};
