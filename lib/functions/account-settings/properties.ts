/**
 * The custom resource's `ResourceProperties`: the account settings to apply. Every setting is optional; a
 * setting that is absent is left as it is. CloudFormation hands every scalar of a custom resource's
 * properties to the function as a string (`"14"`, `"true"`), so numbers and booleans are accepted in
 * either form. Every problem is one `ResourceProperties.<path>: reason` line.
 *
 * - `PasswordPolicy` — the IAM account password policy. Fields left out take the baseline's values
 *   (length 14, 24 remembered, 90 days, every character class, users may change their own password, no
 *   hard expiry), because IAM resets every field a request leaves out to its own, weaker, default.
 * - `EbsEncryptionByDefault` — `{}` or `{ KmsKeyArn }`: EBS encryption by default in the stack's region,
 *   and the default KMS key of new volumes (a key or alias ARN; absent: the current default key is kept).
 * - `S3AccountPublicAccessBlock` — `true`: all four account-level S3 Block Public Access flags on.
 * - `Inspector` — `{ ResourceTypes }`: Amazon Inspector scanning of those resource types for the account.
 * - `MacieAutomatedDiscovery` — `true`: Macie automated sensitive-data discovery.
 * - `MacieClassificationJob` — `{ Name, TagKey, TagValues, ScheduleFrequency }`: a scheduled Macie job over
 *   every S3 bucket whose tag `TagKey` has one of `TagValues`.
 * - `GuardDuty` — `{ Features: [{ Name, AdditionalConfiguration? }], FindingPublishingFrequency,
 *   FindingsExport?: { DestinationArn, KmsKeyArn } }`: on the account's existing detector, those protection
 *   plans on, that frequency, findings exported to that bucket (see ./guardduty.ts).
 * - `SecurityHubStandards` — `{ StandardsArns }`: those standards enabled on the account's existing hub.
 *
 * The function never turns a protection off: `false` for the two switches is refused (leave the property
 * out to leave the setting as it is).
 */
import * as z from 'zod/mini';
import { formatIssues } from '../common/issues';

export const INSPECTOR_RESOURCE_TYPES = ['EC2', 'ECR', 'LAMBDA', 'LAMBDA_CODE'] as const;
export type InspectorResourceType = (typeof INSPECTOR_RESOURCE_TYPES)[number];

export const SCHEDULE_FREQUENCIES = ['DAILY', 'WEEKLY'] as const;

export interface PasswordPolicy {
  readonly MinimumPasswordLength: number;
  readonly RequireSymbols: boolean;
  readonly RequireNumbers: boolean;
  readonly RequireUppercaseCharacters: boolean;
  readonly RequireLowercaseCharacters: boolean;
  readonly MaxPasswordAge: number;
  readonly PasswordReusePrevention: number;
  readonly AllowUsersToChangePassword: boolean;
  readonly HardExpiry: boolean;
}

/** The policy a field takes when the properties leave it out: the baseline (HIPAA 164.308(a)(5)(ii)(D)). */
export const BASELINE_PASSWORD_POLICY: PasswordPolicy = {
  MinimumPasswordLength: 14,
  RequireSymbols: true,
  RequireNumbers: true,
  RequireUppercaseCharacters: true,
  RequireLowercaseCharacters: true,
  MaxPasswordAge: 90,
  PasswordReusePrevention: 24,
  AllowUsersToChangePassword: true,
  HardExpiry: false,
};

export interface MacieJobProperties {
  readonly Name: string;
  readonly TagKey: string;
  readonly TagValues: readonly string[];
  readonly ScheduleFrequency: (typeof SCHEDULE_FREQUENCIES)[number];
}

export const FINDING_FREQUENCIES = ['FIFTEEN_MINUTES', 'ONE_HOUR', 'SIX_HOURS'] as const;

export interface GuardDutySettings {
  readonly Features: readonly { readonly Name: string; readonly AdditionalConfiguration?: readonly string[] }[];
  readonly FindingPublishingFrequency: (typeof FINDING_FREQUENCIES)[number];
  readonly FindingsExport?: { readonly DestinationArn: string; readonly KmsKeyArn: string };
}

/** The settings requested, validated. */
export interface AccountSettings {
  readonly PasswordPolicy?: PasswordPolicy;
  readonly EbsEncryptionByDefault?: { readonly KmsKeyArn?: string };
  readonly S3AccountPublicAccessBlock?: true;
  readonly Inspector?: { readonly ResourceTypes: readonly InspectorResourceType[] };
  readonly MacieAutomatedDiscovery?: true;
  readonly MacieClassificationJob?: MacieJobProperties;
  readonly GuardDuty?: GuardDutySettings;
  readonly SecurityHubStandards?: { readonly StandardsArns: readonly string[] };
}

export type ParsedProperties =
  | { readonly ok: true; readonly settings: AccountSettings }
  | { readonly ok: false; readonly problems: readonly string[] };

/** Error message of a field: "required" when missing, the unknown fields of an object, or what it must be. */
const message = (what: string) => ({
  error: (issue: { readonly code?: string; readonly input?: unknown; readonly keys?: readonly string[] }) => {
    if (issue.code === 'unrecognized_keys') return `unknown field(s) ${issue.keys?.join(', ')}`;
    return issue.input === undefined ? 'required' : `must be ${what}`;
  },
});

/** A boolean, or CloudFormation's "true" / "false". */
const bool = z.pipe(
  z.union([z.boolean(), z.enum(['true', 'false'])], message('true or false')),
  z.transform((v) => v === true || v === 'true'),
);

/** An integer from min to max, or its decimal string. */
const int = (min: number, max: number) =>
  z.pipe(
    z.union([z.number(), z.string()], message(`an integer from ${min} to ${max}`)),
    z.transform((value, ctx) => {
      const n = typeof value === 'number' ? value : /^-?\d{1,9}$/.test(value) ? Number(value) : NaN;
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.issues.push({ code: 'custom', input: value, message: `must be an integer from ${min} to ${max}` });
      }
      return n;
    }),
  );

/** Only `true` (or "true"): the function turns protections on, never off. */
const onlyTrue = (off: string) =>
  z.pipe(
    bool,
    z.transform((v, ctx) => {
      if (!v) ctx.issues.push({ code: 'custom', input: v, message: off });
      return true as const;
    }),
  );

const text = (what: string, max: number) =>
  z
    .string(message(what))
    .check(z.minLength(1, 'must not be empty'), z.maxLength(max, `must be at most ${max} characters`));

const KMS_ARN =
  /^arn:aws[a-z-]*:kms:[a-z]{2}(?:-[a-z]+)+-\d:\d{12}:(?:key\/[A-Za-z0-9-]{1,128}|alias\/[A-Za-z0-9/_-]{1,250})$/;

const passwordPolicySchema = z.strictObject(
  {
    MinimumPasswordLength: z.optional(int(6, 128)),
    RequireSymbols: z.optional(bool),
    RequireNumbers: z.optional(bool),
    RequireUppercaseCharacters: z.optional(bool),
    RequireLowercaseCharacters: z.optional(bool),
    MaxPasswordAge: z.optional(int(1, 1095)),
    PasswordReusePrevention: z.optional(int(1, 24)),
    AllowUsersToChangePassword: z.optional(bool),
    HardExpiry: z.optional(bool),
  },
  message('an object of password policy fields'),
);

const inspectorSchema = z
  .strictObject(
    {
      ResourceTypes: z
        .array(
          z.enum(INSPECTOR_RESOURCE_TYPES, message(`one of ${INSPECTOR_RESOURCE_TYPES.join(', ')}`)),
          message('a list'),
        )
        .check(
          z.minLength(1, 'must name at least one resource type'),
          z.refine((types) => new Set(types).size === types.length, 'must not repeat a resource type'),
        ),
    },
    message('an object with ResourceTypes'),
  )
  .check(
    z.refine((value) => !value.ResourceTypes.includes('LAMBDA_CODE') || value.ResourceTypes.includes('LAMBDA'), {
      message: 'LAMBDA_CODE needs LAMBDA: Inspector scans Lambda code only with standard Lambda scanning on',
      path: ['ResourceTypes'],
    }),
  );

const macieJobSchema = z.strictObject(
  {
    Name: text('a job name', 500),
    TagKey: text('a tag key', 128),
    TagValues: z.array(text('a tag value', 256), message('a list of tag values')).check(
      z.minLength(1, 'must list at least one tag value'),
      z.refine((values) => new Set(values).size === values.length, 'must not repeat a value'),
    ),
    ScheduleFrequency: z.enum(SCHEDULE_FREQUENCIES, message('"DAILY" or "WEEKLY"')),
  },
  message('an object with Name, TagKey, TagValues and ScheduleFrequency'),
);

const S3_BUCKET_ARN = /^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](?:\/.*)?$/;
const STANDARD_ARN = /^arn:aws[a-z-]*:securityhub:[a-z0-9-]*::standards\/[A-Za-z0-9./_-]+$/;
/** GuardDuty feature and additional-configuration names: upper-case words joined by underscores. */
const FEATURE_NAME = /^[A-Z0-9]+(?:_[A-Z0-9]+)*$/;

const unique = <T>(key: (value: T) => string, what: string) =>
  z.refine<T[]>((values) => new Set(values.map(key)).size === values.length, `must not repeat ${what}`);

const guardDutySchema = z.strictObject(
  {
    Features: z
      .array(
        z.strictObject(
          {
            Name: z.string(message('a feature name')).check(z.regex(FEATURE_NAME, 'must be a GuardDuty feature name')),
            AdditionalConfiguration: z.optional(
              z.array(
                z
                  .string(message('a configuration name'))
                  .check(z.regex(FEATURE_NAME, 'must be a GuardDuty additional configuration name')),
                message('a list of names'),
              ),
            ),
          },
          message('an object with Name (and AdditionalConfiguration)'),
        ),
        message('a list'),
      )
      .check(unique((f: { Name: string }) => f.Name, 'a feature')),
    FindingPublishingFrequency: z.enum(FINDING_FREQUENCIES, message(FINDING_FREQUENCIES.join(', '))),
    FindingsExport: z.optional(
      z.strictObject(
        {
          DestinationArn: z
            .string(message('an S3 bucket ARN'))
            .check(z.regex(S3_BUCKET_ARN, 'must be an S3 bucket ARN')),
          KmsKeyArn: z.string(message('a KMS key ARN')).check(z.regex(KMS_ARN, 'must be a KMS key or alias ARN')),
        },
        message('an object with DestinationArn and KmsKeyArn'),
      ),
    ),
  },
  message('an object with Features and FindingPublishingFrequency'),
);

const securityHubSchema = z.strictObject(
  {
    StandardsArns: z
      .array(
        z.string(message('a standard ARN')).check(z.regex(STANDARD_ARN, 'must be a Security Hub standard ARN')),
        message('a list'),
      )
      .check(
        z.minLength(1, 'must name at least one standard'),
        unique((arn: string) => arn, 'a standard'),
      ),
  },
  message('an object with StandardsArns'),
);

const propertiesSchema = z.looseObject(
  {
    PasswordPolicy: z.optional(passwordPolicySchema),
    EbsEncryptionByDefault: z.optional(
      z.strictObject(
        {
          KmsKeyArn: z.optional(
            z.string(message('a KMS key or alias ARN')).check(z.regex(KMS_ARN, 'must be a KMS key or alias ARN')),
          ),
        },
        message('an object (with an optional KmsKeyArn)'),
      ),
    ),
    S3AccountPublicAccessBlock: z.optional(
      onlyTrue('must be true (leave it out to leave the setting as it is; this resource never turns it off)'),
    ),
    Inspector: z.optional(inspectorSchema),
    MacieAutomatedDiscovery: z.optional(
      onlyTrue('must be true (leave it out to leave the setting as it is; this resource never turns it off)'),
    ),
    MacieClassificationJob: z.optional(macieJobSchema),
    GuardDuty: z.optional(guardDutySchema),
    SecurityHubStandards: z.optional(securityHubSchema),
  },
  message('an object'),
);

/** Properties CloudFormation adds itself, and nothing else, besides the settings. */
const KNOWN = new Set(['ServiceToken', 'ServiceTimeout', ...Object.keys(propertiesSchema.def.shape)]);

export function parseProperties(properties: unknown): ParsedProperties {
  const result = propertiesSchema.safeParse(properties ?? {});
  const problems = result.success ? [] : formatIssues('ResourceProperties', result.error.issues);
  if (properties && typeof properties === 'object') {
    for (const key of Object.keys(properties)) {
      if (!KNOWN.has(key)) problems.push(`ResourceProperties.${key}: not a known setting`);
    }
  }
  if (!result.success || problems.length > 0) return { ok: false, problems };
  const p = result.data;
  return {
    ok: true,
    settings: {
      ...(p.PasswordPolicy ? { PasswordPolicy: { ...BASELINE_PASSWORD_POLICY, ...p.PasswordPolicy } } : {}),
      ...(p.EbsEncryptionByDefault ? { EbsEncryptionByDefault: p.EbsEncryptionByDefault } : {}),
      ...(p.S3AccountPublicAccessBlock ? { S3AccountPublicAccessBlock: true as const } : {}),
      ...(p.Inspector ? { Inspector: p.Inspector } : {}),
      ...(p.MacieAutomatedDiscovery ? { MacieAutomatedDiscovery: true as const } : {}),
      ...(p.MacieClassificationJob ? { MacieClassificationJob: p.MacieClassificationJob } : {}),
      ...(p.GuardDuty ? { GuardDuty: p.GuardDuty } : {}),
      ...(p.SecurityHubStandards ? { SecurityHubStandards: p.SecurityHubStandards } : {}),
    },
  };
}
