import { CfnResource, CustomResource, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { recordControl } from '../controls/control-inventory';
import { declareControls } from '../controls/declare';
import type { BaselineKey } from './baseline-key';
import { addOrganizationServicesFunction } from './organization-services-function';

/** CloudFormation type of the custom resource. */
export const DELEGATED_ADMINISTRATORS_TYPE = 'Custom::DelegatedAdministrators';

/** The service-linked roles the registrations may create (GuardDuty, its malware scans, Macie, Inspector): service → role name. */
export const REGISTRATION_SERVICE_LINKED_ROLES = {
  'guardduty.amazonaws.com': 'AWSServiceRoleForAmazonGuardDuty',
  'malware-protection.guardduty.amazonaws.com': 'AWSServiceRoleForAmazonGuardDutyMalwareProtection',
  'macie.amazonaws.com': 'AWSServiceRoleForAmazonMacie',
  'inspector2.amazonaws.com': 'AWSServiceRoleForAmazonInspector2',
} as const;

export interface DelegatedAdministratorsProps {
  /** The account registered (the audit account). */
  readonly administratorAccountId: string;
  /** Regions it is registered in (the services' administrators are regional). */
  readonly regions: readonly string[];
  readonly key: BaselineKey;
  readonly logRetentionDays: number;
}

/**
 * Management account: the audit account registered as delegated administrator of GuardDuty, Macie and Amazon
 * Inspector in every region of `regions` — no CloudFormation resource exists for them, so this project's
 * function does it (`lib/functions/organization-services`). An account already registered is left; another
 * account registered fails the deploy naming it; Delete leaves the registrations.
 */
export class DelegatedAdministrators extends Construct {
  public readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: DelegatedAdministratorsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const fn = addOrganizationServicesFunction(this, {
      key: props.key,
      logRetentionDays: props.logRetentionDays,
      description: 'registers the delegated administrator of GuardDuty, Macie and Amazon Inspector',
      wildcardReason:
        'Delegated-administrator registration and AWS Organizations reads support no resource-level permissions; service-linked role creation is limited to the services registered.',
      statements: [
        new iam.PolicyStatement({
          sid: 'RegisterAdministrators',
          actions: [
            'guardduty:ListOrganizationAdminAccounts',
            'guardduty:EnableOrganizationAdminAccount',
            'macie2:ListOrganizationAdminAccounts',
            'macie2:EnableOrganizationAdminAccount',
            'inspector2:ListDelegatedAdminAccounts',
            'inspector2:EnableDelegatedAdminAccount',
          ],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'OrganizationsForRegistration',
          actions: [
            'organizations:EnableAWSServiceAccess',
            'organizations:RegisterDelegatedAdministrator',
            'organizations:ListDelegatedAdministrators',
            'organizations:ListAWSServiceAccessForOrganization',
            'organizations:DescribeOrganization',
            'organizations:DescribeOrganizationalUnit',
            'organizations:DescribeAccount',
            'organizations:ListAccounts',
          ],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'ServiceLinkedRoles',
          actions: ['iam:CreateServiceLinkedRole'],
          resources: Object.entries(REGISTRATION_SERVICE_LINKED_ROLES).map(
            ([service, role]) =>
              `arn:${stack.partition}:iam::${stack.account}:role/aws-service-role/${service}/${role}`,
          ),
          conditions: { StringEquals: { 'iam:AWSServiceName': Object.keys(REGISTRATION_SERVICE_LINKED_ROLES) } },
        }),
      ],
    });
    this.resource = new CustomResource(this, 'Registration', {
      serviceToken: fn.functionArn,
      resourceType: DELEGATED_ADMINISTRATORS_TYPE,
      properties: {
        Setting: 'DelegatedAdministrator',
        AdministratorAccountId: props.administratorAccountId,
        Regions: [...props.regions],
      },
      serviceTimeout: Duration.minutes(3),
    });
    recordControl(this.resource.node.defaultChild as CfnResource, 'delegated-administrators', [
      'Setting',
      'AdministratorAccountId',
      'Regions',
    ]);
    declareControls(this, {
      citations: ['164.308(a)(1)(ii)(D)', '164.308(a)(6)(ii)', '164.308(a)(8)'],
      statement: `The audit account (${props.administratorAccountId}) is registered as delegated administrator of GuardDuty, Macie and Amazon Inspector in ${props.regions.join(', ')} by the management stack (custom resource: no CloudFormation resource exists); another administrator already registered fails the deploy, and removing the stack leaves the registrations.`,
    });
  }
}
