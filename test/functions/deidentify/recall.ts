/**
 * Recall per identifier type on the synthetic corpus, through the real handler against the local doubles:
 * every labelled identifier counts as found when the replacements the pipeline made at its place (line,
 * CSV cell, JSON path) cover all of its characters. Also lists leaks: labelled values still present in
 * an output (checked for values of six characters or more, and never for ages, whose digits recur).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IdentifierType } from '../../../lib/functions/deidentify/identifiers';
import type { Location } from '../../../lib/functions/deidentify/tally';
import { CORPUS_DIR, type Truth } from './corpus/generate';
import { Harness, objectCreated } from './harness';

export const CORPUS_PREFIX = 'corpus/';

export interface TypeRecall {
  readonly labelled: number;
  readonly found: number;
  readonly recall: number;
}

export interface RecallReport {
  readonly byType: Partial<Record<IdentifierType, TypeRecall>>;
  /** `file: type` of labelled values found verbatim in the output. */
  readonly leaks: string[];
  readonly files: number;
  readonly bytes: number;
}

const placeOf = (file: string, l: Location) =>
  `${file}|${l.line ?? ''}|${l.row ?? ''}|${l.column ?? ''}|${l.path ?? ''}`;

/** The committed corpus: file name → text, and the ground truth. */
export function loadCorpus(dir = CORPUS_DIR): { files: Record<string, string>; truth: Truth } {
  const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as Truth;
  const files = Object.fromEntries(Object.keys(truth).map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
  return { files, truth };
}

/** The labelled value of a truth entry, read from the corpus file. */
export function valueOf(text: string, entry: Truth[string][number], file: string): string {
  if (entry.line !== undefined && entry.path === undefined) {
    return text.split('\n')[entry.line - 1].slice(entry.start, entry.end);
  }
  if (entry.row !== undefined) return ''; // CSV cells: checked through replacements only
  const root = file.endsWith('.jsonl') ? JSON.parse(text.split('\n')[entry.line! - 1]) : JSON.parse(text);
  return String(resolvePath(root, entry.path!)).slice(entry.start, entry.end);
}

/** The value at a JSON path of the form the pipeline reports (`$[3].name.given`, `$["a b"]`). */
export function resolvePath(root: unknown, path: string): unknown {
  let value: any = root;
  for (const [, key, index, quoted] of path
    .slice(1)
    .matchAll(/\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g)) {
    value = value[key ?? (index !== undefined ? Number(index) : JSON.parse(quoted))];
  }
  return value;
}

/** Runs the corpus through the handler and measures recall per type. */
export async function measureRecall(tuning: { modelRequestBytes?: number } = {}): Promise<RecallReport> {
  const { files, truth } = loadCorpus();
  const spans = new Map<string, [number, number][]>();
  const harness = await new Harness({
    ...tuning,
    observer: (key) => (location, replacement) => {
      const place = placeOf(key.slice(CORPUS_PREFIX.length), location);
      spans.set(place, [...(spans.get(place) ?? []), [replacement.start, replacement.end]]);
    },
  }).start();
  try {
    const records = Object.entries(files).map(([name, text]) => {
      harness.put(`${CORPUS_PREFIX}${name}`, text);
      return objectCreated(`${CORPUS_PREFIX}${name}`);
    });
    const { results } = await harness.invoke(records);
    const failed = results.filter((r) => r.status !== 'deidentified');
    if (failed.length > 0) throw new Error(`not de-identified: ${JSON.stringify(failed)}`);

    const byType: Partial<Record<IdentifierType, { labelled: number; found: number }>> = {};
    const leaks: string[] = [];
    for (const [file, entries] of Object.entries(truth)) {
      const output = harness.output(`records/${CORPUS_PREFIX}${file}`) ?? '';
      for (const entry of entries) {
        const covered = spans.get(placeOf(file, entry)) ?? [];
        const found = covers(covered, entry.start, entry.end);
        const tally = (byType[entry.type] ??= { labelled: 0, found: 0 });
        tally.labelled++;
        if (found) tally.found++;
        const value = valueOf(files[file], entry, file);
        if (entry.type !== 'AGE' && value.length >= 6 && output.includes(value)) leaks.push(`${file}: ${entry.type}`);
      }
    }
    return {
      byType: Object.fromEntries(
        Object.entries(byType).map(([type, t]) => [type, { ...t, recall: t.found / t.labelled }]),
      ),
      leaks,
      files: Object.keys(files).length,
      bytes: Object.values(files).reduce((n, text) => n + Buffer.byteLength(text), 0),
    };
  } finally {
    await harness.stop();
  }
}

/** Whether the union of the spans covers [start, end). */
function covers(spans: readonly [number, number][], start: number, end: number): boolean {
  let reached = start;
  for (const [s, e] of [...spans].sort((a, b) => a[0] - b[0])) {
    if (s > reached) break;
    reached = Math.max(reached, e);
    if (reached >= end) return true;
  }
  return reached >= end;
}
