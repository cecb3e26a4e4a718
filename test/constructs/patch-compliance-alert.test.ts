import { Stack } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { buildBaseline } from '../../lib/app/build-baseline';
import { parseConfig } from '../../lib/config/load';
import { BaselineKey } from '../../lib/constructs/baseline-key';
import { PatchComplianceAlert, STILL_NON_COMPLIANT } from '../../lib/constructs/patch-compliance-alert';
import { configRules } from '../../lib/controls/config-rules';
import { testApp } from '../helpers/app';
import { defaultTemplateJson } from '../helpers/assembly';
import { byPath, flat, resources } from '../helpers/template-query';

const DAY = 24 * 60 * 60;
const PATCH_RULE = `hipaa-${configRules().get('EC2_MANAGEDINSTANCE_PATCH_COMPLIANCE_STATUS_CHECK')!.name}`;

/** A PatchComplianceAlert alone (no synth gate), its template and its state machine definition with ARNs as `<Ref>`. */
function alertTemplate(options: { gracePeriodDays?: number; inConformancePack?: boolean } = {}) {
  const app = testApp({ 'aws:cdk:enable-path-metadata': true });
  const stack = new Stack(app, 'Alerting', { env: { account: '111122223333', region: 'us-east-1' } });
  const key = new BaselineKey(stack, 'AlertsKey', { purpose: 'alerts', namePrefix: 'hipaa' });
  const topic = new sns.Topic(stack, 'Topic', { masterKey: key.key });
  new PatchComplianceAlert(stack, 'PatchComplianceAlert', {
    ruleName: PATCH_RULE,
    inConformancePack: options.inConformancePack ?? false,
    gracePeriodDays: options.gracePeriodDays ?? 7,
    alertTopic: topic,
    encryptionKey: key,
    logRetentionDays: 365,
  });
  const template = app.synth().getStackArtifact(stack.artifactId).template;
  const [machineId, machine] = byPath(template, 'PatchComplianceAlert/StateMachine/Resource');
  const definition = JSON.parse(flat(machine.Properties.DefinitionString));
  return { template, machineId, machine, definition, topicId: byPath(template, 'Topic/Resource')[0] };
}

describe('PatchComplianceAlert', () => {
  const { template, machineId, machine, definition, topicId } = alertTemplate();

  test('a compliance change of the patch rule to NON_COMPLIANT starts the check', () => {
    const [, rule] = byPath(template, 'PatchComplianceAlert/ComplianceChange/Resource');
    expect(rule.Properties.EventPattern).toEqual({
      source: ['aws.config'],
      'detail-type': ['Config Rules Compliance Change'],
      detail: {
        configRuleName: ['hipaa-ec2-managedinstance-patch-compliance-status-check'],
        newEvaluationResult: { complianceType: ['NON_COMPLIANT'] },
      },
    });
    expect(rule.Properties.Targets).toHaveLength(1);
    expect(rule.Properties.Targets[0].Arn).toEqual({ Ref: machineId });
  });

  test('in a conformance pack the rule is matched by the name AWS Config gives it there', () => {
    const pack = alertTemplate({ inConformancePack: true }).template;
    const [, rule] = byPath(pack, 'PatchComplianceAlert/ComplianceChange/Resource');
    expect(rule.Properties.EventPattern.detail.configRuleName).toEqual([
      { prefix: 'hipaa-ec2-managedinstance-patch-compliance-status-check-conformance-pack-' },
    ]);
  });

  test('the check waits the grace period, then asks AWS Config about that resource’s NON_COMPLIANT results', () => {
    expect(definition.QueryLanguage).toBe('JSONata');
    expect(definition.StartAt).toBe('GracePeriod');
    const wait = definition.States.GracePeriod;
    expect(wait).toMatchObject({ Type: 'Wait', Seconds: 7 * DAY, Next: 'CheckCompliance' });
    expect(wait.Assign).toEqual({
      rule: '{% $states.input.detail.configRuleName %}',
      resourceType: '{% $states.input.detail.resourceType %}',
      resourceId: '{% $states.input.detail.resourceId %}',
      account: '{% $states.input.detail.awsAccountId %}',
      region: '{% $states.input.detail.awsRegion %}',
    });
    const check = definition.States.CheckCompliance;
    expect(check.Resource).toMatch(/:states:::aws-sdk:config:getComplianceDetailsByResource$/);
    expect(check.Arguments).toEqual({
      ResourceType: '{% $resourceType %}',
      ResourceId: '{% $resourceId %}',
      ComplianceTypes: ['NON_COMPLIANT'],
    });
  });

  test('only a NON_COMPLIANT result of the same rule alerts; a resource compliant again ends quietly', () => {
    const choice = definition.States.StillNonCompliant;
    expect(choice.Choices).toEqual([{ Condition: STILL_NON_COMPLIANT, Next: 'Alert' }]);
    expect(STILL_NON_COMPLIANT).toContain(
      'EvaluationResultIdentifier.EvaluationResultQualifier.ConfigRuleName = $rule',
    );
    expect(definition.States[choice.Default]).toEqual({ Type: 'Succeed' });
    const alert = definition.States.Alert;
    expect(alert.Resource).toMatch(/:states:::sns:publish$/);
    expect(alert.Arguments.TopicArn).toBe(`<${topicId}>`);
    expect(alert.Arguments.Message).toMatch(/\$resourceId.*NON_COMPLIANT.*\$rule.*more than 7 days/);
    expect(alert.Arguments.Subject.length).toBeLessThanOrEqual(100);
  });

  test('a check that cannot read AWS Config is retried, then reported on the topic, never silent', () => {
    const check = definition.States.CheckCompliance;
    expect(check.Retry).toEqual([{ ErrorEquals: ['States.ALL'], IntervalSeconds: 60, MaxAttempts: 5, BackoffRate: 2 }]);
    expect(check.Catch).toEqual([{ ErrorEquals: ['States.ALL'], Next: 'CheckFailed' }]);
    expect(definition.States.CheckFailed.Arguments.TopicArn).toBe(`<${topicId}>`);
    // The workflow outlives the wait and every retry (5 attempts, doubling from a minute: about 31 minutes).
    expect(definition.TimeoutSeconds).toBeGreaterThan(7 * DAY + 31 * 60);
  });

  test('the grace period is configurable', () => {
    expect(alertTemplate({ gracePeriodDays: 30 }).definition.States.GracePeriod.Seconds).toBe(30 * DAY);
  });

  test('a standard workflow, logged in full to a retained, encrypted log group, traced', () => {
    expect(machine.Properties.StateMachineType).toBe('STANDARD');
    expect(machine.Properties.TracingConfiguration).toEqual({ Enabled: true });
    expect(machine.Properties.LoggingConfiguration).toMatchObject({ Level: 'ALL', IncludeExecutionData: true });
    const [logsId, logGroup] = byPath(template, 'PatchComplianceAlert/Logs/Resource');
    expect(flat(machine.Properties.LoggingConfiguration.Destinations[0].CloudWatchLogsLogGroup.LogGroupArn)).toBe(
      `<${logsId}.Arn>`,
    );
    expect(logGroup.DeletionPolicy).toBe('Retain');
    expect(logGroup.Properties).toMatchObject({ RetentionInDays: 365 });
    expect(flat(logGroup.Properties.KmsKeyId)).toMatch(/AlertsKey/);
  });

  test('its role has only a managed policy: read compliance, publish to the one topic; the rule may only start it', () => {
    const [roleId, role] = byPath(template, 'PatchComplianceAlert/Role/Resource');
    expect(role.Properties.Policies).toBeUndefined();
    expect(resources(template, 'AWS::IAM::Policy')).toEqual([]);
    const [policyId, policy] = byPath(template, 'PatchComplianceAlert/Permissions/Resource');
    expect(policy.Properties.Roles).toEqual([{ Ref: roleId }]);
    const bySid = Object.fromEntries(policy.Properties.PolicyDocument.Statement.map((s: any) => [s.Sid, s]));
    expect(bySid.ReadCompliance.Action).toBe('config:GetComplianceDetailsByResource');
    expect(bySid.Alert).toMatchObject({ Action: 'sns:Publish', Resource: { Ref: topicId } });
    expect(machine.DependsOn).toEqual(expect.arrayContaining([policyId]));
    const [, events] = byPath(template, 'PatchComplianceAlert/EventsPermissions/Resource');
    expect(events.Properties.PolicyDocument.Statement).toEqual([
      { Sid: 'StartCheck', Effect: 'Allow', Action: 'states:StartExecution', Resource: { Ref: machineId } },
    ]);
  });

  test('the baseline wires it to the deployed patch rule, the alert topic and the configured grace period', () => {
    const tooling = defaultTemplateJson('SecurityTooling');
    const [, rule] = byPath(tooling, 'PatchComplianceAlert/ComplianceChange/Resource');
    const deployed = resources(tooling, 'AWS::Config::ConfigRule').map(([, r]) => r.Properties.ConfigRuleName);
    expect(deployed).toContain(rule.Properties.EventPattern.detail.configRuleName[0]);
    const app = testApp();
    const stacks = buildBaseline(app, parseConfig({ patching: { gracePeriodDays: 10 } }), { gate: false });
    const custom = app.synth().getStackArtifact(stacks.securityTooling.artifactId).template;
    const [[, machine10]] = resources(custom, 'AWS::StepFunctions::StateMachine');
    const body = JSON.parse(flat(machine10.Properties.DefinitionString));
    expect(body.States.GracePeriod.Seconds).toBe(10 * DAY);
    expect(body.States.Alert.Arguments.TopicArn).toMatch(/^<AlertsTopic/);
  });
});
