import { awsEndpointFunctions } from '@aws-sdk/core/client';
import { ConfigError } from '../../config/load';
import { UsageError } from '../usage-error';
import { buildReport, exitCodeOf } from './build';
import { PreflightClients } from './clients';
import { loadPreflightConfig } from './load-config';
import { NoCredentialsError, Reader } from './reader';
import { renderJson, renderText } from './render';
import { readSnapshot } from './snapshot';
import type { Regions } from './types';

/** Options as commander hands them over (strings, unvalidated). */
export interface PreflightCliOptions {
  readonly config?: string;
  readonly format: string;
  readonly maxAttempts: string;
}

export interface PreflightIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** What tests replace: the clients (a local endpoint, fixed credentials), the working directory. */
export interface PreflightDeps {
  readonly clients?: (maxAttempts: number) => PreflightClients;
  readonly cwd?: string;
  /** Calls in flight at once. @default 8 */
  readonly concurrency?: number;
}

const processIo: PreflightIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

export function parseMaxAttempts(text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < 1 || value > 20) {
    throw new UsageError(`--max-attempts: must be a whole number from 1 to 20, got "${text}"`);
  }
  return value;
}

function customEndpoint(): boolean {
  return Object.keys(process.env).some((name) => name === 'AWS_ENDPOINT_URL' || name.startsWith('AWS_ENDPOINT_URL_'));
}

/** The regions read: an AWS Region the SDK knows (any well-formed name with a custom endpoint). */
export function regionsOf(primary: string, dr: string, endpoint = customEndpoint()): Regions {
  for (const region of [primary, dr]) {
    const known = (awsEndpointFunctions.partition(region) as { description?: string }).description !== undefined;
    if (!known && !endpoint) throw new UsageError(`region "${region}": unknown AWS Region`);
  }
  const global = (awsEndpointFunctions.partition(primary) as { implicitGlobalRegion?: string }).implicitGlobalRegion;
  return { primary, dr, account: global ?? primary };
}

/**
 * `hipaa-baseline preflight`: reads the target account (read-only calls only) and reports, per check, whether
 * it can take the baseline as configured. Resolves to the exit code: 0 all ready, 1 action needed, 3 some check
 * could not be read, 2 bad configuration (its lines on stderr). Other bad input throws UsageError (exit 2).
 */
export async function runPreflight(
  options: PreflightCliOptions,
  io: PreflightIo = processIo,
  deps: PreflightDeps = {},
): Promise<number> {
  if (options.format !== 'text' && options.format !== 'json') {
    throw new UsageError(`--format: must be "text" or "json" (got "${options.format}")`);
  }
  const maxAttempts = parseMaxAttempts(options.maxAttempts);
  let config;
  try {
    config = loadPreflightConfig(options.config, deps.cwd);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr(`${error.message}\n`);
    return 2;
  }
  const regions = regionsOf(config.homeRegion, config.dataProtection.drRegion, deps.clients ? true : undefined);
  // The SDK warns on stderr about future Node.js versions; stderr is kept for this command's own errors.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const clients = deps.clients?.(maxAttempts) ?? new PreflightClients({ maxAttempts });
  let snapshot;
  try {
    snapshot = await readSnapshot(clients, new Reader(deps.concurrency ?? 8), config, regions);
  } catch (error) {
    if (error instanceof NoCredentialsError) throw new UsageError(error.message);
    throw error;
  } finally {
    clients.destroy();
  }
  const report = buildReport(snapshot, config);
  io.stdout(options.format === 'json' ? renderJson(report) : renderText(report));
  return exitCodeOf(report);
}
