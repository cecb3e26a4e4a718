import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SAFEGUARD_TITLES, STATUS_RULES, kindLabel, mappingLabel, stacksLine } from './labels';
import { STATUSES, type ControlEntry, type ControlMap, type LiveStatus, type SegmentationMatrix } from './model';

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

function details(entry: ControlEntry): string {
  return [
    `<p>${h(entry.statement)}</p>`,
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

function liveBadge(entry: ControlEntry, live?: LiveStatus): string {
  if (!live) return '';
  const observed = live.byCitation[entry.citation];
  const status = observed?.status ?? 'no rule';
  const title = observed?.nonCompliantRules.length
    ? ` title="NON_COMPLIANT: ${h(observed.nonCompliantRules.join(', '))}"`
    : '';
  return ` <span class="live live-${h(status.toLowerCase().replace(/[^a-z]+/g, '-'))}"${title}>live: ${h(status)}</span>`;
}

function row(entry: ControlEntry, index: number, live?: LiveStatus): string {
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

function counts(map: ControlMap): string {
  const head = ['Safeguard', 'Citations', ...STATUSES].map((t) => `<th>${h(t)}</th>`).join('');
  const rows = map.summary.bySafeguard.map(
    (g) =>
      `<tr><td>${h(SAFEGUARD_TITLES[g.safeguard])}</td><td class="number">${g.total}</td>` +
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

function select(id: string, label: string, values: readonly string[]): string {
  const options = values.map((v) => `<option value="${h(v)}">${h(v)}</option>`).join('');
  return `<label>${h(label)} <select id="${id}"><option value="">all</option>${options}</select></label>`;
}

const COLUMNS: readonly [string, 'text' | 'number'][] = [
  ['Citation', 'number'],
  ['Title', 'text'],
  ['Safeguard', 'text'],
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
export function renderHtml(map: ControlMap): string {
  const { css, js } = pageAssets();
  const csp = `default-src 'none'; style-src ${sha256(css)}; script-src ${sha256(js)}; base-uri 'none'; form-action 'none'`;
  const headers = COLUMNS.map(
    ([title, type]) =>
      `<th data-type="${type}"${type === 'number' ? ' class="number"' : ''}><button type="button">${h(title)}</button></th>`,
  ).join('');
  const safeguards = map.summary.bySafeguard.map((g) => g.safeguard);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>HIPAA Security Rule control map — hipaa-baseline</title>
<style>${css}</style>
</head>
<body>
<h1>HIPAA Security Rule control map</h1>
<p class="muted">Generated by hipaa-baseline control-map ${h(map.generator.version)} from the synthesized cloud assembly (stacks: ${h(stacksLine(map))}).</p>
<ul>${STATUS_RULES.map((rule) => `<li>${h(rule)}</li>`).join('')}</ul>
<section id="summary"><h2>Counts by safeguard and status</h2>${counts(map)}<p>AWS Config rules deployed: ${map.configRules.length}.</p>${map.live ? `<p id="live-status">Live status from AWS Config evidence read at ${h(map.live.generatedAt)} (${h(map.live.scope)}).${map.live.errors.length > 0 ? ` Evidence incomplete for: ${h(map.live.errors.join(', '))}.` : ''}</p>` : ''}</section>
${map.segmentation ? segmentation(map.segmentation) : ''}
<section id="controls"><h2>Citations</h2>
<div class="filters">
<label>Filter <input id="filter-text" type="search" placeholder="citation, title, construct, rule…"></label>
${select('filter-status', 'Status', STATUSES)}
${select('filter-safeguard', 'Safeguard', safeguards)}
<span id="visible-count" aria-live="polite">${map.controls.length} of ${map.controls.length} citations shown</span>
</div>
<table id="controls-table"><thead><tr>${headers}</tr></thead>
<tbody>
${map.controls.map((entry, index) => row(entry, index, map.live)).join('\n')}
</tbody></table></section>
<script>${js}</script>
</body>
</html>
`;
}
