/**
 * The delegated administrator account (stack region): the organisation configuration that enables GuardDuty,
 * Macie and Amazon Inspector in every member account, present and new.
 * - GuardDuty: AutoEnableOrganizationMembers ALL and AutoEnable ALL for each protection plan of the
 *   properties (and its additional configuration); plans the properties leave out are left as they are.
 * - Macie: autoEnable true.
 * - Amazon Inspector: autoEnable true for the scans of the properties (the others keep their value).
 * Each is read first and written only when it differs. Delete changes nothing (auto-enable stays on: turning
 * it off would leave new accounts unprotected). A refusal because this account is not the delegated
 * administrator is reported as such, naming what to register and where.
 */
import {
  ListDetectorsCommand,
  DescribeOrganizationConfigurationCommand as DescribeGuardDuty,
  UpdateOrganizationConfigurationCommand as UpdateGuardDuty,
  type OrganizationFeatureConfigurationResult,
} from '@aws-sdk/client-guardduty';
import {
  DescribeOrganizationConfigurationCommand as DescribeInspector,
  UpdateOrganizationConfigurationCommand as UpdateInspector,
  type AutoEnable,
} from '@aws-sdk/client-inspector2';
import {
  DescribeOrganizationConfigurationCommand as DescribeMacie,
  UpdateOrganizationConfigurationCommand as UpdateMacie,
} from '@aws-sdk/client-macie2';
import { StepError, type Budget } from '../account-settings/budget';
import { errorCode } from '../common/aws-errors';
import type { RegionClients } from './clients';
import type { GuardDutyFeatureSetting, InspectorResourceType } from './properties';

export type AutoEnableOutcome = 'applied' | 'unchanged';

export interface AutoEnableContext {
  readonly clients: RegionClients;
  readonly budget: Budget;
  readonly account: string;
  readonly region: string;
}

/** Errors a service answers an account that is not its delegated administrator with. */
const NOT_ADMINISTRATOR_CODES = new Set(['AccessDeniedException', 'BadRequestException', 'ValidationException']);

/** What the stack must have before this account can set the organisation configuration. */
export function registrationHint(service: string, account: string, region: string): string {
  return `${service} refused the organisation configuration: if account ${account} is not yet ${service}'s delegated administrator in ${region}, deploy the Management stack first (management account: it registers the delegated administrators), then this stack again`;
}

/** Runs one service's steps; a refusal a non-administrator gets carries the registration hint. */
async function asAdministrator<T>(ctx: AutoEnableContext, service: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof StepError && NOT_ADMINISTRATOR_CODES.has(errorCode(error.cause))) {
      throw new StepError(`${error.step} (${registrationHint(service, ctx.account, ctx.region)})`, error.cause);
    }
    throw error;
  }
}

/**
 * This account's detector in a region other than the stack's: registering the delegated administrator
 * enables GuardDuty in that account and region, so there is one once the management stack has run.
 */
export async function findDetector(ctx: AutoEnableContext): Promise<string> {
  const out = await ctx.budget.call(`GuardDuty ListDetectors (${ctx.region})`, (o) =>
    ctx.clients.guardDuty.send(new ListDetectorsCommand({}), o),
  );
  const id = out.DetectorIds?.[0];
  if (!id) {
    throw new StepError(
      `GuardDuty ListDetectors (${ctx.region})`,
      new Error(`no detector in ${ctx.region}; ${registrationHint('GuardDuty', ctx.account, ctx.region)}`),
    );
  }
  return id;
}

/** The features that differ from ALL (with every additional configuration ALL), as UpdateOrganizationConfiguration takes them. */
function guardDutyDifference(
  wanted: readonly GuardDutyFeatureSetting[],
  current: readonly OrganizationFeatureConfigurationResult[],
): boolean {
  return wanted.some((feature) => {
    const found = current.find((c) => c.Name === feature.name);
    if (found?.AutoEnable !== 'ALL') return true;
    return feature.additionalConfiguration.some(
      (name) => found.AdditionalConfiguration?.find((a) => a.Name === name)?.AutoEnable !== 'ALL',
    );
  });
}

export async function applyGuardDuty(
  ctx: AutoEnableContext,
  detectorId: string,
  features: readonly GuardDutyFeatureSetting[],
): Promise<AutoEnableOutcome> {
  const { guardDuty } = ctx.clients;
  return asAdministrator(ctx, 'GuardDuty', async () => {
    const current: OrganizationFeatureConfigurationResult[] = [];
    let members: string | undefined;
    let NextToken: string | undefined;
    do {
      const page = await ctx.budget.call('GuardDuty DescribeOrganizationConfiguration', (o) =>
        guardDuty.send(new DescribeGuardDuty({ DetectorId: detectorId, NextToken }), o),
      );
      members ??= page.AutoEnableOrganizationMembers;
      current.push(...(page.Features ?? []));
      NextToken = page.NextToken;
    } while (NextToken);
    if (members === 'ALL' && !guardDutyDifference(features, current)) return 'unchanged';
    await ctx.budget.call('GuardDuty UpdateOrganizationConfiguration', (o) =>
      guardDuty.send(
        new UpdateGuardDuty({
          DetectorId: detectorId,
          AutoEnableOrganizationMembers: 'ALL',
          Features: features.map((f) => ({
            Name: f.name as never,
            AutoEnable: 'ALL',
            ...(f.additionalConfiguration.length
              ? {
                  AdditionalConfiguration: f.additionalConfiguration.map((name) => ({
                    Name: name as never,
                    AutoEnable: 'ALL',
                  })),
                }
              : {}),
          })),
        }),
        o,
      ),
    );
    return 'applied';
  });
}

export async function applyMacie(ctx: AutoEnableContext): Promise<AutoEnableOutcome> {
  const { macie } = ctx.clients;
  return asAdministrator(ctx, 'Macie', async () => {
    const current = await ctx.budget.call('Macie DescribeOrganizationConfiguration', (o) =>
      macie.send(new DescribeMacie({}), o),
    );
    if (current.autoEnable === true) return 'unchanged';
    await ctx.budget.call('Macie UpdateOrganizationConfiguration', (o) =>
      macie.send(new UpdateMacie({ autoEnable: true }), o),
    );
    return 'applied';
  });
}

const INSPECTOR_KEYS: Record<InspectorResourceType, 'ec2' | 'ecr' | 'lambda'> = {
  EC2: 'ec2',
  ECR: 'ecr',
  LAMBDA: 'lambda',
};

export async function applyInspector(
  ctx: AutoEnableContext,
  types: readonly InspectorResourceType[],
): Promise<AutoEnableOutcome> {
  const { inspector } = ctx.clients;
  return asAdministrator(ctx, 'Amazon Inspector', async () => {
    const current = await ctx.budget.call('Inspector DescribeOrganizationConfiguration', (o) =>
      inspector.send(new DescribeInspector({}), o),
    );
    const before: AutoEnable = current.autoEnable ?? { ec2: false, ecr: false };
    if (types.every((type) => before[INSPECTOR_KEYS[type]] === true)) return 'unchanged';
    const wanted: AutoEnable = { ...before, ec2: before.ec2 ?? false, ecr: before.ecr ?? false };
    for (const type of types) wanted[INSPECTOR_KEYS[type]] = true;
    await ctx.budget.call('Inspector UpdateOrganizationConfiguration', (o) =>
      inspector.send(new UpdateInspector({ autoEnable: wanted }), o),
    );
    return 'applied';
  });
}
