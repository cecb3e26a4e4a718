/**
 * HIPAABaseline-ServiceRolePoliciesAttachedFirst — services that test their role's permissions when the
 * resource is created (CloudTrail's CloudWatch Logs delivery, Config's delivery channel, Lambda with a
 * dead-letter queue, VPC or KMS key, flow logs to CloudWatch Logs, subscription filters, Step Functions
 * logging, Firehose destinations, the baseline's Bedrock model invocation logging) fail by timing when a policy of that role is created after the resource.
 * The resource must wait for every policy attached to the role in the same template.
 *
 * Only types whose creation tests the role are listed: requiring the dependency elsewhere (S3 replication,
 * Backup selections, key policies that name a role) would create dependency cycles for nothing.
 *
 * Scenarios:
 * - non-compliant: a trail, delivery channel, function, flow log… that does not wait for an
 *   AWS::IAM::Policy / ManagedPolicy / RolePolicy attached to its role (one finding per policy, named by
 *   the policy's logical id)
 * - compliant: it waits for each (DependsOn, or a reference chain)
 * - not applicable: other types; a role outside the template (an import, a literal ARN)
 */
import { allDependencies, referencedResource } from './template-graph';
import { referencedIds, type OwnRule, type TemplateResource } from './rule';

type Resources = ReadonlyMap<string, TemplateResource>;
const ROLE = ['AWS::IAM::Role'];

/** The roles in the template a resource uses, by type. */
const ROLES_OF: Record<string, (r: TemplateResource, all: Resources) => (string | undefined)[]> = {
  'AWS::CloudTrail::Trail': (r, all) => [referencedResource(r.Properties?.CloudWatchLogsRoleArn, all, ROLE)],
  'AWS::Config::ConfigurationRecorder': (r, all) => [referencedResource(r.Properties?.RoleARN, all, ROLE)],
  // PutDeliveryChannel tests delivery with the recorder's role.
  'AWS::Config::DeliveryChannel': (_r, all) =>
    [...all.values()]
      .filter((other) => other.Type === 'AWS::Config::ConfigurationRecorder')
      .map((recorder) => referencedResource(recorder.Properties?.RoleARN, all, ROLE)),
  'AWS::Lambda::Function': (r, all) => [referencedResource(r.Properties?.Role, all, ROLE)],
  'AWS::Lambda::EventSourceMapping': (r, all) => {
    const fn = referencedResource(r.Properties?.FunctionName, all, ['AWS::Lambda::Function']);
    return [fn ? referencedResource(all.get(fn)!.Properties?.Role, all, ROLE) : undefined];
  },
  'AWS::EC2::FlowLog': (r, all) => [referencedResource(r.Properties?.DeliverLogsPermissionArn, all, ROLE)],
  'AWS::Logs::SubscriptionFilter': (r, all) => [referencedResource(r.Properties?.RoleArn, all, ROLE)],
  'AWS::StepFunctions::StateMachine': (r, all) => [referencedResource(r.Properties?.RoleArn, all, ROLE)],
  'AWS::KinesisFirehose::DeliveryStream': (r, all) =>
    referencedIds(r.Properties).filter((id) => all.get(id)?.Type === 'AWS::IAM::Role'),
  // The baseline's model invocation logging: Bedrock tests the log group delivery role when it is written.
  'Custom::ModelInvocationLogging': (r, all) => [
    referencedResource(r.Properties?.CloudWatchConfig?.RoleArn, all, ROLE),
  ],
};

/** Policies of the template attached to a role after the role exists (managed policies listed by the role are not). */
function policiesOf(role: string, resources: Resources): string[] {
  return [...resources.values()]
    .filter(
      (p) =>
        ((p.Type === 'AWS::IAM::Policy' || p.Type === 'AWS::IAM::ManagedPolicy') &&
          referencedIds(p.Properties?.Roles).includes(role)) ||
        (p.Type === 'AWS::IAM::RolePolicy' && referencedIds(p.Properties?.RoleName).includes(role)),
    )
    .map((p) => p.logicalId);
}

function rolesOf(resource: TemplateResource, resources: Resources): Set<string> {
  return new Set((ROLES_OF[resource.Type]?.(resource, resources) ?? []).filter((id): id is string => !!id));
}

function missing(resource: TemplateResource, resources: Resources): string[] {
  const roles = rolesOf(resource, resources);
  const waits = allDependencies(resource, resources);
  return [...roles].flatMap((role) => policiesOf(role, resources)).filter((policy) => !waits.has(policy));
}

export const ServiceRolePoliciesAttachedFirst: OwnRule = {
  id: 'ServiceRolePoliciesAttachedFirst',
  level: 'error',
  info: 'The resource may be created before a policy of the role its service tests at creation.',
  explanation:
    'CloudFormation creates resources in parallel unless one depends on another; the service then tests a role ' +
    'whose permissions do not exist yet and the deploy fails. Add a dependency on every policy attached to the ' +
    'role (construct.node.addDependency(policy)).',
  citations: ['164.312(b)', '164.308(a)(7)(ii)(B)'],
  check(resource, { resources }) {
    if (rolesOf(resource, resources).size === 0) return 'not-applicable';
    return missing(resource, resources).length > 0 ? 'non-compliant' : 'compliant';
  },
  // The finding is the policy to wait for: `HIPAABaseline-ServiceRolePoliciesAttachedFirst[<PolicyLogicalId>]`.
  findings: (resource, { resources }) => missing(resource, resources),
};
