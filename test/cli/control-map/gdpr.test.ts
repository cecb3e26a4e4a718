import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildControlMap, buildFrameworkMap } from '../../../lib/cli/control-map/build';
import { GDPR_FRAMEWORK } from '../../../lib/cli/control-map/gdpr-framework';
import { readControlMaps } from '../../../lib/cli/control-map/live';
import { loadAssembly } from '../../../lib/cli/control-map/load';
import { GDPR_CSV_COLUMNS, renderCsv } from '../../../lib/cli/control-map/render-csv';
import { renderHtml } from '../../../lib/cli/control-map/render-html';
import { renderJson } from '../../../lib/cli/control-map/render-json';
import { renderMarkdown } from '../../../lib/cli/control-map/render-md';
import {
  oscalControlId,
  oscalGdprControlId,
  renderOscal,
  renderOscalFrameworks,
} from '../../../lib/cli/control-map/render-oscal';
import { GDPR_IDS } from '../../../lib/controls/catalog.generated';
import { GDPR_SOURCE } from '../../../lib/controls/gdpr-catalog';
import { DEFAULT_ASSEMBLY, ROOT } from '../../helpers/paths';
import { tempDir } from '../../helpers/temp';

const assembly = loadAssembly(DEFAULT_ASSEMBLY);
const hipaa = buildControlMap(assembly, '1.2.3');
const gdpr = buildFrameworkMap(assembly, '1.2.3', GDPR_FRAMEWORK);
const modified = new Date('2026-01-02T03:04:05.000Z');
const entry = (id: string) => gdpr.controls.find((c) => c.citation === id)!;

describe('GDPR control map model', () => {
  test('one entry per provision in article order, the framework named with its source and mapping caveat', () => {
    expect(gdpr.controls.map((c) => c.citation)).toEqual([...GDPR_IDS]);
    expect(gdpr.catalog).toEqual(
      expect.objectContaining({
        framework: 'gdpr',
        source: GDPR_SOURCE,
        mapping: expect.stringMatching(/not legal advice/),
      }),
    );
    expect(gdpr.summary.total).toBe(GDPR_IDS.length);
  });

  test('encryption is implemented by the baseline keys, through the HIPAA citations they declare', () => {
    const encryption = entry('Art. 32(1)(a)');
    expect(encryption.status).toBe('implemented');
    expect(encryption.implementations.map((i) => i.constructPath)).toContain('LogArchive/LogsKey');
    expect(encryption.verifyingConfigRules.map((r) => r.name)).toContain('hipaa-s3-default-encryption-kms');
    expect(encryption.verifyingConfigRules.every((r) => !r.mapping || r.projectMapping)).toBe(true);
  });

  test('records of processing are supported by Config recording (a direct mapping), breach notification by detection', () => {
    expect(entry('Art. 30').status).toBe('customer process');
    expect(entry('Art. 30').implementations.map((i) => i.constructType)).toEqual([
      'ConfigRecording',
      'ConfigRecording',
    ]);
    const breach = entry('Art. 33(1)').implementations.map((i) => i.constructType);
    expect(breach).toEqual(expect.arrayContaining(['SecurityAlerts', 'aws-cdk-lib.aws_guardduty.CfnDetector']));
    expect(entry('Art. 33(1)').statement).toMatch(
      /^Notifying is the controller’s act; .* this baseline supports it with/,
    );
  });

  test('the HIPAA map is unaffected: no catalog field, HIPAA citations', () => {
    expect(hipaa.catalog).toBeUndefined();
    expect(hipaa.controls).toHaveLength(65);
    expect(JSON.parse(renderJson(hipaa))).not.toHaveProperty('catalog');
  });
});

describe('GDPR outputs', () => {
  test('Markdown: GDPR title, source and caveat, one section per provision under its article', () => {
    const markdown = renderMarkdown(gdpr);
    expect(markdown).toMatch(/^# GDPR control map\n/);
    expect(markdown).toContain(`<${GDPR_SOURCE}>`);
    expect(markdown).toContain('not legal advice');
    expect(markdown).toContain('## Security of processing (Art. 32)');
    const headings = markdown.split('\n').filter((line) => line.startsWith('### '));
    expect(headings.map((h) => h.slice(4).split(' ').slice(0, 2).join(' '))).toEqual([...GDPR_IDS]);
    expect(markdown).toContain('### Art. 32(1)(a) Pseudonymisation and encryption');
    expect(markdown).toContain('mapping: hipaa-baseline interpretation (own)');
    expect(markdown).toMatch(/\| \*\*Total\*\* \| \*\*14\*\* \|/);
    expect(markdown).not.toContain(ROOT);
  });

  test('Markdown and HTML end with the mapping itself, each row with its reason; the HIPAA outputs have none', () => {
    const markdown = renderMarkdown(gdpr);
    expect(markdown).toContain('## Mapping (this project’s own interpretation)');
    expect(markdown).toContain(
      '| HIPAA 164.312(a)(2)(iv) | Art. 5(1)(f), Art. 32(1)(a) | Encryption at rest is the encryption Art. 32(1)(a) names. |',
    );
    expect(markdown).toMatch(/\| construct ConfigRecording \| Art\. 30 \| The AWS Config inventory/);
    expect(renderHtml(gdpr)).toContain('<table id="mapping-table">');
    expect(renderMarkdown(hipaa)).not.toContain('## Mapping');
    expect(renderHtml(hipaa)).not.toContain('mapping-table');
  });

  test('CSV: GDPR columns, every provision, each row with source and mapping flag', () => {
    const lines = renderCsv(gdpr).trimEnd().split('\n');
    expect(lines[0]).toBe(GDPR_CSV_COLUMNS.join(','));
    const rows = lines.slice(1);
    expect([...new Set(rows.map((line) => line.split(',')[0]))]).toEqual([...GDPR_IDS]);
    for (const row of rows) expect(row).toContain(`,hipaa-baseline interpretation,${GDPR_SOURCE},`);
  });

  test('JSON is the model; HTML has one row per provision and the GDPR title', () => {
    expect(JSON.parse(renderJson(gdpr))).toEqual(JSON.parse(JSON.stringify(gdpr)));
    const html = renderHtml(gdpr);
    expect(html).toContain('<h1>GDPR control map</h1>');
    const body = html.split('<table id="controls-table">')[1].split('</table>')[0];
    expect(body.match(/<tr data-status=/g)).toHaveLength(GDPR_IDS.length);
    expect(body).toContain('<strong>Art. 32(1)(b)</strong>');
    expect(html).toContain('not legal advice');
  });
});

describe('reading GDPR maps back (evidence --control-map)', () => {
  test('a gdpr-control-map.json that is not a GDPR map is bad input naming the file', () => {
    const dir = tempDir('gdpr-live-');
    writeFileSync(join(dir, 'gdpr-control-map.json'), renderJson(hipaa));
    expect(() => readControlMaps(dir)).toThrow(
      `--control-map ${dir}: gdpr-control-map.json is not a hipaa-baseline GDPR control map`,
    );
    writeFileSync(join(dir, 'gdpr-control-map.json'), renderJson(gdpr));
    expect(readControlMaps(dir)).toEqual({ hipaa: undefined, gdpr: JSON.parse(renderJson(gdpr)) });
  });
});

describe('OSCAL with both frameworks', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(
    JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'oscal', 'oscal_component_schema.json'), 'utf8')),
  );
  const both = JSON.parse(renderOscalFrameworks({ hipaa, gdpr }, modified));
  const implementations = both['component-definition'].components[0]['control-implementations'];

  test('validates against the NIST OSCAL 1.2.1 component-definition schema, alone and together', () => {
    expect(validate(both) ? [] : validate.errors).toEqual([]);
    const alone = JSON.parse(renderOscalFrameworks({ gdpr }, modified));
    expect(validate(alone) ? [] : validate.errors).toEqual([]);
    expect(alone['component-definition'].components[0]['control-implementations']).toHaveLength(1);
  });

  test('one control implementation per framework, each with its own source and control ids', () => {
    expect(implementations.map((i: any) => i.source)).toEqual([
      'https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164/subpart-C',
      GDPR_SOURCE,
    ]);
    const gdprIds = implementations[1]['implemented-requirements'].map((r: any) => r['control-id']);
    expect(gdprIds).toEqual(GDPR_IDS.map(oscalGdprControlId));
    expect(oscalGdprControlId('Art. 32(1)(a)')).toBe('gdpr-art32-1-a');
    expect(oscalGdprControlId('Art. 30')).toBe('gdpr-art30');
    expect(oscalGdprControlId('Art. 5(1)(f)')).toBe('gdpr-art5-1-f');
    const hipaaIds = new Set(hipaa.controls.map((c) => oscalControlId(c.citation)));
    expect(gdprIds.filter((id: string) => hipaaIds.has(id))).toEqual([]);
    const requirement = implementations[1]['implemented-requirements'][0];
    expect(requirement.props).toContainEqual(
      expect.objectContaining({ name: 'gdpr-provision', value: 'Art. 5(1)(f)' }),
    );
    expect(requirement.props).toContainEqual(
      expect.objectContaining({
        name: 'mapping',
        value: 'hipaa-baseline interpretation (own mapping, not legal advice)',
      }),
    );
  });

  test('uuids are unique across both; the HIPAA-only document is the one renderOscal writes', () => {
    const uuids = JSON.stringify(both).match(/"uuid": ?"[^"]+"/g)!;
    expect(new Set(uuids).size).toBe(uuids.length);
    expect(renderOscalFrameworks({ hipaa }, modified)).toBe(renderOscal(hipaa, modified));
    expect(both['component-definition'].metadata.title).toBe(
      'hipaa-baseline: HIPAA Security Rule and GDPR control implementations',
    );
  });
});
