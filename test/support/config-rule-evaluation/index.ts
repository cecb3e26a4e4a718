import type { StackInput } from '../../../lib/cli/control-map/load';
import type { ConfigRuleIdentifier } from '../../../lib/controls/catalog.generated';
import { ACCOUNT_EVALUATORS } from './account';
import { AI_EVALUATORS } from './ai';
import { ALARM_EVALUATORS } from './alarms';
import { BACKUP_EVALUATORS } from './backup';
import { CANNOT_JUDGE } from './cannot-judge';
import { DATA_STORE_EVALUATORS } from './data-stores';
import { deployedManagedRules } from './deployed';
import { IAM_EVALUATORS } from './iam';
import { KMS_EVALUATORS } from './kms';
import { LAMBDA_EVALUATORS } from './lambda';
import { NETWORK_EVALUATORS } from './network';
import { NOT_APPLICABLE } from './not-applicable';
import { S3_EVALUATORS } from './s3';
import { SECRET_EVALUATORS } from './secrets';
import { TRAIL_EVALUATORS } from './trail';
import type { Evaluation, Evaluator, RuleCoverage } from './types';

export { deployedManagedRules } from './deployed';
export type { Compliance, DeployedRule, Evaluation, RuleCoverage } from './types';

/** The evaluator modules, each a group of managed rules judged from the templates. */
export const EVALUATOR_GROUPS: Readonly<Record<string, Partial<Record<ConfigRuleIdentifier, Evaluator>>>> = {
  account: ACCOUNT_EVALUATORS,
  ai: AI_EVALUATORS,
  alarms: ALARM_EVALUATORS,
  backup: BACKUP_EVALUATORS,
  'data-stores': DATA_STORE_EVALUATORS,
  iam: IAM_EVALUATORS,
  kms: KMS_EVALUATORS,
  lambda: LAMBDA_EVALUATORS,
  network: NETWORK_EVALUATORS,
  s3: S3_EVALUATORS,
  secrets: SECRET_EVALUATORS,
  trail: TRAIL_EVALUATORS,
};

/**
 * Every group a managed rule is listed in — evaluator modules, `not-applicable`, `cannot-judge` — so a
 * test can require exactly one for every deployed identifier.
 */
export function groupsOf(identifier: ConfigRuleIdentifier): string[] {
  return [
    ...Object.entries(EVALUATOR_GROUPS)
      .filter(([, group]) => group[identifier])
      .map(([name]) => name),
    ...(NOT_APPLICABLE[identifier] ? ['not-applicable'] : []),
    ...(CANNOT_JUDGE[identifier] ? ['cannot-judge'] : []),
  ];
}

/** How the self-check covers a managed rule (undefined when no group lists it). */
export function coverageOf(identifier: ConfigRuleIdentifier): RuleCoverage | undefined {
  for (const group of Object.values(EVALUATOR_GROUPS)) {
    const evaluate = group[identifier];
    if (evaluate) return { kind: 'evaluated', evaluate };
  }
  const types = NOT_APPLICABLE[identifier];
  if (types) return { kind: 'not-applicable', resourceTypes: types };
  const reason = CANNOT_JUDGE[identifier];
  return reason ? { kind: 'cannot-judge', reason } : undefined;
}

/** Every evaluation of every deployed managed rule that can be judged from the templates. */
export function evaluateAssembly(stacks: readonly StackInput[]): Evaluation[] {
  return deployedManagedRules(stacks).flatMap((rule) => {
    const coverage = coverageOf(rule.identifier);
    return coverage?.kind === 'evaluated' ? coverage.evaluate({ rule, stacks }) : [];
  });
}
