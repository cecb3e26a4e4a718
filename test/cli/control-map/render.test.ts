import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildControlMap } from '../../../lib/cli/control-map/build';
import { loadAssembly } from '../../../lib/cli/control-map/load';
import { CSV_COLUMNS, renderCsv } from '../../../lib/cli/control-map/render-csv';
import { escapeHtml, renderHtml } from '../../../lib/cli/control-map/render-html';
import { renderJson } from '../../../lib/cli/control-map/render-json';
import { renderMarkdown } from '../../../lib/cli/control-map/render-md';
import { oscalControlId, renderOscal } from '../../../lib/cli/control-map/render-oscal';
import { CATALOG } from '../../../lib/controls/catalog';
import { DEFAULT_ASSEMBLY, ROOT } from '../../helpers/paths';
import { copyOfDefaultAssembly, SEGMENTATION_MATRIX } from './assemblies';

const map = buildControlMap(loadAssembly(DEFAULT_ASSEMBLY), '1.2.3');
const modified = new Date('2026-01-02T03:04:05.000Z');

function oscalValidator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const schema = JSON.parse(
    readFileSync(join(ROOT, 'test', 'fixtures', 'oscal', 'oscal_component_schema.json'), 'utf8'),
  );
  return ajv.compile(schema);
}

describe('OSCAL component definition', () => {
  const validate = oscalValidator();
  const document = JSON.parse(renderOscal(map, modified));
  const requirements =
    document['component-definition'].components[0]['control-implementations'][0]['implemented-requirements'];

  test('validates against the NIST OSCAL 1.2.1 component-definition schema', () => {
    expect(validate(document) ? [] : validate.errors).toEqual([]);
  });

  test('the validator is live: a citation used as control id is rejected', () => {
    const broken = structuredClone(document);
    broken['component-definition'].components[0]['control-implementations'][0]['implemented-requirements'][0][
      'control-id'
    ] = '164.308(a)(1)(i)';
    expect(validate(broken)).toBe(false);
  });

  test('has one implemented requirement per citation, its id a token and the citation a prop', () => {
    expect(requirements).toHaveLength(65);
    expect(new Set(requirements.map((r: any) => r['control-id'])).size).toBe(65);
    expect(oscalControlId('164.308(a)(1)(ii)(A)')).toBe('hipaa-164.308-a-1-ii-A');
    requirements.forEach((requirement: any, i: number) => {
      expect(requirement['control-id']).toBe(oscalControlId(CATALOG[i].citation));
      expect(requirement.props).toContainEqual(
        expect.objectContaining({ name: 'hipaa-citation', value: CATALOG[i].citation }),
      );
      expect(requirement.props).toContainEqual(
        expect.objectContaining({ name: 'status', value: map.controls[i].status }),
      );
    });
  });

  test('remarks name the exemptions of the verifying Config rules', () => {
    const remarks = requirements.find((r: any) => r['control-id'] === oscalControlId('164.312(a)(2)(iv)')).remarks;
    expect(remarks).toContain(
      '- Exempted from AWS Config rule `hipaa-s3-default-encryption-kms` (S3_DEFAULT_ENCRYPTION_KMS): AWS::S3::Bucket tagged hipaa-baseline:role=access-log:',
    );
  });

  test('responsible roles follow the responsibility', () => {
    const roles = (citation: string) => {
      const requirement = requirements.find((r: any) => r.props[0].value === citation);
      return requirement['responsible-roles'].map((role: any) => role['role-id']);
    };
    expect(roles('164.310(a)(1)')).toEqual(['provider']);
    expect(roles('164.310(d)(1)')).toEqual(['customer', 'provider']);
    expect(roles('164.312(b)')).toEqual(['customer']);
  });

  test('is deterministic: the same map gives the same document, and only last-modified follows the date', () => {
    expect(renderOscal(map, modified)).toBe(
      renderOscal(buildControlMap(loadAssembly(DEFAULT_ASSEMBLY), '1.2.3'), modified),
    );
    const later = JSON.parse(renderOscal(map, new Date('2027-05-06T07:08:09.000Z')));
    expect(later['component-definition'].metadata['last-modified']).toBe('2027-05-06T07:08:09.000Z');
    later['component-definition'].metadata['last-modified'] = modified.toISOString();
    expect(later).toEqual(document);
    const uuids = JSON.stringify(document).match(/"uuid": ?"[^"]+"/g)!;
    expect(new Set(uuids).size).toBe(uuids.length);
    expect(document['component-definition'].uuid).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});

describe('Markdown', () => {
  const markdown = renderMarkdown(map);

  test('summarises by safeguard and status, then has one section per citation in catalog order', () => {
    expect(markdown).toMatch(/\| \*\*Total\*\* \| \*\*65\*\* \|/);
    const headings = markdown.split('\n').filter((line) => line.startsWith('### '));
    expect(headings.map((h) => h.split(' ')[1])).toEqual(CATALOG.map((c) => c.citation));
    expect(markdown).toContain('**Status: implemented**');
  });

  test('names constructs with stack and logical id, rules, Config rules and acknowledgements with reasons', () => {
    const section = markdown.split('### 164.308(a)(7)(ii)(B) ')[1].split('\n### ')[0];
    expect(section).toMatch(
      /\| `WorkloadData\/Zones\/RawPhi` \| WorkloadData \| PhiBucket \| `ZonesRawPhi[0-9A-F]{8}` AWS::S3::Bucket/,
    );
    expect(section).toContain('`HIPAA.Security-S3BucketReplicationEnabled` (error)');
    expect(section).toMatch(/\| `hipaa-s3-bucket-replication-enabled` \| `S3_BUCKET_REPLICATION_ENABLED` \| /);
    expect(section).toMatch(/Acknowledged findings:[\s\S]*Single-region log archive/);
  });

  test('lists the exemptions of the verifying Config rules under the citation, with their reason', () => {
    const section = markdown.split('### 164.308(a)(7)(ii)(B) ')[1].split('\n### ')[0];
    expect(section).toMatch(
      /exemptions\):[\s\S]*\| `hipaa-s3-bucket-replication-enabled` \| AWS::S3::Bucket tagged hipaa-baseline:role=audit-log \| Single-region/,
    );
    expect(section).toContain('AWS::S3::Bucket at DisasterRecovery/\\*-replica/Resource');
    expect(markdown).toMatch(
      /deliberately do not pass \(exemptions, shown under each citation\): .*`hipaa-s3-default-encryption-kms`/,
    );
  });

  test('contains no machine path and no timestamp', () => {
    expect(markdown).not.toContain(ROOT);
    expect(markdown).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  });

  test('shows the segmentation matrix when the assembly has one', () => {
    const dir = copyOfDefaultAssembly();
    writeFileSync(join(dir, 'segmentation-matrix.json'), JSON.stringify(SEGMENTATION_MATRIX));
    const withMatrix = renderMarkdown(buildControlMap(loadAssembly(dir), '1.2.3'));
    expect(withMatrix).toContain('## Network segmentation');
    expect(withMatrix).toContain('| prod | all | none | tcp/443 | tcp/443 |');
  });
});

describe('CSV and JSON', () => {
  const lines = renderCsv(map).trimEnd().split('\n');

  test('CSV has one row per citation × implementing resource, one row for a citation with none', () => {
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    const expected = map.controls.reduce(
      (n, c) =>
        n +
        Math.max(
          1,
          c.implementations.reduce((m, i) => m + i.resources.length, 0),
        ),
      0,
    );
    expect(lines).toHaveLength(1 + expected);
    expect(lines[1]).toBe(
      '164.308(a)(1)(i),Security management process,administrative,standard,,customer-process,customer process,,,,,,,,0,0',
    );
    const citations = lines.slice(1).map((line) => line.split(',')[0]);
    expect([...new Set(citations)]).toEqual(CATALOG.map((c) => c.citation));
  });

  test('CSV lists the acknowledgements on the resource for rules enforcing the citation', () => {
    const row = lines.find((l) => l.startsWith('164.312(b),') && l.includes(',LogArchive/Archive/AccessLogs,'))!;
    expect(row).toMatch(
      /,AWS::S3::Bucket,,HIPAA\.Security-S3BucketLoggingEnabled: This bucket is the server access log destination; logging it to itself would loop\.,\d+,\d+$/,
    );
    expect(lines.find((l) => l.startsWith('164.312(b),') && l.includes(',LogArchive/Trail,'))).toMatch(/,,\d+,\d+$/);
  });

  test('the JSON is the model', () => {
    expect(JSON.parse(renderJson(map))).toEqual(JSON.parse(JSON.stringify(map)));
  });
});

describe('HTML (static checks; the browser test exercises it)', () => {
  const html = renderHtml(map);

  test('is self-contained: no external reference, and a policy that forbids any fetch', () => {
    expect(html).not.toMatch(/\b(src|href)=/i);
    expect(html).not.toMatch(/https?:\/\//);
    const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)![1];
    expect(csp).toContain("default-src 'none'");
    const script = html.match(/<script>([\s\S]*)<\/script>/)![1];
    const digest = createHash('sha256').update(script).digest('base64');
    expect(csp).toContain(`script-src 'sha256-${digest}'`);
  });

  test('has one table row per citation and the counts table', () => {
    const body = html.split('<table id="controls-table">')[1].split('</table>')[0];
    expect(body.match(/<tr data-status=/g)).toHaveLength(65);
    expect(html).toContain('<table id="counts">');
  });

  test('lists the exemptions of the verifying Config rules in the details', () => {
    expect(html).toContain('Deliberately not passed by resources of the baseline (exemptions)');
    expect(html).toContain(
      'AWS::S3::Bucket tagged hipaa-baseline:role=access-log: S3 server access logging only delivers',
    );
  });

  test('escapes text', () => {
    expect(escapeHtml(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
  });
});
