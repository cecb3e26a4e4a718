import { MAX_ATTEMPTS, type Clients } from '../../../lib/functions/model-invocation-logging/clients';
import {
  createHandler,
  ResponseNotSentError,
  SEND_ATTEMPTS,
} from '../../../lib/functions/model-invocation-logging/handler';
import { baselineProperties, FAST, Harness, PHYSICAL_ID, SERVICE_TOKEN } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await new Harness().start();
});
afterEach(() => h.stop());

describe('malformed properties: FAILED with one line per problem, nothing called', () => {
  test.each([
    [
      'no destination',
      { S3Config: undefined, CloudWatchConfig: undefined },
      'ResourceProperties: must name a destination: S3Config, CloudWatchConfig or both',
    ],
    [
      'a bucket name S3 refuses',
      { S3Config: { BucketName: 'Logs_Bucket' } },
      'ResourceProperties.S3Config.BucketName: must be an S3 bucket name',
    ],
    [
      'a prefix starting with a slash',
      { S3Config: { BucketName: 'logs-bucket', KeyPrefix: '/logs' } },
      'ResourceProperties.S3Config.KeyPrefix: must not start with "/"',
    ],
    [
      'a role that is not an ARN',
      { CloudWatchConfig: { LogGroupName: 'g', RoleArn: 'delivery-role' } },
      'ResourceProperties.CloudWatchConfig.RoleArn: must be an IAM role ARN',
    ],
    [
      'a log group without its role',
      { CloudWatchConfig: { LogGroupName: 'g' } },
      'ResourceProperties.CloudWatchConfig.RoleArn: required',
    ],
    [
      'a switch that is not a boolean',
      { TextDataDeliveryEnabled: 'yes' },
      'ResourceProperties.TextDataDeliveryEnabled: must be true or false',
    ],
    ['an unknown field', { AudioDelivery: 'true' }, 'ResourceProperties: unknown field(s) AudioDelivery'],
  ])('%s', async (_name, change, problem) => {
    const { answer, result } = await h.invoke(h.event('Create', baselineProperties(change)));

    expect(answer).toMatchObject({
      Status: 'FAILED',
      Reason: `invalid properties: ${problem}`,
      PhysicalResourceId: PHYSICAL_ID,
    });
    expect(result?.problems).toEqual([problem]);
    expect(h.fake.received).toEqual([]);
    expect(h.logs.at(-1)?.level).toBe('error');
  });

  test('every problem is listed', async () => {
    const { answer } = await h.invoke(
      h.event('Create', { S3Config: { BucketName: 'x' }, ImageDataDeliveryEnabled: 2 }),
    );

    expect(answer.Reason).toBe(
      'invalid properties: ResourceProperties.S3Config.BucketName: must be an S3 bucket name; ' +
        'ResourceProperties.ImageDataDeliveryEnabled: must be true or false',
    );
  });
});

describe('malformed requests', () => {
  test('without a response URL: logged, nothing called, nothing thrown', async () => {
    const event = h.event('Create');
    delete event.ResponseURL;

    const { result, thrown } = await h.invoke(event);

    expect([result, thrown]).toEqual([undefined, undefined]);
    expect(h.responses.attempts).toEqual([]);
    expect(h.logs).toEqual([
      { level: 'error', entry: expect.objectContaining({ problems: ['event.ResponseURL: required'] }) },
    ]);
  });

  test('an unknown request type: FAILED with the problem', async () => {
    const { answer } = await h.invoke({ ...h.event('Create'), RequestType: 'Replace' });

    expect(answer).toMatchObject({
      Status: 'FAILED',
      Reason: 'invalid request: event.RequestType: must be "Create", "Update" or "Delete"',
    });
    expect(answer.PhysicalResourceId).toMatch(/^model-invocation-logging-failed-/);
    expect(h.fake.received).toEqual([]);
  });

  test('no account in the stack id, the service token naming it: the account and region come from the token', async () => {
    const { answer } = await h.invoke({
      ...h.event('Create'),
      StackId: 'clinic-ai-workloads',
      ServiceToken: SERVICE_TOKEN,
    });

    expect(answer.Status).toBe('SUCCESS');
    expect(answer.PhysicalResourceId).toBe(PHYSICAL_ID);
  });
});

describe('Bedrock refuses', () => {
  test('a destination it cannot write to: FAILED with the step, code and message; not retried', async () => {
    h.fake.refuseDestinations = 'Failed to validate permissions for log group: ' + 'clinic-logs';

    const { answer } = await h.invoke(h.event('Create'));

    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toBe(
      'PutModelInvocationLoggingConfiguration: ValidationException: Failed to validate permissions for log group: clinic-logs',
    );
    expect(h.fake.calls('PutModelInvocationLoggingConfiguration')).toHaveLength(1);
  });

  test('access denied: FAILED naming the step, not retried, nothing written', async () => {
    h.fake.fail('GetModelInvocationLoggingConfiguration', 'AccessDeniedException', { status: 403 });

    const { answer } = await h.invoke(h.event('Create'));

    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toBe(
      'GetModelInvocationLoggingConfiguration: AccessDeniedException: injected AccessDeniedException',
    );
    expect(h.fake.calls('GetModelInvocationLoggingConfiguration')).toHaveLength(1);
    expect(h.fake.loggingConfig).toBeUndefined();
  });
});

describe('throttling and server errors', () => {
  test('are retried with backoff; the run succeeds when Bedrock recovers', async () => {
    h.fake.fail('GetModelInvocationLoggingConfiguration', 'ThrottlingException', { times: 2, status: 429 });
    h.fake.fail('PutModelInvocationLoggingConfiguration', 'InternalServerException', { times: 2, status: 500 });

    const { answer } = await h.invoke(h.event('Create'));

    expect(answer.Status).toBe('SUCCESS');
    expect(h.fake.calls('GetModelInvocationLoggingConfiguration')).toHaveLength(3);
    expect(h.fake.calls('PutModelInvocationLoggingConfiguration')).toHaveLength(3);
    expect(h.fake.loggingConfig).toBeDefined();
  });

  test('beyond the retries: FAILED naming the throttled step', async () => {
    h.fake.fail('PutModelInvocationLoggingConfiguration', 'ThrottlingException', { times: MAX_ATTEMPTS, status: 429 });

    const { answer } = await h.invoke(h.event('Create'));

    expect(h.fake.calls('PutModelInvocationLoggingConfiguration')).toHaveLength(MAX_ATTEMPTS);
    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toMatch(/^PutModelInvocationLoggingConfiguration: ThrottlingException: /);
  });
});

test('a call still running at the deadline is abandoned and the answer is still sent in time', async () => {
  h.fake.slow('PutModelInvocationLoggingConfiguration', 60_000);
  const started = Date.now();

  const { answer } = await h.invoke(h.event('Create'), {
    timing: { ...FAST, responseReserveMs: 3_000 },
    context: { getRemainingTimeInMillis: () => 5_000 },
  });

  expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
  expect(Date.now() - started).toBeLessThan(5_000);
  expect(answer.Status).toBe('FAILED');
  expect(answer.Reason).toMatch(/^PutModelInvocationLoggingConfiguration: AbortError: .*abandoned at the deadline/);
});

describe('sending the answer', () => {
  test('a refused or dropped PUT is logged and retried', async () => {
    h.responses.refuse(1, 503);
    h.responses.drop(1);

    const { answer, result, thrown } = await h.invoke(h.event('Create'));

    expect(thrown).toBeUndefined();
    expect(result?.response).toEqual({ sent: true, attempts: 3 });
    expect(answer.Status).toBe('SUCCESS');
    expect(h.logs.filter((l) => l.level === 'warn').map((l) => l.entry.message)).toEqual([
      expect.stringMatching(/^model-invocation-logging: sending the answer failed \(attempt 1 of 3\): HTTP 503 /),
      expect.stringMatching(/\(attempt 2 of 3\): ECONNRESET: /),
    ]);
    expect(JSON.stringify(h.logs)).not.toContain('X-Amz-Signature');
  });

  test('an answer that cannot be delivered is logged and thrown, for Lambda to run the request again', async () => {
    h.responses.refuse(SEND_ATTEMPTS, 500);

    const { result, thrown } = await h.invoke(h.event('Create'));

    expect(thrown).toBeInstanceOf(ResponseNotSentError);
    expect(result?.response).toMatchObject({ sent: false, attempts: SEND_ATTEMPTS });
    expect(h.logs.at(-1)?.level).toBe('error');
  });
});

test('a defect of the function is answered FAILED (Delete: SUCCESS), never left unanswered', async () => {
  const handler = createHandler({
    clients: (): Clients => {
      throw new TypeError('cannot create the client');
    },
    log: () => undefined,
    timing: FAST,
  });

  await handler(h.event('Create'));
  await handler(h.event('Delete'));

  expect(h.responses.accepted().map((a) => [a.Status, a.Reason, a.PhysicalResourceId])).toEqual([
    ['FAILED', 'unexpected error: TypeError: cannot create the client', PHYSICAL_ID],
    ['SUCCESS', 'unexpected error: TypeError: cannot create the client (Delete: nothing was changed)', PHYSICAL_ID],
  ]);
});
