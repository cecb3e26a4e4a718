/**
 * Mutation testing of the gate: insecure variants of the default baseline, derived from its templates one
 * change at a time (test/mutation/generate.ts), must each be caught by `check` with at least one error, and
 * the clean baseline must have none. The whole corpus takes minutes, so this runs a deterministic sample
 * (the first two mutants of every resource type × operator); `npm run bench gate` runs all of it.
 */
import { readFileSync } from 'node:fs';
import { checkPaths, tempDir } from '../helpers/check';
import { DEFAULT_ASSEMBLY } from '../helpers/paths';
import { checkMutant, outcomeOf } from './checkers';
import { generateMutants, loadStackTemplates, resourceTypes, sampleMutants, writeMutantAssembly } from './generate';
import { knownGapOf, KNOWN_GAPS } from './known-gaps';
import { NOT_MUTATED, OPERATORS } from './operators';

const stacks = loadStackTemplates(DEFAULT_ASSEMBLY);
const mutants = generateMutants(stacks);
const sample = sampleMutants(
  mutants.filter((mutant) => !knownGapOf(mutant)),
  2,
);
const gaps = mutants.filter((mutant) => knownGapOf(mutant));

describe('mutation corpus of the default baseline', () => {
  test('every resource type of the templates is mutated, or listed with the reason it has no insecure change', () => {
    const mutated = new Set(mutants.map((mutant) => mutant.resourceType));
    for (const type of resourceTypes(stacks)) {
      const reason = NOT_MUTATED[type];
      if (reason === undefined) {
        expect({ type, mutated: mutated.has(type) }).toEqual({ type, mutated: true });
      } else {
        expect({ type, operators: OPERATORS[type] }).toEqual({ type, operators: undefined });
        expect(reason.length).toBeGreaterThan(20);
      }
    }
  });

  test('a type with neither operators nor a reason stops the generator', () => {
    const [first] = stacks;
    const template = structuredClone(first.template);
    template.Resources.Unknown = { Type: 'AWS::Example::Unmapped', Properties: {} };
    expect(() => generateMutants([{ ...first, template }])).toThrow(/AWS::Example::Unmapped has no mutation operators/);
  });

  test('mutants have unique ids, each changes its template, and the clean templates stay untouched', () => {
    const before = stacks.map(({ file }) => readFileSync(file, 'utf8'));
    expect(new Set(mutants.map((mutant) => mutant.id)).size).toBe(mutants.length);
    for (const mutant of mutants) {
      const clean = stacks.find(({ stack }) => stack === mutant.stack)!.template;
      expect({ id: mutant.id, changed: JSON.stringify(mutant.mutatedTemplate()) !== JSON.stringify(clean) }).toEqual({
        id: mutant.id,
        changed: true,
      });
    }
    expect(stacks.map(({ file }) => JSON.parse(readFileSync(file, 'utf8')))).toEqual(
      before.map((text) => JSON.parse(text)),
    );
    expect(stacks.map(({ template }) => template)).toEqual(before.map((text) => JSON.parse(text)));
  });

  test('the corpus covers every class of weakening and more than 500 changes', () => {
    expect(mutants.length).toBeGreaterThan(500);
    expect(new Set(mutants.map((mutant) => mutant.lessSecure)).size).toBeGreaterThanOrEqual(12);
  });

  test('check finds no error on the clean baseline', () => {
    expect(outcomeOf(checkPaths([DEFAULT_ASSEMBLY])).errors).toEqual([]);
  });

  test.each(sample.map((mutant) => [mutant.id, mutant] as const))('check catches %s', (_id, mutant) => {
    const outcome = checkMutant(stacks, mutant, tempDir('mutant-'));
    expect(outcome.unloadable).toBe(false);
    expect(outcome.errors.length).toBeGreaterThan(0);
  });

  test('checking the mutated template alone finds what checking the whole mutated assembly finds', () => {
    const chosen = ['LogArchive', 'Network', 'SecurityTooling'].map((stack) =>
      sample.find((mutant) => mutant.stack === stack)!,
    );
    for (const mutant of chosen) {
      const alone = checkMutant(stacks, mutant, tempDir('mutant-'));
      const whole = outcomeOf(checkPaths([writeMutantAssembly(DEFAULT_ASSEMBLY, stacks, mutant, tempDir('mutant-'))]));
      expect(whole.errors).toEqual(alone.errors);
    }
  });

  if (KNOWN_GAPS.length > 0) {
    test.each(gaps.map((mutant) => [mutant.id, knownGapOf(mutant)!.reason, mutant] as const))(
      'known gap, still missed: %s (%s)',
      (_id, _reason, mutant) => {
        expect(checkMutant(stacks, mutant, tempDir('mutant-')).errors).toEqual([]);
      },
    );
    test('every known gap matches a mutant', () => {
      for (const gap of KNOWN_GAPS) expect(gaps.some((mutant) => knownGapOf(mutant) === gap)).toBe(true);
    });
  }
});
