import { Stack } from 'aws-cdk-lib';
import * as config from 'aws-cdk-lib/aws-config';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { acknowledge, acknowledgeWildcardResource } from '../controls/acknowledge';
import { declareControls } from '../controls/declare';
import { REMOVE_DEFAULT_SG_RULES_DOCUMENT } from '../network/plan';

export interface DefaultSecurityGroupClosureProps {
  /** VPCs whose default security group must have no rules, by a stable word each. */
  readonly vpcs: Readonly<Record<string, ec2.Vpc>>;
}

/**
 * Keeps the default security group of each VPC without any rule, natively: an AWS Config rule
 * (VPC_DEFAULT_SECURITY_GROUP_CLOSED) scoped to that group, with automatic remediation by the AWS-owned
 * runbook that revokes its rules. CloudFormation cannot remove the rules AWS creates with a VPC; this
 * avoids CDK's custom-resource Lambda and also reverts any rule added later. Needs the AWS Config recorder
 * (log archive stack). HIPAA 164.312(e)(1); AWS Config VPC_DEFAULT_SECURITY_GROUP_CLOSED.
 */
export class DefaultSecurityGroupClosure extends Construct {
  /** Role the runbook runs as: may revoke rules of these default groups only. */
  public readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: DefaultSecurityGroupClosureProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.role = new iam.Role(this, 'RemediationRole', {
      assumedBy: new iam.ServicePrincipal('ssm.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': stack.account },
      }),
      description: 'AWS Config remediation: remove every rule of the VPC default security groups',
    });
    const groupArns = Object.values(props.vpcs).map(
      (vpc) =>
        `arn:${stack.partition}:ec2:${stack.region}:${stack.account}:security-group/${vpc.vpcDefaultSecurityGroup}`,
    );
    const executions = `arn:${stack.partition}:ssm:${stack.region}:${stack.account}:automation-execution/*`;
    const policy = new iam.ManagedPolicy(this, 'RemediationPolicy', {
      roles: [this.role],
      statements: [
        new iam.PolicyStatement({ actions: ['ec2:DescribeSecurityGroups'], resources: ['*'] }),
        new iam.PolicyStatement({
          actions: ['ec2:RevokeSecurityGroupIngress', 'ec2:RevokeSecurityGroupEgress'],
          resources: groupArns,
        }),
        new iam.PolicyStatement({ actions: ['ssm:GetAutomationExecution'], resources: [executions] }),
      ],
    });
    acknowledge(
      policy,
      'AwsSolutions-IAM5[Resource::*]',
      'ec2:DescribeSecurityGroups supports no resource-level permissions; revoking is limited to the default groups.',
    );
    // Named from the value the policy uses, so it holds whether the stack's region is a token or explicit.
    acknowledgeWildcardResource(
      policy,
      executions,
      'Automation execution ids are assigned when AWS Config starts the runbook; the wildcard covers only executions.',
    );

    for (const [name, vpc] of Object.entries(props.vpcs)) {
      const rule = new config.CfnConfigRule(this, `${name}Rule`, {
        description: `The default security group of the ${name} VPC has no rules.`,
        source: { owner: 'AWS', sourceIdentifier: 'VPC_DEFAULT_SECURITY_GROUP_CLOSED' },
        scope: {
          complianceResourceTypes: ['AWS::EC2::SecurityGroup'],
          complianceResourceId: vpc.vpcDefaultSecurityGroup,
        },
      });
      new config.CfnRemediationConfiguration(this, `${name}Remediation`, {
        configRuleName: rule.ref,
        targetType: 'SSM_DOCUMENT',
        targetId: REMOVE_DEFAULT_SG_RULES_DOCUMENT,
        parameters: {
          AutomationAssumeRole: { StaticValue: { Values: [this.role.roleArn] } },
          GroupId: { ResourceValue: { Value: 'RESOURCE_ID' } },
        },
        automatic: true,
        maximumAutomaticAttempts: 5,
        retryAttemptSeconds: 60,
      });
      acknowledge(
        vpc.node.defaultChild!,
        'HIPAA.Security-VPCDefaultSecurityGroupClosed',
        `The default security group is emptied natively by AWS Config auto-remediation (${REMOVE_DEFAULT_SG_RULES_DOCUMENT}), not by a custom-resource Lambda.`,
      );
    }
    declareControls(this, {
      citations: ['164.312(e)(1)', '164.312(a)(1)'],
      statement:
        'AWS Config keeps the default security group of every VPC without rules, removing any rule automatically, so no resource gets traffic by falling back to it.',
    });
  }
}
