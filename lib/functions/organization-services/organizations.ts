/**
 * Management account: the audit account as delegated administrator of the services AWS Organizations
 * registers itself (no service API of their own): AWS Config (`config.amazonaws.com`, and
 * `config-multiaccountsetup.amazonaws.com` for organisation conformance packs and rules) and IAM Access
 * Analyzer (`access-analyzer.amazonaws.com`). Each is read first (ListDelegatedAdministrators); the audit
 * account already registered is left as it is. AWS Config accepts several delegated administrators, so
 * another one is left in place and the audit account is added; Access Analyzer accepts one, so another
 * account registered fails naming it. Trusted access (EnableAWSServiceAccess) is turned on before
 * registering, as Organizations requires. Delete changes nothing.
 */
import {
  AccountAlreadyRegisteredException,
  EnableAWSServiceAccessCommand,
  ListDelegatedAdministratorsCommand,
  RegisterDelegatedAdministratorCommand,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import type { Budget } from '../account-settings/budget';
import { OtherAdministratorError, type Registration } from './administrators';

export interface OrganizationsPrincipal {
  readonly servicePrincipal: string;
  /** The service takes one delegated administrator: another one registered is a failure. */
  readonly single: boolean;
}

export const ORGANIZATIONS_PRINCIPALS: readonly OrganizationsPrincipal[] = [
  { servicePrincipal: 'config.amazonaws.com', single: false },
  { servicePrincipal: 'config-multiaccountsetup.amazonaws.com', single: false },
  { servicePrincipal: 'access-analyzer.amazonaws.com', single: true },
];

async function administrators(
  client: OrganizationsClient,
  budget: Budget,
  ServicePrincipal: string,
): Promise<string[]> {
  const ids: string[] = [];
  let NextToken: string | undefined;
  do {
    const out = await budget.call('Organizations ListDelegatedAdministrators', (o) =>
      client.send(new ListDelegatedAdministratorsCommand({ ServicePrincipal, NextToken }), o),
    );
    ids.push(...(out.DelegatedAdministrators ?? []).map((a) => a.Id ?? '').filter(Boolean));
    NextToken = out.NextToken;
  } while (NextToken);
  return ids;
}

/** One service principal: registered when the audit account is not, unless a single-administrator service has another. */
export async function ensureOrganizationsAdministrator(
  principal: OrganizationsPrincipal,
  client: OrganizationsClient,
  budget: Budget,
  accountId: string,
): Promise<Registration> {
  const { servicePrincipal: ServicePrincipal } = principal;
  const current = await administrators(client, budget, ServicePrincipal);
  if (current.includes(accountId)) return 'already-registered';
  if (principal.single && current[0]) {
    throw new OtherAdministratorError(ServicePrincipal, 'the organisation', current[0], accountId);
  }
  await budget.call('Organizations EnableAWSServiceAccess', (o) =>
    client.send(new EnableAWSServiceAccessCommand({ ServicePrincipal }), o),
  );
  try {
    await budget.call('Organizations RegisterDelegatedAdministrator', (o) =>
      client.send(new RegisterDelegatedAdministratorCommand({ AccountId: accountId, ServicePrincipal }), o),
    );
  } catch (error) {
    // Registered between the read and the write (a concurrent deploy): the outcome wanted.
    if (error instanceof AccountAlreadyRegisteredException) return 'already-registered';
    throw error;
  }
  return 'registered';
}
