/**
 * HIPAABaseline-TemplateLoadable — the template could be loaded into a construct tree for the cdk-nag
 * packs (HIPAA.Security, AwsSolutions). When it cannot (a dangling reference, Fn::ForEach, a cycle the
 * loader rejects…), those packs did not run on it: this is reported as an error rather than passing
 * silently. Own rules and template rules still run on the raw template.
 *
 * Scenarios:
 * - non-compliant: cloudformation-include rejects the (normalised) template
 * - compliant: the template loads
 */
import type { TemplateRuleInfo } from './rule';

export const TemplateLoadable: TemplateRuleInfo = {
  id: 'TemplateLoadable',
  level: 'error',
  info: 'The template could not be loaded for the HIPAA.Security and AwsSolutions packs.',
  explanation:
    'The cdk-nag packs judge a construct tree, so the template is loaded with cloudformation-include. Fix what ' +
    'the message names (it would usually also fail to deploy) so every rule can run.',
  citations: ['164.308(a)(1)(ii)(B)', '164.308(a)(8)'],
};
