import { Command, CommanderError } from 'commander';
import { addCheckCommand } from './check/register';
import { addControlMapCommand } from './control-map/register';
import { addEvidenceCommand } from './evidence/register';
import { addPreflightCommand } from './preflight/register';
import { UsageError } from './usage-error';
import { packageVersion } from '../package-info';

export { UsageError } from './usage-error';

/** Builds the command tree. Command modules load lazily so `--help` stays fast. */
export function buildProgram(): Command {
  const program = new Command('hipaa-baseline')
    .description('HIPAA security baseline for AWS CDK: template checks, control maps and evidence for auditors.')
    .version(packageVersion(), '-V, --version')
    .showHelpAfterError()
    .exitOverride();
  addCheckCommand(program);
  addControlMapCommand(program);
  addEvidenceCommand(program);
  addPreflightCommand(program);
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
