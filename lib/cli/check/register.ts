import { Option, type Command } from 'commander';

/** Adds `check` to the CLI; its module loads only when the command runs, so `--help` stays fast. */
export function addCheckCommand(program: Command): void {
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
      // A require, not import(): the CLI registers the TypeScript loader for CommonJS only.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { runCheck } = require('./command') as typeof import('./command');
      process.exitCode = await runCheck(
        { paths, format: options.format, baseline: options.baseline },
        { stdout: (text) => process.stdout.write(text) },
      );
    });
}
