import type { Command } from 'commander';

const EVIDENCE_HELP = `
Reads AWS Config with the default credential chain (AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_CONFIG_SERVICE are
honoured) and joins each rule with the HIPAA registry: by the managed rule's source identifier, then by rule
name, then by the name without a conformance-pack or Security Hub affix. Rules the registry does not know are
listed as unmapped.

A rule is NON_COMPLIANT when AWS Config says so or any resource read is; a rule whose evidence could not be
read completely after retries is listed in "errors" and reported UNKNOWN (NON_COMPLIANT if that is known).
A citation takes the worst status of its rules, in the order NON_COMPLIANT, UNKNOWN, INSUFFICIENT_DATA,
COMPLIANT, NOT_APPLICABLE: it is COMPLIANT only when every rule was read completely and is COMPLIANT (or
NOT_APPLICABLE), and never COMPLIANT while the list of rules itself is incomplete.

Outputs in --out: evidence.json, evidence.md, evidence.csv, oscal-assessment-results.json (OSCAL 1.2.1),
each written atomically.

Exit codes: 0 complete; 1 a rule is NON_COMPLIANT (with --fail-on-noncompliant, complete evidence);
2 bad input, no credentials, unknown region, aggregator or conformance pack, access denied (nothing written);
3 partial evidence (the rules that could not be read are named in "errors").`;

/**
 * Registers `evidence` on the program. The command module (and with it the AWS SDK) loads only when the command
 * runs, so `--help` stays fast.
 */
export function addEvidenceCommand(program: Command): void {
  program
    .command('evidence')
    .description('Live evidence from AWS Config, joined with the HIPAA control registry (JSON, Markdown, CSV, OSCAL).')
    .option('--region <region>', 'AWS Region (default: AWS_REGION or the profile)')
    .option('--aggregator <name>', 'read a configuration aggregator (all its accounts and regions)')
    .option('--conformance-pack <name>', 'read the rules of a deployed conformance pack')
    .option('--out <dir>', 'output directory', '.')
    .option('--format <list>', 'comma-separated: json, md, csv, oscal', 'json,md,csv,oscal')
    .option('--all-resources', 'list every evaluated resource, not only the non-compliant ones')
    .option('--fail-on-noncompliant', 'exit 1 when a rule is NON_COMPLIANT')
    .option('--concurrency <n>', 'AWS Config calls in flight at once', '4')
    .option('--max-attempts <n>', 'attempts per call, the first included (SDK adaptive retry)', '10')
    .option('--quiet', 'no progress bar and no summary line')
    .option(
      '--control-map <dir>',
      'also rewrite the control map in <dir> (control-map.md/.html/.json, and gdpr-control-map.* when present) with live status',
    )
    .addHelpText('after', EVIDENCE_HELP)
    .action(async (options) => {
      // A require, not import(): the CLI registers tsx for CommonJS only.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { runEvidence } = require('./command') as typeof import('./command');
      process.exitCode = await runEvidence(options);
    });
}
