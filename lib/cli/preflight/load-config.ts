import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE_CONTEXT_KEY, loadConfig } from '../../config/load';
import type { BaselineConfig } from '../../config/schema';
import { UsageError } from '../usage-error';

/**
 * The configuration the CDK app would build: `--config FILE` as `-c hipaaBaselineConfig=FILE`, otherwise the
 * context of `cdk.json` in the working directory (`hipaaBaselineConfig`, a file, or `hipaaBaseline`, the
 * object). Throws ConfigError (one `hipaaBaseline.<path>: <reason>` line per problem) or UsageError.
 */
export function loadPreflightConfig(file: string | undefined, cwd: string = process.cwd()): BaselineConfig {
  if (file !== undefined) {
    return loadConfig({ tryGetContext: (key) => (key === CONFIG_FILE_CONTEXT_KEY ? file : undefined) });
  }
  const path = join(cwd, 'cdk.json');
  if (!existsSync(path)) {
    throw new UsageError(`no cdk.json in ${cwd}: run preflight in the CDK app's directory or pass --config FILE`);
  }
  let context: Record<string, unknown>;
  try {
    context = (JSON.parse(readFileSync(path, 'utf8')) as { context?: Record<string, unknown> }).context ?? {};
  } catch (error) {
    throw new UsageError(`cdk.json is not valid JSON: ${(error as Error).message}`);
  }
  return loadConfig({ tryGetContext: (key) => context[key] });
}
