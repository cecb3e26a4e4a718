import { Duration, Stack, Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge, acknowledgeWildcardResource } from '../controls/acknowledge';
import { declareControls } from '../controls/declare';
import { renderSettings } from '../functions/isolate-instance/config';
import { QUARANTINE_GROUP_TAG } from '../functions/isolate-instance/permissions';
import type { BaselineKey } from './baseline-key';
import {
  addHandlerRole,
  addHandlerSupport,
  HANDLER_EXPORT,
  HANDLER_RUNTIME,
  handlerCode,
  handlerSupportStatements,
  type HandlerSupport,
} from './handler-function';
import { recordControl } from '../controls/control-inventory';

/** One VPC the response may isolate instances in, with its quarantine group. */
export interface QuarantineTarget {
  readonly vpc: ec2.IVpc;
  readonly quarantineGroup: ec2.ISecurityGroup;
}

export interface IncidentResponseProps {
  /**
   * VPC and subnets (app tier) the function runs in; it reaches EC2, SNS, Auto Scaling and Elastic Load
   * Balancing through endpoints or NAT. HIPAA 164.312(e)(1).
   */
  readonly vpc: ec2.IVpc;
  readonly subnets: ec2.SubnetSelection;
  /** Every VPC whose instances may be isolated, with its quarantine group (no ingress, no egress). */
  readonly quarantine: readonly QuarantineTarget[];
  /** Topic told what the function did. HIPAA 164.308(a)(6)(ii). */
  readonly alertTopic: sns.ITopic;
  /** Key of the alert topic, the queue, the log group and the function environment. HIPAA 164.312(a)(2)(iv). */
  readonly encryptionKey: BaselineKey;
  /** GuardDuty finding types (or prefixes) that trigger isolation. */
  readonly findingTypes: readonly string[];
  /** Lowest GuardDuty severity that triggers isolation. */
  readonly minSeverity: number;
  /** Report what would be done without changing anything. */
  readonly dryRun: boolean;
  /** Retention of the function's log group, days. HIPAA 164.312(b). */
  readonly logRetentionDays: number;
  /**
   * Concurrent executions reserved for the function. Lambda refuses a reservation that would leave fewer
   * than 100 unreserved executions (all of them in an account whose quota is 10), so reserving is opt-in.
   * @default - none: the function uses the account's unreserved pool
   */
  readonly reservedConcurrency?: number;
}

/**
 * Automated response to compromised EC2 instances: GuardDuty findings of the configured types and severity
 * invoke a function (built for Node.js 20 syntax, bundled at synth by esbuild) that takes the instance out of
 * its Auto Scaling group (Standby, scale-in protection) and its load balancers, moves every network interface of the
 * instance into its VPC's quarantine group, records the previous groups in a tag, snapshots its volumes
 * with tags linking the finding, and reports to the alert topic. The function runs in the app tier with a
 * dead-letter queue, optional reserved concurrency, an encrypted environment and a role limited by resource tags.
 * HIPAA 164.308(a)(6)(ii) response and reporting, 164.308(a)(1)(ii)(D), 164.312(b).
 */
export class IncidentResponse extends Construct {
  public readonly function: lambda.Function;
  public readonly deadLetterQueue: sqs.Queue;
  public readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: IncidentResponseProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const key = props.encryptionKey;
    const support = addHandlerSupport(this, {
      key,
      logRetentionDays: props.logRetentionDays,
      purpose: 'response function',
    });
    const { deadLetterQueue, logGroup } = support;
    this.deadLetterQueue = deadLetterQueue;

    const securityGroup = new ec2.SecurityGroup(this, 'FunctionSecurityGroup', {
      vpc: props.vpc,
      description: 'Incident response function: HTTPS to VPC endpoints and NAT only',
      allowAllOutbound: false,
    });
    securityGroup.addEgressRule(
      ec2.Peer.anyIpv4(),
      ec2.Port.tcp(443),
      'AWS APIs over HTTPS (EC2, SNS, Auto Scaling, Elastic Load Balancing)',
    );
    recordControl(securityGroup.node.defaultChild as ec2.CfnSecurityGroup, 'incident-response-egress', [
      'SecurityGroupEgress',
    ]);

    const role = addHandlerRole(this, 'Incident response: isolate instances named by GuardDuty findings');
    const policy = new iam.ManagedPolicy(this, 'Permissions', {
      roles: [role],
      statements: this.statements(props, support),
    });
    for (const wildcard of [
      `arn:${stack.partition}:ec2:${stack.region}:${stack.account}:instance/*`,
      `arn:${stack.partition}:ec2:${stack.region}:${stack.account}:network-interface/*`,
      `arn:${stack.partition}:ec2:${stack.region}:${stack.account}:volume/*`,
      `arn:${stack.partition}:ec2:${stack.region}::snapshot/*`,
      `arn:${stack.partition}:ec2:${stack.region}:${stack.account}:security-group/*`,
      `${logGroup.logGroupArn}:log-stream:*`,
    ]) {
      acknowledgeWildcardResource(
        policy,
        wildcard,
        'Instances, interfaces, volumes and snapshots are named by the finding at run time; tag and VPC conditions limit them.',
      );
    }
    for (const wildcard of Object.values(detachResources(stack))) {
      acknowledgeWildcardResource(
        policy,
        wildcard,
        'Any Auto Scaling group or load balancer of the account may hold the compromised instance; the role may only protect, put in Standby and deregister.',
      );
    }
    acknowledge(
      policy,
      'AwsSolutions-IAM5[Resource::*]',
      'EC2, Auto Scaling and Elastic Load Balancing Describe* and the Lambda VPC network-interface actions support no resource-level permissions.',
    );

    for (const target of props.quarantine)
      Tags.of(target.quarantineGroup).add(QUARANTINE_GROUP_TAG.key, QUARANTINE_GROUP_TAG.value);
    const quarantineGroups = Object.fromEntries(
      props.quarantine.map((t) => [t.vpc.vpcId, t.quarantineGroup.securityGroupId]),
    );
    const settings = renderSettings({
      quarantineSecurityGroups: {},
      alertTopicArn: props.alertTopic.topicArn,
      dryRun: props.dryRun,
      findingTypes: [...props.findingTypes],
      minSeverity: props.minSeverity,
    });

    this.function = new lambda.Function(this, 'Function', {
      code: handlerCode('isolate-instance'),
      handler: HANDLER_EXPORT,
      runtime: HANDLER_RUNTIME,
      description: 'hipaa-baseline: isolate EC2 instances named by GuardDuty findings',
      // Every permission is in the managed policy above; the L2 would otherwise add an inline DefaultPolicy.
      role: role.withoutPolicyUpdates(),
      timeout: Duration.minutes(2),
      memorySize: 256,
      reservedConcurrentExecutions: props.reservedConcurrency,
      deadLetterQueue: this.deadLetterQueue,
      retryAttempts: 2,
      vpc: props.vpc,
      vpcSubnets: props.subnets,
      securityGroups: [securityGroup],
      environment: {
        ...settings,
        QUARANTINE_SECURITY_GROUPS: stack.toJsonString(quarantineGroups),
      },
      environmentEncryption: key.key,
      logGroup,
    });
    this.function.node.addDependency(policy);
    if (props.reservedConcurrency === undefined) {
      acknowledge(
        this.function,
        'HIPAA.Security-LambdaConcurrency',
        'Reserving concurrency fails the deploy in new accounts (quota 10, all of it must stay unreserved); opt in with detection.response.reservedConcurrency once preflight confirms the quota.',
      );
    }

    this.rule = new events.Rule(this, 'FindingRule', {
      description: 'hipaa-baseline: GuardDuty EC2 findings that isolate the instance',
      eventPattern: {
        source: ['aws.guardduty'],
        detailType: ['GuardDuty Finding'],
        detail: {
          severity: [{ numeric: ['>=', props.minSeverity] }],
          type: props.findingTypes.map((type) => ({ prefix: type })),
          resource: { resourceType: ['Instance'] },
        },
      },
      targets: [new targets.LambdaFunction(this.function, { retryAttempts: 4, maxEventAge: Duration.hours(1) })],
    });
    recordControl(this.rule.node.defaultChild as events.CfnRule, 'incident-response-rule', [
      'EventPattern',
      'State',
      'Targets',
    ]);

    declareControls(this, {
      citations: ['164.308(a)(6)(ii)', '164.308(a)(1)(ii)(D)', '164.312(b)'],
      statement: `GuardDuty findings of the configured types at severity ${props.minSeverity}+ isolate the instance automatically (quarantine security group, snapshots tagged with the finding) and report to the security team${props.dryRun ? ' (dry run: report only)' : ''}.`,
    });
  }

  private statements(props: IncidentResponseProps, support: HandlerSupport): iam.PolicyStatement[] {
    const { partition, region, account } = Stack.of(this);
    const arn = (type: string, owner = account) => `arn:${partition}:ec2:${region}:${owner}:${type}/*`;
    const prefix = `${QUARANTINE_GROUP_TAG.key.split(':')[0]}:*`;
    const detach = detachResources(Stack.of(this));
    return [
      new iam.PolicyStatement({
        sid: 'Describe',
        actions: ['ec2:DescribeInstances', 'ec2:DescribeSnapshots'],
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        sid: 'TagWithBaselineKeysOnly',
        actions: ['ec2:CreateTags'],
        resources: [arn('instance'), arn('snapshot', '')],
        conditions: { 'ForAllValues:StringLike': { 'aws:TagKeys': [prefix] } },
      }),
      new iam.PolicyStatement({
        sid: 'SwitchInterfacesToQuarantine',
        actions: ['ec2:ModifyNetworkInterfaceAttribute'],
        resources: [arn('network-interface')],
      }),
      new iam.PolicyStatement({
        sid: 'OnlyQuarantineGroups',
        actions: ['ec2:ModifyNetworkInterfaceAttribute'],
        resources: [arn('security-group')],
        conditions: { StringEquals: { [`aws:ResourceTag/${QUARANTINE_GROUP_TAG.key}`]: QUARANTINE_GROUP_TAG.value } },
      }),
      new iam.PolicyStatement({ sid: 'SnapshotVolumes', actions: ['ec2:CreateSnapshot'], resources: [arn('volume')] }),
      new iam.PolicyStatement({
        sid: 'SnapshotsCarryTheFinding',
        actions: ['ec2:CreateSnapshot'],
        resources: [arn('snapshot', '')],
        conditions: { Null: { 'aws:RequestTag/hipaa-baseline:finding-id': 'false' } },
      }),
      new iam.PolicyStatement({
        sid: 'FindGroupsAndLoadBalancers',
        actions: [
          'autoscaling:DescribeAutoScalingInstances',
          'elasticloadbalancing:DescribeTargetGroups',
          'elasticloadbalancing:DescribeTargetHealth',
          'elasticloadbalancing:DescribeLoadBalancers',
        ],
        resources: ['*'],
      }),
      // Detaching before isolating keeps the group from terminating the instance (and its memory evidence).
      new iam.PolicyStatement({
        sid: 'KeepInAutoScalingGroupAsStandby',
        actions: ['autoscaling:SetInstanceProtection', 'autoscaling:EnterStandby'],
        resources: [detach.autoScalingGroups],
      }),
      new iam.PolicyStatement({
        sid: 'DeregisterFromTargetGroups',
        actions: ['elasticloadbalancing:DeregisterTargets'],
        resources: [detach.targetGroups],
      }),
      new iam.PolicyStatement({
        sid: 'DeregisterFromClassicLoadBalancers',
        actions: ['elasticloadbalancing:DeregisterInstancesFromLoadBalancer'],
        resources: [detach.classicLoadBalancers],
      }),
      new iam.PolicyStatement({ sid: 'Report', actions: ['sns:Publish'], resources: [props.alertTopic.topicArn] }),
      ...handlerSupportStatements(support, props.encryptionKey, 'EncryptedTopicQueueAndEnvironment'),
      new iam.PolicyStatement({
        sid: 'VpcNetworkInterfaces',
        actions: [
          'ec2:CreateNetworkInterface',
          'ec2:DescribeNetworkInterfaces',
          'ec2:DeleteNetworkInterface',
          'ec2:AssignPrivateIpAddresses',
          'ec2:UnassignPrivateIpAddresses',
        ],
        resources: ['*'],
      }),
    ];
  }
}

/** ARNs of every Auto Scaling group, target group and Classic Load Balancer of the stack's account and region. */
function detachResources(stack: Stack) {
  const { partition, region, account } = stack;
  return {
    autoScalingGroups: `arn:${partition}:autoscaling:${region}:${account}:autoScalingGroup:*:autoScalingGroupName/*`,
    targetGroups: `arn:${partition}:elasticloadbalancing:${region}:${account}:targetgroup/*/*`,
    classicLoadBalancers: `arn:${partition}:elasticloadbalancing:${region}:${account}:loadbalancer/*`,
  };
}
