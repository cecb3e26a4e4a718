/** Macie automated sensitive-data discovery (HIPAA 164.308(a)(1)(ii)(A) risk analysis): on when it is off. */
import {
  GetAutomatedDiscoveryConfigurationCommand,
  UpdateAutomatedDiscoveryConfigurationCommand,
} from '@aws-sdk/client-macie2';
import type { SettingContext } from './context';
import type { SettingReport } from './report';

export async function applyMacieDiscovery(ctx: SettingContext): Promise<SettingReport> {
  const { macie } = ctx.clients;
  const current = await ctx.budget.call('GetAutomatedDiscoveryConfiguration', (options) =>
    macie.send(new GetAutomatedDiscoveryConfigurationCommand({}), options),
  );
  if (current.status === 'ENABLED') {
    return { setting: 'MacieAutomatedDiscovery', outcome: 'unchanged', detail: 'already ENABLED' };
  }
  await ctx.budget.call('UpdateAutomatedDiscoveryConfiguration', (options) =>
    macie.send(new UpdateAutomatedDiscoveryConfigurationCommand({ status: 'ENABLED' }), options),
  );
  return {
    setting: 'MacieAutomatedDiscovery',
    outcome: 'applied',
    detail: `${current.status ?? 'not configured'} -> ENABLED`,
  };
}
