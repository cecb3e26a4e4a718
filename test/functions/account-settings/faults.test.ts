import type { Clients } from '../../../lib/functions/account-settings/clients';
import { MAX_ATTEMPTS } from '../../../lib/functions/account-settings/clients';
import { createHandler, ResponseNotSentError, SEND_ATTEMPTS } from '../../../lib/functions/account-settings/handler';
import { allProperties, FAST, Harness, PHYSICAL_ID } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await new Harness().start();
});
afterEach(() => h.stop());

describe('malformed properties: FAILED with one line per problem, nothing called', () => {
  test.each([
    [
      'a flag that is not a boolean',
      { PasswordPolicy: { RequireSymbols: 'yes' } },
      'ResourceProperties.PasswordPolicy.RequireSymbols: must be true or false',
    ],
    [
      'a length IAM does not accept',
      { PasswordPolicy: { MinimumPasswordLength: '200' } },
      'ResourceProperties.PasswordPolicy.MinimumPasswordLength: must be an integer from 6 to 128',
    ],
    ['an unknown setting', { PasswordPolicies: {} }, 'ResourceProperties.PasswordPolicies: not a known setting'],
    [
      'a key that is not an ARN',
      { EbsEncryptionByDefault: { KmsKeyArn: 'alias/aws/ebs' } },
      'ResourceProperties.EbsEncryptionByDefault.KmsKeyArn: must be a KMS key or alias ARN',
    ],
    [
      'turning the public access block off',
      { S3AccountPublicAccessBlock: 'false' },
      'ResourceProperties.S3AccountPublicAccessBlock: must be true (leave it out to leave the setting as it is; this resource never turns it off)',
    ],
    [
      'an Inspector type that does not exist',
      { Inspector: { ResourceTypes: ['EC2', 'S3'] } },
      'ResourceProperties.Inspector.ResourceTypes[1]: must be one of EC2, ECR, LAMBDA, LAMBDA_CODE',
    ],
    [
      'a job without tag values',
      {
        MacieClassificationJob: { Name: 'j', TagKey: 'DataClassification', TagValues: [], ScheduleFrequency: 'DAILY' },
      },
      'ResourceProperties.MacieClassificationJob.TagValues: must list at least one tag value',
    ],
  ])('%s', async (_name, properties, problem) => {
    const { answer, result } = await h.invoke(h.event('Create', { ServiceToken: 'x', ...properties }));

    expect(answer).toMatchObject({
      Status: 'FAILED',
      Reason: `invalid properties: ${problem}`,
      PhysicalResourceId: PHYSICAL_ID,
    });
    expect(result?.problems).toEqual([problem]);
    expect(h.fake.received).toEqual([]);
    expect(h.logs[0].level).toBe('error');
  });

  test('every problem is listed; an Update keeps its physical id', async () => {
    const event = {
      ...h.event('Update', { Inspector: { ResourceTypes: ['LAMBDA_CODE'] }, MacieAutomatedDiscovery: 1 }),
    };

    const { answer } = await h.invoke(event);

    expect(answer.Status).toBe('FAILED');
    expect(answer.PhysicalResourceId).toBe(PHYSICAL_ID);
    expect(answer.Reason).toBe(
      'invalid properties: ResourceProperties.Inspector.ResourceTypes: LAMBDA_CODE needs LAMBDA: Inspector scans Lambda code only with standard Lambda scanning on; ' +
        'ResourceProperties.MacieAutomatedDiscovery: must be true or false',
    );
  });
});

describe('malformed requests', () => {
  test('without a response URL: logged, nothing called, nothing thrown', async () => {
    const event = h.event('Create');
    delete event.ResponseURL;

    const { result, thrown } = await h.invoke(event);

    expect(result).toBeUndefined();
    expect(thrown).toBeUndefined();
    expect(h.responses.attempts).toEqual([]);
    expect(h.fake.received).toEqual([]);
    expect(h.logs).toEqual([
      { level: 'error', entry: expect.objectContaining({ problems: ['event.ResponseURL: required'] }) },
    ]);
  });

  test.each([
    [
      'an unknown request type',
      { RequestType: 'Replace' },
      'event.RequestType: must be "Create", "Update" or "Delete"',
    ],
    [
      'no account in the stack id or the service token',
      { StackId: 'clinic-security-tooling', ServiceToken: 'account-settings' },
      'event.StackId: must be a stack ARN naming the account (or ServiceToken a function ARN)',
    ],
    [
      'an Update without a physical id',
      { RequestType: 'Update', PhysicalResourceId: undefined },
      'event.PhysicalResourceId: required for Update',
    ],
  ])('answerable but %s: FAILED with the problem', async (_name, change, problem) => {
    const { answer } = await h.invoke({ ...h.event('Create'), ...change });

    expect(answer).toMatchObject({ Status: 'FAILED', Reason: `invalid request: ${problem}` });
    expect(answer.PhysicalResourceId).toMatch(/^account-settings-failed-/);
    expect(h.fake.received).toEqual([]);
  });
});

describe('a setting AWS refuses', () => {
  test('access denied on one setting: FAILED with the code and message; the others are applied and reported', async () => {
    h.fake.fail('UpdateAccountPasswordPolicy', 'AccessDenied', { status: 403 });

    const { answer } = await h.invoke(h.event('Create'));

    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toMatch(
      /^1 setting\(s\) failed: PasswordPolicy: UpdateAccountPasswordPolicy: AccessDenied: injected AccessDenied \| done: EbsEncryptionByDefault applied, S3AccountPublicAccessBlock applied, Inspector applied, MacieAutomatedDiscovery applied, MacieClassificationJob applied$/,
    );
    expect(h.fake.calls('UpdateAccountPasswordPolicy')).toHaveLength(1); // not retried
    expect(answer.Data).toMatchObject({
      PasswordPolicy: 'failed',
      EbsEncryptionByDefault: 'applied',
      Inspector: 'applied',
    });
    expect(h.fake.ebs.enabled).toBe(true);
    expect(h.fake.publicAccessBlock?.BlockPublicAcls).toBe(true);
  });

  test('a validation error names the service code', async () => {
    h.fake.fail('Enable', 'ValidationException', { status: 400 });

    const { answer } = await h.invoke(h.event('Create'));

    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toContain('Inspector: Enable: ValidationException: injected ValidationException');
  });

  test("Inspector cannot switch a type on: FAILED with Inspector's error code", async () => {
    h.fake.inspectorRefuses.set('lambdaCode', { errorCode: 'ACCESS_DENIED', errorMessage: 'no service-linked role' });

    const { answer } = await h.invoke(h.event('Create'));

    expect(answer.Status).toBe('FAILED');
    // Waiting stops at the first type that will not come on; the others are reported as they are.
    expect(answer.Data.InspectorStatus).toBe('EC2=ENABLING ECR=ENABLING LAMBDA=ENABLING LAMBDA_CODE=DISABLED');
    expect(answer.Reason).toContain(
      'Inspector: BatchGetAccountStatus: not enabled: LAMBDA_CODE DISABLED (ACCESS_DENIED: no service-linked role)',
    );
  });
});

describe('throttling', () => {
  test('is retried with backoff in every service; the run succeeds when they recover', async () => {
    h.fake.fail('UpdateAccountPasswordPolicy', 'Throttling', { times: 2 });
    h.fake.fail('EnableEbsEncryptionByDefault', 'RequestLimitExceeded', { times: 2, status: 503 });
    h.fake.fail('PutPublicAccessBlock', 'SlowDown', { times: 1, status: 503 });
    h.fake.fail('Enable', 'ThrottlingException', { times: 2, status: 429 });
    h.fake.fail('CreateClassificationJob', 'ThrottlingException', { times: 3, status: 429 });

    const { answer } = await h.invoke(h.event('Create'));

    expect(answer.Status).toBe('SUCCESS');
    expect(h.fake.calls('UpdateAccountPasswordPolicy')).toHaveLength(3);
    expect(h.fake.calls('EnableEbsEncryptionByDefault')).toHaveLength(3);
    expect(h.fake.calls('PutPublicAccessBlock')).toHaveLength(2);
    expect(h.fake.calls('Enable')).toHaveLength(3);
    expect(h.fake.calls('CreateClassificationJob')).toHaveLength(4);
    // The retried creation carried the same client token: one job.
    expect(new Set(h.fake.calls('CreateClassificationJob').map((r) => r.json.clientToken)).size).toBe(1);
    expect(h.fake.jobs).toHaveLength(1);
  });

  test('beyond the retries: FAILED naming the throttled step, the rest applied', async () => {
    h.fake.fail('UpdateAccountPasswordPolicy', 'Throttling', { times: MAX_ATTEMPTS });

    const { answer } = await h.invoke(h.event('Create'));

    expect(h.fake.calls('UpdateAccountPasswordPolicy')).toHaveLength(MAX_ATTEMPTS);
    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toMatch(/^1 setting\(s\) failed: PasswordPolicy: UpdateAccountPasswordPolicy: Throttling: /);
    expect(answer.Data.MacieClassificationJob).toBe('applied');
  });
});

test('Inspector still enabling when the wait ends: SUCCESS, reported as enabling, the wait bounded', async () => {
  h.fake.enablingReads = Infinity;
  const started = Date.now();

  const { answer, result } = await h.invoke(h.event('Create'), {
    timing: { ...FAST, pollIntervalMs: 50, inspectorWaitMs: 400 },
  });

  expect(Date.now() - started).toBeLessThan(3_000);
  expect(answer.Status).toBe('SUCCESS');
  expect(answer.Data).toMatchObject({
    Inspector: 'enabling',
    InspectorStatus: 'EC2=ENABLING ECR=ENABLING LAMBDA=ENABLING LAMBDA_CODE=ENABLING',
  });
  expect(result?.settings[3].detail).toMatch(/^still enabling when the wait ended/);
  const reads = h.fake.calls('BatchGetAccountStatus').length;
  expect(reads).toBeGreaterThanOrEqual(4);
  expect(reads).toBeLessThanOrEqual(12);
  // A later run finds it enabling, does not ask again, and waits for it.
  h.fake.enablingReads = 0;
  h.fake.clearFaultsAndRequests();
  const again = await h.invoke(h.event('Update'));
  expect(h.fake.calls('Enable')).toEqual([]);
  expect(again.answer.Data.InspectorStatus).toBe('EC2=ENABLING ECR=ENABLING LAMBDA=ENABLING LAMBDA_CODE=ENABLING');
});

describe('time', () => {
  test('a call still running at the deadline is abandoned and the answer is still sent in time', async () => {
    h.fake.slow('UpdateAccountPasswordPolicy', 60_000);
    const started = Date.now();
    const context = { getRemainingTimeInMillis: () => 5_000 };

    const { answer } = await h.invoke(h.event('Create'), { timing: { ...FAST, responseReserveMs: 3_000 }, context });

    // Abandoned at the deadline (2 s in), answered well before the invocation's end (5 s).
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toMatch(
      /PasswordPolicy: UpdateAccountPasswordPolicy: AbortError: .*abandoned at the deadline/,
    );
    expect(answer.Data).toMatchObject({
      PasswordPolicy: 'failed',
      EbsEncryptionByDefault: 'applied',
      MacieClassificationJob: 'applied',
    });
  });

  test('a step that never returns: the guard answers with what was done', async () => {
    const hanging = { send: () => new Promise(() => undefined), destroy: () => undefined };
    const clients = { ...h.clients!, iam: hanging } as unknown as Clients;
    const logged: Record<string, unknown>[] = [];
    const handler = createHandler({
      clients: () => clients,
      log: (_level, entry) => logged.push(entry),
      timing: { ...FAST, responseReserveMs: 4_000 },
    });
    const started = Date.now();

    await handler(h.event('Create'), { getRemainingTimeInMillis: () => 6_000 });

    // The deadline is 2 s in; the guard gives the steps 2 s more, then answers before the end (6 s).
    expect(Date.now() - started).toBeGreaterThanOrEqual(3_900);
    expect(Date.now() - started).toBeLessThan(6_000);
    expect(logged).toEqual([expect.objectContaining({ result: expect.objectContaining({ status: 'FAILED' }) })]);
    const [answer] = h.responses.accepted();
    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toContain('PasswordPolicy: did not finish before the invocation ran out of time');
    expect(answer.Data.S3AccountPublicAccessBlock).toBe('applied');
  });
});

describe('sending the answer', () => {
  test('a refused or dropped PUT is logged and retried', async () => {
    h.responses.refuse(1, 503);
    h.responses.drop(1);

    const { answer, result, thrown } = await h.invoke(h.event('Create'));

    expect(thrown).toBeUndefined();
    expect(result?.response).toEqual({ sent: true, attempts: 3 });
    expect(h.responses.attempts.map((a) => a.raw)).toEqual(Array(3).fill(h.responses.attempts[2].raw));
    expect(answer.Status).toBe('SUCCESS');
    const warnings = h.logs.filter((l) => l.level === 'warn').map((l) => l.entry.message);
    expect(warnings).toEqual([
      expect.stringMatching(
        /^account-settings: sending the answer failed \(attempt 1 of 3\): HTTP 503 from http:\/\/127\.0\.0\.1:\d+\/cloudformation-custom-resource-response-useast1\//,
      ),
      expect.stringMatching(/\(attempt 2 of 3\): ECONNRESET: /),
    ]);
    expect(JSON.stringify(h.logs)).not.toContain('X-Amz-Signature');
  });

  test('an answer that cannot be delivered is logged and thrown, for Lambda to run the request again', async () => {
    h.responses.refuse(SEND_ATTEMPTS, 500);

    const { result, thrown } = await h.invoke(h.event('Delete'));

    expect(thrown).toBeInstanceOf(ResponseNotSentError);
    expect(result?.response).toMatchObject({
      sent: false,
      attempts: SEND_ATTEMPTS,
      error: expect.stringMatching(/^HTTP 500 /),
    });
    expect(h.logs.at(-1)).toMatchObject({
      level: 'error',
      entry: { result: expect.objectContaining({ status: 'SUCCESS' }) },
    });
  });
});

test('a defect of the function is answered FAILED (Delete: SUCCESS), never left unanswered', async () => {
  const handler = createHandler({
    clients: () => {
      throw new TypeError('cannot create the clients');
    },
    log: () => undefined,
    timing: FAST,
  });

  await handler(h.event('Create'));
  await handler(h.event('Delete'));

  expect(h.responses.accepted().map((a) => [a.Status, a.Reason])).toEqual([
    ['FAILED', 'unexpected error: TypeError: cannot create the clients'],
    ['SUCCESS', 'unexpected error: TypeError: cannot create the clients (Delete: nothing was changed)'],
  ]);
});

test('properties given as JSON values (not strings) are accepted too', async () => {
  const { answer } = await h.invoke(
    h.event('Create', {
      ...allProperties(),
      S3AccountPublicAccessBlock: true,
      PasswordPolicy: { MinimumPasswordLength: 16 },
    }),
  );

  expect(answer.Status).toBe('SUCCESS');
  expect(h.fake.passwordPolicy?.MinimumPasswordLength).toBe('16');
});
