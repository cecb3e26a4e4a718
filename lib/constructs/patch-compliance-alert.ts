import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { acknowledge } from '../controls/acknowledge';
import { recordControl } from '../controls/control-inventory';
import { declareControls } from '../controls/declare';
import type { BaselineKey } from './baseline-key';
import { complianceAlertPattern } from './security-alerts';

export interface PatchComplianceAlertProps {
  /**
   * Deployed name of the AWS Config rule EC2_MANAGEDINSTANCE_PATCH_COMPLIANCE_STATUS_CHECK (in a conformance
   * pack, the name before `-conformance-pack-`). HIPAA 164.308(a)(5)(ii)(B).
   */
  readonly ruleName: string;
  /** Whether the rule is deployed inside a conformance pack (AWS Config then suffixes its name). */
  readonly inConformancePack: boolean;
  /** Days an instance may stay NON_COMPLIANT before people are alerted (1 to 90). */
  readonly gracePeriodDays: number;
  /** Topic people are alerted through. HIPAA 164.308(a)(1)(ii)(D). */
  readonly alertTopic: sns.ITopic;
  /** Key of the alert topic and of the check's log group. HIPAA 164.312(a)(2)(iv). */
  readonly encryptionKey: BaselineKey;
  /** Retention of the check's execution log, days. HIPAA 164.312(b). */
  readonly logRetentionDays: number;
}

/** The Choice condition: the resource still has a NON_COMPLIANT result of the rule that started the check. */
export const STILL_NON_COMPLIANT =
  '{% $count($states.input.EvaluationResults[EvaluationResultIdentifier.EvaluationResultQualifier.ConfigRuleName = $rule]) > 0 %}';

/**
 * Alerts people when an instance stays non-compliant with the patch compliance rule past a grace period,
 * without a function of its own: each AWS Config "Compliance Change" of the rule to NON_COMPLIANT starts a
 * Step Functions standard workflow (SDK integrations only) that waits the grace period, asks AWS Config
 * whether that resource is still NON_COMPLIANT with that rule, and if so publishes to the alert topic; if
 * it cannot ask, it says so on the topic instead of staying silent. A resource that turned compliant in the
 * meantime ends the check quietly. HIPAA 164.308(a)(5)(ii)(B), 164.308(a)(1)(ii)(D).
 */
export class PatchComplianceAlert extends Construct {
  public readonly stateMachine: sfn.StateMachine;
  public readonly rule: events.Rule;
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: PatchComplianceAlertProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const days = props.gracePeriodDays;
    const key = props.encryptionKey;
    key.allowCloudWatchLogs();
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      encryptionKey: key.key,
      retention: props.logRetentionDays as logs.RetentionDays,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('states.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': stack.account },
        ArnLike: { 'aws:SourceArn': `arn:${stack.partition}:states:${stack.region}:${stack.account}:stateMachine:*` },
      }),
      description: 'hipaa-baseline: check patch compliance after the grace period and alert',
    });
    const policy = new iam.ManagedPolicy(this, 'Permissions', {
      roles: [role],
      statements: [
        new iam.PolicyStatement({
          sid: 'ReadCompliance',
          actions: ['config:GetComplianceDetailsByResource'],
          resources: ['*'],
        }),
        new iam.PolicyStatement({ sid: 'Alert', actions: ['sns:Publish'], resources: [props.alertTopic.topicArn] }),
        new iam.PolicyStatement({
          sid: 'EncryptedTopic',
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [key.key.keyArn],
        }),
        new iam.PolicyStatement({
          sid: 'ExecutionLogs',
          actions: [
            'logs:CreateLogDelivery',
            'logs:GetLogDelivery',
            'logs:UpdateLogDelivery',
            'logs:DeleteLogDelivery',
            'logs:ListLogDeliveries',
            'logs:PutResourcePolicy',
            'logs:DescribeResourcePolicies',
            'logs:DescribeLogGroups',
          ],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'Tracing',
          actions: [
            'xray:PutTraceSegments',
            'xray:PutTelemetryRecords',
            'xray:GetSamplingRules',
            'xray:GetSamplingTargets',
          ],
          resources: ['*'],
        }),
      ],
    });
    acknowledge(
      policy,
      'AwsSolutions-IAM5[Resource::*]',
      'AWS Config compliance reads, log delivery and X-Ray support no resource-level permissions.',
    );

    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      comment: `hipaa-baseline: alert when an instance is still unpatched ${days} days after it became non-compliant`,
      queryLanguage: sfn.QueryLanguage.JSONATA,
      definitionBody: sfn.DefinitionBody.fromChainable(this.definition(props)),
      stateMachineType: sfn.StateMachineType.STANDARD,
      // Every permission is in the managed policy above; the L2 would otherwise add an inline DefaultPolicy.
      role: role.withoutPolicyUpdates(),
      timeout: Duration.days(days + 1),
      logs: { destination: this.logGroup, level: sfn.LogLevel.ALL, includeExecutionData: true },
      tracingEnabled: true,
    });
    this.stateMachine.node.addDependency(policy);

    const eventsRole = new iam.Role(this, 'EventsRole', {
      assumedBy: new iam.ServicePrincipal('events.amazonaws.com'),
      description: 'hipaa-baseline: start the patch compliance check',
    });
    new iam.ManagedPolicy(this, 'EventsPermissions', {
      roles: [eventsRole],
      statements: [
        new iam.PolicyStatement({
          sid: 'StartCheck',
          actions: ['states:StartExecution'],
          resources: [this.stateMachine.stateMachineArn],
        }),
      ],
    });
    this.rule = new events.Rule(this, 'ComplianceChange', {
      description: 'hipaa-baseline: an instance became non-compliant with the patch compliance rule',
      eventPattern: complianceAlertPattern([props.ruleName], props.inConformancePack),
      targets: [new targets.SfnStateMachine(this.stateMachine, { role: eventsRole.withoutPolicyUpdates() })],
    });

    recordControl(this.rule.node.defaultChild as events.CfnRule, 'patch-compliance-alert-rule', [
      'State',
      'EventPattern',
      'Targets',
    ]);
    recordControl(this.stateMachine.node.defaultChild as sfn.CfnStateMachine, 'patch-compliance-check', [
      'DefinitionString',
      'RoleArn',
    ]);
    declareControls(this, {
      citations: ['164.308(a)(5)(ii)(B)', '164.308(a)(1)(ii)(D)'],
      statement: `An instance still NON_COMPLIANT with the patch compliance rule ${days} days after it became so alerts the security team (a Step Functions check of AWS Config started by the compliance change).`,
    });
  }

  private definition(props: PatchComplianceAlertProps): sfn.IChainable {
    const days = props.gracePeriodDays;
    const subject = `hipaa-baseline: instance unpatched past the ${days}-day grace period`;
    const wait = sfn.Wait.jsonata(this, 'GracePeriod', {
      time: sfn.WaitTime.duration(Duration.days(days)),
      assign: {
        rule: '{% $states.input.detail.configRuleName %}',
        resourceType: '{% $states.input.detail.resourceType %}',
        resourceId: '{% $states.input.detail.resourceId %}',
        account: '{% $states.input.detail.awsAccountId %}',
        region: '{% $states.input.detail.awsRegion %}',
      },
    });
    const check = tasks.CallAwsService.jsonata(this, 'CheckCompliance', {
      service: 'config',
      action: 'getComplianceDetailsByResource',
      parameters: {
        ResourceType: '{% $resourceType %}',
        ResourceId: '{% $resourceId %}',
        ComplianceTypes: ['NON_COMPLIANT'],
      },
      iamResources: ['*'],
    });
    check.addRetry({ errors: [sfn.Errors.ALL], interval: Duration.minutes(1), maxAttempts: 5, backoffRate: 2 });
    const checkFailed = tasks.SnsPublish.jsonata(this, 'CheckFailed', {
      topic: props.alertTopic,
      subject: 'hipaa-baseline: patch compliance check failed',
      message: sfn.TaskInput.fromText(
        `{% 'Could not read AWS Config compliance of ' & $resourceId & ' (account ' & $account & ', ' & $region & ') for the rule ' & $rule & ' after the ${days}-day grace period: ' & $string($states.input) & '. Check the instance in Patch Manager compliance.' %}`,
      ),
    });
    check.addCatch(checkFailed, { errors: [sfn.Errors.ALL] });
    const alert = tasks.SnsPublish.jsonata(this, 'Alert', {
      topic: props.alertTopic,
      subject,
      message: sfn.TaskInput.fromText(
        `{% $resourceId & ' (account ' & $account & ', ' & $region & ') has been NON_COMPLIANT with the AWS Config rule ' & $rule & ' for more than ${days} days: approved patches are missing or failed to install. Check its patch compliance in Systems Manager and the last runs of its install window; an instance isolated by the incident response is never patched and stays on this list until it is rebuilt or released.' %}`,
      ),
    });
    const decide = sfn.Choice.jsonata(this, 'StillNonCompliant')
      .when(sfn.Condition.jsonata(STILL_NON_COMPLIANT), alert)
      .otherwise(new sfn.Succeed(this, 'CompliantAgain'));
    return wait.next(check).next(decide);
  }
}
