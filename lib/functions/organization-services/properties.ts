/**
 * The custom resource's `ResourceProperties`, one of two settings (`Setting`):
 *
 * - `DelegatedAdministrator` (management account): `AdministratorAccountId` — the audit account registered as
 *   delegated administrator of GuardDuty, Macie and Amazon Inspector in each of `Regions`.
 * - `OrganizationConfiguration` (the delegated administrator account, stack region):
 *   `GuardDutyDetectorId`, `GuardDutyFeatures` — `[{ Name, AdditionalConfiguration?: [name…] }]`, the
 *   protection plans auto-enabled for every member account —, and `InspectorResourceTypes` — the scans
 *   auto-enabled (`EC2`, `ECR`, `LAMBDA`). Macie is auto-enabled too.
 *
 * Every problem is one `ResourceProperties.<path>: reason` line.
 */
import * as z from 'zod/mini';
import { formatIssues } from '../common/issues';

export interface GuardDutyFeatureSetting {
  readonly name: string;
  readonly additionalConfiguration: readonly string[];
}

export type InspectorResourceType = 'EC2' | 'ECR' | 'LAMBDA';

export type OrganizationSetting =
  | {
      readonly setting: 'DelegatedAdministrator';
      readonly administratorAccountId: string;
      readonly regions: readonly string[];
    }
  | {
      readonly setting: 'OrganizationConfiguration';
      readonly guardDutyDetectorId: string;
      readonly guardDutyFeatures: readonly GuardDutyFeatureSetting[];
      readonly inspectorResourceTypes: readonly InspectorResourceType[];
      /** Further regions (the member regions but the stack's): their detector is looked up (ListDetectors). */
      readonly otherRegions: readonly string[];
    };

export type ParsedProperties =
  | { readonly ok: true; readonly setting: OrganizationSetting }
  | { readonly ok: false; readonly problems: readonly string[] };

const message = (what: string) => ({
  error: (issue: { readonly code?: string; readonly input?: unknown; readonly keys?: readonly string[] }) => {
    if (issue.code === 'unrecognized_keys') return `unknown field(s) ${issue.keys?.join(', ')}`;
    return issue.input === undefined ? 'required' : `must be ${what}`;
  },
});

const FEATURE_NAME = /^[A-Z][A-Z0-9_]{1,63}$/;
const common = {
  ServiceToken: z.optional(z.string()),
  ServiceTimeout: z.optional(z.union([z.string(), z.number()])),
};

const administratorSchema = z.strictObject(
  {
    ...common,
    Setting: z.literal('DelegatedAdministrator'),
    AdministratorAccountId: z
      .string(message('a 12-digit account id'))
      .check(z.regex(/^\d{12}$/, 'must be a 12-digit account id')),
    Regions: z
      .array(
        z.string(message('a region name')).check(z.regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be a region name')),
        message('a list of region names'),
      )
      .check(z.minLength(1, 'must name at least one region')),
  },
  message('an object'),
);

const configurationSchema = z.strictObject(
  {
    ...common,
    Setting: z.literal('OrganizationConfiguration'),
    GuardDutyDetectorId: z
      .string(message('a detector id'))
      .check(z.regex(/^[a-z0-9]{1,300}$/, 'must be a GuardDuty detector id')),
    GuardDutyFeatures: z.array(
      z.strictObject(
        {
          Name: z.string(message('a feature name')).check(z.regex(FEATURE_NAME, 'must be a GuardDuty feature name')),
          AdditionalConfiguration: z.optional(
            z.array(
              z.string(message('a name')).check(z.regex(FEATURE_NAME, 'must be an additional configuration name')),
            ),
          ),
        },
        message('an object with Name (and AdditionalConfiguration)'),
      ),
      message('a list of features'),
    ),
    InspectorResourceTypes: z.array(z.enum(['EC2', 'ECR', 'LAMBDA'], message('EC2, ECR or LAMBDA'))),
    OtherRegions: z.optional(
      z.array(
        z.string(message('a region name')).check(z.regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be a region name')),
        message('a list of region names'),
      ),
    ),
  },
  message('an object'),
);

export function parseProperties(properties: unknown): ParsedProperties {
  const setting = (properties as { Setting?: unknown } | undefined)?.Setting;
  if (setting === 'DelegatedAdministrator') {
    const result = administratorSchema.safeParse(properties);
    if (!result.success) return { ok: false, problems: formatIssues('ResourceProperties', result.error.issues) };
    const p = result.data;
    return {
      ok: true,
      setting: {
        setting,
        administratorAccountId: p.AdministratorAccountId,
        regions: [...new Set(p.Regions)],
      },
    };
  }
  if (setting === 'OrganizationConfiguration') {
    const result = configurationSchema.safeParse(properties);
    if (!result.success) return { ok: false, problems: formatIssues('ResourceProperties', result.error.issues) };
    const p = result.data;
    return {
      ok: true,
      setting: {
        setting,
        guardDutyDetectorId: p.GuardDutyDetectorId,
        guardDutyFeatures: p.GuardDutyFeatures.map((f) => ({
          name: f.Name,
          additionalConfiguration: f.AdditionalConfiguration ?? [],
        })),
        inspectorResourceTypes: [...new Set(p.InspectorResourceTypes)],
        otherRegions: [...new Set(p.OtherRegions ?? [])],
      },
    };
  }
  return {
    ok: false,
    problems: [
      `ResourceProperties.Setting: ${setting === undefined ? 'required' : 'must be DelegatedAdministrator or OrganizationConfiguration'}`,
    ],
  };
}
