import { Stack, Validations } from 'aws-cdk-lib';
// cdk-nag's own renderer of CloudFormation references in finding ids.
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import type { IConstruct } from 'constructs';
import { MIN_REASON_LENGTH } from './acknowledge-metadata';
import { findRule } from './rule-registry';
import { BASELINE_WARNINGS } from './warnings';

export { MIN_REASON_LENGTH } from './acknowledge-metadata';

/**
 * The one way to acknowledge (suppress) a finding on a construct and everything under it. The rule id
 * must be a rule the gate applies (or a baseline warning), and the reason must explain the exception in
 * at least 20 characters. Acknowledgements are written into the template Metadata (`cdk_nag.rules_to_suppress`),
 * so `hipaa-baseline check` and auditors see the same register.
 */
export function acknowledge(scope: IConstruct, ruleId: string, reason: string): void {
  if (reason.trim().length < MIN_REASON_LENGTH) {
    throw new Error(
      `${scope.node.path}: acknowledgement of ${ruleId} needs a reason of at least ${MIN_REASON_LENGTH} characters`,
    );
  }
  if (!findRule(ruleId) && !BASELINE_WARNINGS.has(ruleId)) {
    throw new Error(`${scope.node.path}: cannot acknowledge unknown rule id "${ruleId}"`);
  }
  Validations.of(scope).acknowledge({ id: ruleId, reason: reason.trim() });
}

/**
 * Acknowledges the AwsSolutions-IAM5 finding for one wildcard resource ARN of a policy. cdk-nag names
 * such a finding after the resource as it renders it (`<LogicalId.Arn>/prefix/*`); this derives that
 * name from the same value the policy uses, so the acknowledgement follows logical-id changes.
 */
export function acknowledgeWildcardResource(scope: IConstruct, resource: string, reason: string): void {
  const rendered = flattenCfnReference(Stack.of(scope).resolve(resource));
  acknowledge(scope, `AwsSolutions-IAM5[Resource::${rendered}]`, reason);
}
