import type { ConfigRuleIdentifier } from '../../../lib/controls/catalog.generated';
import {
  asArray,
  canonical,
  csvParameter,
  eachOfType,
  props,
  refOf,
  resourcesOf,
  statements,
  type Located,
} from './template';
import type { Evaluator, RuleContext } from './types';

const MANAGED_POLICY = 'AWS::IAM::ManagedPolicy';
const IDENTITIES = ['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'];

/** IAM wildcard matching (`*` and `?`), case-insensitive as IAM matches actions. */
const wildcard = (pattern: string) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  );

/** Whether an allowed action and a blocked action pattern can name a common action. */
const overlaps = (action: string, pattern: string) => wildcard(action).test(pattern) || wildcard(pattern).test(action);

/** A resource element naming every KMS key (`*`, or an ARN whose account, region or key id is a wildcard). */
const allKeys = (resource: string) => resource === '*' || /^arn:[^:]*:kms:[^:]*:[^:]*:(\*|key\/\*)$/.test(resource);

/** Allow statements granting a blocked KMS action on every key. */
function blockedKmsGrants(context: RuleContext, located: Located, documents: any[]): string[] {
  const blocked = csvParameter(context, 'blockedActionsPatterns');
  return documents
    .flatMap(statements)
    .filter((s) => s.Effect === 'Allow')
    .filter((s) => asArray<unknown>(s.Resource).some((r) => allKeys(canonical(r, located.stack, context.stacks))))
    .flatMap((s) => asArray<string>(s.Action).filter((action) => blocked.some((p) => overlaps(action, p))));
}

/** Inline policies of an identity: its `Policies` and the `AWS::IAM::Policy` resources attached to it. */
function inlinePolicies(context: RuleContext, identity: Located): any[] {
  const key = { 'AWS::IAM::Role': 'Roles', 'AWS::IAM::User': 'Users', 'AWS::IAM::Group': 'Groups' }[
    identity.resource.Type
  ]!;
  const attached = resourcesOf(context.stacks, 'AWS::IAM::Policy').filter((policy) =>
    asArray(props(policy)[key]).some((ref) => canonical(ref, policy.stack, context.stacks) === refOf(identity)),
  );
  return [...asArray<any>(props(identity).Policies), ...attached.map(props)].map((p) => p.PolicyDocument);
}

const eachIdentity = (context: RuleContext, failure: (identity: Located) => string | undefined, compliant: string) =>
  IDENTITIES.flatMap((type) => eachOfType(context, type, failure, compliant));

/** Allow statements of a managed policy whose actions match a test. */
const allowing = (policy: Located, test: (action: string, s: any) => boolean) =>
  statements(props(policy).PolicyDocument).filter(
    (s) => s.Effect === 'Allow' && asArray<string>(s.Action).some((action) => test(action, s)),
  );

/** AWS Config managed rules over IAM: customer managed policies (`AWS::IAM::Policy` in Config) and identities. */
export const IAM_EVALUATORS: Partial<Record<ConfigRuleIdentifier, Evaluator>> = {
  IAM_CUSTOMER_POLICY_BLOCKED_KMS_ACTIONS: (context) =>
    eachOfType(
      context,
      MANAGED_POLICY,
      (policy) => {
        const grants = blockedKmsGrants(context, policy, [props(policy).PolicyDocument]);
        return grants.length > 0 ? `allows ${grants.join(', ')} on every KMS key` : undefined;
      },
      'grants KMS actions only on named keys',
    ),
  IAM_INLINE_POLICY_BLOCKED_KMS_ACTIONS: (context) =>
    eachIdentity(
      context,
      (identity) => {
        const grants = blockedKmsGrants(context, identity, inlinePolicies(context, identity));
        return grants.length > 0 ? `an inline policy allows ${grants.join(', ')} on every KMS key` : undefined;
      },
      'no inline policy allows a blocked KMS action on every key',
    ),
  IAM_NO_INLINE_POLICY_CHECK: (context) =>
    eachIdentity(
      context,
      (identity) => (inlinePolicies(context, identity).length > 0 ? 'has an inline policy' : undefined),
      'has no inline policy (managed policies only)',
    ),
  IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS: (context) =>
    eachOfType(
      context,
      MANAGED_POLICY,
      (policy) =>
        allowing(policy, (action, s) => action === '*' && asArray(s.Resource).includes('*')).length > 0
          ? 'allows "*" on "*"'
          : undefined,
      'no statement allows every action on every resource',
    ),
  IAM_POLICY_NO_STATEMENTS_WITH_FULL_ACCESS: (context) =>
    eachOfType(
      context,
      MANAGED_POLICY,
      (policy) => {
        const full = allowing(policy, (action) => action === '*' || action.endsWith(':*'));
        return full.length > 0 ? `allows ${full.flatMap((s) => asArray(s.Action)).join(', ')}` : undefined;
      },
      'no statement allows every action of a service',
    ),
};
