/**
 * The formats the pipeline reads and how each is de-identified, streaming where the format allows:
 * - text: line by line; lines are batched so each Comprehend Medical request is nearly full;
 * - CSV and TSV: record by record; a column whose header names an identifier (`dob`, `zip`, `ssn`…) is
 *   rendered as that identifier, `state`/`gender`-like columns are kept, every other cell is free text;
 * - JSON Lines: line by line, each line a JSON value handled like a JSON document;
 * - JSON: one document, parsed whole (at most `maxJsonChars`), keys judged like CSV headers, recursively
 *   (a value under an identifier key — `"address": {"line1": …}` — inherits that key's type).
 * Two batches are in flight at a time: the next is read and sent while the last is written, in order.
 */
import { csvField, CsvParser, type CsvRecord } from './csv';
import type { DeidentifiedText, Deidentifier } from './deidentifier';
import { classifyField, type FieldRule } from './fields';
import type { IdentifierType } from './identifiers';
import { InputError } from './input-error';
import type { Location, Tally } from './tally';
import { splitLines, type Line } from './text-stream';

export type Format = 'text' | 'csv' | 'tsv' | 'json' | 'jsonl';

const SUFFIXES: Readonly<Record<string, Format>> = {
  txt: 'text',
  text: 'text',
  note: 'text',
  notes: 'text',
  md: 'text',
  csv: 'csv',
  tsv: 'tsv',
  tab: 'tsv',
  json: 'json',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
};

const CONTENT_TYPES: Readonly<Record<string, Format>> = {
  'text/plain': 'text',
  'text/markdown': 'text',
  'text/csv': 'csv',
  'text/tab-separated-values': 'tsv',
  'application/json': 'json',
  'application/x-ndjson': 'jsonl',
  'application/jsonl': 'jsonl',
  'application/x-jsonlines': 'jsonl',
};

/** The format of an object, by its key's suffix or else its content type; undefined when unsupported. */
export function formatOf(key: string, contentType?: string): Format | undefined {
  const name = key.slice(key.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  if (dot > 0) return SUFFIXES[name.slice(dot + 1).toLowerCase()];
  return contentType ? CONTENT_TYPES[contentType.split(';')[0].trim().toLowerCase()] : undefined;
}

/** Where de-identified text goes (the output upload), in order. */
export interface Sink {
  write(text: string): Promise<void>;
}

export interface ProcessOptions {
  readonly deidentifier: Deidentifier;
  readonly tally: Tally;
  /** Characters of free text per batch. @default 76_000 (four full Comprehend Medical requests) */
  readonly batchChars?: number;
  /** Largest JSON document (not JSON Lines) accepted, in characters. @default 64 MiB */
  readonly maxJsonChars?: number;
}

/** What the format handler saw, for the manifest: sizes and (CSV) how the columns were treated. */
export interface FormatReport {
  readonly format: Format;
  /** Lines (text, JSON Lines), records (CSV, not counting the header) or 1 (JSON). */
  readonly units: number;
  /** CSV: how many columns each rule applied to. */
  readonly columns?: Partial<Record<FieldRule, number>>;
}

export const DEFAULT_BATCH_CHARS = 76_000;
export const DEFAULT_MAX_JSON_CHARS = 64 * 1024 * 1024;

/** De-identifies a decoded text stream of the given format into the sink. */
export function processStream(
  format: Format,
  text: AsyncIterable<string>,
  sink: Sink,
  options: ProcessOptions,
): Promise<FormatReport> {
  switch (format) {
    case 'text':
      return processText(text, sink, options);
    case 'csv':
      return processCsv(text, sink, options, ',');
    case 'tsv':
      return processCsv(text, sink, options, '\t');
    case 'json':
      return processJson(text, sink, options);
    case 'jsonl':
      return processJsonLines(text, sink, options);
  }
}

/**
 * Keeps up to two batches in flight: each batch's detection starts when it is submitted; its output is
 * written after the previous batch's, so the output keeps the input's order.
 */
class OrderedBatches {
  private readonly inflight: Promise<void>[] = [];

  async submit<T>(detect: () => Promise<T>, write: (result: T) => Promise<void>): Promise<void> {
    if (this.inflight.length >= 2) await this.inflight.shift();
    const detected = detect();
    const before = this.inflight[this.inflight.length - 1] ?? Promise.resolve();
    const done = (async () => {
      const result = await detected;
      await before;
      await write(result);
    })();
    done.catch(() => undefined); // handled when awaited in submit or finish
    this.inflight.push(done);
  }

  async finish(): Promise<void> {
    while (this.inflight.length > 0) await this.inflight.shift();
  }
}

async function processText(text: AsyncIterable<string>, sink: Sink, o: ProcessOptions): Promise<FormatReport> {
  const limit = o.batchChars ?? DEFAULT_BATCH_CHARS;
  const batches = new OrderedBatches();
  let batch: Line[] = [];
  let chars = 0;
  let lines = 0;
  const submit = (group: Line[], first: number) =>
    batches.submit(
      () => o.deidentifier.texts(group.map((l) => l.text)),
      async (results) => {
        results.forEach((r, i) => o.tally.add({ line: first + i }, r.replacements));
        await sink.write(results.map((r, i) => r.text + group[i].eol).join(''));
      },
    );
  for await (const line of splitLines(text)) {
    batch.push(line);
    chars += line.text.length;
    lines++;
    if (chars >= limit) {
      await submit(batch, lines - batch.length + 1);
      batch = [];
      chars = 0;
    }
  }
  if (batch.length > 0) await submit(batch, lines - batch.length + 1);
  await batches.finish();
  return { format: 'text', units: lines };
}

async function processCsv(
  text: AsyncIterable<string>,
  sink: Sink,
  o: ProcessOptions,
  delimiter: ',' | '\t',
): Promise<FormatReport> {
  const limit = o.batchChars ?? DEFAULT_BATCH_CHARS;
  const parser = new CsvParser(delimiter);
  const batches = new OrderedBatches();
  let rules: FieldRule[] | undefined;
  let batch: { record: CsvRecord; row: number }[] = [];
  let chars = 0;
  let rows = 0;

  const submit = (group: typeof batch) => {
    const cellRules = rules!;
    const free: { row: number; column: number }[] = [];
    for (const { record, row } of group) {
      record.fields.forEach((_, column) => {
        if (cellRules[column] === 'TEXT') free.push({ row, column });
      });
    }
    const first = group[0].row;
    return batches.submit(
      () => o.deidentifier.texts(free.map((f) => group[f.row - first].record.fields[f.column])),
      async (results) => {
        const freeResults = new Map(free.map((f, i) => [`${f.row}:${f.column}`, results[i]]));
        const out = group.map(({ record, row }) => {
          const cells = record.fields.map((value, column) => {
            const rule = cellRules[column];
            const result: DeidentifiedText | undefined =
              rule === 'TEXT'
                ? freeResults.get(`${row}:${column}`)
                : rule === 'KEEP'
                  ? undefined
                  : o.deidentifier.field(rule, value);
            if (!result) return value;
            o.tally.add({ row, column }, result.replacements);
            return result.text;
          });
          return cells.map((c) => csvField(c, delimiter)).join(delimiter) + record.eol;
        });
        await sink.write(out.join(''));
      },
    );
  };

  const handle = async (record: CsvRecord) => {
    if (!rules) {
      rules = record.fields.map(classifyField);
      await sink.write(record.fields.map((c) => csvField(c, delimiter)).join(delimiter) + record.eol);
      return;
    }
    if (record.fields.length === 1 && record.fields[0] === '') return; // a blank line
    if (record.fields.length !== rules.length) {
      throw new InputError(
        'malformed-csv',
        `the record on line ${record.line} has ${record.fields.length} fields; the header has ${rules.length}`,
      );
    }
    rows++;
    batch.push({ record, row: rows });
    chars += record.fields.reduce((n, f) => n + f.length, 0);
    if (chars >= limit) {
      await submit(batch);
      batch = [];
      chars = 0;
    }
  };

  for await (const chunk of text) for (const record of parser.push(chunk)) await handle(record);
  for (const record of parser.end()) await handle(record);
  if (batch.length > 0) await submit(batch);
  await batches.finish();
  const columns: Partial<Record<FieldRule, number>> = {};
  for (const rule of rules ?? []) columns[rule] = (columns[rule] ?? 0) + 1;
  return { format: delimiter === ',' ? 'csv' : 'tsv', units: rows, columns };
}

/** A string of a JSON value that goes through free-text detection, and where to put the result. */
interface JsonLeaf {
  readonly holder: Record<string, unknown> | unknown[];
  readonly key: string | number;
  readonly value: string;
  readonly location: Location;
}

/** A JSON path for the manifest observer: `$.patient.contacts[2].phone`, `$["first name"]`. */
const childPath = (path: string, key: string | number) =>
  typeof key === 'number'
    ? `${path}[${key}]`
    : /^[A-Za-z_$][\w$]*$/.test(key)
      ? `${path}.${key}`
      : `${path}[${JSON.stringify(key)}]`;

/**
 * Walks a parsed JSON value: values under identifier keys are rendered at once (and counted), strings
 * under other keys are collected as leaves for free-text detection.
 */
function walkJson(
  holder: Record<string, unknown> | unknown[],
  key: string | number,
  rule: FieldRule,
  path: string,
  line: number | undefined,
  o: ProcessOptions,
  leaves: JsonLeaf[],
): void {
  const value = (holder as Record<string | number, unknown>)[key];
  const location: Location = line === undefined ? { path } : { line, path };
  if (typeof value === 'string') {
    if (rule === 'TEXT') leaves.push({ holder, key, value, location });
    else if (rule !== 'KEEP') {
      const result = o.deidentifier.field(rule, value);
      o.tally.add(location, result.replacements);
      (holder as Record<string | number, unknown>)[key] = result.text;
    }
  } else if (typeof value === 'number' && rule !== 'TEXT' && rule !== 'KEEP') {
    const result = o.deidentifier.field(rule, numberText(rule, value));
    o.tally.add(location, result.replacements);
    if (result.replacements.length > 0) (holder as Record<string | number, unknown>)[key] = result.text;
  } else if (Array.isArray(value)) {
    value.forEach((_, i) => walkJson(value, i, rule, childPath(path, i), line, o, leaves));
  } else if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    for (const childKey of Object.keys(object)) {
      const own = classifyField(childKey);
      // A key that says nothing inherits the identifier type of the key above it.
      const childRule = own === 'TEXT' && rule !== 'TEXT' && rule !== 'KEEP' ? rule : own;
      walkJson(object, childKey, childRule, childPath(path, childKey), line, o, leaves);
    }
  }
}

/** A number as the text its identifier type is judged on (ZIP codes written as numbers lose leading zeros). */
function numberText(type: IdentifierType, value: number): string {
  if (type === 'ZIP' && Number.isInteger(value) && value >= 0 && value < 100_000) return String(value).padStart(5, '0');
  return String(value);
}

/** Detects the leaves' free text in batches and puts the results back. */
async function resolveLeaves(leaves: readonly JsonLeaf[], o: ProcessOptions): Promise<void> {
  const limit = o.batchChars ?? DEFAULT_BATCH_CHARS;
  for (let start = 0; start < leaves.length;) {
    let end = start;
    let chars = 0;
    while (end < leaves.length && (end === start || chars + leaves[end].value.length <= limit)) {
      chars += leaves[end].value.length;
      end++;
    }
    const group = leaves.slice(start, end);
    const results = await o.deidentifier.texts(group.map((l) => l.value));
    group.forEach((leaf, i) => {
      o.tally.add(leaf.location, results[i].replacements);
      (leaf.holder as Record<string | number, unknown>)[leaf.key] = results[i].text;
    });
    start = end;
  }
}

/** A JSON.parse failure as a message without content: V8's messages may quote the input. */
function jsonError(error: unknown, where: string): InputError {
  const message = String((error as Error)?.message ?? '');
  const position = /position (\d+)/.exec(message)?.[1];
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  const at = [
    position !== undefined ? `position ${position}` : undefined,
    lineColumn ? `line ${lineColumn[1]} column ${lineColumn[2]}` : undefined,
  ].filter(Boolean);
  const detail = /Unexpected end/.test(message)
    ? 'it ends early'
    : at.length
      ? `at ${at.join(', ')}`
      : 'a syntax error';
  return new InputError('malformed-json', `${where} is not valid JSON (${detail})`);
}

async function processJson(text: AsyncIterable<string>, sink: Sink, o: ProcessOptions): Promise<FormatReport> {
  const max = o.maxJsonChars ?? DEFAULT_MAX_JSON_CHARS;
  const parts: string[] = [];
  let size = 0;
  for await (const chunk of text) {
    size += chunk.length;
    if (size > max) {
      throw new InputError(
        'too-large',
        `a JSON document is parsed whole and this one exceeds ${max} characters; write large data sets as JSON Lines (.jsonl)`,
      );
    }
    parts.push(chunk);
  }
  const source = parts.join('');
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch (error) {
    throw jsonError(error, 'the document');
  }
  const root = { $: parsed };
  const leaves: JsonLeaf[] = [];
  walkJson(root, '$', 'TEXT', '$', undefined, o, leaves);
  await resolveLeaves(leaves, o);
  const pretty = /^\s*[[{]\s*\n/.test(source);
  const trailing = /\r?\n$/.exec(source)?.[0] ?? '';
  await sink.write(JSON.stringify(root.$, null, pretty ? 2 : undefined) + trailing);
  return { format: 'json', units: 1 };
}

async function processJsonLines(text: AsyncIterable<string>, sink: Sink, o: ProcessOptions): Promise<FormatReport> {
  const limit = o.batchChars ?? DEFAULT_BATCH_CHARS;
  const batches = new OrderedBatches();
  let batch: { line: Line; number: number }[] = [];
  let chars = 0;
  let lines = 0;
  const submit = (group: typeof batch) => {
    const records = group.map(({ line, number }) => {
      if (line.text.trim() === '') return undefined;
      try {
        return { $: JSON.parse(line.text) as unknown };
      } catch (error) {
        throw jsonError(error, `line ${number}`);
      }
    });
    const leaves: JsonLeaf[] = [];
    records.forEach((root, i) => root && walkJson(root, '$', 'TEXT', '$', group[i].number, o, leaves));
    return batches.submit(
      () => resolveLeaves(leaves, o),
      async () => {
        const out = group.map(({ line }, i) => (records[i] ? JSON.stringify(records[i]!.$) : line.text) + line.eol);
        await sink.write(out.join(''));
      },
    );
  };
  for await (const line of splitLines(text)) {
    lines++;
    batch.push({ line, number: lines });
    chars += line.text.length;
    if (chars >= limit) {
      await submit(batch);
      batch = [];
      chars = 0;
    }
  }
  if (batch.length > 0) await submit(batch);
  await batches.finish();
  return { format: 'jsonl', units: lines };
}
