import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBaseline, loadInputs } from '../../../lib/cli/check/load-templates';
import { tempDir } from '../../helpers/check';
import { DEFAULT_ASSEMBLY } from '../../helpers/paths';

const topic = { Resources: { Topic: { Type: 'AWS::SNS::Topic' } } };
const stackArtifact = (templateFile: string, displayName?: string) => ({
  type: 'aws:cloudformation:stack',
  properties: { templateFile },
  ...(displayName ? { displayName } : {}),
});

describe('loading templates', () => {
  test('a cloud assembly: every stack, named by its artifact id', () => {
    const templates = loadInputs([DEFAULT_ASSEMBLY]);
    const manifest = JSON.parse(readFileSync(join(DEFAULT_ASSEMBLY, 'manifest.json'), 'utf8'));
    const stacks = Object.entries<any>(manifest.artifacts)
      .filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack')
      .map(([id]) => id);
    expect(templates.map((t) => t.name)).toEqual(stacks);
    expect(stacks).toContain('WorkloadData');
    expect(templates[0]).toMatchObject({
      stack: 'LogArchive',
      file: join(DEFAULT_ASSEMBLY, 'LogArchive.template.json'),
    });
  });

  test('nested cloud assemblies (stages) and nested stack templates', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'assembly-Prod'));
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({
        artifacts: { Prod: { type: 'cdk:cloud-assembly', properties: { directoryName: 'assembly-Prod' } } },
      }),
    );
    writeFileSync(
      join(dir, 'assembly-Prod', 'manifest.json'),
      JSON.stringify({
        artifacts: { ProdData: stackArtifact('ProdData.template.json', 'Prod/Data') },
      }),
    );
    const parent = {
      Resources: {
        Tables: {
          Type: 'AWS::CloudFormation::Stack',
          Properties: { TemplateURL: 'https://example/x' },
          Metadata: { 'aws:asset:path': 'ProdDataTables.nested.template.json', 'aws:asset:property': 'TemplateURL' },
        },
      },
    };
    writeFileSync(join(dir, 'assembly-Prod', 'ProdData.template.json'), JSON.stringify(parent));
    writeFileSync(join(dir, 'assembly-Prod', 'ProdDataTables.nested.template.json'), JSON.stringify(topic));
    expect(loadInputs([dir]).map((t) => [t.name, t.stack])).toEqual([
      ['Prod/Data', 'Prod/Data'],
      ['Prod/Data/Tables', 'Prod/Data/Tables'],
    ]);
  });

  test('a directory without manifest: its *.template.json / *.template.yaml files', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'b.template.yaml'), 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n');
    writeFileSync(join(dir, 'a.template.json'), JSON.stringify(topic));
    writeFileSync(join(dir, 'package.json'), '{}');
    expect(loadInputs([dir]).map((t) => [t.name, t.stack])).toEqual([
      [join(dir, 'a.template.json'), undefined],
      [join(dir, 'b.template.yaml'), undefined],
    ]);
  });

  test('template files: JSON, YAML, and .template in either form; a file named twice is checked once', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.json'), JSON.stringify(topic));
    writeFileSync(join(dir, 'b.template'), 'Resources:\n  Topic: {Type: AWS::SNS::Topic}\n');
    writeFileSync(join(dir, 'c.template'), JSON.stringify(topic));
    const paths = ['a.json', 'b.template', 'c.template', 'a.json'].map((name) => join(dir, name));
    const templates = loadInputs(paths);
    expect(templates).toHaveLength(3);
    expect(templates.every((t) => t.template.Resources.Topic.Type === 'AWS::SNS::Topic')).toBe(true);
  });

  test('a baseline is a cloud assembly, or a directory of templates', () => {
    expect(loadBaseline(DEFAULT_ASSEMBLY)).toMatchObject({ assembly: true });
    const dir = tempDir();
    writeFileSync(join(dir, 'Stack.template.json'), JSON.stringify(topic));
    expect(loadBaseline(dir)).toMatchObject({
      assembly: false,
      templates: [{ name: join(dir, 'Stack.template.json') }],
    });
  });
});
