// Mutants `check` does not catch yet, each with the reason: the gate's known gaps. The test asserts that
// these are still missed (a fixed gap must leave this list) and that every other mutant is caught.
import type { Mutant } from './generate';

export interface KnownGap {
  readonly resourceType: string;
  readonly operator: string;
  /** Only mutants of resources whose logical id matches (all of the type × operator when absent). */
  readonly logicalId?: RegExp;
  readonly reason: string;
}

export const KNOWN_GAPS: readonly KnownGap[] = [];

/** The known gap a mutant falls under, if any. */
export function knownGapOf(mutant: Mutant): KnownGap | undefined {
  return KNOWN_GAPS.find(
    (gap) =>
      gap.resourceType === mutant.resourceType &&
      gap.operator === mutant.operator &&
      (gap.logicalId === undefined || gap.logicalId.test(mutant.logicalId)),
  );
}
