/**
 * What a request does: Create and Update apply the setting of the properties (./administrators.ts or
 * ./auto-enable.ts); Delete changes nothing — removing the resource never switches organisation-wide
 * detection off.
 */
import type { Budget } from '../account-settings/budget';
import type { RequestType } from '../account-settings/event';
import { ensureAdministrator, SERVICE_ADMINISTRATORS } from './administrators';
import { applyGuardDuty, applyInspector, applyMacie, findDetector } from './auto-enable';
import type { Clients } from './clients';
import { ensureOrganizationsAdministrator, ORGANIZATIONS_PRINCIPALS } from './organizations';
import type { OrganizationSetting } from './properties';

export interface RunContext {
  readonly clients: Clients;
  readonly budget: Budget;
  readonly account: string;
  readonly region: string;
  /** Idempotency token of the registration calls (the request id). */
  readonly token: string;
}

export interface RunReport {
  /** One line saying what was found and done. */
  readonly detail: string;
  /** Values for the response's Data (each readable with Fn::GetAtt). */
  readonly data: Readonly<Record<string, string>>;
}

export async function runRequest(
  ctx: RunContext,
  requestType: RequestType,
  setting: OrganizationSetting,
): Promise<RunReport> {
  if (requestType === 'Delete') {
    return {
      detail:
        setting.setting === 'DelegatedAdministrator'
          ? 'the delegated administrators stay registered (nothing was changed)'
          : 'auto-enable stays on for every member account (nothing was changed)',
      data: {},
    };
  }
  if (setting.setting === 'DelegatedAdministrator') {
    const done: string[] = [];
    const data: Record<string, string> = {};
    for (const principal of ORGANIZATIONS_PRINCIPALS) {
      const outcome = await ensureOrganizationsAdministrator(
        principal,
        ctx.clients(ctx.region).organizations,
        ctx.budget,
        setting.administratorAccountId,
      );
      data[principal.servicePrincipal] = outcome;
      done.push(`${principal.servicePrincipal} ${outcome}`);
    }
    for (const region of setting.regions) {
      for (const admin of SERVICE_ADMINISTRATORS) {
        const outcome = await ensureAdministrator(
          admin,
          ctx.clients(region),
          ctx.budget,
          region,
          setting.administratorAccountId,
          `${ctx.token}-${admin.service}-${region}`.slice(0, 64),
        );
        data[`${admin.service}-${region}`] = outcome;
        done.push(`${admin.service} ${region} ${outcome}`);
      }
    }
    return {
      detail: `delegated administrator ${setting.administratorAccountId}: ${done.join(', ')}`,
      data: { AdministratorAccountId: setting.administratorAccountId, ...data },
    };
  }
  const target = { clients: ctx.clients(ctx.region), budget: ctx.budget, account: ctx.account, region: ctx.region };
  const guardDuty = await applyGuardDuty(target, setting.guardDutyDetectorId, setting.guardDutyFeatures);
  const macie = await applyMacie(target);
  const inspector = await applyInspector(target, setting.inspectorResourceTypes);
  const data: Record<string, string> = { GuardDuty: guardDuty, Macie: macie, Inspector: inspector };
  const lines = [`${ctx.region}: GuardDuty ${guardDuty}, Macie ${macie}, Amazon Inspector ${inspector}`];
  for (const region of setting.otherRegions.filter((r) => r !== ctx.region)) {
    const there = { ...target, clients: ctx.clients(region), region };
    const detector = await findDetector(there);
    data[`GuardDuty-${region}`] = await applyGuardDuty(there, detector, setting.guardDutyFeatures);
    data[`Macie-${region}`] = await applyMacie(there);
    data[`Inspector-${region}`] = await applyInspector(there, setting.inspectorResourceTypes);
    lines.push(
      `${region}: GuardDuty ${data[`GuardDuty-${region}`]}, Macie ${data[`Macie-${region}`]}, Amazon Inspector ${data[`Inspector-${region}`]}`,
    );
  }
  return { detail: `organisation auto-enable ${lines.join('; ')}`, data };
}
