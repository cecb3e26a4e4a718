import { bundleHandler } from '../../helpers/bundle-handler';

/**
 * The handler bundles as synth bundles it (lib/functions/bundling.ts): esbuild, CommonJS, node20, the AWS SDK
 * v3 S3 client left to the runtime; Comprehend Medical and EventBridge are called through the function's own
 * JSON client, so nothing else may stay outside the bundle.
 */
test('bundles for node20 with only the S3 client and Node built-ins left outside, and the bundle runs', async () => {
  const bundle = bundleHandler('deidentify');

  expect(bundle.errors).toEqual([]);
  expect(bundle.warnings).toEqual([]);
  expect(bundle.outside).toEqual(['@aws-sdk/client-s3']);
  expect(bundle.bytes).toBeLessThan(150_000);

  // The bundle loads and answers: with no settings every message goes back to the queue, the problems logged.
  const logged: string[] = [];
  const spy = jest.spyOn(console, 'error').mockImplementation((line: string) => void logged.push(line));
  try {
    const answer = await bundle.use(({ handler }) =>
      handler({ Records: [{ messageId: 'm-1', body: '{}', attributes: { ApproximateReceiveCount: '1' } }] }),
    );
    expect(answer).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-1' }] });
    expect(JSON.parse(logged[0])).toMatchObject({
      level: 'error',
      status: 'misconfigured',
      problems: expect.arrayContaining(['SOURCE_BUCKET: required', 'OUTPUT_BUCKET: required']),
    });
  } finally {
    spy.mockRestore();
  }
});
