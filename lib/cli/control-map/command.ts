import { join } from 'node:path';
import { UsageError } from '../main';
import { buildControlMap, buildFrameworkMap } from './build';
import { GDPR_FRAMEWORK } from './gdpr-framework';
import { loadAssembly } from './load';
import {
  FORMATS,
  FRAMEWORKS,
  STATUSES,
  type AnyControlMap,
  type ControlMap,
  type Format,
  type Framework,
} from './model';
import { renderCsv } from './render-csv';
import { renderHtml } from './render-html';
import { renderJson } from './render-json';
import { renderMarkdown } from './render-md';
import { renderOscal, renderOscalFrameworks } from './render-oscal';
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
  /**
   * Comma-separated frameworks (hipaa, gdpr).
   * @default 'hipaa'
   */
  readonly framework?: string;
}

/** File name of each format. */
export const OUTPUT_FILES: Readonly<Record<Format, string>> = {
  md: 'control-map.md',
  json: 'control-map.json',
  csv: 'control-map.csv',
  html: 'control-map.html',
  oscal: 'oscal-component-definition.json',
};

/** File name of each format of the GDPR map (the OSCAL document holds every framework). */
export const GDPR_OUTPUT_FILES: Readonly<Record<Exclude<Format, 'oscal'>, string>> = {
  md: 'gdpr-control-map.md',
  json: 'gdpr-control-map.json',
  csv: 'gdpr-control-map.csv',
  html: 'gdpr-control-map.html',
};

/** Parses `--framework`; an empty list or an unknown framework is a UsageError. */
export function parseFrameworks(text: string): Framework[] {
  const requested = text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  const unknown = requested.filter((item) => !(FRAMEWORKS as readonly string[]).includes(item));
  if (unknown.length > 0 || requested.length === 0) {
    const what = unknown.length > 0 ? `unknown framework "${unknown[0]}"` : 'no framework given';
    throw new UsageError(`--framework ${text}: ${what} (expected a comma-separated list of ${FRAMEWORKS.join(', ')})`);
  }
  return FRAMEWORKS.filter((framework) => requested.includes(framework));
}

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

/** The maps of one run, one per framework asked for. */
export interface FrameworkMaps {
  readonly hipaa?: ControlMap;
  readonly gdpr?: AnyControlMap;
}

/**
 * Renders the selected formats of each framework's map (pure): the HIPAA map under OUTPUT_FILES, the GDPR
 * map under GDPR_OUTPUT_FILES, and one OSCAL document with a control implementation per framework.
 */
export function renderFrameworkOutputs(maps: FrameworkMaps, formats: readonly Format[], modified: Date): OutputFile[] {
  const files = maps.hipaa ? renderOutputs(maps.hipaa, formats, modified) : [];
  if (!maps.gdpr) return files;
  const gdpr = maps.gdpr;
  const render: Record<Exclude<Format, 'oscal'>, () => string> = {
    md: () => renderMarkdown(gdpr),
    json: () => renderJson(gdpr),
    csv: () => renderCsv(gdpr),
    html: () => renderHtml(gdpr),
  };
  const own = formats.flatMap((format) =>
    format === 'oscal' ? [] : [{ name: GDPR_OUTPUT_FILES[format], content: render[format]() }],
  );
  const oscal = formats.includes('oscal')
    ? [{ name: OUTPUT_FILES.oscal, content: renderOscalFrameworks(maps, modified) }]
    : [];
  return [...files.filter((file) => file.name !== OUTPUT_FILES.oscal), ...own, ...oscal];
}

/** Reads an assembly directory and builds its control map. */
export function controlMapOf(directory: string, label?: string): { map: ControlMap; synthesizedAt: Date } {
  const assembly = loadAssembly(directory, label);
  return { map: buildControlMap(assembly, packageVersion()), synthesizedAt: assembly.synthesizedAt };
}

/** Reads an assembly directory and builds the GDPR control map. */
export function gdprControlMapOf(directory: string): AnyControlMap {
  return buildFrameworkMap(loadAssembly(directory), packageVersion(), GDPR_FRAMEWORK);
}

/** "65 citations (40 implemented, …)". */
function counted(map: AnyControlMap, unit: string): string {
  const byStatus = STATUSES.filter((status) => map.summary.byStatus[status] > 0)
    .map((status) => `${map.summary.byStatus[status]} ${status}`)
    .join(', ');
  return `${map.summary.total} ${unit} (${byStatus})`;
}

/**
 * `hipaa-baseline control-map`: reads the assembly, builds the map, renders every requested format and
 * only then writes the files, atomically. Bad input throws a UsageError before anything is written.
 * Returns the exit code.
 */
export function runControlMap(options: ControlMapOptions, stdout: (text: string) => void): number {
  const formats = parseFormats(options.format);
  const frameworks = parseFrameworks(options.framework ?? 'hipaa');
  checkOutputDirectory(options.out);
  const assembly = loadAssembly(options.app);
  const version = packageVersion();
  const maps: FrameworkMaps = {
    ...(frameworks.includes('hipaa') ? { hipaa: buildControlMap(assembly, version) } : {}),
    ...(frameworks.includes('gdpr') ? { gdpr: buildFrameworkMap(assembly, version, GDPR_FRAMEWORK) } : {}),
  };
  const files = renderFrameworkOutputs(maps, formats, lastModified(assembly.synthesizedAt));
  writeFilesAtomically(options.out, files);
  const parts = [
    ...(maps.hipaa ? [counted(maps.hipaa, 'citations')] : []),
    ...(maps.gdpr ? [counted(maps.gdpr, 'GDPR provisions')] : []),
  ];
  stdout(`control-map: ${parts.join('; ')}; wrote ${files.map((f) => join(options.out, f.name)).join(', ')}\n`);
  return 0;
}
