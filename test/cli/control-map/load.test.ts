import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deployedConfigRules } from '../../../lib/cli/control-map/deployed-config-rules';
import { loadAssembly } from '../../../lib/cli/control-map/load';
import { conformancePackTemplate } from '../../../lib/constructs/hipaa-config-rules';
import { configRuleSpecs } from '../../../lib/controls/config-rule-specs';
import { DEFAULT_ASSEMBLY } from '../../helpers/paths';
import { copyOfDefaultAssembly, declaration, SEGMENTATION_MATRIX, writeAssembly } from './assemblies';

const specs = configRuleSpecs({
  namePrefix: 'clinic',
  parameterOverrides: {},
  derivedParameters: {},
  logGroupRetentionDays: 365,
});
const body = conformancePackTemplate(specs);
const declared = {
  '/Pack/Rules': [declaration(['164.308(a)(8)'], [{ logicalId: 'Pack', type: 'AWS::Config::ConformancePack' }])],
};

describe('loading a cloud assembly', () => {
  test('reads every stack with its declarations (catalog form) and the segmentation matrix the network synth writes', () => {
    const assembly = loadAssembly(DEFAULT_ASSEMBLY);
    const manifest = JSON.parse(readFileSync(join(DEFAULT_ASSEMBLY, 'manifest.json'), 'utf8'));
    const stackIds = Object.keys(manifest.artifacts).filter(
      (id) => manifest.artifacts[id].type === 'aws:cloudformation:stack',
    );
    expect(assembly.stacks.map((s) => s.id).sort()).toEqual(stackIds.sort());
    expect(stackIds).toContain('LogArchive');
    expect(assembly.stacks.find((s) => s.id === 'LogArchive')!.stackName).toBe('hipaa-log-archive');
    const trail = assembly.stacks.flatMap((s) => s.declarations).find((d) => d.path === 'LogArchive/Trail')!;
    expect(trail.construct).toBe('AuditTrail');
    expect(trail.citations).toContain('164.312(b)');
    expect(assembly.segmentation?.nodes).toEqual(['prod', 'nonprod', 'shared', 'internet']);
  });

  test('an Appendix A citation in metadata is read in catalog form; an unknown one is bad input', () => {
    const ok = writeAssembly([
      { id: 'S', template: { Resources: {} }, metadata: { '/S/W': [declaration(['164.308(a)(1)'], [])] } },
    ]);
    expect(loadAssembly(ok).stacks[0].declarations[0].citations).toEqual(['164.308(a)(1)(i)']);
    const bad = writeAssembly([
      { id: 'S', template: { Resources: {} }, metadata: { '/S/W': [declaration(['164.399(z)'], [])] } },
    ]);
    expect(() => loadAssembly(bad, '--app x')).toThrow(
      '--app x: S.metadata.json: /S/W: unknown HIPAA citation "164.399(z)" (not in the catalog)',
    );
  });

  test('reads the segmentation matrix the network synth writes, and rejects a malformed one', () => {
    const dir = copyOfDefaultAssembly();
    writeFileSync(join(dir, 'segmentation-matrix.json'), JSON.stringify(SEGMENTATION_MATRIX));
    expect(loadAssembly(dir).segmentation?.nodes).toEqual(['prod', 'nonprod', 'shared', 'internet']);
    writeFileSync(join(dir, 'segmentation-matrix.json'), JSON.stringify({ nodes: 'prod' }));
    expect(() => loadAssembly(dir, '--app y')).toThrow(/^--app y: segmentation-matrix.json: /);
  });

  test('a template that is not JSON is named', () => {
    const dir = writeAssembly([{ id: 'S', template: {}, metadata: { '/S/W': [declaration(['164.312(b)'], [])] } }]);
    writeFileSync(join(dir, 'S.template.json'), '{ not json');
    expect(() => loadAssembly(dir, '--app z')).toThrow('--app z: S.template.json: not valid JSON');
  });
});

describe('Config rules deployed as a conformance pack', () => {
  const expectedNames = specs.map((spec) => spec.name).sort();

  test('are read from the inline TemplateBody, process checks included', () => {
    const dir = writeAssembly([
      {
        id: 'Pack',
        template: {
          Resources: {
            Pack: {
              Type: 'AWS::Config::ConformancePack',
              Properties: { ConformancePackName: 'clinic-hipaa', TemplateBody: body },
            },
          },
        },
        metadata: declared,
      },
    ]);
    const rules = deployedConfigRules(loadAssembly(dir).stacks);
    expect(rules.map((r) => r.name)).toEqual(expectedNames);
    expect(rules.map((r) => r.identifier)).toContain('AWS_CONFIG_PROCESS_CHECK');
    expect(rules.every((r) => r.conformancePack === 'clinic-hipaa' && r.logicalId === 'Pack')).toBe(true);
    expect(rules.filter((r) => r.citations.length === 0)).toEqual([]);
    expect(rules.find((r) => r.name === 'clinic-phi-bucket-customer-key')).toMatchObject({
      identifier: 'CUSTOM_POLICY:phi-bucket-customer-key',
      projectMapping: true,
    });
  });

  test('are read from the template asset when the pack is deployed from S3', () => {
    const hash = 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6abcd';
    const uri = { 'Fn::Sub': `s3://cdk-assets-\${AWS::AccountId}-\${AWS::Region}/${hash}.json` };
    const template = {
      Resources: {
        Pack: { Type: 'AWS::Config::ConformancePack', Properties: { ConformancePackName: 'big', TemplateS3Uri: uri } },
      },
    };
    const dir = writeAssembly([{ id: 'Pack', template, metadata: declared, assets: { [hash]: JSON.parse(body) } }]);
    expect(deployedConfigRules(loadAssembly(dir).stacks).map((r) => r.name)).toEqual(expectedNames);

    const missing = writeAssembly([{ id: 'Pack', template, metadata: declared }]);
    expect(() => loadAssembly(missing, '--app m')).toThrow(
      '--app m: conformance pack Pack: its template asset is not in the assembly',
    );
  });

  test('a deployed rule the registry does not know is kept, without citations', () => {
    const dir = writeAssembly([
      {
        id: 'S',
        template: {
          Resources: {
            Odd: {
              Type: 'AWS::Config::ConfigRule',
              Properties: { ConfigRuleName: 'odd-rule', Source: { Owner: 'AWS', SourceIdentifier: 'NOT_A_RULE' } },
            },
          },
        },
        metadata: declared,
      },
    ]);
    expect(deployedConfigRules(loadAssembly(dir).stacks)).toEqual([
      expect.objectContaining({ name: 'odd-rule', identifier: 'NOT_A_RULE', citations: [], projectMapping: false }),
    ]);
  });
});
