/**
 * Amazon Inspector scanning for this account (HIPAA 164.308(a)(1)(ii)(A) risk analysis, 164.308(a)(5)(ii)(B)
 * protection from malicious software): read the account's status; ask Inspector to enable only the
 * requested types that are neither ENABLED nor ENABLING; then read the status again every
 * `pollIntervalMs` until every requested type is ENABLED, one is in a state Inspector will not leave by
 * itself (an error code, DISABLING, SUSPENDED…), or `inspectorWaitMs` (or the invocation's time) runs out.
 *
 * Enabling is asynchronous: types still ENABLING when the wait ends are reported `enabling` (the
 * resource succeeds, `InspectorStatus` says which), since Inspector finishes on its own. A type that does
 * not come on fails the setting with Inspector's error code. Inspector creates its service-linked role on
 * first use, so the function's role also needs iam:CreateServiceLinkedRole for inspector2.amazonaws.com.
 */
import {
  BatchGetAccountStatusCommand,
  EnableCommand,
  type ResourceState,
  type State,
} from '@aws-sdk/client-inspector2';
import type { SettingContext } from './context';
import type { InspectorResourceType } from './properties';
import type { SettingReport } from './report';

/** Where each resource type's state is in Inspector's account status. */
const STATE_KEY: Record<InspectorResourceType, keyof ResourceState> = {
  EC2: 'ec2',
  ECR: 'ecr',
  LAMBDA: 'lambda',
  LAMBDA_CODE: 'lambdaCode',
};

type States = Record<InspectorResourceType, State | undefined>;

export async function applyInspector(
  ctx: SettingContext,
  wanted: { readonly ResourceTypes: readonly InspectorResourceType[] },
): Promise<SettingReport> {
  const types = wanted.ResourceTypes;
  let states = await readStates(ctx, types);
  const toEnable = types.filter((t) => !['ENABLED', 'ENABLING'].includes(states[t]?.status ?? ''));

  if (toEnable.length > 0) {
    const out = await ctx.budget.call('Enable', (options) =>
      ctx.clients.inspector.send(
        new EnableCommand({ accountIds: [ctx.account], resourceTypes: [...toEnable] }),
        options,
      ),
    );
    const refused = out.failedAccounts?.find((a) => a.accountId === ctx.account) ?? out.failedAccounts?.[0];
    if (refused) {
      return {
        setting: 'Inspector',
        outcome: 'failed',
        detail: `Inspector refused to enable ${toEnable.join(', ')}`,
        error: `Enable: ${refused.errorCode}: ${refused.errorMessage ?? 'no message'}`,
      };
    }
    states = await readStates(ctx, types);
  }

  const waitEnd = Date.now() + ctx.inspectorWaitMs;
  for (;;) {
    const pending = types.filter((t) => states[t]?.status !== 'ENABLED');
    if (pending.length === 0 || pending.some((t) => hasFailed(states[t]))) break;
    const left = waitEnd - Date.now();
    if (left <= 0 || !(await ctx.budget.sleep(Math.min(ctx.pollIntervalMs, left)))) break;
    states = await readStates(ctx, types);
  }

  const status = types.map((t) => `${t}=${states[t]?.status ?? 'UNKNOWN'}`).join(' ');
  const data = { InspectorStatus: status };
  const notOn = types.filter((t) => !['ENABLED', 'ENABLING'].includes(states[t]?.status ?? ''));
  if (notOn.length > 0) {
    const errors = notOn.map((t) => `${t} ${states[t]?.status ?? 'UNKNOWN'} (${errorOf(states[t])})`).join(', ');
    return {
      setting: 'Inspector',
      outcome: 'failed',
      detail: status,
      error: `BatchGetAccountStatus: not enabled: ${errors}`,
      data,
    };
  }
  if (types.some((t) => states[t]?.status === 'ENABLING')) {
    return {
      setting: 'Inspector',
      outcome: 'enabling',
      detail: `still enabling when the wait ended (Inspector finishes on its own): ${status}`,
      data,
    };
  }
  const outcome = toEnable.length > 0 ? 'applied' : 'unchanged';
  const detail = toEnable.length > 0 ? `enabled ${toEnable.join(', ')}: ${status}` : `already ${status}`;
  return { setting: 'Inspector', outcome, detail, data };
}

async function readStates(ctx: SettingContext, types: readonly InspectorResourceType[]): Promise<States> {
  const out = await ctx.budget.call('BatchGetAccountStatus', (options) =>
    ctx.clients.inspector.send(new BatchGetAccountStatusCommand({ accountIds: [ctx.account] }), options),
  );
  const account = out.accounts?.find((a) => a.accountId === ctx.account);
  const states = {} as States;
  for (const t of types) states[t] = account?.resourceState?.[STATE_KEY[t]];
  return states;
}

/** A state Inspector will not leave for ENABLED by itself. */
function hasFailed(state: State | undefined): boolean {
  if (state?.status === 'ENABLED' || state?.status === 'ENABLING') return false;
  return Boolean(state?.errorCode) || ['DISABLING', 'SUSPENDING', 'SUSPENDED'].includes(state?.status ?? '');
}

function errorOf(state: State | undefined): string {
  if (!state) return 'no status reported';
  return state.errorCode ? `${state.errorCode}: ${state.errorMessage ?? ''}`.trim() : 'no error reported';
}
