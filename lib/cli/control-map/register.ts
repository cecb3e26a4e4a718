import type { Command } from 'commander';

const HELP = `
Reads a synthesized cloud assembly (no AWS credentials) and writes, for every standard and implementation
specification of the HIPAA Security Rule: its status, the constructs implementing it (stack, logical ids),
the synth-time rules enforcing it, the deployed AWS Config rules verifying it and the acknowledged findings.

Outputs in --out: control-map.md, control-map.json, control-map.csv, control-map.html (self-contained)
and oscal-component-definition.json (OSCAL 1.2.1), written together and atomically.

--framework hipaa,gdpr adds the GDPR map (Art. 32 with Art. 5(1)(f), 25, 30, 33, 35): gdpr-control-map.md,
.json, .csv, .html, and a GDPR control implementation (control ids gdpr-art…) in the OSCAL document. Its
mappings are this project's own interpretation, not legal advice.

Exit codes: 0 written; 2 bad input (nothing written).`;

/** Adds `control-map` to the CLI; its module loads only when the command runs, so `--help` stays fast. */
export function addControlMapCommand(program: Command): void {
  program
    .command('control-map')
    .description('Control map for auditors: HIPAA citation → implementing constructs, rules and AWS Config rules.')
    .option('--app <dir>', 'cloud assembly directory', 'cdk.out')
    .option('--out <dir>', 'output directory', 'control-map')
    .option('--format <list>', 'comma-separated: md, json, csv, html, oscal', 'md,json,csv,html,oscal')
    .option('--framework <list>', 'comma-separated: hipaa, gdpr', 'hipaa')
    .addHelpText('after', HELP)
    .action((options: { app: string; out: string; format: string; framework: string }) => {
      // A require, not import(): the CLI registers the TypeScript loader for CommonJS only.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { runControlMap } = require('./command') as typeof import('./command');
      process.exitCode = runControlMap(options, (text) => process.stdout.write(text));
    });
}
