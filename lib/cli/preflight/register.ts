import { Option, type Command } from 'commander';

const PREFLIGHT_HELP = `
Reads the configuration as the CDK app does (cdk.json in this directory, or --config FILE) and looks at the
target account with read-only calls (default credential chain; AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE>
are honoured): credentials, enabled regions, CDK bootstrap of the primary and DR regions, Lambda concurrency,
the once-per-account services against accountServices, Control Tower, availability zones, the physical names
the baseline fixes, Elastic IP, VPC and internet gateway quotas, and the zones of the VPC endpoint services.

Each check is ready, action (with the configuration change or command that fixes it) or unknown (a call
failed after its retries: access denied, throttling, an endpoint error; never reported ready).

Exit codes: 0 all ready; 1 some action needed; 3 some check could not be read (wins over 1);
2 bad option, bad configuration, no credentials, unknown region.`;

/** Registers `preflight`; its module (and the AWS SDK) loads only when the command runs. */
export function addPreflightCommand(program: Command): void {
  program
    .command('preflight')
    .description('Read-only look at the target account before cdk deploy: what to change so the baseline deploys.')
    .option('--config <file>', 'configuration file (default: the hipaaBaseline context of ./cdk.json)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--max-attempts <n>', 'attempts per AWS call, the first included', '5')
    .addHelpText('after', PREFLIGHT_HELP)
    .action(async (options: { config?: string; format: string; maxAttempts: string }) => {
      // A require, not import(): the CLI registers the TypeScript loader for CommonJS only.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { runPreflight } = require('./command') as typeof import('./command');
      process.exitCode = await runPreflight(options);
    });
}
