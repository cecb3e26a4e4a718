/**
 * HIPAABaseline-ServiceControlPolicyExemptions — every Deny of a service control policy exempts, by
 * `aws:PrincipalARN`, the role CloudFormation StackSets deploys the member baseline with
 * (`stacksets-exec-*`) and the roles the configuration names (break-glass, the baseline's remediation role):
 * a guardrail without them blocks the baseline's own deployment and the way out of an emergency. Denying
 * `organizations:LeaveOrganization` alone needs no exemption.
 *
 * Scenarios:
 * - non-compliant: a Deny without a condition on aws:PrincipalARN; one whose negated condition (ArnNotLike,
 *   ArnNotEquals, StringNotLike, StringNotEquals) leaves out a required role; content that cannot be read
 *   (finding `Unresolved`). Findings are named by the statement's Sid (or `Statement<index>`).
 * - compliant: every Deny exempts the required roles (a wildcard value covering them counts); a policy
 *   denying only leaving the organisation
 * - not applicable: other resource types and policy types
 */
import type { OwnRule, RuleSettings, TemplateResource } from './rule';
import { isServiceControlPolicy, scpStatements } from './scp-content';

/** The StackSets (service-managed) execution role of every member account. */
export const STACKSETS_EXECUTION_ROLE_ARN = 'arn:*:iam::*:role/stacksets-exec-*';

const EXEMPTING_OPERATORS = ['ArnNotLike', 'ArnNotEquals', 'StringNotLike', 'StringNotEquals'];

/** IAM policy wildcard matching (`*` any run, `?` one character), case-sensitive as ARNs are. */
function covers(pattern: string, value: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return regex.test(value);
}

/** The aws:PrincipalARN values a statement's negated conditions exempt. */
function exempted(statement: Record<string, any>): string[] {
  const condition = statement.Condition;
  if (!condition || typeof condition !== 'object') return [];
  return EXEMPTING_OPERATORS.flatMap((operator) => {
    const block = condition[operator];
    if (!block || typeof block !== 'object') return [];
    return Object.entries(block)
      .filter(([key]) => key.toLowerCase() === 'aws:principalarn')
      .flatMap(([, values]) => [values].flat().filter((v): v is string => typeof v === 'string'));
  });
}

const onlyLeaving = (statement: Record<string, any>) => {
  const actions = [statement.Action].flat();
  return (
    statement.NotAction === undefined &&
    actions.length > 0 &&
    actions.every((a) => a === 'organizations:LeaveOrganization')
  );
};

/** Roles every Deny must exempt. */
export const requiredExemptions = (settings: RuleSettings): string[] => [
  STACKSETS_EXECUTION_ROLE_ARN,
  ...(settings.guardrailExemptPrincipalArns ?? []),
];

function problems(resource: TemplateResource, settings: RuleSettings): string[] {
  const statements = scpStatements(resource);
  if (!statements) return ['Unresolved'];
  const required = requiredExemptions(settings);
  return statements.flatMap((statement, index) => {
    if (statement.Effect !== 'Deny' || onlyLeaving(statement)) return [];
    const values = exempted(statement);
    const missing = required.filter((arn) => !values.some((value) => covers(value, arn)));
    return missing.length > 0 ? [String(statement.Sid ?? `Statement${index}`)] : [];
  });
}

export const ServiceControlPolicyExemptions: OwnRule = {
  id: 'ServiceControlPolicyExemptions',
  level: 'error',
  info: 'A Deny of the service control policy does not exempt the StackSets execution role and the break-glass and remediation roles.',
  explanation:
    'Add a condition "ArnNotLike": {"aws:PrincipalARN": [...]} listing arn:*:iam::*:role/stacksets-exec-* and ' +
    'the roles of organization.breakGlassRoleName and the member remediation role (the guardrails builder ' +
    'does). Without it the member StackSet cannot deploy what the SCP protects, and nobody can repair it.',
  citations: ['164.308(a)(7)(ii)(C)', '164.308(a)(4)(ii)(B)', '164.312(a)(2)(ii)'],
  check(resource, { settings }) {
    if (!isServiceControlPolicy(resource)) return 'not-applicable';
    return problems(resource, settings).length > 0 ? 'non-compliant' : 'compliant';
  },
  findings: (resource, { settings }) => problems(resource, settings),
};
