import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GUARD_CONFIG_RULES, guardPolicyText } from '../../rules/config';

/** The cfn-guard binary shipped in @cdklabs/cdk-validator-cfnguard, for this platform. */
export const GUARD = join(
  require.resolve('@cdklabs/cdk-validator-cfnguard/package.json'),
  '..',
  'bin',
  process.platform === 'darwin' ? 'macos' : 'ubuntu',
  process.arch === 'arm64' ? 'aarch64' : 'x86_64',
  'cfn-guard',
);

/** Evaluates this project's Guard custom policy rules the way AWS Config does, in a scratch directory. */
export class GuardEvaluator {
  private readonly dir = mkdtempSync(join(tmpdir(), 'guard-'));

  /** PASS, FAIL or SKIP for one configuration item. */
  evaluate(id: string, item: unknown, minRetentionDays = 365): string {
    const rule = GUARD_CONFIG_RULES.find((r) => r.id === id);
    if (!rule) throw new Error(`no Guard rule ${id}`);
    const rules = join(this.dir, `${id}.guard`);
    const data = join(this.dir, `${id}-item.json`);
    writeFileSync(rules, guardPolicyText(rule, { MIN_RETENTION_DAYS: minRetentionDays }));
    writeFileSync(data, JSON.stringify(item));
    let out: string;
    try {
      out = execFileSync(
        GUARD,
        ['validate', '--rules', rules, '--data', data, '--output-format', 'json', '--show-summary', 'none'],
        { encoding: 'utf8' },
      );
    } catch (error) {
      out = (error as { stdout: string }).stdout; // cfn-guard exits non-zero on FAIL
    }
    return JSON.parse(out).status;
  }

  /** Removes the scratch directory. */
  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
