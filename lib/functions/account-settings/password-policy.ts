/**
 * IAM account password policy (HIPAA 164.308(a)(5)(ii)(D) password management): read the policy, and
 * write it only when a field differs. IAM has one policy per account; UpdateAccountPasswordPolicy replaces
 * it whole, so every field is sent.
 */
import {
  GetAccountPasswordPolicyCommand,
  NoSuchEntityException,
  UpdateAccountPasswordPolicyCommand,
  type PasswordPolicy as IamPasswordPolicy,
} from '@aws-sdk/client-iam';
import { StepError } from './budget';
import type { SettingContext } from './context';
import type { PasswordPolicy } from './properties';
import type { SettingReport } from './report';

const FIELDS = [
  'MinimumPasswordLength',
  'RequireSymbols',
  'RequireNumbers',
  'RequireUppercaseCharacters',
  'RequireLowercaseCharacters',
  'MaxPasswordAge',
  'PasswordReusePrevention',
  'AllowUsersToChangePassword',
  'HardExpiry',
] as const;

export async function applyPasswordPolicy(ctx: SettingContext, wanted: PasswordPolicy): Promise<SettingReport> {
  const current = await readPolicy(ctx);
  const differing = FIELDS.filter((field) => current?.[field] !== wanted[field]);
  const text = FIELDS.map((field) => `${field}=${wanted[field]}`).join(' ');
  if (differing.length === 0) {
    return { setting: 'PasswordPolicy', outcome: 'unchanged', detail: `already ${text}` };
  }
  await ctx.budget.call('UpdateAccountPasswordPolicy', (options) =>
    ctx.clients.iam.send(new UpdateAccountPasswordPolicyCommand({ ...wanted }), options),
  );
  const was = current ? `changed ${differing.join(', ')}` : 'the account had no password policy';
  return { setting: 'PasswordPolicy', outcome: 'applied', detail: `${was}; now ${text}` };
}

async function readPolicy(ctx: SettingContext): Promise<IamPasswordPolicy | undefined> {
  try {
    const out = await ctx.budget.call('GetAccountPasswordPolicy', (options) =>
      ctx.clients.iam.send(new GetAccountPasswordPolicyCommand({}), options),
    );
    return out.PasswordPolicy;
  } catch (error) {
    if (error instanceof StepError && error.cause instanceof NoSuchEntityException) return undefined;
    throw error;
  }
}
