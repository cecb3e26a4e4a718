/**
 * Management account: the audit account as delegated administrator of GuardDuty, Macie and Amazon Inspector,
 * region by region. Each service is read first (List…): the same account already registered is left as it
 * is; another account registered is a failure naming it (a service has one delegated administrator, and
 * replacing it would take the organisation's findings away from their owner); none registered is registered.
 * Registering also enables the service's trusted access in AWS Organizations and the service in the
 * administrator account. Delete changes nothing: the registrations stay (removing them would stop the
 * organisation-wide detection); `aws guardduty disable-organization-admin-account` and its like undo them.
 */
import { EnableOrganizationAdminAccountCommand, ListOrganizationAdminAccountsCommand } from '@aws-sdk/client-guardduty';
import { EnableDelegatedAdminAccountCommand, ListDelegatedAdminAccountsCommand } from '@aws-sdk/client-inspector2';
import {
  EnableOrganizationAdminAccountCommand as EnableMacieAdminCommand,
  ListOrganizationAdminAccountsCommand as ListMacieAdminsCommand,
} from '@aws-sdk/client-macie2';
import type { Budget } from '../account-settings/budget';
import type { RegionClients } from './clients';

export type Registration = 'registered' | 'already-registered';

export interface ServiceAdministrator {
  readonly service: 'GuardDuty' | 'Macie' | 'Inspector';
  /** Accounts registered (any status but a finished removal), paging included. */
  list(clients: RegionClients, budget: Budget): Promise<{ accountId: string; status: string }[]>;
  register(clients: RegionClients, budget: Budget, accountId: string, token: string): Promise<unknown>;
}

async function pages<T>(fetch: (token?: string) => Promise<{ items: T[]; next?: string }>): Promise<T[]> {
  const all: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetch(token);
    all.push(...page.items);
    token = page.next;
  } while (token);
  return all;
}

export const SERVICE_ADMINISTRATORS: readonly ServiceAdministrator[] = [
  {
    service: 'GuardDuty',
    list: (c, budget) =>
      pages(async (NextToken) => {
        const out = await budget.call('GuardDuty ListOrganizationAdminAccounts', (o) =>
          c.guardDuty.send(new ListOrganizationAdminAccountsCommand({ NextToken }), o),
        );
        return {
          items: (out.AdminAccounts ?? []).map((a) => ({
            accountId: a.AdminAccountId ?? '',
            status: a.AdminStatus ?? '',
          })),
          next: out.NextToken,
        };
      }),
    register: (c, budget, AdminAccountId) =>
      budget.call('GuardDuty EnableOrganizationAdminAccount', (o) =>
        c.guardDuty.send(new EnableOrganizationAdminAccountCommand({ AdminAccountId }), o),
      ),
  },
  {
    service: 'Macie',
    list: (c, budget) =>
      pages(async (nextToken) => {
        const out = await budget.call('Macie ListOrganizationAdminAccounts', (o) =>
          c.macie.send(new ListMacieAdminsCommand({ nextToken }), o),
        );
        return {
          items: (out.adminAccounts ?? []).map((a) => ({ accountId: a.accountId ?? '', status: a.status ?? '' })),
          next: out.nextToken,
        };
      }),
    register: (c, budget, adminAccountId, clientToken) =>
      budget.call('Macie EnableOrganizationAdminAccount', (o) =>
        c.macie.send(new EnableMacieAdminCommand({ adminAccountId, clientToken }), o),
      ),
  },
  {
    service: 'Inspector',
    list: (c, budget) =>
      pages(async (nextToken) => {
        const out = await budget.call('Inspector ListDelegatedAdminAccounts', (o) =>
          c.inspector.send(new ListDelegatedAdminAccountsCommand({ nextToken }), o),
        );
        return {
          items: (out.delegatedAdminAccounts ?? []).map((a) => ({
            accountId: a.accountId ?? '',
            status: a.status ?? '',
          })),
          next: out.nextToken,
        };
      }),
    register: (c, budget, delegatedAdminAccountId, clientToken) =>
      budget.call('Inspector EnableDelegatedAdminAccount', (o) =>
        c.inspector.send(new EnableDelegatedAdminAccountCommand({ delegatedAdminAccountId, clientToken }), o),
      ),
  },
];

/** Another account is the service's delegated administrator: the stack fails and says which. */
export class OtherAdministratorError extends Error {
  constructor(service: string, region: string, other: string, wanted: string) {
    super(
      `${service} in ${region}: account ${other} is already the delegated administrator (wanted ${wanted}); deregister it deliberately first (the baseline never replaces an administrator)`,
    );
    this.name = 'OtherAdministrator';
  }
}

/** One service in one region: registered when nobody is, left when `accountId` already is. */
export async function ensureAdministrator(
  admin: ServiceAdministrator,
  clients: RegionClients,
  budget: Budget,
  region: string,
  accountId: string,
  token: string,
): Promise<Registration> {
  const current = (await admin.list(clients, budget)).filter((a) => a.accountId);
  if (current.some((a) => a.accountId === accountId)) return 'already-registered';
  const other = current[0];
  if (other) throw new OtherAdministratorError(admin.service, region, other.accountId, accountId);
  await admin.register(clients, budget, accountId, token);
  return 'registered';
}
