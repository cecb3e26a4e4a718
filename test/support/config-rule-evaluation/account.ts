import type { ConfigRuleIdentifier } from '../../../lib/controls/catalog.generated';
import {
  environmentOf,
  judge,
  judgeAccount,
  numberParameter,
  booleanParameter,
  props,
  resourcesOf,
  type Located,
} from './template';
import type { Evaluation, Evaluator, RuleContext } from './types';

/** The account-settings custom resource (settings with no CloudFormation resource) in the rule's region. */
const settings = (context: RuleContext): Located | undefined =>
  resourcesOf(context.stacks, 'Custom::AccountSettings').find(
    (s) => s.stack.environment === environmentOf(context.stacks, context.rule.stack),
  );

/** Judges an account setting held by the custom resource; the account default fails. */
function setting(
  context: RuleContext,
  failure: (properties: Record<string, any>) => string | undefined,
  compliant: string,
): Evaluation[] {
  const holder = settings(context);
  if (!holder)
    return [judgeAccount(context, 'NON_COMPLIANT', "no Custom::AccountSettings in the rule's region sets it")];
  const why = failure(props(holder));
  return [judge(context, holder, why ? 'NON_COMPLIANT' : 'COMPLIANT', why ?? compliant)];
}

/** A regional service resource (GuardDuty detector, Security Hub hub) in the rule's region. */
function service(context: RuleContext, type: string, enabled: (s: Located) => boolean, name: string): Evaluation[] {
  const region = environmentOf(context.stacks, context.rule.stack);
  const found = resourcesOf(context.stacks, type).filter((s) => s.stack.environment === region);
  if (found.length === 0) return [judgeAccount(context, 'NON_COMPLIANT', `no ${name} in the rule's region`)];
  return found.map((s) =>
    judge(context, s, enabled(s) ? 'COMPLIANT' : 'NON_COMPLIANT', `${name} ${enabled(s) ? 'enabled' : 'disabled'}`),
  );
}

/** IAM password policy requirements: the rule's parameters (case-sensitive `true`) against the policy set. */
function passwordPolicy(context: RuleContext, policy: Record<string, any> | undefined): string | undefined {
  if (!policy) return 'no password policy is set (the account default fails)';
  const failures: string[] = [];
  for (const flag of ['RequireUppercaseCharacters', 'RequireLowercaseCharacters', 'RequireSymbols', 'RequireNumbers']) {
    if (booleanParameter(context, flag, true) && policy[flag] !== true) failures.push(`${flag} is not set`);
  }
  const at = (name: string) => numberParameter(context, name, NaN);
  if (!(policy.MinimumPasswordLength >= at('MinimumPasswordLength'))) failures.push('MinimumPasswordLength is shorter');
  if (!(policy.PasswordReusePrevention >= at('PasswordReusePrevention')))
    failures.push('PasswordReusePrevention remembers fewer');
  if (!(policy.MaxPasswordAge > 0 && policy.MaxPasswordAge <= at('MaxPasswordAge')))
    failures.push('MaxPasswordAge is longer');
  return failures.length > 0 ? failures.join('; ') : undefined;
}

/** Account-level rules: settings the account-settings custom resource makes, and the regional detection services. */
export const ACCOUNT_EVALUATORS: Partial<Record<ConfigRuleIdentifier, Evaluator>> = {
  IAM_PASSWORD_POLICY: (context) =>
    setting(
      context,
      (p) => passwordPolicy(context, p.PasswordPolicy),
      'the password policy set meets every parameter of the rule',
    ),
  EC2_EBS_ENCRYPTION_BY_DEFAULT: (context) =>
    setting(
      context,
      (p) => (p.EbsEncryptionByDefault ? undefined : 'EBS encryption by default is not set'),
      'EBS encryption by default is enabled',
    ),
  S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC: (context) =>
    // The custom resource sets all four settings; the rule's parameters can only ask for them.
    setting(
      context,
      (p) => (p.S3AccountPublicAccessBlock === true ? undefined : 'the account-level public access block is not set'),
      'all four account-level public access block settings are on',
    ),
  GUARDDUTY_ENABLED_CENTRALIZED: (context) =>
    service(context, 'AWS::GuardDuty::Detector', (d) => props(d).Enable === true, 'GuardDuty detector'),
  SECURITYHUB_ENABLED: (context) => service(context, 'AWS::SecurityHub::Hub', () => true, 'Security Hub'),
};
