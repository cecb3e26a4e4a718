import { UsageError } from '../usage-error';
import { buildCheckResult, type Baseline } from './build';
import { loadBaseline, loadInputs } from './load-templates';
import { renderJson, renderText, summarise } from './render';

export interface CheckOptions {
  /** Cloud assembly directories, template directories or template files. */
  readonly paths: readonly string[];
  readonly format: 'text' | 'json';
  /** Cloud assembly (or template directory) to compare against for the stateful-change guard. */
  readonly baseline?: string;
}

/** Where the command writes (injected for tests). */
export interface CheckIo {
  readonly stdout: (text: string) => void;
}

/**
 * `hipaa-baseline check`: loads the templates (and the baseline), checks them and prints the result.
 * Resolves to the exit code: 0 no error finding, 1 error findings. Bad input throws UsageError (exit 2).
 */
export async function runCheck(options: CheckOptions, io: CheckIo): Promise<number> {
  if (options.format !== 'text' && options.format !== 'json') {
    throw new UsageError(`--format: must be "text" or "json" (got "${options.format}")`);
  }
  const paths = options.paths.length > 0 ? options.paths : ['cdk.out'];
  const current = loadInputs(paths);
  let baseline: Baseline | undefined;
  let stacksComplete = false;
  if (options.baseline !== undefined) {
    const loaded = loadBaseline(options.baseline);
    // The CloudFormation diff loads the resource specification: only with a baseline.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { statefulChanges } = require('./guard') as typeof import('./guard');
    baseline = { templates: loaded.templates, statefulChanges };
    // Every input is a cloud assembly: a baseline stack missing from it was removed.
    stacksComplete = current.every((template) => template.stack !== undefined);
  }
  const result = buildCheckResult(current, baseline, stacksComplete);
  io.stdout(options.format === 'json' ? renderJson(result) : renderText(result));
  return summarise(result).errors > 0 ? 1 : 0;
}
