import { catalogEntry } from '../../controls/catalog';
import type { EvidenceReport, EvidenceStatus } from './types';

/** Escapes text for a Markdown table cell (pipes, emphasis, links, HTML, line breaks). */
export function mdCell(text: string): string {
  return text.replace(/[\\|*_`[\]<>#]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

const table = (header: string[], rows: string[][]) => [
  `| ${header.join(' | ')} |`,
  `|${header.map(() => '---').join('|')}|`,
  ...rows.map((r) => `| ${r.join(' | ')} |`),
];

const STATUSES: readonly EvidenceStatus[] = [
  'NON_COMPLIANT',
  'UNKNOWN',
  'INSUFFICIENT_DATA',
  'COMPLIANT',
  'NOT_APPLICABLE',
];

function scopeLine(report: EvidenceReport): string {
  const { scope } = report;
  const where = [
    `region ${scope.region}`,
    scope.aggregator ? `aggregator ${mdCell(scope.aggregator)}` : undefined,
    scope.conformancePack ? `conformance pack ${mdCell(scope.conformancePack)}` : undefined,
  ].filter(Boolean);
  const which = scope.resources === 'all' ? 'all evaluated resources' : 'non-compliant resources';
  return `Generated ${report.generatedAt} from AWS Config (${where.join(', ')}); ${which} listed.`;
}

/** evidence.md: summary, status by citation, non-compliant resources by citation, unmapped rules, errors. */
export function renderEvidenceMarkdown(report: EvidenceReport): string {
  const lines = ['# HIPAA Security Rule evidence from AWS Config', '', scopeLine(report), ''];
  if (report.errors.length > 0) {
    lines.push(
      `**Partial evidence:** ${report.errors.length} rule(s) could not be read completely; they and their citations are never reported COMPLIANT (see Errors).`,
      '',
    );
  }
  lines.push('## Summary', '');
  const count = (list: readonly { status?: EvidenceStatus; compliance?: EvidenceStatus }[], s: EvidenceStatus) =>
    String(list.filter((x) => (x.status ?? x.compliance) === s).length);
  lines.push(
    ...table(
      ['Status', 'Citations', 'Rules'],
      STATUSES.map((s) => [s, count(report.controls, s), count(report.rules, s)]),
    ),
    '',
    `${report.rules.length} rule(s), ${report.unmapped.length} of them unmapped; ${report.controls.length} citation(s) with live evidence.`,
    '',
    '## Citations',
    '',
  );
  lines.push(
    ...table(
      ['Citation', 'Title', 'Status', 'Rules'],
      report.controls.map((c) => [c.id, mdCell(catalogEntry(c.id).title), c.status, mdCell(c.rules.join(', '))]),
    ),
    '',
    '## Non-compliant resources by citation',
    '',
  );
  const rulesByName = new Map(report.rules.map((r) => [r.name, r]));
  let any = false;
  for (const control of report.controls) {
    const rows = control.rules.flatMap((name) =>
      rulesByName
        .get(name)!
        .resources.filter((r) => r.compliance === 'NON_COMPLIANT')
        .map((r) => [mdCell(name), r.accountId, r.region, mdCell(r.type), mdCell(r.id)]),
    );
    if (rows.length === 0) continue;
    any = true;
    lines.push(`### ${control.id} ${mdCell(catalogEntry(control.id).title)}`, '');
    lines.push(...table(['Rule', 'Account', 'Region', 'Resource type', 'Resource id'], rows), '');
  }
  if (!any) lines.push('None.', '');
  if (report.unmapped.length > 0) {
    lines.push('## Unmapped rules', '', 'Rules in scope that the registry does not map to a citation.', '');
    lines.push(
      ...table(
        ['Rule', 'Compliance'],
        report.unmapped.map((u) => [mdCell(u.name), u.compliance]),
      ),
      '',
    );
  }
  if (report.errors.length > 0) {
    lines.push('## Errors', '');
    lines.push(
      ...table(
        ['Rule', 'Message'],
        report.errors.map((e) => [mdCell(e.rule), mdCell(e.message)]),
      ),
      '',
    );
  }
  return lines.join('\n');
}
