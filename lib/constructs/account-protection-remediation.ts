import { Aws, CfnCondition, Fn, Stack, type IResolvable } from 'aws-cdk-lib';
import * as config from 'aws-cdk-lib/aws-config';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, type IConstruct } from 'constructs';
import type { DetectionConfig } from '../config/detection-schema';
import { acknowledge } from '../controls/acknowledge';
import type { ConfigRuleIdentifier } from '../controls/catalog.generated';
import { recordControl } from '../controls/control-inventory';
import { declareControls } from '../controls/declare';

export interface AccountProtectionRemediationProps {
  /** Prefix of the rule names. */
  readonly namePrefix: string;
  /**
   * Name of the role AWS Systems Manager Automation assumes to remediate (the guardrail SCPs exempt it).
   * One per region: the member StackSet deploys this construct in every region.
   */
  readonly roleName: string;
  /** IAM account password policy. HIPAA 164.308(a)(5)(ii)(D); AWS Config IAM_PASSWORD_POLICY. */
  readonly passwordPolicy: DetectionConfig['passwordPolicy'];
  /**
   * Deploy the account-wide (global) settings — password policy, S3 account public access block — only
   * where this holds (the home region); EBS encryption by default is regional and deployed everywhere.
   */
  readonly globalSettingsCondition: CfnCondition;
  /** The Config recorder the rules evaluate with, when this template creates it (the rules wait for it). */
  readonly recorder?: IConstruct;
}

interface Remediated {
  readonly id: string;
  readonly identifier: ConfigRuleIdentifier;
  readonly ruleName: string;
  readonly inputParameters?: Record<string, string>;
  /** AWS-owned Systems Manager Automation runbook that sets what the rule checks. */
  readonly document: string;
  readonly parameters: Record<string, string | IResolvable>;
  readonly global: boolean;
}

const bool = (value: boolean) => String(value);

/**
 * Account-level protections without a CloudFormation resource, applied with no Lambda code (so a StackSet
 * template can carry them): an AWS Config managed rule checks each, and its automatic remediation runs
 * the AWS-owned Systems Manager Automation runbook that sets it — IAM password policy, S3 account-level
 * public access block, EBS encryption by default (with the AWS managed key). The guardrail SCPs keep
 * anyone else from turning them off. HIPAA 164.308(a)(5)(ii)(D), 164.312(a)(1), 164.312(a)(2)(iv).
 */
export class AccountProtectionRemediation extends Construct {
  public readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: AccountProtectionRemediationProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.role = new iam.Role(this, 'Role', {
      roleName: props.roleName,
      assumedBy: new iam.ServicePrincipal('ssm.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': stack.account },
      }),
      description:
        'Systems Manager Automation: restores the account password policy, S3 public access block, EBS encryption',
    });
    const policy = new iam.ManagedPolicy(this, 'Permissions', {
      roles: [this.role],
      statements: [
        new iam.PolicyStatement({
          sid: 'AccountProtections',
          actions: [
            'iam:GetAccountPasswordPolicy',
            'iam:UpdateAccountPasswordPolicy',
            'ec2:GetEbsEncryptionByDefault',
            'ec2:EnableEbsEncryptionByDefault',
            's3:GetAccountPublicAccessBlock',
            's3:PutAccountPublicAccessBlock',
            'config:ListDiscoveredResources',
            'ssm:GetAutomationExecution',
          ],
          resources: ['*'],
        }),
      ],
    });
    acknowledge(
      policy,
      'AwsSolutions-IAM5[Resource::*]',
      'Account-level settings (password policy, EBS and S3 account defaults) have no resource ARN; the role sets only those.',
    );

    const policyValues = props.passwordPolicy;
    const remediated: Remediated[] = [
      {
        id: 'PasswordPolicy',
        identifier: 'IAM_PASSWORD_POLICY',
        ruleName: `${props.namePrefix}-member-iam-password-policy`,
        inputParameters: {
          MinimumPasswordLength: String(policyValues.minimumLength),
          PasswordReusePrevention: String(policyValues.passwordReusePrevention),
          MaxPasswordAge: String(policyValues.maxPasswordAgeDays),
          RequireSymbols: bool(policyValues.requireSymbols),
          RequireNumbers: bool(policyValues.requireNumbers),
          RequireUppercaseCharacters: bool(policyValues.requireUppercase),
          RequireLowercaseCharacters: bool(policyValues.requireLowercase),
        },
        document: 'AWSConfigRemediation-SetIAMPasswordPolicy',
        parameters: {
          MinimumPasswordLength: String(policyValues.minimumLength),
          PasswordReusePrevention: String(policyValues.passwordReusePrevention),
          MaxPasswordAge: String(policyValues.maxPasswordAgeDays),
          RequireSymbols: bool(policyValues.requireSymbols),
          RequireNumbers: bool(policyValues.requireNumbers),
          RequireUppercaseCharacters: bool(policyValues.requireUppercase),
          RequireLowercaseCharacters: bool(policyValues.requireLowercase),
          AllowUsersToChangePassword: 'true',
          HardExpiry: 'false',
        },
        global: true,
      },
      {
        id: 'PublicAccessBlock',
        identifier: 'S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC',
        ruleName: `${props.namePrefix}-member-s3-account-public-access-block`,
        document: 'AWSConfigRemediation-ConfigureS3PublicAccessBlock',
        parameters: {
          AccountId: Aws.ACCOUNT_ID,
          BlockPublicAcls: 'true',
          IgnorePublicAcls: 'true',
          BlockPublicPolicy: 'true',
          RestrictPublicBuckets: 'true',
        },
        global: true,
      },
      {
        id: 'EbsEncryption',
        identifier: 'EC2_EBS_ENCRYPTION_BY_DEFAULT',
        ruleName: `${props.namePrefix}-member-ebs-encryption-by-default`,
        document: 'AWSConfigRemediation-EnableEbsEncryptionByDefault',
        parameters: {},
        global: false,
      },
    ];

    for (const entry of remediated) {
      const rule = new config.CfnConfigRule(this, `${entry.id}Rule`, {
        configRuleName: entry.ruleName,
        description: `hipaa-baseline member baseline: ${entry.identifier}, remediated automatically.`,
        source: { owner: 'AWS', sourceIdentifier: entry.identifier },
        inputParameters: entry.inputParameters,
        maximumExecutionFrequency: 'One_Hour',
      });
      const remediation = new config.CfnRemediationConfiguration(this, `${entry.id}Remediation`, {
        configRuleName: entry.ruleName,
        targetType: 'SSM_DOCUMENT',
        targetId: entry.document,
        automatic: true,
        maximumAutomaticAttempts: 5,
        retryAttemptSeconds: 60,
        parameters: Object.fromEntries(
          Object.entries({ AutomationAssumeRole: this.role.roleArn, ...entry.parameters }).map(([name, value]) => [
            name,
            { StaticValue: { Values: [value] } },
          ]),
        ),
      });
      remediation.node.addDependency(rule);
      // The runbook runs as the role: its permissions must exist first.
      remediation.node.addDependency(policy);
      if (props.recorder) rule.node.addDependency(props.recorder);
      if (entry.global) {
        rule.cfnOptions.condition = props.globalSettingsCondition;
        remediation.cfnOptions.condition = props.globalSettingsCondition;
      }
      recordControl(rule, 'member-protection-rule', ['Source', 'InputParameters']);
      recordControl(remediation, 'member-protection-remediation', ['TargetId', 'Automatic', 'Parameters']);
    }

    declareControls(this, {
      citations: ['164.308(a)(5)(ii)(D)', '164.312(d)', '164.312(a)(1)', '164.312(a)(2)(iv)'],
      statement:
        'In every member account AWS Config checks, and Systems Manager Automation restores within the hour, the IAM password policy, the S3 account-level public access block and EBS encryption by default; the guardrail SCPs deny turning them off.',
    });
  }
}

/** A condition true in one region only (the home region), for account-wide resources of a multi-region StackSet. */
export function homeRegionCondition(scope: Construct, id: string, region: string): CfnCondition {
  return new CfnCondition(scope, id, { expression: Fn.conditionEquals(Aws.REGION, region) });
}
