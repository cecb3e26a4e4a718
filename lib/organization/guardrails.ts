import { breakGlassRoleName, type OrganizationConfig } from '../config/organization-schema';
import { STACKSETS_EXECUTION_ROLE_ARN } from '../../rules/ServiceControlPolicyExemptions';
import { HIPAA_ELIGIBLE_SERVICE_PREFIXES } from './hipaa-eligible-services';

export { SCP_MAX_CHARACTERS } from '../../rules/scp-content';
export { STACKSETS_EXECUTION_ROLE_ARN };

/** A role of every account, by name, as an ARN pattern for `aws:PrincipalARN` (any partition and account). */
export const roleArnPattern = (roleName: string) => `arn:*:iam::*:role/${roleName}`;

/** Name prefix of the member baseline's remediation role (one per region: the StackSet deploys it in each). */
export const remediationRoleName = (namePrefix: string, region: string) => `${namePrefix}-remediation-${region}`;

/**
 * The roles every guardrail exempts besides the StackSets execution role (the rule settings record them, so
 * HIPAABaseline-ServiceControlPolicyExemptions checks for them): break-glass and the member remediation role.
 */
export const guardrailExemptions = (org: OrganizationConfig, namePrefix: string): string[] => [
  roleArnPattern(breakGlassRoleName(org, namePrefix)),
  roleArnPattern(remediationRoleName(namePrefix, '*')),
];

/** A policy statement of an SCP (the IAM policy grammar SCPs accept). */
export interface ScpStatement {
  readonly Sid: string;
  readonly Effect: 'Deny';
  readonly Action?: string[];
  readonly NotAction?: string[];
  readonly Resource: '*';
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

/** An SCP document. */
export interface ScpDocument {
  readonly Version: '2012-10-17';
  readonly Statement: ScpStatement[];
}

/** One guardrail: an SCP's name, what it is for, and its document. */
export interface Guardrail {
  /** Stable construct id. */
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly document: ScpDocument;
}

export interface GuardrailOptions {
  readonly namePrefix: string;
  /** Regions the region guardrail allows. */
  readonly allowedRegions: readonly string[];
  /** Principals every deny (but leaving the organisation) exempts, as `aws:PrincipalARN` patterns. */
  readonly exemptPrincipalArns: readonly string[];
  /** Add the opt-in guardrail denying services outside the HIPAA Eligible Services Reference. */
  readonly denyNonHipaaEligibleServices: boolean;
}

/** Services that have no region or answer from one region only: the region guardrail must not deny them. */
export const GLOBAL_SERVICE_ACTIONS = [
  'account:*',
  'acm:*',
  'aws-marketplace:*',
  'aws-portal:*',
  'budgets:*',
  'ce:*',
  'cloudfront:*',
  'cur:*',
  'directconnect:*',
  'ec2:DescribeRegions',
  'ec2:DescribeTransitGateways',
  'ec2:DescribeVpnGateways',
  'fms:*',
  'globalaccelerator:*',
  'health:*',
  'iam:*',
  'kms:*',
  'networkmanager:*',
  'organizations:*',
  'pricing:*',
  'route53:*',
  'route53domains:*',
  's3:GetAccountPublic*',
  's3:ListAllMyBuckets',
  's3:PutAccountPublic*',
  'shield:*',
  'sso:*',
  'sts:*',
  'support:*',
  'trustedadvisor:*',
  'waf:*',
  'wafv2:*',
];

/**
 * Model invocation actions: Bedrock cross-region inference sends a request made in an allowed region to
 * another region of the inference profile, where the region guardrail would deny it. They are left out of
 * the region-wide deny and denied outside the allowed regions only when no inference profile is used.
 */
export const MODEL_INVOCATION_ACTIONS = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'];

/** What the guardrails keep members from stopping or deleting: the trail, Config, GuardDuty, Security Hub, Macie. */
export const PROTECTED_SERVICE_ACTIONS = [
  'cloudtrail:DeleteTrail',
  'cloudtrail:PutEventSelectors',
  'cloudtrail:StopLogging',
  'cloudtrail:UpdateTrail',
  'config:DeleteConfigurationRecorder',
  'config:DeleteDeliveryChannel',
  'config:DeleteRetentionConfiguration',
  'config:PutConfigurationRecorder',
  'config:PutDeliveryChannel',
  'config:StopConfigurationRecorder',
  'guardduty:DeleteDetector',
  'guardduty:DisassociateFromAdministratorAccount',
  'guardduty:DisassociateFromMasterAccount',
  'guardduty:UpdateDetector',
  'macie2:DisableMacie',
  'macie2:DisassociateFromAdministratorAccount',
  'macie2:DisassociateFromMasterAccount',
  'macie2:UpdateMacieSession',
  'securityhub:DisableSecurityHub',
  'securityhub:DisassociateFromAdministratorAccount',
  'securityhub:DisassociateFromMasterAccount',
];

/** Account-wide protections members must not turn off: S3 public access block, EBS default encryption, password policy. */
export const ACCOUNT_PROTECTION_ACTIONS = [
  'ec2:DisableEbsEncryptionByDefault',
  'ec2:ModifyEbsDefaultKmsKeyId',
  'ec2:ResetEbsDefaultKmsKeyId',
  'iam:DeleteAccountPasswordPolicy',
  'iam:UpdateAccountPasswordPolicy',
  's3:PutAccountPublicAccessBlock',
];

const exempt = (options: GuardrailOptions) => ({
  ArnNotLike: { 'aws:PrincipalARN': [...options.exemptPrincipalArns] },
});

/**
 * The preventive guardrails, as SCP documents: the organisation's integrity (no leaving, no stopping or
 * deleting the trail, Config, GuardDuty, Security Hub and Macie, no turning off account protections), the
 * allowed regions, and — opted in — the HIPAA eligible services. Every deny but leaving the organisation
 * exempts the StackSets execution role, the break-glass role and the member baseline's remediation role.
 * Pure: the same options give the same documents (literal strings only, so their size is known at synth).
 */
export function guardrails(options: GuardrailOptions): Guardrail[] {
  const result: Guardrail[] = [
    {
      id: 'ProtectBaseline',
      name: `${options.namePrefix}-protect-baseline`,
      description:
        'hipaa-baseline: members cannot leave the organisation, stop or delete the trail, AWS Config, GuardDuty, Security Hub or Macie, or turn off account protections.',
      document: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'DenyLeavingOrganization',
            Effect: 'Deny',
            Action: ['organizations:LeaveOrganization'],
            Resource: '*',
          },
          {
            Sid: 'DenyStoppingSecurityServices',
            Effect: 'Deny',
            Action: PROTECTED_SERVICE_ACTIONS,
            Resource: '*',
            Condition: exempt(options),
          },
          {
            Sid: 'DenyDisablingAccountProtections',
            Effect: 'Deny',
            Action: ACCOUNT_PROTECTION_ACTIONS,
            Resource: '*',
            Condition: exempt(options),
          },
        ],
      },
    },
    {
      id: 'AllowedRegions',
      name: `${options.namePrefix}-allowed-regions`,
      description: `hipaa-baseline: denies regional services outside ${options.allowedRegions.join(', ')} (global services and Bedrock inference profiles exempt).`,
      document: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'DenyOutsideAllowedRegions',
            Effect: 'Deny',
            NotAction: [...GLOBAL_SERVICE_ACTIONS, ...MODEL_INVOCATION_ACTIONS],
            Resource: '*',
            Condition: {
              StringNotEquals: { 'aws:RequestedRegion': [...options.allowedRegions] },
              ...exempt(options),
            },
          },
          {
            Sid: 'DenyDirectModelInvocationOutsideAllowedRegions',
            Effect: 'Deny',
            Action: MODEL_INVOCATION_ACTIONS,
            Resource: '*',
            Condition: {
              StringNotEquals: { 'aws:RequestedRegion': [...options.allowedRegions] },
              Null: { 'bedrock:InferenceProfileArn': 'true' },
              ...exempt(options),
            },
          },
        ],
      },
    },
  ];
  if (options.denyNonHipaaEligibleServices) {
    result.push({
      id: 'HipaaEligibleServices',
      name: `${options.namePrefix}-hipaa-eligible-services`,
      description:
        "hipaa-baseline (opted in): denies services outside AWS's HIPAA Eligible Services Reference and the management services the baseline needs.",
      document: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'DenyNonHipaaEligibleServices',
            Effect: 'Deny',
            NotAction: HIPAA_ELIGIBLE_SERVICE_PREFIXES.map((prefix) => `${prefix}:*`),
            Resource: '*',
            Condition: exempt(options),
          },
        ],
      },
    });
  }
  return result;
}

/** The size AWS Organizations counts for a policy document, as CloudFormation sends it (compact JSON). */
export const scpSize = (document: unknown): number => JSON.stringify(document).length;
