// The mutation generator: derives insecure variants of a synthesized baseline from its templates, one change
// per mutant, by resource type (test/mutation/operators.ts). Used by test/mutation/mutants.test.ts and by
// `npm run bench gate`.
import { copyFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { loadInputs } from '../../lib/cli/check/load-templates';
import type { Template } from './edit';
import { NOT_MUTATED, OPERATORS, type LessSecure } from './operators';

/** A stack template of the assembly mutants are derived from. */
export interface StackTemplate {
  /** The stack's display name (e.g. `LogArchive`). */
  readonly stack: string;
  /** The template file in the assembly. */
  readonly file: string;
  readonly template: Template;
}

/** One insecure variant of the baseline: a single change to one resource of one template. */
export interface Mutant {
  /** `<stack>/<logicalId>/<operator>`, unique in the corpus. */
  readonly id: string;
  readonly stack: string;
  readonly logicalId: string;
  readonly resourceType: string;
  /** The operator's id (unique for the resource type). */
  readonly operator: string;
  readonly description: string;
  /** What the change weakens. */
  readonly lessSecure: LessSecure;
  /** The stack's template with the change made (a fresh copy each call; the clean template is untouched). */
  mutatedTemplate(): Template;
}

/** The stack templates of a cloud assembly (nested assemblies and stacks included), in manifest order. */
export function loadStackTemplates(assemblyDir: string): StackTemplate[] {
  return loadInputs([assemblyDir]).map(({ name, file, template }) => ({
    stack: name,
    file,
    template: template as Template,
  }));
}

/** Every resource type the templates hold. */
export function resourceTypes(stacks: readonly StackTemplate[]): Set<string> {
  return new Set(stacks.flatMap(({ template }) => Object.values(template.Resources).map((r) => r.Type as string)));
}

/**
 * Every mutant of the templates: each operator of a resource's type that applies to it, for each resource
 * of each stack (sorted by logical id, so the corpus is the same run after run). Throws on a resource type
 * that has neither operators nor a reason in NOT_MUTATED.
 */
export function generateMutants(stacks: readonly StackTemplate[]): Mutant[] {
  const mutants: Mutant[] = [];
  for (const { stack, template } of stacks) {
    for (const logicalId of Object.keys(template.Resources).sort()) {
      const type: string = template.Resources[logicalId].Type;
      const operators = OPERATORS[type];
      if (!operators) {
        if (NOT_MUTATED[type] !== undefined) continue;
        throw new Error(
          `${stack}/${logicalId}: resource type ${type} has no mutation operators and no reason in NOT_MUTATED`,
        );
      }
      for (const operator of operators) {
        const context = { template, logicalId, resource: template.Resources[logicalId] };
        if (operator.applies && !operator.applies(context)) continue;
        mutants.push({
          id: `${stack}/${logicalId}/${operator.id}`,
          stack,
          logicalId,
          resourceType: type,
          operator: operator.id,
          description: operator.description,
          lessSecure: operator.lessSecure,
          mutatedTemplate: () => {
            const copy = structuredClone(template);
            operator.mutate({ template: copy, logicalId, resource: copy.Resources[logicalId] });
            return copy;
          },
        });
      }
    }
  }
  return mutants;
}

/**
 * A deterministic subset: the first `perOperator` mutants (in corpus order) of each resource type × operator,
 * so every kind of change is exercised whatever the corpus size.
 */
export function sampleMutants(mutants: readonly Mutant[], perOperator = 1): Mutant[] {
  const taken = new Map<string, number>();
  return mutants.filter((mutant) => {
    const key = `${mutant.resourceType} ${mutant.operator}`;
    const count = taken.get(key) ?? 0;
    taken.set(key, count + 1);
    return count < perOperator;
  });
}

/** Writes a mutant's template as a template file in `dir` (the name of the stack's template file); returns its path. */
export function writeMutantTemplate(stacks: readonly StackTemplate[], mutant: Mutant, dir: string): string {
  const file = join(dir, basename(stackOf(stacks, mutant).file));
  writeFileSync(file, JSON.stringify(mutant.mutatedTemplate()));
  return file;
}

/**
 * Writes the whole assembly with the mutant's change into `dir` (manifest, every stack template, the mutated
 * one changed), as a pull request's `cdk synth` would, for checks of the complete assembly.
 */
export function writeMutantAssembly(
  assemblyDir: string,
  stacks: readonly StackTemplate[],
  mutant: Mutant,
  dir: string,
): string {
  copyFileSync(join(assemblyDir, 'manifest.json'), join(dir, 'manifest.json'));
  for (const { stack, file } of stacks) {
    if (stack !== mutant.stack) copyFileSync(file, join(dir, basename(file)));
  }
  writeMutantTemplate(stacks, mutant, dir);
  return dir;
}

function stackOf(stacks: readonly StackTemplate[], mutant: Mutant): StackTemplate {
  const found = stacks.find(({ stack }) => stack === mutant.stack);
  if (!found) throw new Error(`no stack ${mutant.stack}`);
  return found;
}
