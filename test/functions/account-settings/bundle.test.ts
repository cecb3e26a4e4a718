import { buildSync } from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { ROOT } from '../../helpers/paths';
import { CloudFormationResponses } from '../../helpers/cloudformation-responses';

const ENTRY = join(ROOT, 'lib', 'functions', 'account-settings', 'index.ts');

/**
 * The handler bundles as aws-lambda-nodejs does for a Node.js 20 runtime: esbuild, CommonJS, node20, the
 * AWS SDK v3 (`@aws-sdk/*`) left to the runtime. Nothing else may stay outside the bundle.
 */
test('bundles for node20 with only the AWS SDK and Node built-ins left outside, and the bundle answers', async () => {
  const result = buildSync({
    entryPoints: [ENTRY],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    external: ['@aws-sdk/*'],
    metafile: true,
    write: false,
    logLevel: 'silent',
  });

  expect(result.errors).toEqual([]);
  expect(result.warnings).toEqual([]);
  const [output] = Object.values(result.metafile!.outputs);
  const outside = [...new Set(output.imports.filter((i) => i.external).map((i) => i.path))].sort();
  const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
  expect(outside.filter((path) => !builtins.has(path))).toEqual([
    '@aws-sdk/client-ec2',
    '@aws-sdk/client-iam',
    '@aws-sdk/client-inspector2',
    '@aws-sdk/client-macie2',
    '@aws-sdk/client-s3-control',
  ]);
  expect(output.bytes).toBeLessThan(150_000);

  // The bundle loads and answers CloudFormation: malformed properties are refused before any AWS call.
  const dir = join(ROOT, 'test', '.cache', 'account-settings-bundle');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'index.js');
  writeFileSync(file, result.outputFiles![0].contents);
  const responses = await new CloudFormationResponses().start();
  const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    const { handler } = await import(file);
    await handler({
      RequestType: 'Create',
      ResponseURL: responses.url('r-1'),
      StackId: 'arn:aws:cloudformation:us-east-1:111122223333:stack/s/1',
      RequestId: 'r-1',
      LogicalResourceId: 'AccountSettings',
      ResourceType: 'Custom::AccountSettings',
      ResourceProperties: { Inspector: { ResourceTypes: [] } },
    });
    expect(responses.accepted()).toEqual([
      expect.objectContaining({
        Status: 'FAILED',
        Reason: 'invalid properties: ResourceProperties.Inspector.ResourceTypes: must name at least one resource type',
        PhysicalResourceId: 'account-settings-111122223333-us-east-1',
      }),
    ]);
    expect(JSON.parse(spy.mock.calls[0][0] as string)).toMatchObject({ level: 'error' });
  } finally {
    spy.mockRestore();
    await responses.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
