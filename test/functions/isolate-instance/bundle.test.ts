import { bundleHandler } from '../../helpers/bundle-handler';

/**
 * The handler bundles as synth bundles it (lib/functions/bundling.ts): esbuild, CommonJS, node20, the AWS SDK
 * v3 (`@aws-sdk/*`) left to the runtime. Nothing else may stay outside the bundle.
 */
test('bundles for node20 with only the AWS SDK and Node built-ins left outside, and the bundle runs', async () => {
  const bundle = bundleHandler('isolate-instance');

  expect(bundle.errors).toEqual([]);
  expect(bundle.warnings).toEqual([]);
  expect(bundle.outside).toEqual([
    '@aws-sdk/client-auto-scaling',
    '@aws-sdk/client-ec2',
    '@aws-sdk/client-elastic-load-balancing',
    '@aws-sdk/client-elastic-load-balancing-v2',
    '@aws-sdk/client-sns',
  ]);
  expect(bundle.bytes).toBeLessThan(150_000);

  // The bundle loads and answers: with no settings it reports the problems and calls nothing.
  const logged: string[] = [];
  const spy = jest.spyOn(console, 'error').mockImplementation((line: string) => void logged.push(line));
  try {
    const answer = await bundle.use(({ handler }) => handler({}));
    expect(answer).toMatchObject({ status: 'failed', notification: 'not-sent' });
    expect((answer as { problems: string[] }).problems).toContain('QUARANTINE_SECURITY_GROUPS: required');
    expect(JSON.parse(logged[0])).toMatchObject({ level: 'error', result: { status: 'failed' } });
  } finally {
    spy.mockRestore();
  }
});
