import { Stack } from 'aws-cdk-lib';
import * as config from 'aws-cdk-lib/aws-config';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as securityhub from 'aws-cdk-lib/aws-securityhub';
import { Construct, type IConstruct } from 'constructs';
import { acknowledge } from '../controls/acknowledge';
import type { ConfigRuleSpec } from '../controls/config-rule-specs';
import { recordControl } from '../controls/control-inventory';
import { declareControls } from '../controls/declare';
import { conformancePackTemplate, MAX_TEMPLATE_BODY_BYTES } from './hipaa-config-rules';

export interface OrganizationServicesProps {
  /** The Security Hub of this (delegated administrator) account: central configuration needs it. */
  readonly hub: IConstruct;
  /** Its cross-region finding aggregator: central configuration needs one. */
  readonly findingAggregator: IConstruct;
  /** Standards every member account's Security Hub runs (ARNs in this region). HIPAA 164.308(a)(8). */
  readonly securityHubStandardArns: readonly string[];
  /** Organizational units the Security Hub configuration policy is associated with. */
  readonly organizationalUnitIds: readonly string[];
  /** The AWS Config rules every member account gets, as one organisation conformance pack. HIPAA 164.308(a)(8). */
  readonly rules: readonly ConfigRuleSpec[];
  readonly packName: string;
  readonly aggregatorName: string;
}

/**
 * Org-wide services the delegated administrator (audit account) runs through CloudFormation: Security Hub
 * central configuration (a configuration policy enabling Security Hub and the standards in every member
 * account of the OUs), the AWS Config organisation aggregator, and the HIPAA rules as an organisation
 * conformance pack in every member account. HIPAA 164.308(a)(1)(ii)(D), 164.308(a)(8), 164.312(b).
 */
export class OrganizationServices extends Construct {
  public readonly aggregator: config.CfnConfigurationAggregator;
  public readonly conformancePack: config.CfnOrganizationConformancePack;

  constructor(scope: Construct, id: string, props: OrganizationServicesProps) {
    super(scope, id);
    const stack = Stack.of(this);

    const central = new securityhub.CfnOrganizationConfiguration(this, 'SecurityHubCentralConfiguration', {
      autoEnable: false,
      autoEnableStandards: 'NONE',
      configurationType: 'CENTRAL',
    });
    central.node.addDependency(props.hub, props.findingAggregator);
    const policy = new securityhub.CfnConfigurationPolicy(this, 'SecurityHubPolicy', {
      name: `${props.packName}-security-hub`,
      description: 'hipaa-baseline: Security Hub on, with the configured standards and every control',
      configurationPolicy: {
        securityHub: {
          serviceEnabled: true,
          enabledStandardIdentifiers: [...props.securityHubStandardArns],
          securityControlsConfiguration: { disabledSecurityControlIdentifiers: [] },
        },
      },
    });
    policy.node.addDependency(central);
    props.organizationalUnitIds.forEach((ou) => {
      const association = new securityhub.CfnPolicyAssociation(this, `SecurityHubPolicy-${ou}`, {
        configurationPolicyId: policy.attrId,
        targetId: ou,
        targetType: 'ORGANIZATIONAL_UNIT',
      });
      recordControl(association, 'securityhub-policy-association', ['TargetId', 'TargetType']);
    });
    recordControl(central, 'securityhub-central-configuration', ['ConfigurationType']);
    recordControl(policy, 'securityhub-configuration-policy', ['ConfigurationPolicy']);
    declareControls(policy, {
      citations: ['164.308(a)(1)(ii)(A)', '164.308(a)(1)(ii)(D)', '164.308(a)(8)'],
      statement: `Security Hub central configuration enables Security Hub with ${props.securityHubStandardArns.length} standard(s) and every control in each account of ${props.organizationalUnitIds.length} organizational unit(s).`,
    });

    const role = new iam.Role(this, 'AggregatorRole', {
      assumedBy: new iam.ServicePrincipal('config.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': stack.account },
      }),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSConfigRoleForOrganizations')],
    });
    acknowledge(
      role,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSConfigRoleForOrganizations]',
      'AWS maintains the organization aggregator policy: read-only organization listing for AWS Config.',
    );
    this.aggregator = new config.CfnConfigurationAggregator(this, 'Aggregator', {
      configurationAggregatorName: props.aggregatorName,
      organizationAggregationSource: { roleArn: role.roleArn, allAwsRegions: true },
    });
    recordControl(this.aggregator, 'config-aggregator', ['OrganizationAggregationSource']);

    const body = conformancePackTemplate(props.rules);
    if (Buffer.byteLength(body) > MAX_TEMPLATE_BODY_BYTES) {
      throw new Error(
        `${this.node.path}: the organisation conformance pack template is ${Buffer.byteLength(body)} bytes; AWS Config accepts ${MAX_TEMPLATE_BODY_BYTES} inline (drop rule parameter overrides)`,
      );
    }
    this.conformancePack = new config.CfnOrganizationConformancePack(this, 'ConformancePack', {
      organizationConformancePackName: props.packName,
      templateBody: body,
    });
    recordControl(this.conformancePack, 'config-organization-conformance-pack', [
      'OrganizationConformancePackName',
      'TemplateBody',
    ]);
    declareControls(this, {
      citations: ['164.308(a)(8)', '164.308(a)(1)(ii)(B)', '164.308(a)(1)(ii)(D)', '164.312(b)'],
      statement: `${props.rules.length} AWS Config rules evaluate every member account as one organisation conformance pack; an organisation aggregator collects the results in the audit account.`,
    });
  }
}
