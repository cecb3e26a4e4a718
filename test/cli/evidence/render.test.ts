import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildEvidence } from '../../../lib/cli/evidence/join';
import { renderEvidenceCsv } from '../../../lib/cli/evidence/render-csv';
import { renderEvidenceJson } from '../../../lib/cli/evidence/render-json';
import { mdCell, renderEvidenceMarkdown } from '../../../lib/cli/evidence/render-md';
import { oscalControlId, renderOscalAssessmentResults } from '../../../lib/cli/evidence/render-oscal';
import type { Collected, EvidenceReport, LiveResource } from '../../../lib/cli/evidence/types';
import { ROOT } from '../../helpers/paths';
import { AWKWARD_IDS } from '../../support/evidence-fixtures';

const schema = JSON.parse(
  readFileSync(join(ROOT, 'test', 'fixtures', 'oscal', 'oscal_assessment-results_schema.json'), 'utf8'),
);
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validateOscal = ajv.compile(schema);

const res = (id: string, accountId = '111111111111', compliance: LiveResource['compliance'] = 'NON_COMPLIANT') => ({
  accountId,
  region: 'eu-west-1',
  type: 'AWS::S3::Bucket',
  id,
  compliance,
});

function report(overrides: Partial<Collected> = {}, at = '2026-03-04T05:06:07.890Z'): EvidenceReport {
  return buildEvidence(
    {
      scope: { region: 'eu-west-1', aggregator: 'org', resources: 'non-compliant' },
      rules: [
        {
          name: 's3-bucket-ssl-requests-only',
          sourceIdentifier: 'S3_BUCKET_SSL_REQUESTS_ONLY',
          compliance: 'NON_COMPLIANT',
          resources: [...AWKWARD_IDS, ' leading and trailing '].map((id) => res(id)),
        },
        { name: 'cloudtrail-enabled', sourceIdentifier: 'CLOUD_TRAIL_ENABLED', compliance: 'COMPLIANT', resources: [] },
        {
          name: 'rds-storage-encrypted',
          sourceIdentifier: 'RDS_STORAGE_ENCRYPTED',
          compliance: 'INSUFFICIENT_DATA',
          resources: [],
        },
        { name: 'my|custom*rule', compliance: 'NON_COMPLIANT', resources: [res('x|y', '222222222222')] },
      ],
      errors: [{ rule: 'rds-storage-encrypted', message: 'GetComplianceDetailsByConfigRule: InternalFailure' }],
      ...overrides,
    },
    at,
  );
}

describe('OSCAL assessment results', () => {
  test('validate against the NIST OSCAL 1.2.1 assessment-results schema', () => {
    const document = JSON.parse(renderOscalAssessmentResults(report(), '0.1.0'));
    expect(validateOscal(document) ? [] : validateOscal.errors).toEqual([]);
  });

  test('an empty account (no rule, no citation) validates too', () => {
    const document = JSON.parse(renderOscalAssessmentResults(report({ rules: [], errors: [] }), '0.1.0'));
    expect(validateOscal(document) ? [] : validateOscal.errors).toEqual([]);
  });

  test('the schema rejects a broken document (the validation is live)', () => {
    const document = JSON.parse(renderOscalAssessmentResults(report(), '0.1.0'));
    document['assessment-results'].results[0].findings[0].target['target-id'] = '164.312(b)';
    expect(validateOscal(document)).toBe(false);
  });

  test('one finding per citation: satisfied only when COMPLIANT, with its rules as related observations', () => {
    const r = report();
    const results = JSON.parse(renderOscalAssessmentResults(r, '0.1.0'))['assessment-results'].results[0];
    expect(results.findings).toHaveLength(r.controls.length);
    for (const control of r.controls) {
      const finding = results.findings.find((f: any) => f.target['target-id'] === oscalControlId(control.id));
      expect(finding.target.status.state).toBe(control.status === 'COMPLIANT' ? 'satisfied' : 'not-satisfied');
      expect(finding['related-observations']).toHaveLength(control.rules.length);
    }
    expect(results.observations).toHaveLength(r.rules.length);
    expect(results['local-definitions']['inventory-items']).toHaveLength(AWKWARD_IDS.length + 2);
    expect(results.props).toContainEqual(expect.objectContaining({ name: 'complete', value: 'false' }));
  });

  test('UUIDs are deterministic: same input, same document; a new run (time) gets a new document and result UUID', () => {
    const a = JSON.parse(renderOscalAssessmentResults(report(), '0.1.0'))['assessment-results'];
    const b = JSON.parse(renderOscalAssessmentResults(report(), '0.1.0'))['assessment-results'];
    const later = JSON.parse(renderOscalAssessmentResults(report({}, '2026-03-05T00:00:00Z'), '0.1.0'))[
      'assessment-results'
    ];
    expect(b).toEqual(a);
    expect(later.uuid).not.toBe(a.uuid);
    expect(later.results[0].uuid).not.toBe(a.results[0].uuid);
    expect(later.results[0].findings.map((f: any) => f.uuid)).toEqual(a.results[0].findings.map((f: any) => f.uuid));
  });

  test('control ids are OSCAL tokens', () => {
    expect(oscalControlId('164.312(a)(2)(iv)')).toBe('hipaa-164.312-a-2-iv');
    expect(oscalControlId('164.308(a)(1)(i)')).toBe('hipaa-164.308-a-1-i');
  });
});

describe('evidence.json, evidence.md, evidence.csv', () => {
  test('evidence.json holds the contract fields', () => {
    const json = JSON.parse(renderEvidenceJson(report()));
    expect(Object.keys(json)).toEqual(['generatedAt', 'scope', 'rules', 'controls', 'unmapped', 'errors']);
    expect(json.scope).toEqual({ region: 'eu-west-1', aggregator: 'org', resources: 'non-compliant' });
    expect(Object.keys(json.rules[0])).toEqual(['name', 'identifier', 'compliance', 'controls', 'resources']);
    expect(Object.keys(json.rules.find((r: any) => r.resources.length > 0).resources[0])).toEqual([
      'accountId',
      'region',
      'type',
      'id',
      'compliance',
    ]);
    expect(Object.keys(json.controls[0])).toEqual(['id', 'status', 'rules']);
    expect(json.unmapped).toEqual([{ name: 'my|custom*rule', compliance: 'NON_COMPLIANT' }]);
    expect(json.errors).toEqual([
      { rule: 'rds-storage-encrypted', message: 'GetComplianceDetailsByConfigRule: InternalFailure' },
    ]);
  });

  test('evidence.md: summary, partial warning, non-compliant resources by citation, unmapped, errors; cells escaped', () => {
    const md = renderEvidenceMarkdown(report());
    expect(md).toContain('**Partial evidence:** 1 rule(s)');
    expect(md).toContain('| NON_COMPLIANT |');
    expect(md).toMatch(/### 164\.312\(a\)\(2\)\(iv\) Encryption and decryption/);
    expect(md).toContain(
      '| s3-bucket-ssl-requests-only | 111111111111 | eu-west-1 | AWS::S3::Bucket | 患者-記録 / バケット |',
    );
    expect(md).toContain('| my\\|custom\\*rule | NON_COMPLIANT |');
    expect(md).toContain('## Errors');
    expect(mdCell('a|b\nc')).toBe('a\\|b c');
  });

  test('evidence.csv: one row per citation, rule and resource; quoting keeps odd ids intact', () => {
    const r = report();
    const csv = renderEvidenceCsv(r);
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe(
      'control,control_status,rule,rule_compliance,account_id,region,resource_type,resource_id,resource_compliance',
    );
    const ssl = r.rules.find((x) => x.name === 's3-bucket-ssl-requests-only')!;
    expect(lines.filter((l) => l.includes('s3-bucket-ssl-requests-only'))).toHaveLength(
      ssl.controls.length * ssl.resources.length,
    );
    expect(csv).toContain(',my|custom*rule,NON_COMPLIANT,222222222222,eu-west-1,AWS::S3::Bucket,x|y,NON_COMPLIANT');
    expect(csv).toContain('," leading and trailing ",');
    expect(lines.filter((l) => l.includes('cloudtrail-enabled')).every((l) => l.endsWith('COMPLIANT,,,,,'))).toBe(true);
  });
});
