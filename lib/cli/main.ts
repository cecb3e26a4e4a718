import { Command, CommanderError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addEvidenceCommand } from './evidence/register';
import { UsageError } from './usage-error';

export { UsageError } from './usage-error';

function version(): string {
  return (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
}

/** Builds the command tree. Command modules load lazily so `--help` stays fast. */
export function buildProgram(): Command {
  const program = new Command('hipaa-baseline')
    .description('HIPAA security baseline for AWS CDK: template checks, control maps and evidence for auditors.')
    .version(version(), '-V, --version')
    .showHelpAfterError()
    .exitOverride();

  program
    .command('check')
    .description(
      'Check final CloudFormation templates with every rule of the synth gate plus template-only rules; with ' +
        '--baseline, also fail on data-holding resources replaced or removed. Exit 0 clean, 1 error findings, 2 bad input.',
    )
    .argument('[path...]', 'cloud assembly directory, template directory or template files (default: cdk.out)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--baseline <dir>', 'cloud assembly of the base branch, for the stateful-change guard')
    .action(async (paths: string[], options: { format: 'text' | 'json'; baseline?: string }) => {
      // Loaded when the command runs (require, not import(): it goes through the TypeScript loader).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { runCheck } = require('./check/command') as typeof import('./check/command');
      process.exitCode = await runCheck(
        { paths, format: options.format, baseline: options.baseline },
        { stdout: (text) => process.stdout.write(text) },
      );
    });
  addEvidenceCommand(program);
  return program;
}

/** Runs the CLI; resolves to the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  program.configureOutput({ writeErr: (text) => process.stderr.write(text) });
  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`hipaa-baseline: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
