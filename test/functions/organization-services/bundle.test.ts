import { CloudFormationResponses } from '../../helpers/cloudformation-responses';
import { bundleHandler } from '../../helpers/bundle-handler';

/**
 * The handler bundles as synth bundles it (lib/functions/bundling.ts): esbuild, CommonJS, node20, the AWS SDK
 * v3 (`@aws-sdk/*`) left to the runtime. Nothing else may stay outside the bundle.
 */
test('bundles for node20 with only the GuardDuty, Inspector, Macie and Organizations clients left outside, and the bundle answers', async () => {
  const bundle = bundleHandler('organization-services');

  expect(bundle.errors).toEqual([]);
  expect(bundle.warnings).toEqual([]);
  expect(bundle.outside).toEqual([
    '@aws-sdk/client-guardduty',
    '@aws-sdk/client-inspector2',
    '@aws-sdk/client-macie2',
    '@aws-sdk/client-organizations',
  ]);
  expect(bundle.bytes).toBeLessThan(100_000);

  const responses = await new CloudFormationResponses().start();
  const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    await bundle.use(({ handler }) =>
      handler({
        RequestType: 'Create',
        ResponseURL: responses.url('r-1'),
        StackId: 'arn:aws:cloudformation:us-east-1:111122223333:stack/s/1',
        RequestId: 'r-1',
        LogicalResourceId: 'Setting',
        ResourceType: 'Custom::OrganizationAutoEnable',
        ResourceProperties: { Setting: 'Something' },
      }),
    );
    expect(responses.accepted()).toEqual([
      expect.objectContaining({
        Status: 'FAILED',
        Reason:
          'invalid properties: ResourceProperties.Setting: must be DelegatedAdministrator or OrganizationConfiguration',
        PhysicalResourceId: 'organization-services-111122223333-us-east-1',
      }),
    ]);
    expect(JSON.parse(spy.mock.calls[0][0] as string)).toMatchObject({ level: 'error' });
  } finally {
    spy.mockRestore();
    await responses.stop();
  }
});
