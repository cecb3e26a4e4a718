import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kindLabel, labelsOf, mappingLabel, stacksLine, type FrameworkLabels } from './labels';
import {
  STATUSES,
  type AnyControlEntry,
  type AnyControlMap,
  type FrameworkInfo,
  type LiveStatus,
  type SegmentationMatrix,
} from './model';

const ASSETS = join(__dirname, 'html');
let assets: { css: string; js: string } | undefined;

/** The page's stylesheet and script (files beside this module, read once). */
function pageAssets(): { css: string; js: string } {
  assets ??= {
    css: readFileSync(join(ASSETS, 'control-map.css'), 'utf8'),
    js: readFileSync(join(ASSETS, 'control-map.js'), 'utf8'),
  };
  return assets;
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );
}
const h = escapeHtml;
const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const statusClass = (status: string) => `status status-${status.replace(/ /g, '-')}`;

function list(title: string, items: readonly string[]): string {
  if (items.length === 0) return '';
  return `<p>${h(title)}</p><ul>${items.map((item) => `<li>${item}</li>`).join('')}</ul>`;
}

function details(entry: AnyControlEntry): string {
  return [
    entry.summary ? `<blockquote>${h(entry.summary)}</blockquote>` : '',
    `<p>${h(entry.statement)}</p>`,
    entry.source
      ? `<p class="muted">Official text: ${h(entry.source)} · mapping: ${h(entry.mapping ?? '')} (own)</p>`
      : '',
    list(
      'Implemented by',
      entry.implementations.map(
        (i) =>
          `<code>${h(i.constructPath)}</code> (${h(i.constructType)}, stack ${h(i.stack)}): ${h(i.statement)} ` +
          (i.reliesOn ? `<strong>Relies on</strong> ${h(i.reliesOn)}. ` : '') +
          `<span class="muted">${i.resources.map((r) => `${h(r.logicalId)} ${h(r.type)}`).join(', ')}</span>`,
      ),
    ),
    list(
      'Enforced at synth by',
      entry.enforcingRules.map((r) => `<code>${h(r.id)}</code> (${h(r.level)})`),
    ),
    list(
      'Verified by AWS Config rules',
      entry.verifyingConfigRules.map((r) => `<code>${h(r.name)}</code> ${h(r.identifier)} — ${h(mappingLabel(r))}`),
    ),
    list(
      'Deliberately not passed by resources of the baseline (exemptions)',
      entry.verifyingConfigRules.flatMap((r) =>
        r.exemptions.map((x) => `<code>${h(r.name)}</code> — ${h(x.resources)}: ${h(x.reason)}`),
      ),
    ),
    list(
      'Acknowledged findings',
      entry.acknowledgements.map(
        (a) => `<code>${h(a.rule)}</code> on ${h(a.stack)}/<code>${h(a.logicalId)}</code>: ${h(a.reason)}`,
      ),
    ),
  ].join('');
}

function liveBadge(entry: AnyControlEntry, live?: LiveStatus): string {
  if (!live) return '';
  const observed = live.byCitation[entry.citation];
  const status = observed?.status ?? 'no rule';
  const title = observed?.nonCompliantRules.length
    ? ` title="NON_COMPLIANT: ${h(observed.nonCompliantRules.join(', '))}"`
    : '';
  return ` <span class="live live-${h(status.toLowerCase().replace(/[^a-z]+/g, '-'))}"${title}>live: ${h(status)}</span>`;
}

function row(entry: AnyControlEntry, index: number, live?: LiveStatus): string {
  const count = (n: number) => `<td class="number" data-value="${n}">${n}</td>`;
  return (
    `<tr data-status="${h(entry.status)}" data-safeguard="${h(entry.safeguard)}">` +
    `<td data-value="${index}"><strong>${h(entry.citation)}</strong></td>` +
    `<td>${h(entry.title)}<details><summary>Details</summary>${details(entry)}</details></td>` +
    `<td>${h(entry.safeguard)}</td><td>${h(kindLabel(entry))}</td>` +
    `<td data-value="${STATUSES.indexOf(entry.status)}"><span class="${statusClass(entry.status)}">${h(entry.status)}</span>${liveBadge(entry, live)}</td>` +
    count(entry.implementations.length) +
    count(entry.enforcingRules.length) +
    count(entry.verifyingConfigRules.length) +
    count(entry.acknowledgements.length) +
    '</tr>'
  );
}

const capitalized = (text: string) => `${text[0].toUpperCase()}${text.slice(1)}`;

function counts(map: AnyControlMap, labels: FrameworkLabels): string {
  const head = [labels.groupHeader, capitalized(labels.unit[1]), ...STATUSES].map((t) => `<th>${h(t)}</th>`).join('');
  const rows = map.summary.bySafeguard.map(
    (g) =>
      `<tr><td>${h(labels.groupTitle(g.safeguard))}</td><td class="number">${g.total}</td>` +
      STATUSES.map((s) => `<td class="number">${g.byStatus[s]}</td>`).join('') +
      '</tr>',
  );
  const total =
    `<tr><th>Total</th><th class="number">${map.summary.total}</th>` +
    STATUSES.map((s) => `<th class="number">${map.summary.byStatus[s]}</th>`).join('') +
    '</tr>';
  return `<table id="counts"><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody><tfoot>${total}</tfoot></table>`;
}

function segmentation(matrix: SegmentationMatrix): string {
  const head = ['from \\ to', ...matrix.nodes].map((t) => `<th>${h(t)}</th>`).join('');
  const rows = matrix.nodes.map(
    (from) =>
      `<tr><th>${h(from)}</th>` +
      matrix.nodes.map((to) => `<td>${h(matrix.matrix[from]?.[to] ?? 'none')}</td>`).join('') +
      '</tr>',
  );
  const findings = matrix.findings.length
    ? list(
        'Undeclared paths',
        matrix.findings.map((f) => `${h(f.resource)}: ${h(f.message)}`),
      )
    : '<p>No path exists that the declared segmentation does not allow.</p>';
  return (
    `<section id="segmentation"><h2>Network segmentation</h2><p>${h(matrix.description)} Stack: ${h(matrix.stack)}.</p>` +
    `<table id="segmentation-matrix"><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>${findings}</section>`
  );
}

function mappingSection(catalog: FrameworkInfo): string {
  const rows = catalog.mappings.map(
    (row) => `<tr><td>${h(row.from)}</td><td>${h(row.to.join(', '))}</td><td>${h(row.rationale)}</td></tr>`,
  );
  return (
    '<section id="mapping"><h2>Mapping (this project’s own interpretation)</h2>' +
    '<p>Not an official mapping and not legal advice.</p>' +
    `<table id="mapping-table"><thead><tr><th>From</th><th>To</th><th>Why</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`
  );
}

function select(id: string, label: string, values: readonly string[]): string {
  const options = values.map((v) => `<option value="${h(v)}">${h(v)}</option>`).join('');
  return `<label>${h(label)} <select id="${id}"><option value="">all</option>${options}</select></label>`;
}

const columns = (labels: FrameworkLabels): readonly [string, 'text' | 'number'][] => [
  [labels.idHeader, 'number'],
  ['Title', 'text'],
  [labels.groupHeader, 'text'],
  ['Kind', 'text'],
  ['Status', 'number'],
  ['Constructs', 'number'],
  ['Synth rules', 'number'],
  ['Config rules', 'number'],
  ['Acknowledged', 'number'],
];

/**
 * The control map as one self-contained HTML page: inline style and script (allowed by hash in its
 * Content-Security-Policy, which forbids every network request), counts by safeguard and status, the
 * segmentation matrix when the assembly has one, and a sortable, filterable table of every citation.
 */
export function renderHtml(map: AnyControlMap): string {
  const labels = labelsOf(map);
  const { css, js } = pageAssets();
  const csp = `default-src 'none'; style-src ${sha256(css)}; script-src ${sha256(js)}; base-uri 'none'; form-action 'none'`;
  const headers = columns(labels)
    .map(
      ([title, type]) =>
        `<th data-type="${type}"${type === 'number' ? ' class="number"' : ''}><button type="button">${h(title)}</button></th>`,
    )
    .join('');
  const safeguards = map.summary.bySafeguard.map((g) => g.safeguard);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(labels.title)} — hipaa-baseline</title>
<style>${css}</style>
</head>
<body>
<h1>${h(labels.title)}</h1>
<p class="muted">Generated by hipaa-baseline control-map ${h(map.generator.version)} from the synthesized cloud assembly (stacks: ${h(stacksLine(map))}).</p>${map.catalog ? `\n<p id="catalog">Official text: ${h(map.catalog.title)}, ${h(map.catalog.source)}. Mapping: ${h(map.catalog.mapping)}</p>` : ''}
<ul>${labels.statusRules.map((rule) => `<li>${h(rule)}</li>`).join('')}</ul>
<section id="summary"><h2>Counts by ${h(labels.groupHeader.toLowerCase())} and status</h2>${counts(map, labels)}<p>AWS Config rules deployed: ${map.configRules.length}.</p>${map.live ? `<p id="live-status">Live status from AWS Config evidence read at ${h(map.live.generatedAt)} (${h(map.live.scope)}).${map.live.errors.length > 0 ? ` Evidence incomplete for: ${h(map.live.errors.join(', '))}.` : ''}</p>` : ''}</section>
${map.segmentation ? segmentation(map.segmentation) : ''}
<section id="controls"><h2>${h(capitalized(labels.unit[1]))}</h2>
<div class="filters">
<label>Filter <input id="filter-text" type="search" placeholder="${h(labels.unit[0])}, title, construct, rule…"></label>
${select('filter-status', 'Status', STATUSES)}
${select('filter-safeguard', labels.groupHeader, safeguards)}
<span id="visible-count" aria-live="polite">${map.controls.length} of ${map.controls.length} ${h(labels.unit[1])} shown</span>
</div>
<table id="controls-table"><thead><tr>${headers}</tr></thead>
<tbody>
${map.controls.map((entry, index) => row(entry, index, map.live)).join('\n')}
</tbody></table></section>${map.catalog ? `\n${mappingSection(map.catalog)}` : ''}
<script>${js}</script>
</body>
</html>
`;
}
