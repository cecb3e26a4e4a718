import { z } from 'zod';

/** GuardDuty threat purposes (the part before the colon of a finding type). */
export const GUARDDUTY_THREAT_PURPOSES = [
  'Backdoor',
  'Behavior',
  'CredentialAccess',
  'CryptoCurrency',
  'DefenseEvasion',
  'Discovery',
  'Execution',
  'Exfiltration',
  'Impact',
  'InitialAccess',
  'Persistence',
  'Policy',
  'PrivilegeEscalation',
  'Recon',
  'Stealth',
  'Trojan',
  'UnauthorizedAccess',
] as const;

/**
 * A GuardDuty finding type (or a prefix of one) about an EC2 instance, which the response can isolate:
 * `Backdoor:EC2/C&CActivity.B!DNS`, `CryptoCurrency:EC2/`, `Execution:Runtime/ReverseShell`.
 */
const FINDING_TYPE = new RegExp(`^(${GUARDDUTY_THREAT_PURPOSES.join('|')}):(EC2|Runtime)/([A-Za-z0-9&.!-]*)$`);

/** GuardDuty severity labels and the lowest score of each. */
export const SEVERITY_LABELS = { LOW: 1, MEDIUM: 4, HIGH: 7, CRITICAL: 9 } as const;

const SEVERITY_ERROR = 'must be a GuardDuty severity: a number from 1.0 to 10.0, or LOW, MEDIUM, HIGH or CRITICAL';
const severitySchema = z
  .union(
    [
      z.number().min(1, { error: SEVERITY_ERROR }).max(10, { error: SEVERITY_ERROR }),
      z.enum(Object.keys(SEVERITY_LABELS) as [keyof typeof SEVERITY_LABELS]),
    ],
    { error: SEVERITY_ERROR },
  )
  .transform((value) => (typeof value === 'number' ? value : SEVERITY_LABELS[value]));

const on = (description: string) => z.boolean().default(true).describe(description);

/** Threat detection, alerting and automated response. HIPAA 164.308(a)(1)(ii)(D), 164.308(a)(6)(ii), 164.312(b). */
export const detectionSchema = z
  .strictObject({
    guardDuty: z
      .strictObject({
        s3DataEvents: on('S3 Protection: S3 data event analysis.'),
        eksAuditLogs: on('EKS Protection: audit log analysis.'),
        ebsMalwareProtection: on('Malware Protection for EC2: scans EBS volumes of suspicious instances.'),
        rdsLoginEvents: on('RDS Protection: login activity analysis for Aurora and RDS.'),
        lambdaNetworkLogs: on('Lambda Protection: network activity of functions.'),
        runtimeMonitoring: on('Runtime Monitoring with agent management (EC2, ECS Fargate, EKS).'),
      })
      .prefault({})
      .describe('GuardDuty protection plans; each can be switched off.'),
    alertSeverity: severitySchema
      .default(7)
      .describe('GuardDuty findings at or above this severity alert people (number or LOW/MEDIUM/HIGH/CRITICAL).'),
    securityHubStandards: z
      .array(
        z.enum(['aws-foundational-security-best-practices', 'nist-800-53-r5'], {
          error: 'must be "aws-foundational-security-best-practices" or "nist-800-53-r5"',
        }),
      )
      .default(['aws-foundational-security-best-practices', 'nist-800-53-r5'])
      .describe('Security Hub standards to enable.'),
    response: z
      .strictObject({
        findingTypes: z
          .array(
            z.string().regex(FINDING_TYPE, {
              error:
                'must be a GuardDuty EC2 or Runtime finding type or prefix, such as "Backdoor:EC2/" or "CryptoCurrency:EC2/BitcoinTool.B"',
            }),
          )
          .min(1, { error: 'must list at least one finding type' })
          .default([
            'Backdoor:EC2/',
            'CryptoCurrency:EC2/',
            'Trojan:EC2/',
            'UnauthorizedAccess:EC2/',
            'Execution:Runtime/',
            'CryptoCurrency:Runtime/',
            'Backdoor:Runtime/',
          ])
          .describe('GuardDuty finding types (or prefixes) that isolate the instance automatically.'),
        minSeverity: severitySchema.default(7).describe('Only findings at or above this severity trigger isolation.'),
        dryRun: z.boolean().default(false).describe('Report what would be done without changing anything.'),
        reservedConcurrency: z
          .number({ error: 'must be a number of concurrent executions' })
          .int({ error: 'must be a whole number' })
          .min(1, { error: 'must be at least 1 (omit it to reserve nothing)' })
          .max(1000, { error: 'must be at most 1000' })
          .optional()
          .describe(
            'Concurrent executions reserved for the response function (default: none). Lambda keeps at least 100 unreserved executions (all 10 in a new account whose quota is 10), so a reservation fails the deploy unless the account quota exceeds 100 + every reservation; `npx hipaa-baseline preflight` checks it.',
          ),
        environment: z
          .string()
          .optional()
          .describe(
            'Environment whose app tier runs the response function (default: "shared" when it exists, else the first environment with NAT egress, else the first). Without NAT egress it gets the ec2, sns, autoscaling and elasticloadbalancing endpoints.',
          ),
      })
      .prefault({})
      .describe('Automated isolation of compromised EC2 instances. HIPAA 164.308(a)(6)(ii).'),
    passwordPolicy: z
      .strictObject({
        minimumLength: z.number().int().min(8).max(128).default(14),
        passwordReusePrevention: z.number().int().min(1).max(24).default(24),
        maxPasswordAgeDays: z.number().int().min(1).max(1095).default(90),
        requireSymbols: z.boolean().default(true),
        requireNumbers: z.boolean().default(true),
        requireUppercase: z.boolean().default(true),
        requireLowercase: z.boolean().default(true),
      })
      .prefault({})
      .describe(
        'IAM account password policy. Values weaker than length 14, 24 remembered, 90 days, all character classes raise the HIPAABaseline-WeakPasswordPolicy warning. HIPAA 164.308(a)(5)(ii)(D).',
      ),
    privilegedAccess: z
      .strictObject({
        identityCenterPermissionSets: z
          .array(
            z.string().regex(/^[\w+=,.@-]{1,32}$/, { error: 'must be an IAM Identity Center permission set name' }),
          )
          .default([])
          .describe(
            "IAM Identity Center permission sets whose sessions may assume the administrator role. Identity Center enforces MFA at sign-in and its sessions carry no aws:MultiFactorAuthPresent, so they are admitted by the permission set's reserved role (AWSReservedSSO_<name>_*) instead. HIPAA 164.312(d).",
          ),
        breakGlassPrincipalArns: z
          .array(
            z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:user\/[\w+=,.@/-]+$/, {
              error: 'must be the ARN of an IAM user (arn:aws:iam::<account>:user/<path/name>)',
            }),
          )
          .default([])
          .describe(
            'IAM users allowed to assume the break-glass role, with MFA (default: every IAM user on the path /break-glass/, created outside the normal identity provider and kept in a safe). Never Identity Center sessions: break-glass is for when it fails. HIPAA 164.312(a)(2)(ii).',
          ),
      })
      .prefault({})
      .describe('Who may assume the administrator and break-glass roles.'),
    mfaMaxAgeSeconds: z
      .number()
      .int()
      .min(900)
      .max(43200)
      .default(3600)
      .describe('Maximum age of the MFA authentication allowed to assume the administrator role. HIPAA 164.312(d).'),
  })
  .prefault({});

export type DetectionConfig = z.output<typeof detectionSchema>;

/** The baseline minimums of the password policy (HIPAA 164.308(a)(5)(ii)(D)); weaker values raise a warning. */
export const PASSWORD_POLICY_MINIMUM = {
  minimumLength: 14,
  passwordReusePrevention: 24,
  maxPasswordAgeDays: 90,
} as const;

/** The fields of a password policy weaker than the baseline, for the warning. */
export function weakerPasswordFields(policy: DetectionConfig['passwordPolicy']): string[] {
  const weak: string[] = [];
  if (policy.minimumLength < PASSWORD_POLICY_MINIMUM.minimumLength)
    weak.push(`minimumLength ${policy.minimumLength} < 14`);
  if (policy.passwordReusePrevention < PASSWORD_POLICY_MINIMUM.passwordReusePrevention)
    weak.push(`passwordReusePrevention ${policy.passwordReusePrevention} < 24`);
  if (policy.maxPasswordAgeDays > PASSWORD_POLICY_MINIMUM.maxPasswordAgeDays)
    weak.push(`maxPasswordAgeDays ${policy.maxPasswordAgeDays} > 90`);
  for (const field of ['requireSymbols', 'requireNumbers', 'requireUppercase', 'requireLowercase'] as const) {
    if (!policy[field]) weak.push(`${field} false`);
  }
  return weak;
}

/** An explicitly configured response environment must exist. */
export function validateResponsePlacement(
  config: { detection: DetectionConfig; environments: readonly { name: string }[] },
  ctx: z.RefinementCtx,
): void {
  const name = config.detection.response.environment;
  if (name === undefined || config.environments.some((env) => env.name === name)) return;
  const names = config.environments.map((env) => env.name).join(', ');
  ctx.addIssue({
    code: 'custom',
    path: ['detection', 'response', 'environment'],
    message: `unknown environment "${name}" (environments: ${names})`,
  });
}

/** Endpoints the response function calls when its environment has no NAT egress. */
export const RESPONSE_ENDPOINTS = ['ec2', 'sns', 'autoscaling', 'elasticloadbalancing'] as const;

/**
 * Gives the response function's environment the endpoints it needs (EC2, SNS, Auto Scaling, Elastic Load
 * Balancing) when it has no NAT egress, so the function can always reach the APIs it calls.
 */
export function withResponseEndpoints<
  T extends {
    detection: DetectionConfig;
    environments: { name: string; egress: 'nat' | 'none'; endpoints: string[] }[];
  },
>(config: T): T {
  const name = responseEnvironment(config);
  return {
    ...config,
    environments: config.environments.map((env) =>
      env.name === name && env.egress === 'none'
        ? { ...env, endpoints: [...env.endpoints, ...RESPONSE_ENDPOINTS.filter((e) => !env.endpoints.includes(e))] }
        : env,
    ),
  };
}

/** The environment the response function runs in: configured, else "shared", else the first with NAT egress. */
export function responseEnvironment(config: {
  detection: DetectionConfig;
  environments: readonly { name: string; egress: 'nat' | 'none' }[];
}): string {
  const { environments } = config;
  return (
    config.detection.response.environment ??
    environments.find((env) => env.name === 'shared')?.name ??
    environments.find((env) => env.egress === 'nat')?.name ??
    environments[0]?.name ??
    'shared'
  );
}
