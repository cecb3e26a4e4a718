import { kindLabel, labelsOf, mappingLabel, stacksLine, type FrameworkLabels } from './labels';
import {
  STATUSES,
  type AnyControlEntry,
  type AnyControlMap,
  type FrameworkInfo,
  type LiveStatus,
  type SegmentationMatrix,
} from './model';

/** A Markdown table cell: one line, pipes escaped. */
function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
}

const code = (text: string) => `\`${text}\``;

function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align?: readonly ('l' | 'r')[],
): string[] {
  const rule = header.map((_, i) => (align?.[i] === 'r' ? '---:' : '---'));
  return [header, rule, ...rows].map((row) => `| ${row.map(cell).join(' | ')} |`);
}

const capitalized = (text: string) => `${text[0].toUpperCase()}${text.slice(1)}`;

function summary(map: AnyControlMap, labels: FrameworkLabels): string[] {
  const header = [labels.groupHeader, capitalized(labels.unit[1]), ...STATUSES];
  const rows = map.summary.bySafeguard.map((group) => [
    labels.groupTitle(group.safeguard),
    String(group.total),
    ...STATUSES.map((status) => String(group.byStatus[status])),
  ]);
  rows.push([
    '**Total**',
    `**${map.summary.total}**`,
    ...STATUSES.map((status) => `**${map.summary.byStatus[status]}**`),
  ]);
  return table(header, rows, ['l', 'r', 'r', 'r', 'r', 'r', 'r']);
}

function segmentation(matrix: SegmentationMatrix): string[] {
  return [
    '## Network segmentation',
    '',
    `${matrix.description} Stack: ${matrix.stack}.`,
    '',
    ...table(
      ['from \\ to', ...matrix.nodes],
      matrix.nodes.map((from) => [from, ...matrix.nodes.map((to) => matrix.matrix[from]?.[to] ?? 'none')]),
    ),
    '',
    matrix.findings.length === 0
      ? 'No path exists that the declared segmentation does not allow.'
      : `Undeclared paths: ${matrix.findings.map((f) => `${f.resource}: ${f.message}`).join('; ')}`,
    '',
  ];
}

/** Resources with their logical ids; a type with many resources is counted (the CSV lists each). */
function resources(list: readonly { logicalId: string; type: string }[]): string {
  const byType = new Map<string, string[]>();
  for (const r of list) byType.set(r.type, [...(byType.get(r.type) ?? []), r.logicalId]);
  const parts = [...byType].map(([type, ids]) =>
    ids.length > MAX_LISTED ? `${ids.length} × ${type}` : ids.map((id) => `${code(id)} ${type}`).join(', '),
  );
  return parts.join(', ') || '—';
}
const MAX_LISTED = 5;

function section(entry: AnyControlEntry, live?: LiveStatus): string[] {
  const lines = [
    `### ${entry.citation} ${entry.title}`,
    '',
    `**Status: ${entry.status}** · ${kindLabel(entry)}${entry.parent ? ` of ${entry.parent}` : ''} · responsibility: ${entry.responsibility}`,
    '',
  ];
  if (entry.summary) lines.push(`> ${entry.summary}`, '');
  if (entry.source) {
    lines.push(
      `Official text: <${entry.source}> · mapping: ${entry.mapping ?? 'hipaa-baseline interpretation'} (own)`,
      '',
    );
  }
  const observed = live?.byCitation[entry.citation];
  if (live) {
    lines.push(
      observed
        ? `**Live status (AWS Config): ${observed.status}**` +
            (observed.nonCompliantRules.length > 0
              ? ` — NON_COMPLIANT rules: ${observed.nonCompliantRules.map(code).join(', ')}`
              : '')
        : '**Live status (AWS Config): no rule evaluates this citation**',
      '',
    );
  }
  lines.push(entry.statement, '');
  if (entry.implementations.length > 0) {
    lines.push('Implemented by:', '');
    lines.push(
      ...table(
        ['Construct', 'Stack', 'Type', 'Resources (logical id)', 'How'],
        entry.implementations.map((i) => [
          code(i.constructPath),
          i.account ? `${i.stack} (${i.account})` : i.stack,
          i.constructType,
          resources(i.resources),
          i.reliesOn ? `${i.statement} **Relies on** ${i.reliesOn}.` : i.statement,
        ]),
      ),
      '',
    );
  }
  if (entry.enforcingRules.length > 0) {
    lines.push(
      `Enforced at synth by: ${entry.enforcingRules.map((r) => `${code(r.id)} (${r.level})`).join(', ')}.`,
      '',
    );
  }
  if (entry.verifyingConfigRules.length > 0) {
    lines.push('Verified in the account by AWS Config rules:', '');
    lines.push(
      ...table(
        ['Deployed rule', 'Identifier', 'Mapping'],
        entry.verifyingConfigRules.map((r) => [
          code(r.name) + (r.conformancePack ? ` (pack ${r.conformancePack})` : ''),
          code(r.identifier),
          mappingLabel(r),
        ]),
      ),
      '',
    );
  }
  const exempt = entry.verifyingConfigRules.flatMap((r) =>
    r.exemptions.map((x) => [code(r.name), x.resources.replace(/\*/g, '\\*'), x.reason]),
  );
  if (exempt.length > 0) {
    lines.push('Deliberately not passed by resources of the baseline (exemptions):', '');
    lines.push(...table(['Deployed rule', 'Resources', 'Reason'], exempt), '');
  }
  if (entry.acknowledgements.length > 0) {
    lines.push('Acknowledged findings:', '');
    lines.push(
      ...table(
        ['Rule', 'Stack', 'Logical id', 'Construct', 'Reason'],
        entry.acknowledgements.map((a) => [code(a.rule), a.stack, code(a.logicalId), code(a.constructPath), a.reason]),
      ),
      '',
    );
  }
  return lines;
}

/** Counts of citations by live status, and the rules that could not be read. */
function liveSummary(live: LiveStatus): string[] {
  const counts = new Map<string, number>();
  for (const { status } of Object.values(live.byCitation)) counts.set(status, (counts.get(status) ?? 0) + 1);
  return [
    '## Live status',
    '',
    `From AWS Config evidence read at ${live.generatedAt} (${live.scope}): ` +
      [...counts]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([status, n]) => `${status} ${n}`)
        .join(', ') +
      ' citation(s).' +
      (live.errors.length > 0
        ? ` Evidence incomplete for: ${live.errors.map(code).join(', ')} (never shown as COMPLIANT).`
        : ''),
  ];
}

/** " Rules the baseline's own resources deliberately do not pass: …" — empty when there are none. */
function exemptionSummary(map: AnyControlMap): string {
  const rules = [...new Set(map.configRules.filter((r) => r.exemptions.length > 0).map((r) => code(r.name)))];
  return rules.length > 0
    ? ` Rules some resources of the baseline deliberately do not pass (exemptions, shown under each citation): ${rules.join(', ')}.`
    : '';
}

/** The control map as Markdown: summary by safeguard (or article) and status, then one section per entry. */
export function renderMarkdown(map: AnyControlMap): string {
  const labels = labelsOf(map);
  const unmapped = map.configRules.filter((rule) => rule.citations.length === 0);
  const lines = [
    `# ${labels.title}`,
    '',
    'Generated by `hipaa-baseline control-map` from the synthesized cloud assembly ' +
      `(stacks: ${stacksLine(map)}). Do not edit: regenerate it. ${labels.scope}`,
    '',
    ...(map.catalog
      ? [`Official text: ${map.catalog.title}, <${map.catalog.source}>. Mapping: ${map.catalog.mapping}`, '']
      : []),
    'Status:',
    '',
    ...labels.statusRules.map((rule) => `- ${rule}`),
    '',
    '## Summary',
    '',
    ...summary(map, labels),
    '',
    `AWS Config rules deployed: ${map.configRules.length}.` +
      (unmapped.length > 0
        ? ` Without a ${labels.regulation} mapping: ${unmapped.map((r) => code(r.name)).join(', ')}.`
        : '') +
      exemptionSummary(map),
    '',
  ];
  if (map.live) lines.push(...liveSummary(map.live), '');
  if (map.segmentation) lines.push(...segmentation(map.segmentation));
  for (const group of map.summary.bySafeguard) {
    lines.push(`## ${labels.groupTitle(group.safeguard)}`, '');
    for (const entry of map.controls.filter((e) => e.safeguard === group.safeguard)) {
      lines.push(...section(entry, map.live));
    }
  }
  if (map.catalog) lines.push(...mappingTable(map.catalog));
  return `${lines.join('\n').trimEnd()}\n`;
}

/** The framework's own mapping, row by row with its reason. */
function mappingTable(catalog: FrameworkInfo): string[] {
  return [
    '## Mapping (this project’s own interpretation)',
    '',
    'How HIPAA citations that constructs and rules declare, and some constructs directly, map to the provisions above. Not an official mapping and not legal advice.',
    '',
    ...table(
      ['From', 'To', 'Why'],
      catalog.mappings.map((row) => [row.from, row.to.join(', '), row.rationale]),
    ),
    '',
  ];
}
