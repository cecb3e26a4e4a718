import { buildSync } from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { ROOT } from '../../helpers/paths';

const ENTRY = join(ROOT, 'lib', 'functions', 'isolate-instance', 'index.ts');

/**
 * The handler bundles as aws-lambda-nodejs does for a Node.js 20 runtime: esbuild, CommonJS, node20, the
 * AWS SDK v3 (`@aws-sdk/*`) left to the runtime. Nothing else may stay outside the bundle.
 */
test('bundles for node20 with only the AWS SDK and Node built-ins left outside, and the bundle runs', async () => {
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
  expect(outside.filter((path) => !builtins.has(path))).toEqual(['@aws-sdk/client-ec2', '@aws-sdk/client-sns']);
  expect(output.bytes).toBeLessThan(150_000);

  // The bundle loads and answers: with no settings it reports the problems and calls nothing.
  const dir = join(ROOT, 'test', '.cache', 'isolate-instance-bundle');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'index.js');
  writeFileSync(file, result.outputFiles![0].contents);
  const logged: string[] = [];
  const spy = jest.spyOn(console, 'error').mockImplementation((line: string) => void logged.push(line));
  try {
    const { handler } = await import(file);
    const answer = await handler({});
    expect(answer).toMatchObject({ status: 'failed', notification: 'not-sent' });
    expect(answer.problems).toContain('QUARANTINE_SECURITY_GROUPS: required');
    expect(JSON.parse(logged[0])).toMatchObject({ level: 'error', result: { status: 'failed' } });
  } finally {
    spy.mockRestore();
    rmSync(dir, { recursive: true, force: true });
  }
});
