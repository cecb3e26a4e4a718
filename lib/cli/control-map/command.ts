import { join } from 'node:path';
import { UsageError } from '../main';
import { buildControlMap } from './build';
import { loadAssembly } from './load';
import { FORMATS, STATUSES, type ControlMap, type Format } from './model';
import { renderCsv } from './render-csv';
import { renderHtml } from './render-html';
import { renderJson } from './render-json';
import { renderMarkdown } from './render-md';
import { renderOscal } from './render-oscal';
import { checkOutputDirectory, writeFilesAtomically, type OutputFile } from './write-files';
import { packageVersion } from '../../package-info';

/** Options of `hipaa-baseline control-map`. */
export interface ControlMapOptions {
  /** Cloud assembly directory. */
  readonly app: string;
  /** Output directory. */
  readonly out: string;
  /** Comma-separated formats (md, json, csv, html, oscal). */
  readonly format: string;
}

/** File name of each format. */
export const OUTPUT_FILES: Readonly<Record<Format, string>> = {
  md: 'control-map.md',
  json: 'control-map.json',
  csv: 'control-map.csv',
  html: 'control-map.html',
  oscal: 'oscal-component-definition.json',
};

/** Parses `--format`; an empty list or an unknown format is a UsageError. */
export function parseFormats(text: string): Format[] {
  const requested = text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  const unknown = requested.filter((item) => !(FORMATS as readonly string[]).includes(item));
  if (unknown.length > 0 || requested.length === 0) {
    const what = unknown.length > 0 ? `unknown format "${unknown[0]}"` : 'no format given';
    throw new UsageError(`--format ${text}: ${what} (expected a comma-separated list of ${FORMATS.join(', ')})`);
  }
  return FORMATS.filter((format) => requested.includes(format));
}

/**
 * When the OSCAL document was last modified: SOURCE_DATE_EPOCH (seconds) when set, as reproducible
 * builds do, else when the assembly was synthesized — so re-running on the same assembly gives
 * byte-identical output.
 */
export function lastModified(synthesizedAt: Date, env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return synthesizedAt;
  if (!/^\d+$/.test(epoch)) throw new UsageError(`SOURCE_DATE_EPOCH ${epoch}: not a whole number of seconds`);
  return new Date(Number(epoch) * 1000);
}

/** Renders the selected formats of a map (pure). */
export function renderOutputs(map: ControlMap, formats: readonly Format[], modified: Date): OutputFile[] {
  const render: Record<Format, () => string> = {
    md: () => renderMarkdown(map),
    json: () => renderJson(map),
    csv: () => renderCsv(map),
    html: () => renderHtml(map),
    oscal: () => renderOscal(map, modified),
  };
  return formats.map((format) => ({ name: OUTPUT_FILES[format], content: render[format]() }));
}

/** Reads an assembly directory and builds its control map. */
export function controlMapOf(directory: string, label?: string): { map: ControlMap; synthesizedAt: Date } {
  const assembly = loadAssembly(directory, label);
  return { map: buildControlMap(assembly, packageVersion()), synthesizedAt: assembly.synthesizedAt };
}

/**
 * `hipaa-baseline control-map`: reads the assembly, builds the map, renders every requested format and
 * only then writes the files, atomically. Bad input throws a UsageError before anything is written.
 * Returns the exit code.
 */
export function runControlMap(options: ControlMapOptions, stdout: (text: string) => void): number {
  const formats = parseFormats(options.format);
  checkOutputDirectory(options.out);
  const { map, synthesizedAt } = controlMapOf(options.app);
  const files = renderOutputs(map, formats, lastModified(synthesizedAt));
  writeFilesAtomically(options.out, files);
  const byStatus = STATUSES.filter((status) => map.summary.byStatus[status] > 0)
    .map((status) => `${map.summary.byStatus[status]} ${status}`)
    .join(', ');
  stdout(
    `control-map: ${map.summary.total} citations (${byStatus}); wrote ${files.map((f) => join(options.out, f.name)).join(', ')}\n`,
  );
  return 0;
}
