import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { recordControl } from '../controls/control-inventory';
import { declareControls } from '../controls/declare';

export interface AuditAlarmsProps {
  /** The CloudTrail log group (every region's events). HIPAA 164.312(b). */
  readonly trailLogGroup: logs.ILogGroup;
  /** Topic the alarms notify. HIPAA 164.308(a)(6)(ii). */
  readonly alertTopic: sns.ITopic;
  /** ARN of the break-glass role: every assumption alarms. HIPAA 164.312(a)(2)(ii). */
  readonly breakGlassRoleArn: string;
  /** Name prefix of the raw PHI buckets (object reads feed the anomaly alarm). */
  readonly phiBucketPrefix: string;
  /** ARN of the PHI data key (Decrypt calls feed the anomaly alarm). */
  readonly dataKeyArn: string;
  /**
   * Dead-letter queues whose first message alarms, by name: what landed there was neither done nor
   * quarantined (the de-identification pipeline). HIPAA 164.308(a)(6)(ii).
   * @default - none
   */
  readonly deadLetterQueues?: Readonly<Record<string, sqs.IQueue>>;
}

/** Records an alarm's intended trigger and actions in the control inventory. */
function recordAlarm(alarm: cloudwatch.Alarm | cloudwatch.AnomalyDetectionAlarm): void {
  recordControl(alarm.node.defaultChild as cloudwatch.CfnAlarm, 'audit-alarm', [
    'ActionsEnabled',
    'AlarmActions',
    'ComparisonOperator',
    'EvaluationPeriods',
    'Threshold',
    'ThresholdMetricId',
    'MetricName',
    'Namespace',
    'Metrics',
  ]);
}

/** Metric namespace of the baseline's audit metrics. */
export const AUDIT_NAMESPACE = 'HipaaBaseline/Audit';

/** A CloudTrail event class the trail's log group counts, and how many in five minutes alarm. */
export interface AuditEvent {
  /** CloudWatch Logs filter pattern on CloudTrail events. */
  readonly pattern: string;
  /** Events in one 5-minute period that raise the alarm. */
  readonly threshold: number;
}

/** Period over which audit events are counted. */
export const AUDIT_PERIOD = Duration.minutes(5);

/**
 * The audit events that alarm, by metric name. One event is enough where one event matters: root use,
 * break-glass use, a sign-in without MFA, and any change of the trail, Config, keys, IAM policies or network
 * access (each can blind the audit or open access; the baseline's own deployments raise them too, which
 * confirms the change). Denied calls and failed sign-ins happen every day on their own (a console page
 * probing permissions, a typo), so they alarm on a burst: 10 denied calls in 5 minutes is enumeration with
 * stolen or over-scoped credentials or an automation failing, 3 failed sign-ins is password guessing.
 */
export function auditEvents(breakGlassRoleArn: string): Record<string, AuditEvent> {
  const once = (pattern: string) => ({ pattern, threshold: 1 });
  return {
    RootAccountUse: once(
      '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
    ),
    UnauthorizedApiCalls: {
      pattern: '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }',
      threshold: 10,
    },
    ConsoleSignInFailures: {
      pattern: '{ ($.eventName = "ConsoleLogin") && ($.errorMessage = "Failed authentication") }',
      threshold: 3,
    },
    ConsoleSignInWithoutMfa: once(
      '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
    ),
    IamPolicyChanges: once(
      '{ ($.eventSource = "iam.amazonaws.com") && (($.eventName = "*Policy") || ($.eventName = "*PolicyVersion") || ($.eventName = "UpdateAssumeRolePolicy")) }',
    ),
    CloudTrailChanges: once(
      '{ ($.eventName = "CreateTrail") || ($.eventName = "UpdateTrail") || ($.eventName = "DeleteTrail") || ($.eventName = "StartLogging") || ($.eventName = "StopLogging") || ($.eventName = "PutEventSelectors") }',
    ),
    ConfigChanges: once(
      '{ ($.eventSource = "config.amazonaws.com") && (($.eventName = "StopConfigurationRecorder") || ($.eventName = "DeleteDeliveryChannel") || ($.eventName = "PutDeliveryChannel") || ($.eventName = "PutConfigurationRecorder") || ($.eventName = "DeleteConfigRule")) }',
    ),
    KeyDisableOrDeletion: once(
      '{ ($.eventSource = "kms.amazonaws.com") && (($.eventName = "DisableKey") || ($.eventName = "ScheduleKeyDeletion")) }',
    ),
    SecurityGroupChanges: once(
      '{ ($.eventName = "AuthorizeSecurityGroupIngress") || ($.eventName = "AuthorizeSecurityGroupEgress") || ($.eventName = "RevokeSecurityGroupIngress") || ($.eventName = "RevokeSecurityGroupEgress") || ($.eventName = "CreateSecurityGroup") || ($.eventName = "DeleteSecurityGroup") || ($.eventName = "ModifySecurityGroupRules") }',
    ),
    NetworkAclChanges: once(
      '{ ($.eventName = "CreateNetworkAcl") || ($.eventName = "CreateNetworkAclEntry") || ($.eventName = "DeleteNetworkAcl") || ($.eventName = "DeleteNetworkAclEntry") || ($.eventName = "ReplaceNetworkAclEntry") || ($.eventName = "ReplaceNetworkAclAssociation") }',
    ),
    BreakGlassRoleUse: once(
      `{ ($.eventSource = "sts.amazonaws.com") && ($.eventName = "AssumeRole*") && ($.requestParameters.roleArn = "${breakGlassRoleArn}") }`,
    ),
  };
}

/**
 * CloudWatch metric filters and alarms on the CloudTrail log group for the events that need a person
 * (root use, bursts of denied calls and failed sign-ins, MFA-less sign-ins, policy/trail/Config/key/network
 * changes, break-glass use), and
 * anomaly-detection alarms on the volume of access to PHI (object reads on the raw PHI buckets, Decrypt
 * calls on the data key), so unusual access patterns alert people even when each call is allowed.
 * HIPAA 164.308(a)(1)(ii)(D), 164.308(a)(5)(ii)(C), 164.312(b); AWS Config CLOUDWATCH_ALARM_ACTION_CHECK.
 */
export class AuditAlarms extends Construct {
  public readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: AuditAlarmsProps) {
    super(scope, id);
    const notify = new actions.SnsAction(props.alertTopic);
    const metricFor = (name: string, pattern: string) => {
      const filter = new logs.MetricFilter(this, `${name}Filter`, {
        logGroup: props.trailLogGroup,
        filterPattern: logs.FilterPattern.literal(pattern),
        metricNamespace: AUDIT_NAMESPACE,
        metricName: name,
        metricValue: '1',
      });
      recordControl(filter.node.defaultChild as logs.CfnMetricFilter, 'audit-metric-filter', [
        'LogGroupName',
        'FilterPattern',
        'MetricTransformations',
      ]);
      return new cloudwatch.Metric({
        namespace: AUDIT_NAMESPACE,
        metricName: name,
        statistic: 'Sum',
        period: AUDIT_PERIOD,
      });
    };

    for (const [name, { pattern, threshold }] of Object.entries(auditEvents(props.breakGlassRoleArn))) {
      const alarm = new cloudwatch.Alarm(this, `${name}Alarm`, {
        alarmDescription:
          threshold === 1
            ? `hipaa-baseline: ${name} seen in CloudTrail`
            : `hipaa-baseline: ${threshold} or more ${name} in ${AUDIT_PERIOD.toMinutes()} minutes in CloudTrail`,
        metric: metricFor(name, pattern),
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(notify);
      recordAlarm(alarm);
      this.alarms.push(alarm);
    }

    const volumes = {
      PhiObjectReads: `{ ($.eventSource = "s3.amazonaws.com") && ($.eventName = "GetObject") && ($.requestParameters.bucketName = "${props.phiBucketPrefix}*") }`,
      DataKeyDecrypts: `{ ($.eventSource = "kms.amazonaws.com") && ($.eventName = "Decrypt") && ($.resources[0].ARN = "${props.dataKeyArn}") }`,
    };
    for (const [name, pattern] of Object.entries(volumes)) {
      const alarm = new cloudwatch.AnomalyDetectionAlarm(this, `${name}Anomaly`, {
        alarmDescription: `hipaa-baseline: unusual volume of ${name} (outside the expected band)`,
        metric: metricFor(name, pattern),
        stdDevs: 3,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_UPPER_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(notify);
      recordAlarm(alarm);
      this.alarms.push(alarm);
    }

    for (const [name, queue] of Object.entries(props.deadLetterQueues ?? {})) {
      const alarm = new cloudwatch.Alarm(this, `${name}DeadLettersAlarm`, {
        alarmDescription: `hipaa-baseline: messages in the dead-letter queue of ${name} (work neither done nor quarantined)`,
        metric: queue.metricApproximateNumberOfMessagesVisible({ period: AUDIT_PERIOD, statistic: 'Maximum' }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(notify);
      recordAlarm(alarm);
      this.alarms.push(alarm);
    }

    declareControls(this, {
      citations: ['164.308(a)(1)(ii)(D)', '164.308(a)(5)(ii)(C)', '164.308(a)(6)(ii)', '164.312(b)'],
      statement:
        'Metric filters on the trail’s log group alarm on root use, failed sign-ins, security-relevant changes and break-glass use, and anomaly detection alarms on unusual volumes of PHI reads and data-key decryption.',
    });
  }
}
