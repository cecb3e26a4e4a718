import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildControlMap } from '../../../lib/cli/control-map/build';
import { loadAssembly } from '../../../lib/cli/control-map/load';
import { CATALOG, catalogEntry, normalizeCitation, type Citation } from '../../../lib/controls/catalog';
import { citingRules, ruleRegistry } from '../../../lib/controls/rule-registry';
import { DEFAULT_ASSEMBLY } from '../../helpers/paths';
import { declaration, writeAssembly } from './assemblies';

const map = buildControlMap(loadAssembly(DEFAULT_ASSEMBLY), '0.0.0');
const entry = (citation: Citation) => map.controls.find((c) => c.citation === citation)!;

/** Every `hipaa-baseline:controls` record of the default assembly's metadata files. */
function declaredInAssembly(): { path: string; citations: string[] }[] {
  return readdirSync(DEFAULT_ASSEMBLY)
    .filter((file) => file.endsWith('.metadata.json'))
    .flatMap((file) =>
      Object.entries(JSON.parse(readFileSync(join(DEFAULT_ASSEMBLY, file), 'utf8')) as Record<string, any[]>).flatMap(
        ([path, entries]) =>
          entries
            .filter((e) => e.type === 'hipaa-baseline:controls')
            .map((e) => ({ path: path.slice(1), citations: e.data.citations as string[] })),
      ),
    );
}

describe('control map of the default assembly', () => {
  test('every catalog citation appears once, in catalog order, with a status and a statement', () => {
    expect(map.controls.map((c) => c.citation)).toEqual(CATALOG.map((c) => c.citation));
    expect(map.controls).toHaveLength(65);
    for (const control of map.controls) {
      expect(['implemented', 'partially', 'customer process', 'AWS', 'not implemented']).toContain(control.status);
      expect(control.statement.trim().length).toBeGreaterThan(40);
    }
  });

  test('no requirement a cloud configuration can meet is left unimplemented and unchecked', () => {
    expect(map.controls.filter((c) => c.status === 'not implemented').map((c) => c.citation)).toEqual([]);
  });

  test('every declared citation exists in the catalog and lists its construct as an implementation', () => {
    const declared = declaredInAssembly();
    expect(declared.length).toBeGreaterThan(20);
    for (const { path, citations } of declared) {
      for (const citation of citations) {
        const normalized = normalizeCitation(citation);
        expect(normalized).toBeDefined();
        expect(entry(normalized!).implementations.map((i) => i.constructPath)).toContain(path);
      }
    }
  });

  test('statuses follow the responsibility rules', () => {
    for (const control of map.controls) {
      const implemented = control.implementations.length > 0;
      const checked = control.enforcingRules.length + control.verifyingConfigRules.length > 0;
      const expected = {
        aws: 'AWS',
        'customer-process': 'customer process',
        shared: implemented ? 'partially' : 'AWS',
        'customer-config': implemented ? 'implemented' : checked ? 'partially' : 'not implemented',
      }[control.responsibility];
      expect(`${control.citation} ${control.status}`).toBe(`${control.citation} ${expected}`);
    }
    expect(entry('164.312(b)').status).toBe('implemented');
    expect(entry('164.310(a)(1)').status).toBe('AWS');
    expect(entry('164.308(a)(5)(i)').status).toBe('customer process');
    expect(entry('164.310(d)(2)(iv)').status).toBe('partially');
  });

  test('implementations carry construct path, stack, class and the logical ids of their resources', () => {
    const trail = entry('164.312(b)').implementations.find((i) => i.constructPath === 'LogArchive/Trail')!;
    expect(trail).toMatchObject({ stack: 'LogArchive', constructType: 'AuditTrail' });
    expect(trail.resources.map((r) => r.type)).toContain('AWS::CloudTrail::Trail');
    const template = JSON.parse(readFileSync(join(DEFAULT_ASSEMBLY, 'LogArchive.template.json'), 'utf8'));
    for (const resource of trail.resources) expect(template.Resources[resource.logicalId].Type).toBe(resource.type);
  });

  test('enforcing rules are the registry rules citing the requirement', () => {
    const expected = [...ruleRegistry().values()].filter((r) => r.citations.includes('164.312(a)(2)(iv)'));
    expect(
      entry('164.312(a)(2)(iv)')
        .enforcingRules.map((r) => r.id)
        .sort(),
    ).toEqual(expected.map((r) => r.id).sort());
    expect(entry('164.312(a)(2)(iv)').enforcingRules).toContainEqual({
      id: 'HIPAABaseline-KMSKeyRotationEnabled',
      pack: 'HIPAABaseline',
      level: 'error',
    });
  });

  test('the citing rules read without cdk-nag equal the registry rules that have citations', () => {
    const pick = ({
      id,
      pack,
      level,
      citations,
    }: {
      id: string;
      pack: string;
      level: string;
      citations: readonly string[];
    }) => ({
      id,
      pack,
      level,
      citations,
    });
    const fromRegistry = [...ruleRegistry().values()].filter((rule) => rule.citations.length > 0).map(pick);
    expect([...citingRules().values()].map(pick).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      fromRegistry.sort((a, b) => a.id.localeCompare(b.id)),
    );
  });

  test('verifying Config rules are the deployed ones, with their mapping source and own mappings marked', () => {
    const verifying = entry('164.312(a)(2)(iv)').verifyingConfigRules;
    expect(verifying.map((r) => r.name)).toContain('hipaa-phi-kms-key-rotation');
    expect(verifying.find((r) => r.name === 'hipaa-phi-kms-key-rotation')).toMatchObject({
      identifier: 'CUSTOM_POLICY:phi-kms-key-rotation',
      mapping: 'project',
      projectMapping: true,
      stack: 'SecurityTooling',
    });
    expect(verifying.find((r) => r.name === 'hipaa-s3-default-encryption-kms')).toMatchObject({
      identifier: 'S3_DEFAULT_ENCRYPTION_KMS',
      projectMapping: false,
    });
    // A process check is deployed only inside a conformance pack, so the individual deployment lists none.
    expect(map.configRules.map((r) => r.identifier)).not.toContain('AWS_CONFIG_PROCESS_CHECK');
    const deployed = readdirSync(DEFAULT_ASSEMBLY)
      .filter((file) => file.endsWith('.template.json'))
      .flatMap((file) => Object.values(JSON.parse(readFileSync(join(DEFAULT_ASSEMBLY, file), 'utf8')).Resources))
      .filter((resource: any) => resource.Type === 'AWS::Config::ConfigRule');
    expect(deployed.length).toBeGreaterThan(100);
    expect(map.configRules).toHaveLength(deployed.length);
    expect(map.configRules.filter((r) => r.citations.length === 0)).toEqual([]);
  });

  test('deployed Config rules carry the deliberate exemptions of the baseline, with resources and reason', () => {
    const kms = map.configRules.find((r) => r.identifier === 'S3_DEFAULT_ENCRYPTION_KMS')!;
    expect(kms.exemptions).toEqual([
      {
        resources: 'AWS::S3::Bucket tagged hipaa-baseline:role=access-log',
        reason: expect.stringContaining('SSE-S3'),
      },
    ]);
    const replication = map.configRules.find((r) => r.identifier === 'S3_BUCKET_REPLICATION_ENABLED')!;
    expect(replication.exemptions.map((x) => x.resources)).toContain(
      'AWS::S3::Bucket at DisasterRecovery/*-replica/Resource',
    );
    expect(map.configRules.find((r) => r.identifier === 'S3_BUCKET_SSL_REQUESTS_ONLY')!.exemptions).toEqual([]);
  });

  test('acknowledged findings appear under the citations their rule enforces, with the reason', () => {
    const acknowledged = entry('164.308(a)(7)(ii)(B)').acknowledgements;
    expect(acknowledged).toContainEqual(
      expect.objectContaining({
        rule: 'HIPAA.Security-S3BucketReplicationEnabled',
        stack: 'LogArchive',
        constructPath: 'LogArchive/Archive/AuditLogs/Resource',
        reason: expect.stringContaining('Single-region log archive'),
      }),
    );
    // AwsSolutions rules cite nothing: their acknowledgements are in the templates, not under a citation.
    expect(map.controls.flatMap((c) => c.acknowledgements).filter((a) => a.rule.startsWith('AwsSolutions'))).toEqual(
      [],
    );
  });

  test('the summary counts every citation by safeguard and status', () => {
    expect(map.summary.total).toBe(65);
    const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
    expect(sum(map.summary.byStatus)).toBe(65);
    for (const group of map.summary.bySafeguard) {
      expect(sum(group.byStatus)).toBe(group.total);
      expect(group.total).toBe(CATALOG.filter((c) => c.safeguard === group.safeguard).length);
    }
  });
});

describe('status rules on hand-made assemblies', () => {
  const build = (citations: string[]) =>
    buildControlMap(
      loadAssembly(
        writeAssembly([
          {
            id: 'Only',
            template: { Resources: { Thing: { Type: 'AWS::SNS::Topic' } } },
            metadata: { '/Only/Thing': [declaration(citations, [{ logicalId: 'Thing', type: 'AWS::SNS::Topic' }])] },
          },
        ]),
      ),
      '0.0.0',
    );

  test('a shared requirement with a construct is partially met; without one it is AWS', () => {
    const shared = build(['164.310(d)(2)(i)']);
    expect(shared.controls.find((c) => c.citation === '164.310(d)(2)(i)')!.status).toBe('partially');
    expect(shared.controls.find((c) => c.citation === '164.310(d)(1)')!.status).toBe('AWS');
  });

  test('a configurable requirement nothing implements or checks is "not implemented", and says so', () => {
    const none = build(['164.312(b)']);
    const logoff = none.controls.find((c) => c.citation === '164.312(a)(2)(iii)')!;
    expect(logoff.status).toBe('not implemented');
    expect(logoff.statement).toContain(catalogEntry('164.312(a)(2)(iii)').notes);
    expect(logoff.statement).toMatch(/Nothing in this baseline implements or checks it/);
    // Rules still enforce encryption, so it is partially covered even with no construct and no Config rule.
    expect(none.controls.find((c) => c.citation === '164.312(a)(2)(iv)')!.status).toBe('partially');
    expect(none.controls.find((c) => c.citation === '164.312(b)')!.status).toBe('implemented');
  });

  test('a requirement met only by what the baseline relies on is partially met, and the statement names it', () => {
    const relied = {
      type: 'hipaa-baseline:controls',
      data: {
        citations: ['164.312(a)(2)(iii)'],
        statement: 'Sessions end after an hour.',
        construct: 'Widget',
        reliesOn: "the organisation's identity provider",
        resources: [],
      },
    };
    const map = buildControlMap(
      loadAssembly(
        writeAssembly([
          {
            id: 'Only',
            template: { Resources: { Thing: { Type: 'AWS::SNS::Topic' } } },
            metadata: { '/Only/Reliance': [relied] },
          },
        ]),
      ),
      '0.0.0',
    );
    const logoff = map.controls.find((c) => c.citation === '164.312(a)(2)(iii)')!;
    expect(logoff.status).toBe('partially');
    expect(logoff.implementations).toEqual([
      expect.objectContaining({ reliesOn: "the organisation's identity provider" }),
    ]);
    expect(logoff.statement).toMatch(/relies on the organisation's identity provider, which it does not deploy/);
  });
});
