import { CfnResource, CustomResource, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct, type IConstruct } from 'constructs';
import type { AccountServicesConfig } from '../config/account-services-schema';
import { weakerPasswordFields, type DetectionConfig } from '../config/detection-schema';
import { acknowledge, acknowledgeWildcardResource } from '../controls/acknowledge';
import { declareControls } from '../controls/declare';
import { warn } from '../controls/warnings';
import type { AccountSettings } from '../functions/account-settings/properties';
import type { BaselineKey } from './baseline-key';
import type { GuardDutyFeature } from './threat-detection';
import {
  addHandlerRole,
  addHandlerSupport,
  HANDLER_EXPORT,
  HANDLER_RUNTIME,
  handlerCode,
  handlerSupportStatements,
} from './handler-function';
import { recordControl } from '../controls/control-inventory';

export interface AccountHardeningProps {
  /** IAM account password policy. HIPAA 164.308(a)(5)(ii)(D); AWS Config IAM_PASSWORD_POLICY. */
  readonly passwordPolicy: DetectionConfig['passwordPolicy'];
  /** Key new EBS volumes are encrypted with by default. HIPAA 164.312(a)(2)(iv); AWS Config EC2_EBS_ENCRYPTION_BY_DEFAULT. */
  readonly ebsKey: kms.IKey;
  /** Tag values whose buckets Macie classifies daily (DataClassification). HIPAA 164.308(a)(1)(ii)(D). */
  readonly macieTagValues: readonly string[];
  /**
   * The Macie session when the baseline creates it: classification needs Macie enabled first.
   * @default - Macie already exists in the account
   */
  readonly macieSession?: IConstruct;
  /**
   * How the account runs its once-per-account services. `organization`: the function leaves that service
   * alone (Inspector, Macie); `existing`: it configures the account's GuardDuty detector and Security Hub
   * standards (with `create` the stack's own resources carry those settings).
   */
  readonly services: Pick<AccountServicesConfig, 'guardDuty' | 'securityHub' | 'macie' | 'inspector'>;
  /** The protection plans, and the findings export, an existing GuardDuty detector gets. HIPAA 164.308(a)(6)(ii). */
  readonly guardDuty: {
    readonly features: readonly GuardDutyFeature[];
    readonly findingsBucket: s3.IBucket;
    readonly findingsKey: kms.IKey;
  };
  /** The Security Hub standards an existing hub gets. HIPAA 164.308(a)(8). */
  readonly securityHubStandardArns: readonly string[];
  /** Key of the function's queue and logs. */
  readonly encryptionKey: BaselineKey;
  /** Retention of the function's log group, days. */
  readonly logRetentionDays: number;
}

/**
 * Account-level settings that have no CloudFormation resource, applied by ONE well-scoped custom resource
 * (this project's own function, no CDK provider framework): IAM password policy, EBS encryption by default
 * with the data key, S3 account-level public access block, Amazon Inspector for EC2, ECR and Lambda, and
 * Macie automated discovery plus a daily classification job over PHI and de-identified buckets. Deleting
 * the stack leaves the settings in place (never weakens the account).
 */
export class AccountHardening extends Construct {
  public readonly function: lambda.Function;
  public readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: AccountHardeningProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const key = props.encryptionKey;
    const support = addHandlerSupport(this, {
      key,
      logRetentionDays: props.logRetentionDays,
      purpose: 'account-settings function',
    });
    const { deadLetterQueue, logGroup } = support;
    const role = addHandlerRole(
      this,
      'Account settings without a CloudFormation resource (password policy, EBS, S3, Inspector, Macie)',
    );
    const { services } = props;
    const inspector = services.inspector !== 'organization';
    const macie = services.macie !== 'organization';
    const guardDuty = services.guardDuty === 'existing';
    const securityHub = services.securityHub === 'existing' && props.securityHubStandardArns.length > 0;
    const jobs = `arn:${stack.partition}:macie2:${stack.region}:${stack.account}:classification-job/*`;
    const serviceRole = (sid: string, service: string, name: string) =>
      new iam.PolicyStatement({
        sid,
        actions: ['iam:CreateServiceLinkedRole'],
        resources: [`arn:${stack.partition}:iam::${stack.account}:role/aws-service-role/${service}/${name}`],
        conditions: { StringEquals: { 'iam:AWSServiceName': service } },
      });
    const detectors = `arn:${stack.partition}:guardduty:${stack.region}:${stack.account}:detector/*`;
    const policy = new iam.ManagedPolicy(this, 'Permissions', {
      roles: [role],
      statements: [
        new iam.PolicyStatement({
          sid: 'AccountSettings',
          actions: [
            'iam:GetAccountPasswordPolicy',
            'iam:UpdateAccountPasswordPolicy',
            'ec2:GetEbsEncryptionByDefault',
            'ec2:EnableEbsEncryptionByDefault',
            'ec2:GetEbsDefaultKmsKeyId',
            'ec2:ModifyEbsDefaultKmsKeyId',
            's3:GetAccountPublicAccessBlock',
            's3:PutAccountPublicAccessBlock',
            ...(inspector ? ['inspector2:BatchGetAccountStatus', 'inspector2:Enable'] : []),
            ...(macie
              ? [
                  'macie2:GetAutomatedDiscoveryConfiguration',
                  'macie2:UpdateAutomatedDiscoveryConfiguration',
                  'macie2:ListClassificationJobs',
                ]
              : []),
            ...(guardDuty ? ['guardduty:ListDetectors'] : []),
          ],
          resources: ['*'],
        }),
        ...(inspector
          ? [serviceRole('InspectorServiceLinkedRole', 'inspector2.amazonaws.com', 'AWSServiceRoleForAmazonInspector2')]
          : []),
        ...(macie
          ? [
              new iam.PolicyStatement({
                sid: 'OwnClassificationJobs',
                actions: [
                  'macie2:CreateClassificationJob',
                  'macie2:TagResource',
                  'macie2:DescribeClassificationJob',
                  'macie2:UpdateClassificationJob',
                ],
                resources: [jobs],
              }),
            ]
          : []),
        ...(guardDuty
          ? [
              new iam.PolicyStatement({
                sid: 'ExistingGuardDutyDetector',
                actions: [
                  'guardduty:GetDetector',
                  'guardduty:UpdateDetector',
                  'guardduty:ListPublishingDestinations',
                  'guardduty:DescribePublishingDestination',
                  'guardduty:CreatePublishingDestination',
                ],
                resources: [detectors, `${detectors}/publishingDestination/*`],
              }),
              new iam.PolicyStatement({
                sid: 'GuardDutyExportBucket',
                actions: ['s3:GetBucketLocation'],
                resources: [props.guardDuty.findingsBucket.bucketArn],
              }),
              // Enabling EBS malware protection creates its service-linked role with the caller's credentials.
              serviceRole(
                'GuardDutyMalwareProtectionServiceLinkedRole',
                'malware-protection.guardduty.amazonaws.com',
                'AWSServiceRoleForAmazonGuardDutyMalwareProtection',
              ),
            ]
          : []),
        ...(securityHub
          ? [
              new iam.PolicyStatement({
                sid: 'ExistingSecurityHub',
                actions: ['securityhub:GetEnabledStandards', 'securityhub:BatchEnableStandards'],
                resources: [`arn:${stack.partition}:securityhub:${stack.region}:${stack.account}:hub/default`],
              }),
            ]
          : []),
        ...handlerSupportStatements(support, key),
      ],
    });
    acknowledge(
      policy,
      'AwsSolutions-IAM5[Resource::*]',
      'Account-level IAM, EC2, S3 Control, Inspector and Macie settings support no resource-level permissions.',
    );
    if (macie) {
      acknowledgeWildcardResource(
        policy,
        jobs,
        'The function creates and cancels only its own classification jobs, named at run time.',
      );
    }
    if (guardDuty) {
      acknowledgeWildcardResource(
        policy,
        detectors,
        "The account's existing detector: GuardDuty assigns its id, found at run time with ListDetectors (one per account and region).",
      );
      acknowledgeWildcardResource(
        policy,
        `${detectors}/publishingDestination/*`,
        "The existing detector's findings export, whose id GuardDuty assigns.",
      );
    }
    acknowledgeWildcardResource(
      policy,
      `${logGroup.logGroupArn}:log-stream:*`,
      'Lambda names log streams at run time; only streams of this log group.',
    );

    this.function = new lambda.Function(this, 'Function', {
      code: handlerCode('account-settings'),
      handler: HANDLER_EXPORT,
      runtime: HANDLER_RUNTIME,
      description: 'hipaa-baseline: account settings that have no CloudFormation resource',
      role: role.withoutPolicyUpdates(),
      timeout: Duration.minutes(5),
      memorySize: 256,
      deadLetterQueue,
      environmentEncryption: key.key,
      logGroup,
    });
    this.function.node.addDependency(policy);
    acknowledge(
      this.function,
      'HIPAA.Security-LambdaConcurrency',
      'Runs only when CloudFormation deploys the stack (one request at a time); a reservation would fail the deploy in new accounts whose concurrency quota is 10.',
    );
    acknowledge(
      this.function,
      'HIPAA.Security-LambdaInsideVPC',
      'Runs only during deployment and calls global account APIs (IAM, S3 Control, Inspector, Macie) that have no VPC endpoints; it handles no PHI.',
    );

    const policyConfig = props.passwordPolicy;
    const properties: AccountSettings = {
      PasswordPolicy: {
        MinimumPasswordLength: policyConfig.minimumLength,
        RequireSymbols: policyConfig.requireSymbols,
        RequireNumbers: policyConfig.requireNumbers,
        RequireUppercaseCharacters: policyConfig.requireUppercase,
        RequireLowercaseCharacters: policyConfig.requireLowercase,
        MaxPasswordAge: policyConfig.maxPasswordAgeDays,
        PasswordReusePrevention: policyConfig.passwordReusePrevention,
        AllowUsersToChangePassword: true,
        HardExpiry: false,
      },
      EbsEncryptionByDefault: { KmsKeyArn: props.ebsKey.keyArn },
      S3AccountPublicAccessBlock: true,
      ...(inspector ? { Inspector: { ResourceTypes: ['EC2', 'ECR', 'LAMBDA', 'LAMBDA_CODE'] } } : {}),
      ...(macie
        ? {
            MacieAutomatedDiscovery: true,
            MacieClassificationJob: {
              Name: `${stack.stackName}-sensitive-data`,
              TagKey: 'DataClassification',
              TagValues: [...props.macieTagValues],
              ScheduleFrequency: 'DAILY',
            },
          }
        : {}),
      ...(guardDuty
        ? {
            GuardDuty: {
              Features: props.guardDuty.features
                .filter((f) => f.status === 'ENABLED')
                .map((f) => ({
                  Name: f.name,
                  ...(f.additionalConfiguration?.length
                    ? { AdditionalConfiguration: f.additionalConfiguration.map((c) => c.name) }
                    : {}),
                })),
              FindingPublishingFrequency: 'FIFTEEN_MINUTES',
              FindingsExport: {
                DestinationArn: props.guardDuty.findingsBucket.bucketArn,
                KmsKeyArn: props.guardDuty.findingsKey.keyArn,
              },
            },
          }
        : {}),
      ...(securityHub ? { SecurityHubStandards: { StandardsArns: [...props.securityHubStandardArns] } } : {}),
    };
    this.resource = new CustomResource(this, 'Settings', {
      serviceToken: this.function.functionArn,
      resourceType: 'Custom::AccountSettings',
      properties: properties as unknown as Record<string, unknown>,
      serviceTimeout: Duration.minutes(6),
    });
    if (props.macieSession) this.resource.node.addDependency(props.macieSession);
    recordControl(this.resource.node.defaultChild as CfnResource, 'account-settings', Object.keys(properties));

    const weak = weakerPasswordFields(policyConfig);
    if (weak.length > 0) warn(this, 'HIPAABaseline-WeakPasswordPolicy', `Weaker fields: ${weak.join(', ')}.`);

    declareControls(this, {
      citations: [
        '164.308(a)(1)(ii)(B)',
        '164.308(a)(5)(ii)(D)',
        '164.312(d)',
        '164.312(a)(2)(iv)',
        '164.312(a)(1)',
        '164.308(a)(5)(ii)(B)',
        '164.308(a)(1)(ii)(A)',
        '164.308(a)(1)(ii)(D)',
      ],
      statement:
        [
          'Account-wide: a strong IAM password policy, EBS volumes encrypted by default with the data key, S3 public access blocked for the whole account',
          ...(inspector ? ['Inspector scanning EC2/ECR/Lambda for vulnerabilities'] : []),
          ...(macie ? ['Macie classifying PHI and de-identified buckets daily'] : []),
          ...(guardDuty
            ? ["the account's existing GuardDuty detector set to the baseline's protection plans and export"]
            : []),
          ...(securityHub ? ["the selected standards enabled on the account's existing Security Hub"] : []),
        ].join(', ') + '.',
    });
  }
}
