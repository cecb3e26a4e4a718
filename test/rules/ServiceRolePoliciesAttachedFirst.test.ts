import { App, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as config from 'aws-cdk-lib/aws-config';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { HipaaBaselineChecks } from '../../rules/pack';
import { ServiceRolePoliciesAttachedFirst } from '../../rules/ServiceRolePoliciesAttachedFirst';
import { testApp } from '../helpers/app';
import { evaluate, ruleStack, SETTINGS } from '../helpers/rules';

const serviceRole = (stack: Stack, service: string) =>
  new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal(service) });
const policyFor = (stack: Stack, role: iam.Role) =>
  new iam.ManagedPolicy(stack, 'Policy', {
    roles: [role],
    statements: [new iam.PolicyStatement({ actions: ['logs:PutLogEvents'], resources: ['*'] })],
  });

function trail(withDependency: boolean) {
  const stack = ruleStack();
  const role = serviceRole(stack, 'cloudtrail.amazonaws.com');
  const policy = policyFor(stack, role);
  const trail = new cloudtrail.CfnTrail(stack, 'Trail', {
    isLogging: true,
    s3BucketName: 'logs',
    cloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:111122223333:log-group:trail',
    cloudWatchLogsRoleArn: role.roleArn,
  });
  if (withDependency) trail.addResourceDependency(policy.node.defaultChild as CfnResource);
  return trail;
}

function deliveryChannel(withDependency: boolean) {
  const stack = ruleStack();
  const role = serviceRole(stack, 'config.amazonaws.com');
  const policy = policyFor(stack, role);
  new config.CfnConfigurationRecorder(stack, 'Recorder', { roleArn: role.roleArn });
  const channel = new config.CfnDeliveryChannel(stack, 'Channel', { s3BucketName: 'config' });
  if (withDependency) channel.addResourceDependency(policy.node.defaultChild as CfnResource);
  return channel;
}

describe('HIPAABaseline-ServiceRolePoliciesAttachedFirst', () => {
  test('non-compliant: a trail that does not wait for its CloudWatch Logs role’s policy (L1)', () => {
    expect(evaluate(ServiceRolePoliciesAttachedFirst, trail(false))).toBe('non-compliant');
  });

  test('non-compliant: a delivery channel that does not wait for the recorder role’s policy', () => {
    expect(evaluate(ServiceRolePoliciesAttachedFirst, deliveryChannel(false))).toBe('non-compliant');
  });

  test('non-compliant: the dependency removed by an override (L1 escape hatch)', () => {
    const t = trail(true);
    t.addOverride('DependsOn', undefined);
    expect(evaluate(ServiceRolePoliciesAttachedFirst, t)).toBe('non-compliant');
  });

  test('compliant: trail and delivery channel that wait for the policies', () => {
    expect(evaluate(ServiceRolePoliciesAttachedFirst, trail(true))).toBe('compliant');
    expect(evaluate(ServiceRolePoliciesAttachedFirst, deliveryChannel(true))).toBe('compliant');
  });

  test('compliant: a role whose only policies are inline or listed by the role itself', () => {
    const stack = ruleStack();
    const managed = new iam.ManagedPolicy(stack, 'Listed', {
      statements: [new iam.PolicyStatement({ actions: ['logs:PutLogEvents'], resources: ['*'] })],
    });
    const role = new iam.Role(stack, 'Role', {
      assumedBy: new iam.ServicePrincipal('cloudtrail.amazonaws.com'),
      managedPolicies: [managed],
    });
    const t = new cloudtrail.CfnTrail(stack, 'Trail', {
      isLogging: true,
      s3BucketName: 'logs',
      cloudWatchLogsRoleArn: role.roleArn,
    });
    expect(evaluate(ServiceRolePoliciesAttachedFirst, t)).toBe('compliant');
  });

  test('not applicable: a role outside the template, or a type whose creation does not test the role', () => {
    const stack = ruleStack();
    const t = new cloudtrail.CfnTrail(stack, 'Trail', {
      isLogging: true,
      s3BucketName: 'logs',
      cloudWatchLogsRoleArn: 'arn:aws:iam::111122223333:role/elsewhere',
    });
    expect(evaluate(ServiceRolePoliciesAttachedFirst, t)).toBe('not-applicable');
    expect(evaluate(ServiceRolePoliciesAttachedFirst, new sqs.CfnQueue(stack, 'Q'))).toBe('not-applicable');
  });

  test('at synth: a function whose role gets a separate managed policy is reported until it depends on it', () => {
    const synthFindings = (withDependency: boolean): string[] => {
      const app: App = testApp();
      const stack = new Stack(app, 'Functions');
      const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      const queue = new sqs.Queue(stack, 'DeadLetters');
      const policy = new iam.ManagedPolicy(stack, 'Permissions', {
        roles: [role],
        statements: [new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] })],
      });
      const fn = new lambda.Function(stack, 'Fn', {
        code: lambda.Code.fromInline('exports.handler = async () => {}'),
        handler: 'index.handler',
        runtime: lambda.Runtime.NODEJS_22_X,
        role: role.withoutPolicyUpdates(),
        deadLetterQueue: queue,
      });
      if (withDependency) fn.node.addDependency(policy);
      const pack = new HipaaBaselineChecks(SETTINGS);
      Validations.of(app).addPlugins(pack);
      const report = pack.validateScope(app);
      return report.violations.map((v) => v.ruleName).filter((r) => r.includes('ServiceRolePoliciesAttachedFirst'));
    };
    expect(synthFindings(false)).toEqual([
      expect.stringMatching(/^HIPAABaseline-ServiceRolePoliciesAttachedFirst\[Permissions[0-9A-F]{8}\]$/),
    ]);
    expect(synthFindings(true)).toEqual([]);
  });

  test('the baseline’s model invocation logging waits for its log delivery role’s policy (Bedrock tests it)', () => {
    const logging = (withDependency: boolean) => {
      const stack = ruleStack();
      const role = serviceRole(stack, 'bedrock.amazonaws.com');
      const policy = policyFor(stack, role);
      const resource = new CfnResource(stack, 'Setting', {
        type: 'Custom::ModelInvocationLogging',
        properties: {
          ServiceToken: 'arn:aws:lambda:us-east-1:111122223333:function:f',
          CloudWatchConfig: { LogGroupName: 'logs', RoleArn: role.roleArn },
        },
      });
      if (withDependency) resource.addResourceDependency(policy.node.defaultChild as CfnResource);
      return resource;
    };
    expect(evaluate(ServiceRolePoliciesAttachedFirst, logging(false))).toBe('non-compliant');
    expect(evaluate(ServiceRolePoliciesAttachedFirst, logging(true))).toBe('compliant');
  });
});
