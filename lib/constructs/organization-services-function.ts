import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { acknowledge, acknowledgeWildcardResource } from '../controls/acknowledge';
import type { BaselineKey } from './baseline-key';
import {
  addHandlerRole,
  addHandlerSupport,
  HANDLER_EXPORT,
  HANDLER_RUNTIME,
  handlerCode,
  handlerSupportStatements,
} from './handler-function';

export interface OrganizationServicesFunctionProps {
  /** Encrypts the function's environment, dead-letter queue and log group. */
  readonly key: BaselineKey;
  readonly logRetentionDays: number;
  /** What the function sets (role and function descriptions). */
  readonly description: string;
  /** The function's own permissions, besides its queue, key and log group. */
  readonly statements: readonly iam.PolicyStatement[];
  /** Why the statements name `*` (the actions support no resource-level permissions). */
  readonly wildcardReason: string;
  /** Further resources the statements name with a wildcard, each with why. */
  readonly wildcardResources?: readonly { readonly resource: string; readonly reason: string }[];
}

/**
 * The organization-services function (`lib/functions/organization-services`) under `scope`, with its
 * dead-letter queue, log group, role and a managed policy of exactly `statements`. Two minutes: throttled
 * calls back off up to ten seconds each, the answer keeps twenty.
 */
export function addOrganizationServicesFunction(
  scope: Construct,
  props: OrganizationServicesFunctionProps,
): lambda.Function {
  const support = addHandlerSupport(scope, {
    key: props.key,
    logRetentionDays: props.logRetentionDays,
    purpose: 'organization-services function',
  });
  const role = addHandlerRole(scope, props.description);
  const policy = new iam.ManagedPolicy(scope, 'Permissions', {
    roles: [role],
    statements: [...props.statements, ...handlerSupportStatements(support, props.key)],
  });
  acknowledge(policy, 'AwsSolutions-IAM5[Resource::*]', props.wildcardReason);
  for (const { resource, reason } of props.wildcardResources ?? [])
    acknowledgeWildcardResource(policy, resource, reason);
  acknowledgeWildcardResource(
    policy,
    `${support.logGroup.logGroupArn}:log-stream:*`,
    'Lambda names log streams at run time; only streams of this log group.',
  );
  const fn = new lambda.Function(scope, 'Function', {
    code: handlerCode('organization-services'),
    handler: HANDLER_EXPORT,
    runtime: HANDLER_RUNTIME,
    description: `hipaa-baseline: ${props.description}`,
    role: role.withoutPolicyUpdates(),
    timeout: Duration.minutes(2),
    memorySize: 256,
    deadLetterQueue: support.deadLetterQueue,
    environmentEncryption: props.key.key,
    logGroup: support.logGroup,
  });
  fn.node.addDependency(policy);
  acknowledge(
    fn,
    'HIPAA.Security-LambdaConcurrency',
    'Runs only when CloudFormation deploys the stack (one request at a time); a reservation would fail the deploy in new accounts whose concurrency quota is 10.',
  );
  acknowledge(
    fn,
    'HIPAA.Security-LambdaInsideVPC',
    'Runs only during deployment and calls the GuardDuty, Macie and Amazon Inspector control planes; the account has no VPC of its own, and the function handles no PHI.',
  );
  return fn;
}
