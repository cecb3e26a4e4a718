import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_ASSEMBLY } from '../../helpers/paths';
import { tempDir as makeTempDir } from '../../helpers/temp';

/** A fresh temporary directory, removed after the test file. */
export function tempDir(prefix = 'control-map-'): string {
  return makeTempDir(prefix);
}

/** A copy of the default assembly that a test may change. */
export function copyOfDefaultAssembly(): string {
  const dir = join(tempDir(), 'cdk.out');
  cpSync(DEFAULT_ASSEMBLY, dir, { recursive: true });
  return dir;
}

export interface StackSpec {
  readonly id: string;
  readonly template: unknown;
  /** Construct metadata by path (`/Stack/Construct`), written to `<id>.metadata.json`. */
  readonly metadata?: Record<string, { type: string; data: unknown }[]>;
  /** Asset files of the stack (hash → JSON content), with their asset manifest. */
  readonly assets?: Record<string, unknown>;
}

/** Writes a minimal cloud assembly as the CDK lays it out (manifest, templates, metadata files, assets). */
export function writeAssembly(stacks: readonly StackSpec[], dir = join(tempDir(), 'cdk.out')): string {
  mkdirSync(dir, { recursive: true });
  const artifacts: Record<string, unknown> = {};
  for (const stack of stacks) {
    writeFileSync(join(dir, `${stack.id}.template.json`), JSON.stringify(stack.template));
    if (stack.metadata) writeFileSync(join(dir, `${stack.id}.metadata.json`), JSON.stringify(stack.metadata));
    if (stack.assets) {
      const files: Record<string, unknown> = {};
      for (const [hash, content] of Object.entries(stack.assets)) {
        writeFileSync(join(dir, `asset.${hash}.json`), JSON.stringify(content));
        files[hash] = {
          source: { path: `asset.${hash}.json`, packaging: 'file' },
          destinations: { current: { bucketName: 'assets', objectKey: `${hash}.json` } },
        };
      }
      writeFileSync(join(dir, `${stack.id}.assets.json`), JSON.stringify({ version: '55.0.0', files }));
      artifacts[`${stack.id}.assets`] = {
        type: 'cdk:asset-manifest',
        properties: { file: `${stack.id}.assets.json` },
      };
    }
    artifacts[stack.id] = {
      type: 'aws:cloudformation:stack',
      environment: 'aws://unknown-account/us-east-1',
      properties: { templateFile: `${stack.id}.template.json`, stackName: `test-${stack.id.toLowerCase()}` },
      displayName: stack.id,
      ...(stack.metadata ? { additionalMetadataFile: `${stack.id}.metadata.json` } : {}),
    };
  }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ version: '55.0.0', artifacts }));
  return dir;
}

/** A control declaration as `declareControls` records it. */
export function declaration(
  citations: string[],
  resources: { logicalId: string; type: string }[],
  construct = 'Widget',
) {
  return {
    type: 'hipaa-baseline:controls',
    data: { citations, statement: 'Does what the test needs it to do.', construct, resources },
  };
}

/** A segmentation matrix as the network stack's synth writes it. */
export const SEGMENTATION_MATRIX = {
  description: 'Reachability computed from the synthesized template. Rows open connections; columns accept them.',
  stack: 'Network',
  template: 'Network.template.json',
  nodes: ['prod', 'nonprod', 'shared', 'internet'],
  matrix: {
    prod: { prod: 'all', nonprod: 'none', shared: 'tcp/443', internet: 'tcp/443' },
    nonprod: { prod: 'none', nonprod: 'all', shared: 'tcp/443', internet: 'tcp/443' },
    shared: { prod: 'none', nonprod: 'none', shared: 'all', internet: 'none' },
    internet: { prod: 'tcp/443', nonprod: 'tcp/443', shared: 'none', internet: 'none' },
  },
  paths: [{ from: 'prod/app', to: 'shared/app', traffic: 'tcp/443', undeclared: '' }],
  findings: [],
};
