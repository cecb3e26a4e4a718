import { CfnOutput, Stack, Tags } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { AlertSubscription } from '../config/alert-subscriptions-schema';
import { recordControl } from '../controls/control-inventory';
import { declareControls } from '../controls/declare';
import { ROLE_TAG, ROLES } from '../controls/tags';

const SUBSCRIPTION_PROTOCOLS: Record<AlertSubscription['protocol'], sns.SubscriptionProtocol> = {
  email: sns.SubscriptionProtocol.EMAIL,
  https: sns.SubscriptionProtocol.HTTPS,
  sqs: sns.SubscriptionProtocol.SQS,
  lambda: sns.SubscriptionProtocol.LAMBDA,
};
import type { BaselineKey } from './baseline-key';

export interface SecurityAlertsProps {
  /** Key encrypting the topic; its policy is extended for EventBridge and CloudWatch. HIPAA 164.312(a)(2)(iv); AWS Config SNS_ENCRYPTED_KMS. */
  readonly encryptionKey: BaselineKey;
  /**
   * E-mail address subscribed to alerts. HIPAA 164.308(a)(6)(ii).
   * @default - no e-mail subscription
   */
  readonly email?: string;
  /**
   * More subscribers: HTTPS webhooks (paging, ticketing), SQS queues or Lambda functions (chat, SIEM), e-mail.
   * Without any subscriber synth warns (HIPAABaseline-AlertTopicHasSubscriber): alerts would reach nobody.
   * @default - none
   */
  readonly subscriptions?: readonly AlertSubscription[];
  /** GuardDuty findings at or above this severity alert people. */
  readonly guardDutySeverity: number;
}

/** The event patterns that alert people, by rule id. */
export function alertPatterns(guardDutySeverity: number): Record<string, events.EventPattern> {
  const cloudTrail = (eventSource: string, eventName: string[]): events.EventPattern => ({
    detailType: ['AWS API Call via CloudTrail'],
    detail: { eventSource: [eventSource], eventName },
  });
  return {
    GuardDutyFindings: {
      source: ['aws.guardduty'],
      detailType: ['GuardDuty Finding'],
      detail: { severity: [{ numeric: ['>=', guardDutySeverity] }] },
    },
    SecurityHubCriticalHigh: {
      source: ['aws.securityhub'],
      detailType: ['Security Hub Findings - Imported'],
      detail: {
        findings: { Severity: { Label: ['CRITICAL', 'HIGH'] }, Workflow: { Status: ['NEW'] }, RecordState: ['ACTIVE'] },
      },
    },
    RootAccountUse: {
      detailType: ['AWS API Call via CloudTrail', 'AWS Console Sign In via CloudTrail'],
      detail: { userIdentity: { type: ['Root'] } },
    },
    ConsoleSignInFailures: {
      detailType: ['AWS Console Sign In via CloudTrail'],
      detail: { responseElements: { ConsoleLogin: ['Failure'] } },
    },
    IamPolicyChanges: cloudTrail('iam.amazonaws.com', [
      'CreatePolicy',
      'CreatePolicyVersion',
      'DeletePolicy',
      'DeletePolicyVersion',
      'SetDefaultPolicyVersion',
      'AttachRolePolicy',
      'DetachRolePolicy',
      'PutRolePolicy',
      'DeleteRolePolicy',
      'AttachUserPolicy',
      'DetachUserPolicy',
      'PutUserPolicy',
      'DeleteUserPolicy',
      'AttachGroupPolicy',
      'DetachGroupPolicy',
      'PutGroupPolicy',
      'DeleteGroupPolicy',
      'UpdateAssumeRolePolicy',
    ]),
    CloudTrailChanges: cloudTrail('cloudtrail.amazonaws.com', [
      'StopLogging',
      'DeleteTrail',
      'UpdateTrail',
      'PutEventSelectors',
      'PutInsightSelectors',
    ]),
    ConfigChanges: cloudTrail('config.amazonaws.com', [
      'StopConfigurationRecorder',
      'DeleteConfigurationRecorder',
      'PutConfigurationRecorder',
      'DeleteDeliveryChannel',
      'PutDeliveryChannel',
      'DeleteConfigRule',
      'DeleteConformancePack',
    ]),
    KeyDisableOrDeletion: cloudTrail('kms.amazonaws.com', ['DisableKey', 'ScheduleKeyDeletion', 'PutKeyPolicy']),
    NetworkAccessChanges: cloudTrail('ec2.amazonaws.com', [
      'AuthorizeSecurityGroupIngress',
      'AuthorizeSecurityGroupEgress',
      'RevokeSecurityGroupIngress',
      'RevokeSecurityGroupEgress',
      'CreateSecurityGroup',
      'DeleteSecurityGroup',
      'ModifySecurityGroupRules',
      'CreateNetworkAcl',
      'CreateNetworkAclEntry',
      'DeleteNetworkAcl',
      'DeleteNetworkAclEntry',
      'ReplaceNetworkAclEntry',
      'ReplaceNetworkAclAssociation',
    ]),
  };
}

/**
 * The pattern of the AWS Config compliance changes that alert people: rules turning NON_COMPLIANT, only
 * those named (EXPOSURE_RULES, as deployed with the name prefix). Rules of a conformance pack are deployed
 * as `<name>-conformance-pack-<id>`, so they are matched by that prefix.
 */
export function complianceAlertPattern(ruleNames: readonly string[], inConformancePack: boolean): events.EventPattern {
  return {
    source: ['aws.config'],
    detailType: ['Config Rules Compliance Change'],
    detail: {
      configRuleName: inConformancePack
        ? ruleNames.map((name) => ({ prefix: `${name}-conformance-pack-` }))
        : [...ruleNames],
      newEvaluationResult: { complianceType: ['NON_COMPLIANT'] },
    },
  };
}

/**
 * Security alerting: a KMS-encrypted SNS topic (TLS-only, publishable only by this account's EventBridge
 * and CloudWatch) with an optional e-mail subscription, and EventBridge rules for GuardDuty findings at or
 * above the configured severity, Security Hub CRITICAL/HIGH findings, root use, IAM policy changes, trail
 * and Config changes, console sign-in failures, KMS key disable/deletion, security group and NACL changes,
 * and (added by the stack, which knows the deployed rules) the exposure Config rules turning NON_COMPLIANT. HIPAA 164.308(a)(1)(ii)(D), 164.308(a)(5)(ii)(C), 164.308(a)(6)(ii).
 */
export class SecurityAlerts extends Construct {
  public readonly topic: sns.Topic;
  private readonly target: events.IRuleTarget;

  constructor(scope: Construct, id: string, props: SecurityAlertsProps) {
    super(scope, id);
    const account = Stack.of(this).account;
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'hipaa-baseline security alerts',
      masterKey: props.encryptionKey.key,
      enforceSSL: true,
    });
    for (const service of ['events.amazonaws.com', 'cloudwatch.amazonaws.com']) {
      this.topic.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: `Allow${service.split('.')[0]}Publish`,
          principals: [new iam.ServicePrincipal(service)],
          actions: ['sns:Publish'],
          resources: [this.topic.topicArn],
          conditions: { StringEquals: { 'aws:SourceAccount': account } },
        }),
      );
      props.encryptionKey.allowService({
        sid: `Allow${service.split('.')[0]}EncryptedTopic`,
        service,
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      });
    }
    Tags.of(this.topic).add(ROLE_TAG, ROLES.alerts);
    new CfnOutput(this, 'AlertTopicArn', {
      value: this.topic.topicArn,
      description: 'Security alert topic: subscribe chat (AWS Chatbot), paging and ticketing endpoints here.',
    }).overrideLogicalId('AlertTopicArn');
    if (props.email) this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));
    (props.subscriptions ?? []).forEach((subscription, index) => {
      new sns.Subscription(this, `Subscription${index}`, {
        topic: this.topic,
        protocol: SUBSCRIPTION_PROTOCOLS[subscription.protocol],
        endpoint: subscription.endpoint,
      });
    });
    // The topic policy above grants EventBridge; the stock SnsTopic target would add an unconditioned grant.
    this.target = { bind: () => ({ arn: this.topic.topicArn }) };

    for (const [ruleId, eventPattern] of Object.entries(alertPatterns(props.guardDutySeverity))) {
      this.alertOn(ruleId, eventPattern);
    }

    declareControls(this, {
      citations: ['164.308(a)(1)(ii)(D)', '164.308(a)(5)(ii)(C)', '164.308(a)(6)(ii)', '164.312(b)'],
      statement:
        'Threat findings and security-relevant changes (root use, policy, trail, Config, key, network and sign-in events) raise alerts on an encrypted topic within minutes.',
    });
  }

  /** Adds an EventBridge rule that sends matching events to the alert topic. */
  public alertOn(ruleId: string, eventPattern: events.EventPattern): events.Rule {
    const rule = new events.Rule(this, ruleId, {
      description: `hipaa-baseline alert: ${ruleId}`,
      eventPattern,
      targets: [this.target],
    });
    recordControl(rule.node.defaultChild as events.CfnRule, 'security-alert-rule', [
      'State',
      'EventPattern',
      'Targets',
    ]);
    return rule;
  }
}
