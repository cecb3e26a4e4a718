import { z } from 'zod';
import { regionSchema } from './region';

const accountId = (role: string) =>
  z
    .string({ error: 'must be a 12-digit AWS account id' })
    .regex(/^\d{12}$/, { error: 'must be a 12-digit AWS account id' })
    .describe(`The ${role} account.`);

/** An organizational unit id (`ou-<root part>-<ou part>`). */
export const OU_ID = /^ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}$/;

const ouIds = z
  .array(z.string().regex(OU_ID, { error: 'must be an organizational unit id such as "ou-ab12-cd34ef56"' }))
  .min(1, { error: 'must list at least one organizational unit' })
  .refine((ids) => new Set(ids).size === ids.length, { error: 'must not repeat an organizational unit' });

const regions = z
  .array(regionSchema)
  .min(1, { error: 'must list at least one region' })
  .refine((list) => new Set(list).size === list.length, { error: 'must not repeat a region' });

/** An IAM role name (no path). */
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

/**
 * Organisation mode: the baseline across an AWS Organization. Present, it places each role stack in its
 * own account (explicit environments), ships what every member account needs as a service-managed
 * StackSet, runs the org-wide services from the audit account as delegated administrator, and attaches
 * preventive guardrails (SCPs) to organizational units. Absent: the single-account baseline, unchanged.
 */
export const organizationSchema = z
  .strictObject({
    managementAccount: accountId(
      'management (payer) account: the SCPs, the member StackSet (CallAs SELF) and the delegated-administrator registrations are deployed here',
    ),
    logArchiveAccount: accountId(
      'log archive account: the organisation trail, AWS Config delivery and the findings archive write here',
    ),
    auditAccount: accountId(
      'security tooling (audit) account: delegated administrator of GuardDuty, Security Hub, Macie, Inspector, IAM Access Analyzer and AWS Config',
    ),
    networkAccount: accountId('network account: the segmented VPCs, flow logs and DNS query logs'),
    memberTargets: z
      .strictObject({
        organizationalUnitIds: ouIds.describe(
          'Organizational units whose accounts (present and future: auto-deployment) get the member baseline StackSet.',
        ),
        regions: regions.describe(
          'Regions of the member baseline in every account; must include `region` (global resources are recorded there).',
        ),
      })
      .describe('Where the member baseline StackSet deploys.'),
    allowedRegions: regions.describe(
      'Regions the region guardrail (SCP) allows; must include `region`, `dataProtection.drRegion` and every member region. Global services and cross-region inference through Bedrock inference profiles are exempt.',
    ),
    guardrailTargets: ouIds
      .optional()
      .describe('Organizational units the guardrail SCPs attach to (default: memberTargets.organizationalUnitIds).'),
    denyNonHipaaEligibleServices: z
      .boolean({ error: 'must be true or false' })
      .default(false)
      .describe(
        "Opt in to an SCP denying every service outside AWS's HIPAA Eligible Services Reference (and the management services the baseline needs). Check the list in lib/organization/hipaa-eligible-services.ts against the current reference before enabling.",
      ),
    breakGlassRoleName: z
      .string()
      .regex(ROLE_NAME, { error: 'must be an IAM role name (letters, digits and +=,.@_-, at most 64)' })
      .optional()
      .describe(
        'Role every guardrail exempts for emergencies, in every account (default: `<namePrefix>-break-glass`).',
      ),
  })
  .optional()
  .describe(
    'Organisation mode (AWS Organizations): role stacks in their own accounts, a member baseline StackSet, delegated administrators and guardrail SCPs. Omit for the single-account baseline.',
  );

export type OrganizationConfig = NonNullable<z.output<typeof organizationSchema>>;

/** Cross-field rules of organisation mode; reports into the root schema's context, naming each field. */
export function validateOrganization(
  config: {
    account?: string;
    region?: string;
    organizationId?: string;
    dataProtection: { drRegion: string };
    organization?: OrganizationConfig;
  },
  ctx: z.RefinementCtx,
): void {
  const org = config.organization;
  if (!org) return;
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  if (config.account !== undefined) {
    issue(
      ['account'],
      'must be unset in organisation mode: each role stack takes its account from organization.*Account',
    );
  }
  if (config.region === undefined) {
    issue(['region'], 'must be set in organisation mode: the role stacks have explicit environments');
  }
  if (config.organizationId === undefined) {
    issue(
      ['organizationId'],
      'must be set in organisation mode: the central archive admits the organisation by its id',
    );
  }
  for (const role of ['logArchiveAccount', 'auditAccount', 'networkAccount'] as const) {
    if (org[role] === org.managementAccount) {
      issue(
        ['organization', role],
        'must differ from organization.managementAccount (a delegated administrator cannot be the management account, and SCPs do not apply to it)',
      );
    }
  }
  if (org.logArchiveAccount === org.auditAccount) {
    issue(['organization', 'auditAccount'], 'must differ from organization.logArchiveAccount (separation of duties)');
  }
  const allowed = new Set(org.allowedRegions);
  for (const [path, region] of [
    ['region', config.region],
    ['dataProtection.drRegion', config.dataProtection.drRegion],
  ] as const) {
    if (region && !allowed.has(region)) {
      issue(['organization', 'allowedRegions'], `must include ${region} (${path}), or the guardrail denies it`);
    }
  }
  org.memberTargets.regions.forEach((region, index) => {
    if (!allowed.has(region)) {
      issue(['organization', 'memberTargets', 'regions', index], `${region} is not in organization.allowedRegions`);
    }
  });
  if (config.region && !org.memberTargets.regions.includes(config.region)) {
    issue(
      ['organization', 'memberTargets', 'regions'],
      `must include ${config.region} (region): member accounts record their global resources there`,
    );
  }
}

/** The organizational units the guardrail SCPs attach to. */
export const guardrailTargets = (org: OrganizationConfig): readonly string[] =>
  org.guardrailTargets ?? org.memberTargets.organizationalUnitIds;

/** The break-glass role every guardrail exempts. */
export const breakGlassRoleName = (org: OrganizationConfig, namePrefix: string): string =>
  org.breakGlassRoleName ?? `${namePrefix}-break-glass`;
