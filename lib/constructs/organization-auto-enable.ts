import { CfnResource, CustomResource, Duration, Stack } from 'aws-cdk-lib';
import type * as guardduty from 'aws-cdk-lib/aws-guardduty';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { recordControl } from '../controls/control-inventory';
import { declareControls } from '../controls/declare';
import type { BaselineKey } from './baseline-key';
import { addOrganizationServicesFunction } from './organization-services-function';
import type { GuardDutyFeature } from './threat-detection';

/** CloudFormation type of the custom resource. */
export const ORGANIZATION_AUTO_ENABLE_TYPE = 'Custom::OrganizationAutoEnable';
/** The Amazon Inspector scans every member account gets. */
export const INSPECTOR_AUTO_ENABLE = ['EC2', 'ECR', 'LAMBDA'] as const;

export interface OrganizationAutoEnableProps {
  /** This (delegated administrator) account's detector. */
  readonly detector: guardduty.CfnDetector;
  /** The protection plans of the baseline: those ENABLED are auto-enabled for every member account. */
  readonly guardDutyFeatures: readonly GuardDutyFeature[];
  readonly key: BaselineKey;
  readonly logRetentionDays: number;
  /**
   * The member regions other than the stack's: auto-enable is set there too, on this account's detector
   * of each (GuardDuty enables it when the management stack registers the delegated administrator).
   * @default - the stack's region only
   */
  readonly otherRegions?: readonly string[];
}

/**
 * The delegated administrator's organisation configuration (stack region): GuardDuty (every protection plan
 * of the baseline), Macie and Amazon Inspector (EC2, ECR, Lambda) auto-enabled for every member account,
 * present and new. No CloudFormation resource exists for it, so this project's function sets it
 * (`lib/functions/organization-services`), writing only on a difference; Delete leaves it on. It needs the
 * registration the management stack makes (`Custom::DelegatedAdministrators`): deploy that stack first.
 */
export class OrganizationAutoEnable extends Construct {
  public readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: OrganizationAutoEnableProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const features = props.guardDutyFeatures.filter((f) => f.status === 'ENABLED');
    const otherRegions = [...new Set(props.otherRegions ?? [])].filter((region) => region !== stack.region);
    const detectorsElsewhere = otherRegions.map(
      (region) => `arn:${stack.partition}:guardduty:${region}:${stack.account}:detector/*`,
    );
    const fn = addOrganizationServicesFunction(this, {
      key: props.key,
      logRetentionDays: props.logRetentionDays,
      description: 'sets auto-enable of GuardDuty, Macie and Amazon Inspector for every member account',
      wildcardReason:
        'The Macie and Amazon Inspector organisation configuration is an account-and-region setting: its actions support no resource-level permissions.',
      wildcardResources: detectorsElsewhere.map((resource) => ({
        resource,
        reason:
          'The detector of a member region is created by GuardDuty when the audit account is registered there (management stack): its id is unknown here; only this account’s detectors of that region.',
      })),
      statements: [
        new iam.PolicyStatement({
          sid: 'GuardDutyOrganizationConfiguration',
          actions: ['guardduty:DescribeOrganizationConfiguration', 'guardduty:UpdateOrganizationConfiguration'],
          resources: [
            `arn:${stack.partition}:guardduty:${stack.region}:${stack.account}:detector/${props.detector.ref}`,
            ...detectorsElsewhere,
          ],
        }),
        ...(otherRegions.length
          ? [
              new iam.PolicyStatement({
                sid: 'GuardDutyDetectorsOfMemberRegions',
                actions: ['guardduty:ListDetectors'],
                resources: ['*'],
              }),
            ]
          : []),
        new iam.PolicyStatement({
          sid: 'MacieAndInspectorOrganizationConfiguration',
          actions: [
            'macie2:DescribeOrganizationConfiguration',
            'macie2:UpdateOrganizationConfiguration',
            'inspector2:DescribeOrganizationConfiguration',
            'inspector2:UpdateOrganizationConfiguration',
          ],
          resources: ['*'],
        }),
      ],
    });
    this.resource = new CustomResource(this, 'Configuration', {
      serviceToken: fn.functionArn,
      resourceType: ORGANIZATION_AUTO_ENABLE_TYPE,
      properties: {
        Setting: 'OrganizationConfiguration',
        GuardDutyDetectorId: props.detector.ref,
        GuardDutyFeatures: features.map((f) => ({
          Name: f.name,
          ...(f.additionalConfiguration?.length
            ? { AdditionalConfiguration: f.additionalConfiguration.map((c) => c.name) }
            : {}),
        })),
        InspectorResourceTypes: [...INSPECTOR_AUTO_ENABLE],
        ...(otherRegions.length ? { OtherRegions: otherRegions } : {}),
      },
      serviceTimeout: Duration.minutes(3),
    });
    this.resource.node.addDependency(props.detector);
    recordControl(this.resource.node.defaultChild as CfnResource, 'organization-auto-enable', [
      'Setting',
      'GuardDutyDetectorId',
      'GuardDutyFeatures',
      'InspectorResourceTypes',
      'OtherRegions',
    ]);
    declareControls(this, {
      citations: ['164.308(a)(1)(ii)(D)', '164.308(a)(5)(ii)(B)', '164.308(a)(6)(ii)', '164.312(b)'],
      statement: `GuardDuty (${features.map((f) => f.name).join(', ')}), Macie and Amazon Inspector (${INSPECTOR_AUTO_ENABLE.join(', ')}) are enabled in every member account, present and new, in ${[stack.region, ...otherRegions].join(', ')} by the delegated administrator’s organisation configuration (auto-enable), which this stack sets through its custom resource and leaves on when removed.`,
      reliesOn:
        'the delegated-administrator registration of GuardDuty, Macie and Amazon Inspector made by the management stack, deployed first',
    });
  }
}
