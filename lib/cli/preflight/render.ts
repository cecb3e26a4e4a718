import type { PreflightReport } from './types';

export function renderJson(report: PreflightReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** One line per check (status, check, detail), its fix indented under it, and a summary line. */
export function renderText(report: PreflightReport): string {
  const width = Math.max(...report.checks.map((c) => c.check.length));
  const lines = [
    `preflight: account ${report.account ?? 'unknown'}, primary region ${report.regions.primary}, DR region ${report.regions.dr}`,
  ];
  for (const c of report.checks) {
    lines.push(`${c.status.padEnd(7)} ${c.check.padEnd(width)}  ${c.detail}`);
    if (c.fix) lines.push(`${' '.repeat(8)}fix: ${c.fix}`);
  }
  const { ready, action, unknown } = report.summary;
  lines.push(`summary: ${ready} ready, ${action} action needed, ${unknown} unknown`);
  return `${lines.join('\n')}\n`;
}
