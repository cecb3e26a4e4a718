// The checkers the mutation corpus is run through: `hipaa-baseline check` (test and bench), and for the
// bench cdk-nag's packs alone (no acknowledgement) and cfn-guard with the AWS Control Tower rules.
import { checkPaths } from '../helpers/check';
import { OWN_PACK_NAME } from '../../rules';
import { TemplateLoadable } from '../../rules/template';
import { writeMutantTemplate, type Mutant, type StackTemplate } from './generate';

/** Rule id of the finding that says a template could not be loaded for the cdk-nag packs. */
export const NOT_LOADABLE = `${OWN_PACK_NAME}-${TemplateLoadable.id}`;

/** What `check` reports on a mutant: its error findings as `rule logicalId`. */
export interface CheckOutcome {
  readonly errors: readonly string[];
  /** The mutant broke the template for the cdk-nag packs (a broken mutant, not a catch). */
  readonly unloadable: boolean;
}

/**
 * `check` on a mutant: the mutated stack template written into `dir` and checked as a template file.
 * Without a baseline `check` judges each template on its own, so the other (unchanged) templates of the
 * assembly add exactly what they add on the clean baseline: nothing (asserted by the tests).
 */
export function checkMutant(stacks: readonly StackTemplate[], mutant: Mutant, dir: string): CheckOutcome {
  const file = writeMutantTemplate(stacks, mutant, dir);
  return outcomeOf(checkPaths([file]));
}

/** The error findings of a check result, and whether a template was not loadable. */
export function outcomeOf(result: ReturnType<typeof checkPaths>): CheckOutcome {
  const errors = result.findings.filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.logicalId}`);
  return { errors, unloadable: errors.some((e) => e.startsWith(`${NOT_LOADABLE} `)) };
}
