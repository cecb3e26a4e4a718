/**
 * HIPAABaseline-ResourcePolicyNotPublic — no resource policy (bucket, key, queue, topic, role trust,
 * secret, backup vault, event bus, ECR repository, VPC endpoint, log resource policy, file system, search
 * domain, API, table) or Lambda permission allows anyone — a `*` principal, NotPrincipal, or an account
 * outside the configured one — unless a condition confines the callers to this account or organisation
 * (aws:PrincipalAccount, aws:PrincipalOrgID, aws:SourceAccount, aws:SourceArn, kms:CallerAccount, …).
 * A condition the rule cannot resolve (an import, a parameter) is a finding of its own, never a pass.
 *
 * Scenarios:
 * - non-compliant: `Principal: "*"` or `{"AWS": "*"}` without a confining condition; confinement only by
 *   a negated, IfExists or ForAllValues operator, or by a wildcard value; NotPrincipal; a foreign account;
 *   a Lambda permission for `*` without SourceAccount/SourceArn/PrincipalOrgID; an unresolvable value
 * - compliant: each of those confined to this account or organisation; service principals; Deny statements
 * - not applicable: types without a resource policy
 * Findings are named by the statement's Sid (or `Statement<index>`).
 */
import { openStatements, policiesOf, type PolicyProblem } from './policy-analysis';
import type { OwnRule, RuleContext, TemplateResource } from './rule';

function lambdaPermission(resource: TemplateResource, context: RuleContext): PolicyProblem[] {
  const p = resource.Properties ?? {};
  const principal = p.Principal;
  const anyone = principal === '*';
  const foreign =
    context.settings.account && /^\d{12}$/.test(String(principal)) && principal !== context.settings.account;
  if (!anyone && !foreign) return [];
  if (p.SourceAccount !== undefined || p.SourceArn !== undefined || p.PrincipalOrgID !== undefined) return [];
  return [
    { finding: 'Permission', message: `the function may be invoked by ${anyone ? 'anyone' : `account ${principal}`}` },
  ];
}

function problems(resource: TemplateResource, context: RuleContext): PolicyProblem[] {
  if (resource.Type === 'AWS::Lambda::Permission') return lambdaPermission(resource, context);
  return openStatements(resource, context.settings, (id) => context.resources.has(id));
}

export const ResourcePolicyNotPublic: OwnRule = {
  id: 'ResourcePolicyNotPublic',
  level: 'error',
  info: 'A resource policy allows anyone (or another account) without confining callers to this account or organisation.',
  explanation:
    'Add a condition on aws:PrincipalAccount, aws:PrincipalOrgID, aws:SourceAccount/aws:SourceArn (services) or ' +
    'kms:CallerAccount with this account or organisation, or name the principals instead of "*". Conditions with ' +
    'IfExists, ForAllValues or negated operators do not confine: they hold when the key is absent.',
  citations: ['164.312(a)(1)', '164.308(a)(4)(ii)(B)', '164.308(a)(3)(ii)(A)'],
  configRules: [
    'S3_BUCKET_PUBLIC_READ_PROHIBITED',
    'S3_BUCKET_PUBLIC_WRITE_PROHIBITED',
    'LAMBDA_FUNCTION_PUBLIC_ACCESS_PROHIBITED',
  ],
  check(resource, context) {
    if (resource.Type !== 'AWS::Lambda::Permission' && policiesOf(resource).length === 0) return 'not-applicable';
    return problems(resource, context).length > 0 ? 'non-compliant' : 'compliant';
  },
  findings: (resource, context) => problems(resource, context).map((p) => p.finding),
};
