/**
 * Security Hub standards on the account's existing hub (`accountServices.securityHub: existing`; HIPAA
 * 164.308(a)(1)(ii)(A), 164.308(a)(8)): each requested standard that is not subscribed (or whose subscription
 * FAILED or is being deleted) is enabled with BatchEnableStandards. Standards the account has beyond those are
 * left alone; the function never disables one. A hub that is not enabled answers InvalidAccessException, and a
 * member account under central configuration is refused by Security Hub: both fail the setting with the
 * service's message.
 */
import {
  BatchEnableStandardsCommand,
  GetEnabledStandardsCommand,
  type StandardsSubscription,
} from '@aws-sdk/client-securityhub';
import type { SettingContext } from './context';
import type { SettingReport } from './report';

/** Subscription states that count as on (PENDING and READY) or that Security Hub completes itself. */
const ON = new Set(['PENDING', 'READY', 'INCOMPLETE']);

export async function applySecurityHubStandards(
  ctx: SettingContext,
  wanted: { readonly StandardsArns: readonly string[] },
): Promise<SettingReport> {
  const subscriptions = await enabledStandards(ctx);
  const status = (arn: string) => subscriptions.find((s) => s.StandardsArn === arn)?.StandardsStatus;
  const toEnable = wanted.StandardsArns.filter((arn) => !ON.has(status(arn) ?? ''));
  if (toEnable.length === 0) {
    return {
      setting: 'SecurityHubStandards',
      outcome: 'unchanged',
      detail: `already subscribed: ${wanted.StandardsArns.map((arn) => `${name(arn)} ${status(arn)}`).join(', ')}`,
    };
  }
  const out = await ctx.budget.call('BatchEnableStandards', (options) =>
    ctx.clients.securityhub.send(
      new BatchEnableStandardsCommand({
        StandardsSubscriptionRequests: toEnable.map((StandardsArn) => ({ StandardsArn })),
      }),
      options,
    ),
  );
  const failed = (out.StandardsSubscriptions ?? []).filter((s) => s.StandardsStatus === 'FAILED');
  if (failed.length > 0) {
    return {
      setting: 'SecurityHubStandards',
      outcome: 'failed',
      detail: `Security Hub did not subscribe ${failed.map((s) => name(s.StandardsArn ?? '')).join(', ')}`,
      error: `BatchEnableStandards: ${failed
        .map((s) => `${name(s.StandardsArn ?? '')} ${s.StandardsStatusReason?.StatusReasonCode ?? 'FAILED'}`)
        .join(', ')}`,
    };
  }
  return {
    setting: 'SecurityHubStandards',
    outcome: 'applied',
    detail: `enabled ${toEnable.map(name).join(', ')}`,
  };
}

async function enabledStandards(ctx: SettingContext): Promise<StandardsSubscription[]> {
  const all: StandardsSubscription[] = [];
  let token: string | undefined;
  do {
    const page = await ctx.budget.call('GetEnabledStandards', (options) =>
      ctx.clients.securityhub.send(new GetEnabledStandardsCommand({ NextToken: token, MaxResults: 100 }), options),
    );
    all.push(...(page.StandardsSubscriptions ?? []));
    token = page.NextToken;
  } while (token);
  return all;
}

/** `aws-foundational-security-best-practices/v/1.0.0` from the standard's ARN. */
function name(arn: string): string {
  return arn.replace(/^arn:[^:]+:securityhub:[^:]*::standards\//, '');
}
