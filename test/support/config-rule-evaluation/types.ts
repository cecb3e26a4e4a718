import type { ConfigRuleIdentifier } from '../../../lib/controls/catalog.generated';
import type { StackInput } from '../../../lib/cli/control-map/load';

/** What an AWS Config managed rule reports for one resource. */
export type Compliance = 'COMPLIANT' | 'NON_COMPLIANT' | 'NOT_APPLICABLE';

/** One result of judging a baseline resource (or the account, for account-level rules) from the templates. */
export interface Evaluation {
  readonly rule: ConfigRuleIdentifier;
  /** Stack artifact id of the judged resource. */
  readonly stack: string;
  /** Logical id of the judged resource (`(account)` for a setting no resource holds). */
  readonly logicalId: string;
  /** CloudFormation type of the judged resource. */
  readonly type: string;
  readonly compliance: Compliance;
  /** Why, in the rule's terms. */
  readonly why: string;
}

/** A managed rule as the assembly deploys it. */
export interface DeployedRule {
  readonly identifier: ConfigRuleIdentifier;
  readonly name: string;
  /** Stack artifact id holding the rule (or its conformance pack). */
  readonly stack: string;
  /** The rule's `InputParameters`, conformance pack input parameters resolved (values may be intrinsics). */
  readonly parameters: Readonly<Record<string, unknown>>;
}

/** What an evaluator is given: the rule as deployed and every stack of the assembly. */
export interface RuleContext {
  readonly rule: DeployedRule;
  readonly stacks: readonly StackInput[];
}

/** Judges the baseline's resources the way the managed rule judges the recorded configuration. */
export type Evaluator = (context: RuleContext) => Evaluation[];

/** How the self-check covers a managed rule: every deployed identifier is in exactly one group. */
export type RuleCoverage =
  /** (a) judged from the templates. */
  | { readonly kind: 'evaluated'; readonly evaluate: Evaluator }
  /** (b) the rule's resource types (from its documentation), none of which the baseline creates. */
  | { readonly kind: 'not-applicable'; readonly resourceTypes: readonly string[] }
  /** (c) the rule judges account state outside the templates. */
  | { readonly kind: 'cannot-judge'; readonly reason: string };
