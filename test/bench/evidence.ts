// `hipaa-baseline evidence` against the local AWS Config API with a 5 requests/second limit: 150 rules,
// 20,000 evaluations. Prints the wall time, calls per operation, throttles, and the lower bound (fewest calls
// needed ÷ 5/s), and checks the evidence against the server's data. Run with `npm run bench evidence`.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigServer, PAGE_LIMITS, ruleCompliance } from '../support/config-server';
import { generateAccount } from '../support/evidence-data';
import { ROOT, seconds } from './timing';

const RATE = 5;
const RULES = 150;
const EVALUATIONS = 20_000;

type Rules = ReturnType<typeof generateAccount>['rules'];
const listed = (rule: Rules[number], all: boolean) =>
  rule.evaluations.filter((e) => all || e.compliance === 'NON_COMPLIANT');

/**
 * Fewest calls that read every rule's compliance and the resources asked for: the rule list and the compliance
 * summaries (25 rules a call each), then the pages of 100 of each rule with resources to list (one call for each
 * rule without any too, with --all-resources).
 */
function fewestCalls(rules: Rules, all: boolean): number {
  const names = PAGE_LIMITS.DescribeConfigRules[1];
  const perPage = PAGE_LIMITS.GetComplianceDetailsByConfigRule[1];
  const details = rules
    .map((r) => listed(r, all).length)
    .filter((n) => all || n > 0)
    .reduce((sum, n) => sum + Math.max(1, Math.ceil(n / perPage)), 0);
  return 2 * Math.ceil(rules.length / names) + details;
}

function verify(out: string, rules: Rules, all: boolean): string[] {
  const report = JSON.parse(readFileSync(join(out, 'evidence.json'), 'utf8'));
  const problems: string[] = [];
  if (report.errors.length > 0) problems.push(`errors: ${JSON.stringify(report.errors.slice(0, 3))}`);
  const byName = new Map(report.rules.map((r: any) => [r.name, r]));
  for (const rule of rules) {
    const got: any = byName.get(rule.name);
    const expected = listed(rule, all).map((e) => e.resourceId);
    if (!got) problems.push(`missing rule ${rule.name}`);
    else if (got.compliance !== ruleCompliance(rule.evaluations)) problems.push(`${rule.name}: ${got.compliance}`);
    else if (JSON.stringify(got.resources.map((r: any) => r.id).sort()) !== JSON.stringify(expected.sort())) {
      problems.push(`${rule.name}: ${got.resources.length} resources, expected ${expected.length}`);
    }
  }
  if (report.rules.length !== rules.length) problems.push(`${report.rules.length} rules, expected ${rules.length}`);
  return problems;
}

async function runOnce(burst: number, extraArgs: string[]): Promise<void> {
  const all = extraArgs.includes('--all-resources');
  const account = generateAccount(RULES, EVALUATIONS);
  const server = new ConfigServer({ rules: account.rules, rateLimit: { perSecond: RATE, burst } });
  const url = await server.start();
  const out = mkdtempSync(join(tmpdir(), 'bench-evidence-'));
  const start = process.hrtime.bigint();
  const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = execFile(
      process.execPath,
      [
        join(ROOT, 'bin', 'hipaa-baseline.js'),
        'evidence',
        '--region',
        'us-east-1',
        '--out',
        out,
        '--quiet',
        ...extraArgs,
      ],
      {
        env: {
          PATH: process.env.PATH,
          HOME: out,
          AWS_ENDPOINT_URL: url,
          AWS_ACCESS_KEY_ID: 'AKIDBENCH',
          AWS_SECRET_ACCESS_KEY: 'bench-secret',
          AWS_EC2_METADATA_DISABLED: 'true',
        },
      },
      (_error, _stdout, stderr) => resolve({ code: child.exitCode, stderr }),
    );
  });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  await server.stop();
  const fewest = fewestCalls(account.rules, all);
  const bound = (fewest / RATE) * 1000;
  const problems = result.code === 0 ? verify(out, account.rules, all) : [`exit ${result.code}: ${result.stderr}`];
  rmSync(out, { recursive: true, force: true });
  console.log(
    `${RULES} rules, ${EVALUATIONS} evaluations (${account.nonCompliant} NON_COMPLIANT), ${RATE} req/s, burst ${burst}` +
      (extraArgs.length > 0 ? `, ${extraArgs.join(' ')}` : ''),
  );
  console.log(
    `  wall ${seconds(wall)}; lower bound ${seconds(bound)} (${fewest} calls / ${RATE} per s); ratio ${(wall / bound).toFixed(3)} (target <= 1.25)`,
  );
  console.log(`  calls: ${[...server.calls.entries()].map(([op, n]) => `${op} ${n}`).join(', ')}`);
  console.log(
    `  throttled ${server.throttled}; exact: ${problems.length === 0 ? 'yes' : `NO — ${problems.slice(0, 5).join('; ')}`}`,
  );
}

export async function benchEvidence(): Promise<void> {
  const extra = process.env.EVIDENCE_BENCH_ARGS ? process.env.EVIDENCE_BENCH_ARGS.split(' ') : [];
  // A token bucket of one second's worth (5), as AWS describes its API rate limits; then a strict one (no burst)
  // and a longer run that lists every evaluated resource.
  await runOnce(RATE, extra);
  await runOnce(1, extra);
  await runOnce(RATE, [...extra, '--all-resources']);
}

if (require.main === module) void benchEvidence();
