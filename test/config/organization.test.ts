/**
 * Organisation mode in the configuration: the `organization` section is optional (single-account mode
 * otherwise), and every bad value or inconsistent combination is one line naming the field.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, parseConfig } from '../../lib/config/load';
import { breakGlassRoleName, guardrailTargets } from '../../lib/config/organization-schema';
import { ROOT } from '../helpers/paths';

const example = JSON.parse(readFileSync(join(ROOT, 'config', 'organization.example.json'), 'utf8'));

function problems(raw: unknown): string[] {
  try {
    parseConfig(raw);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

/** The example with its organization section changed. */
const withOrganization = (changes: Record<string, unknown>, top: Record<string, unknown> = {}) => ({
  ...example,
  ...top,
  organization: { ...example.organization, ...changes },
});

describe('organization section', () => {
  test('absent: single-account mode, nothing about an organisation', () => {
    expect(parseConfig({}).organization).toBeUndefined();
  });

  test('the example configuration is valid, with secure defaults for the optional fields', () => {
    const org = parseConfig(example).organization!;
    expect(org.denyNonHipaaEligibleServices).toBe(false);
    expect(guardrailTargets(org)).toEqual(org.memberTargets.organizationalUnitIds);
    expect(breakGlassRoleName(org, 'clinic')).toBe('clinic-break-glass');
  });

  test('malformed account ids and OU ids are named with their paths', () => {
    expect(
      problems(
        withOrganization({
          auditAccount: '3333',
          memberTargets: { organizationalUnitIds: ['ou-1', 'r-ab12'], regions: ['us-east-1'] },
        }),
      ),
    ).toEqual([
      'hipaaBaseline.organization.auditAccount: must be a 12-digit AWS account id',
      'hipaaBaseline.organization.memberTargets.organizationalUnitIds[0]: must be an organizational unit id such as "ou-ab12-cd34ef56"',
      'hipaaBaseline.organization.memberTargets.organizationalUnitIds[1]: must be an organizational unit id such as "ou-ab12-cd34ef56"',
    ]);
  });

  test('a missing role account, an unknown key, empty and repeated lists are named', () => {
    const rest = { ...example.organization };
    delete rest.networkAccount;
    expect(
      problems({
        ...example,
        organization: {
          ...rest,
          guardrailTargets: [],
          allowedRegions: ['us-east-1', 'us-east-1'],
          managementAcount: '111111111111',
        },
      }),
    ).toEqual([
      'hipaaBaseline.organization.networkAccount: must be a 12-digit AWS account id',
      'hipaaBaseline.organization.allowedRegions: must not repeat a region',
      'hipaaBaseline.organization.guardrailTargets: must list at least one organizational unit',
      'hipaaBaseline.organization.managementAcount: unknown key',
    ]);
  });

  test('single-account fields that contradict organisation mode are named', () => {
    expect(
      problems(withOrganization({}, { account: '123456789012', region: undefined, organizationId: undefined })),
    ).toEqual([
      'hipaaBaseline.account: must be unset in organisation mode: each role stack takes its account from organization.*Account',
      'hipaaBaseline.region: must be set in organisation mode: the role stacks have explicit environments',
      'hipaaBaseline.organizationId: must be set in organisation mode: the central archive admits the organisation by its id',
    ]);
  });

  test('the management account must differ from the role accounts, log archive from audit', () => {
    expect(problems(withOrganization({ logArchiveAccount: '111111111111', auditAccount: '111111111111' }))).toEqual([
      'hipaaBaseline.organization.logArchiveAccount: must differ from organization.managementAccount (a delegated administrator cannot be the management account, and SCPs do not apply to it)',
      'hipaaBaseline.organization.auditAccount: must differ from organization.managementAccount (a delegated administrator cannot be the management account, and SCPs do not apply to it)',
      'hipaaBaseline.organization.auditAccount: must differ from organization.logArchiveAccount (separation of duties)',
    ]);
  });

  test('allowed regions must hold the home and DR regions and every member region; members include the home region', () => {
    expect(
      problems(
        withOrganization({
          allowedRegions: ['us-east-2', 'eu-west-1'],
          memberTargets: { organizationalUnitIds: ['ou-ab12-11111111'], regions: ['us-east-2', 'eu-west-1'] },
        }),
      ),
    ).toEqual([
      'hipaaBaseline.organization.allowedRegions: must include us-east-1 (region), or the guardrail denies it',
      'hipaaBaseline.organization.allowedRegions: must include us-west-2 (dataProtection.drRegion), or the guardrail denies it',
      'hipaaBaseline.organization.memberTargets.regions: must include us-east-1 (region): member accounts record their global resources there',
    ]);
    expect(
      problems(
        withOrganization({
          memberTargets: { organizationalUnitIds: ['ou-ab12-11111111'], regions: ['us-east-1', 'eu-west-1'] },
        }),
      ),
    ).toEqual(['hipaaBaseline.organization.memberTargets.regions[1]: eu-west-1 is not in organization.allowedRegions']);
  });

  test('the opt-in and the break-glass role name are validated', () => {
    expect(problems(withOrganization({ denyNonHipaaEligibleServices: 'yes', breakGlassRoleName: 'bad/name' }))).toEqual(
      [
        'hipaaBaseline.organization.denyNonHipaaEligibleServices: must be true or false',
        'hipaaBaseline.organization.breakGlassRoleName: must be an IAM role name (letters, digits and +=,.@_-, at most 64)',
      ],
    );
    const org = parseConfig(
      withOrganization({ breakGlassRoleName: 'emergency', guardrailTargets: ['ou-ab12-33333333'] }),
    ).organization!;
    expect(breakGlassRoleName(org, 'clinic')).toBe('emergency');
    expect(guardrailTargets(org)).toEqual(['ou-ab12-33333333']);
  });
});
