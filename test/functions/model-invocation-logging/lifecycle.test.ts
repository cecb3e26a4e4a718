import { BASELINE_CONFIG, BUCKET, baselineProperties, Harness, LOG_GROUP, PHYSICAL_ID } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await new Harness().start();
});
afterEach(() => h.stop());

describe('Create', () => {
  test('logging off: writes the configuration of the properties and answers SUCCESS with its destinations', async () => {
    const { answer } = await h.invoke(h.event('Create'));

    expect(answer).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: PHYSICAL_ID,
      Reason: `Create: us-east-1: logging was off; now logging to s3://${BUCKET}/model-invocations, log group ${LOG_GROUP}`,
      Data: {
        Account: '111122223333',
        Region: 'us-east-1',
        Logging: 'applied',
        Destinations: `s3://${BUCKET}/model-invocations, log group ${LOG_GROUP}`,
        PreviousDestinations: 'none',
      },
    });
    expect(h.fake.loggingConfig).toEqual(BASELINE_CONFIG);
    expect(h.fake.calls('PutModelInvocationLoggingConfiguration')[0].region).toBe('us-east-1');
    expect(h.logs).toEqual([{ level: 'info', entry: expect.objectContaining({ result: expect.anything() }) }]);
  });

  test('already configured so: nothing is written', async () => {
    h.fake.loggingConfig = structuredClone(BASELINE_CONFIG);

    const { answer } = await h.invoke(h.event('Create'));

    expect(answer.Status).toBe('SUCCESS');
    expect(answer.Data.Logging).toBe('unchanged');
    expect(h.fake.mutatingCalls()).toEqual([]);
  });

  test('logging elsewhere (set by hand): replaced, and the answer says where it logged before', async () => {
    h.fake.loggingConfig = { s3Config: { bucketName: 'someone-elses-bucket' }, textDataDeliveryEnabled: true };

    const { answer } = await h.invoke(h.event('Create'));

    expect(answer.Status).toBe('SUCCESS');
    expect(answer.Data.PreviousDestinations).toBe('s3://someone-elses-bucket/');
    expect(answer.Reason).toContain('replaced the configuration logging to s3://someone-elses-bucket/');
    expect(h.fake.loggingConfig).toEqual(BASELINE_CONFIG);
  });

  test('a kind of body switched off is written off; the rest stay on', async () => {
    await h.invoke(h.event('Create', baselineProperties({ VideoDataDeliveryEnabled: 'false' })));

    expect(h.fake.loggingConfig).toEqual({ ...BASELINE_CONFIG, videoDataDeliveryEnabled: false });
  });
});

describe('Update', () => {
  test('new destinations are written; the physical id stays', async () => {
    h.fake.loggingConfig = structuredClone(BASELINE_CONFIG);
    const properties = baselineProperties({ S3Config: { BucketName: BUCKET, KeyPrefix: 'ai' } });

    const { answer } = await h.invoke(h.event('Update', properties, baselineProperties()));

    expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: PHYSICAL_ID });
    expect(answer.Data.Logging).toBe('applied');
    expect(h.fake.loggingConfig?.s3Config).toEqual({ bucketName: BUCKET, keyPrefix: 'ai' });
  });

  test('run twice: the second run changes nothing (idempotent)', async () => {
    await h.invoke(h.event('Update'));
    h.fake.clearFaultsAndRequests();

    const { answer } = await h.invoke(h.event('Update'));

    expect(answer.Data.Logging).toBe('unchanged');
    expect(h.fake.mutatingCalls()).toEqual([]);
  });
});

describe('Delete', () => {
  test('leaves logging on and calls nothing: removing the resource never turns an audit control off', async () => {
    h.fake.loggingConfig = structuredClone(BASELINE_CONFIG);

    const { answer } = await h.invoke(h.event('Delete'));

    expect(answer).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: PHYSICAL_ID,
      Data: { Logging: 'left-in-place' },
    });
    expect(answer.Reason).toContain('left in place');
    expect(h.fake.received).toEqual([]);
    expect(h.fake.loggingConfig).toEqual(BASELINE_CONFIG);
  });

  test('with malformed properties: SUCCESS, nothing changed', async () => {
    const { answer } = await h.invoke(h.event('Delete', { S3Config: { BucketName: 'Not A Bucket' } }));

    expect(answer.Status).toBe('SUCCESS');
    expect(answer.Reason).toMatch(/^invalid properties: .*\(Delete: nothing was changed\)$/);
    expect(h.fake.received).toEqual([]);
  });
});
