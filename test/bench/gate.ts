// Catch rate of the gate on the mutation corpus (test/mutation): every insecure variant of the default baseline
// run through `hipaa-baseline check`, through cdk-nag's HIPAA Security and AWS Solutions packs alone (applied
// to the templates through cloudformation-include, nothing acknowledged), and through cfn-guard with the AWS
// Control Tower rules of @cdklabs/cdk-validator-cfnguard. Prints one row per checker. Offline.
// Run with `npm run bench gate`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyNagPacks, NotLoadableError } from '../../lib/cli/check/nag';
import { checkPaths } from '../helpers/check';
import { removeTempDirs, tempDir } from '../helpers/temp';
import { checkMutant, outcomeOf } from '../mutation/checkers';
import { neighbourhood, reduced, runGuard, type GuardFindings } from '../mutation/cfn-guard';
import type { Template } from '../mutation/edit';
import { generateMutants, loadStackTemplates, type Mutant, type StackTemplate } from '../mutation/generate';
import { knownGapOf } from '../mutation/known-gaps';
import { ROOT, seconds } from './timing';

interface Row {
  readonly checker: string;
  readonly caught: ReadonlySet<string>;
  /** Error findings on the clean baseline. */
  readonly clean: number;
  readonly ms: number;
  readonly note?: string;
}

const now = () => Number(process.hrtime.bigint()) / 1e6;

function synthesize(): string {
  const out = tempDir('bench-gate-');
  const result = spawnSync('npx', ['cdk', 'synth', '--quiet', '-o', out], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CDK_DISABLE_VERSION_CHECK: '1' },
  });
  if (result.status !== 0) throw new Error(`cdk synth failed:\n${result.stderr}`);
  return out;
}

function benchCheck(assembly: string, stacks: readonly StackTemplate[], mutants: readonly Mutant[]): Row {
  const clean = outcomeOf(checkPaths([assembly])).errors.length;
  const dir = tempDir('bench-gate-check-');
  const caught = new Set<string>();
  let unloadable = 0;
  const start = now();
  for (const mutant of mutants) {
    const outcome = checkMutant(stacks, mutant, dir);
    if (outcome.unloadable) unloadable++;
    else if (outcome.errors.length > 0) caught.add(mutant.id);
  }
  const note = unloadable > 0 ? `${unloadable} mutants not loadable (not counted as caught)` : undefined;
  return { checker: 'hipaa-baseline check', caught, clean, ms: now() - start, note };
}

/** cdk-nag's error findings on a template, as `rule logicalId`; undefined when cloudformation-include rejects it. */
function nagErrors(template: Template): Set<string> | undefined {
  try {
    return new Set(
      applyNagPacks(template)
        .filter((violation) => violation.severity === 'error')
        .map((violation) => `${violation.rule} ${violation.logicalId}`),
    );
  } catch (error) {
    if (error instanceof NotLoadableError) return undefined;
    throw error;
  }
}

function benchNag(stacks: readonly StackTemplate[], mutants: readonly Mutant[]): Row {
  const cleanByStack = new Map(stacks.map(({ stack, template }) => [stack, nagErrors(template) ?? new Set<string>()]));
  const clean = [...cleanByStack.values()].reduce((sum, findings) => sum + findings.size, 0);
  const caught = new Set<string>();
  const start = now();
  for (const mutant of mutants) {
    const found = nagErrors(mutant.mutatedTemplate());
    const before = cleanByStack.get(mutant.stack)!;
    if (found && [...found].some((finding) => !before.has(finding))) caught.add(mutant.id);
  }
  return {
    checker: 'cdk-nag alone (HIPAA.Security + AwsSolutions)',
    caught,
    clean,
    ms: now() - start,
    note: 'caught = an error finding the clean template does not have (the clean baseline has findings)',
  };
}

/** Runs cfn-guard over files in chunks, two processes at a time (the machine has two cores). */
async function guardFiles(files: readonly string[], chunk = 150): Promise<GuardFindings> {
  const chunks: string[][] = [];
  for (let i = 0; i < files.length; i += chunk) chunks.push(files.slice(i, i + chunk));
  const all: GuardFindings = new Map();
  const worker = async () => {
    for (let next = chunks.shift(); next; next = chunks.shift()) {
      for (const [file, found] of await runGuard(next)) all.set(file, found);
    }
  };
  await Promise.all([worker(), worker()]);
  return all;
}

const isNew = (found: ReadonlySet<string> | undefined, before: ReadonlySet<string> | undefined) =>
  [...(found ?? [])].some((finding) => !before?.has(finding));

async function benchGuard(
  stacks: readonly StackTemplate[],
  mutants: readonly Mutant[],
): Promise<{ row: Row; agreement: string }> {
  // The clean baseline, whole templates as a pipeline would run it.
  const cleanStart = now();
  const whole = await runGuard(stacks.map(({ file }) => file));
  const cleanMs = now() - cleanStart;
  const cleanByStack = new Map(stacks.map(({ stack, file }) => [stack, whole.get(file) ?? new Set<string>()]));
  const clean = [...cleanByStack.values()].reduce((sum, findings) => sum + findings.size, 0);

  // Each mutant: the resources it touches and their neighbours, mutated and clean, in one batch.
  const dir = tempDir('bench-gate-guard-');
  mkdirSync(join(dir, 'files'));
  const files: string[] = [];
  const pairs = new Map<string, { mutated: string; clean: string }>();
  const cleanFiles = new Map<string, string>();
  mutants.forEach((mutant, index) => {
    const cleanTemplate = stacks.find(({ stack }) => stack === mutant.stack)!.template;
    const mutated = mutant.mutatedTemplate();
    const ids = neighbourhood(cleanTemplate, mutated);
    const key = `${mutant.stack} ${[...ids].sort().join(' ')}`;
    if (!cleanFiles.has(key)) {
      const file = join(dir, 'files', `clean-${cleanFiles.size}.json`);
      writeFileSync(file, JSON.stringify(reduced(cleanTemplate, ids)));
      cleanFiles.set(key, file);
      files.push(file);
    }
    const file = join(dir, 'files', `mutant-${index}.json`);
    writeFileSync(file, JSON.stringify(reduced(mutated, ids)));
    files.push(file);
    pairs.set(mutant.id, { mutated: file, clean: cleanFiles.get(key)! });
  });
  const start = now();
  const results = await guardFiles(files);
  const ms = now() - start;
  const caught = new Set(
    mutants
      .filter((m) => isNew(results.get(pairs.get(m.id)!.mutated), results.get(pairs.get(m.id)!.clean)))
      .map((m) => m.id),
  );

  // Agreement with whole-template runs, on a sample of mutants of the smaller stacks (a Network run takes ~40 s).
  const sample = mutants
    .filter((m) => m.stack !== 'Network')
    .filter((_, i) => i % 60 === 0)
    .slice(0, 6);
  const sampleDir = join(dir, 'whole');
  mkdirSync(sampleDir);
  const sampleFiles = sample.map((mutant, i) => {
    const file = join(sampleDir, `${i}.json`);
    writeFileSync(file, JSON.stringify(mutant.mutatedTemplate()));
    return file;
  });
  const wholeResults = sample.length > 0 ? await runGuard(sampleFiles) : new Map();
  const agreeing = sample.filter(
    (mutant, i) => isNew(wholeResults.get(sampleFiles[i]), cleanByStack.get(mutant.stack)) === caught.has(mutant.id),
  );
  return {
    row: {
      checker: 'cfn-guard + Control Tower rules',
      caught,
      clean,
      ms,
      note:
        `caught = a failed check the clean resources do not have; each mutant judged on the resources it touches and ` +
        `their neighbours (${files.length} files); the clean baseline, whole templates: ${seconds(cleanMs)}`,
    },
    agreement: `${agreeing.length}/${sample.length} sampled mutants judged alike on the whole template (${sample
      .filter((m) => !agreeing.includes(m))
      .map((m) => m.id)
      .join(', ')})`,
  };
}

const pad = (text: string, width: number) => text.padEnd(width);

export async function benchGate(): Promise<void> {
  try {
    const synthStart = now();
    const assembly = synthesize();
    const stacks = loadStackTemplates(assembly);
    const mutants = generateMutants(stacks);
    console.log(
      `corpus: ${mutants.length} mutants of ${new Set(mutants.map((m) => m.resourceType)).size} resource types ` +
        `(default assembly synthesized in ${seconds(now() - synthStart)})`,
    );
    const rows: Row[] = [benchCheck(assembly, stacks, mutants), benchNag(stacks, mutants)];
    const guard = await benchGuard(stacks, mutants);
    rows.push(guard.row);

    const total = mutants.length;
    console.log(
      `${pad('checker', 46)} ${pad('caught / total', 15)} ${pad('catch rate', 11)} ${pad('clean findings', 15)} time`,
    );
    for (const row of rows) {
      console.log(
        `${pad(row.checker, 46)} ${pad(`${row.caught.size} / ${total}`, 15)} ` +
          `${pad(`${((row.caught.size / total) * 100).toFixed(1)} %`, 11)} ${pad(String(row.clean), 15)} ` +
          `${seconds(row.ms)} (${(row.ms / total).toFixed(0)} ms / mutant)`,
      );
    }
    for (const row of rows) if (row.note) console.log(`  ${row.checker}: ${row.note}`);
    console.log(`  cfn-guard: ${guard.agreement}`);

    console.log('by class (check / cdk-nag / cfn-guard of total):');
    const classes = [...new Set(mutants.map((m) => m.lessSecure))].sort();
    for (const lessSecure of classes) {
      const ofClass = mutants.filter((m) => m.lessSecure === lessSecure);
      const counts = rows.map((row) => ofClass.filter((m) => row.caught.has(m.id)).length);
      console.log(`  ${pad(lessSecure, 26)} ${counts.join(' / ')} of ${ofClass.length}`);
    }
    const missed = mutants.filter((m) => !rows[0].caught.has(m.id));
    console.log(`missed by check: ${missed.length}`);
    for (const mutant of missed) {
      const gap = knownGapOf(mutant);
      console.log(`  ${mutant.id}: ${mutant.description}${gap ? ` (known gap: ${gap.reason})` : ' (NOT a known gap)'}`);
    }
  } finally {
    removeTempDirs();
  }
}

if (require.main === module) void benchGate();
