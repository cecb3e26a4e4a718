import { awsEndpointFunctions } from '@aws-sdk/core/client';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../main';
import { createConfigClient, type CallStats } from './api';
import { EvidenceCollector } from './collect';
import { FatalCollectError } from './errors';
import { startProgress } from './progress';
import { AdaptiveRateLimiter } from './rate-limiter';
import { exitCodeOf } from './status';
import { FORMAT_FILES, type EvidenceFormat, type EvidenceSource } from './types';
import { writeFilesAtomic } from './write-atomic';
import { packageVersion } from '../../package-info';

/** The registry and the renderers, loaded while the first calls are in flight rather than before them. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadOutputs = () => require('./outputs') as typeof import('./outputs');

/** The control map renderers, loaded only with --control-map. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadLive = () => require('../control-map/live') as typeof import('../control-map/live');

/** Options as commander hands them over (strings, unvalidated). */
export interface EvidenceCliOptions {
  readonly region?: string;
  readonly aggregator?: string;
  readonly conformancePack?: string;
  readonly out: string;
  readonly format: string;
  readonly failOnNoncompliant?: boolean;
  readonly allResources?: boolean;
  readonly concurrency: string;
  readonly maxAttempts: string;
  readonly quiet?: boolean;
  /** A control map directory (written by `control-map`) to rewrite with live status. */
  readonly controlMap?: string;
}

export function parseFormats(text: string): EvidenceFormat[] {
  const items = text.split(',').map((f) => f.trim());
  const unknown = items.filter((f) => !(f in FORMAT_FILES));
  if (items.length === 0 || unknown.length > 0 || items.includes('')) {
    const shown = unknown.length > 0 ? unknown.map((f) => `"${f}"`).join(', ') : `"${text}"`;
    throw new UsageError(`--format: unknown format ${shown} (expected a comma-separated list of json, md, csv, oscal)`);
  }
  return [...new Set(items as EvidenceFormat[])];
}

export function parseCount(option: string, text: string, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < 1 || value > max) {
    throw new UsageError(`${option}: must be a whole number from 1 to ${max}, got "${text}"`);
  }
  return value;
}

function checkOutDir(out: string): string {
  const dir = resolve(out);
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError(`--out ${out}: not a directory`);
  return dir;
}

/** An AWS Region the SDK's partition data lists; with a custom endpoint any well-formed name is accepted. */
function checkRegion(region: string): void {
  if ((awsEndpointFunctions.partition(region) as { description?: string }).description !== undefined) return;
  const customEndpoint = process.env.AWS_ENDPOINT_URL_CONFIG_SERVICE || process.env.AWS_ENDPOINT_URL;
  if (customEndpoint && /^[a-z]{2,}(-[a-z0-9]+)+$/.test(region)) return;
  throw new UsageError(`region "${region}": unknown AWS Region`);
}

function sourceOf(options: EvidenceCliOptions): EvidenceSource {
  if (options.aggregator !== undefined && options.conformancePack !== undefined) {
    throw new UsageError('--aggregator and --conformance-pack cannot be combined');
  }
  for (const [option, value] of [
    ['--aggregator', options.aggregator],
    ['--conformance-pack', options.conformancePack],
  ] as const) {
    if (value !== undefined && value.trim() === '') throw new UsageError(`${option}: must not be empty`);
  }
  if (options.aggregator !== undefined) return { kind: 'aggregator', name: options.aggregator };
  if (options.conformancePack !== undefined) return { kind: 'conformance-pack', name: options.conformancePack };
  return { kind: 'account' };
}

/**
 * `hipaa-baseline evidence`: reads AWS Config, joins it with the registry, writes the chosen formats atomically.
 * Resolves to the exit code: 0 complete, 1 non-compliant with --fail-on-noncompliant, 3 partial; bad input and
 * problems no retry fixes throw UsageError (exit 2) before anything is written.
 */
export async function runEvidence(options: EvidenceCliOptions, now: () => Date = () => new Date()): Promise<number> {
  const formats = parseFormats(options.format);
  const concurrency = parseCount('--concurrency', options.concurrency, 64);
  const maxAttempts = parseCount('--max-attempts', options.maxAttempts, 50);
  const source = sourceOf(options);
  const outDir = checkOutDir(options.out);
  // Read before any AWS call, so a bad --control-map fails fast with nothing written.
  const controlMap = options.controlMap !== undefined ? loadLive().readControlMaps(options.controlMap) : undefined;
  // The SDK warns on stderr about future Node.js versions; the CLI keeps stderr for its own one-line errors.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const stats: CallStats = { calls: {}, throttles: 0, retries: 0 };
  const limiter = new AdaptiveRateLimiter();
  const client = createConfigClient({ region: options.region, maxAttempts, limiter }, stats);
  try {
    let region: string;
    try {
      region = (await client.config.region()) ?? '';
      if (region === '') throw new Error('no region');
    } catch {
      throw new UsageError('no AWS Region: pass --region or set AWS_REGION (or a region in the AWS profile)');
    }
    checkRegion(region);
    const collector = new EvidenceCollector(client, stats, {
      source,
      region,
      allResources: options.allResources === true,
      concurrency,
      maxAttempts,
    });
    const stop = startProgress(process.stderr, options.quiet === true, collector.progress, stats);
    const collecting = collector.collect();
    const warm = setTimeout(() => loadOutputs().warmUp(), 100);
    let collected;
    try {
      collected = await collecting;
    } catch (error) {
      if (error instanceof FatalCollectError) throw new UsageError(error.message);
      throw error;
    } finally {
      clearTimeout(warm);
      stop();
    }
    const { report, files: rendered } = loadOutputs().buildOutputs(
      collected,
      now().toISOString(),
      formats,
      packageVersion(),
    );
    const files = new Map(formats.map((f) => [join(outDir, FORMAT_FILES[f]), rendered.get(f)!]));
    if (controlMap && options.controlMap) {
      for (const [name, content] of loadLive().renderMapsWithLiveStatus(controlMap, report)) {
        files.set(join(resolve(options.controlMap), name), content);
      }
    }
    try {
      mkdirSync(outDir, { recursive: true });
      writeFilesAtomic(files);
    } catch (error) {
      throw new UsageError(`--out ${options.out}: cannot write the evidence (${(error as Error).message})`);
    }
    if (!options.quiet) {
      const failing = report.rules.filter((r) => r.compliance === 'NON_COMPLIANT').length;
      process.stdout.write(
        `evidence: ${report.rules.length} rule(s), ${failing} NON_COMPLIANT, ${report.unmapped.length} unmapped, ` +
          `${report.controls.length} citation(s); wrote ${formats.map((f) => FORMAT_FILES[f]).join(', ')} to ${outDir}\n`,
      );
    }
    if (report.errors.length > 0) {
      process.stderr.write(
        `hipaa-baseline: partial evidence: ${report.errors.length} rule(s) could not be read completely (see "errors")\n`,
      );
    }
    return exitCodeOf(report, options.failOnNoncompliant === true);
  } finally {
    client.destroy();
  }
}
