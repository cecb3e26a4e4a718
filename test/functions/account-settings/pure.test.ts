import { backoffDelay, RETRY_MAX_DELAY_MS } from '../../../lib/functions/account-settings/clients';
import { parseRequest } from '../../../lib/functions/account-settings/event';
import { jobToken } from '../../../lib/functions/account-settings/macie-job';
import { BASELINE_PASSWORD_POLICY, parseProperties } from '../../../lib/functions/account-settings/properties';
import { summarize } from '../../../lib/functions/account-settings/report';
import { buildResponse, RESPONSE_LIMIT_BYTES } from '../../../lib/functions/account-settings/response';
import { ACCOUNT, LOGICAL_ID, PHYSICAL_ID, phiJob, REGION, SERVICE_TOKEN, STACK_ID } from './harness';

const TARGET = {
  responseUrl: 'https://example.invalid/r',
  stackId: STACK_ID,
  requestId: 'r-1',
  logicalResourceId: LOGICAL_ID,
};
const request = (change: Record<string, unknown> = {}) => ({
  RequestType: 'Create',
  ResponseURL: 'https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/x?X-Amz-Signature=1',
  StackId: STACK_ID,
  RequestId: 'r-1',
  LogicalResourceId: LOGICAL_ID,
  ResourceType: 'Custom::AccountSettings',
  ServiceToken: SERVICE_TOKEN,
  ResourceProperties: {},
  ...change,
});

describe('the request', () => {
  test('the account and region come from the stack ARN', () => {
    expect(parseRequest(request())).toMatchObject({ ok: true, request: { account: ACCOUNT, region: REGION } });
  });

  test('or, when the stack id names none, from the service token', () => {
    const parsed = parseRequest(
      request({ StackId: 'clinic-stack', ServiceToken: 'arn:aws:lambda:eu-west-1:444455556666:function:f' }),
    );
    expect(parsed).toMatchObject({ ok: true, request: { account: '444455556666', region: 'eu-west-1' } });
  });

  test('a response URL that is not http(s) cannot be answered', () => {
    expect(parseRequest(request({ ResponseURL: 'file:///etc/passwd' }))).toEqual({
      ok: false,
      problems: ['event.ResponseURL: must be an http(s) URL'],
    });
  });
});

describe('properties', () => {
  test('fields left out of the password policy take the baseline values', () => {
    expect(parseProperties({ PasswordPolicy: { MinimumPasswordLength: '16' } })).toEqual({
      ok: true,
      settings: { PasswordPolicy: { ...BASELINE_PASSWORD_POLICY, MinimumPasswordLength: 16 } },
    });
    expect(BASELINE_PASSWORD_POLICY).toMatchObject({
      MinimumPasswordLength: 14,
      PasswordReusePrevention: 24,
      MaxPasswordAge: 90,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
    });
  });

  test('CloudFormation strings and JSON values read the same', () => {
    const asStrings = parseProperties({ S3AccountPublicAccessBlock: 'true', PasswordPolicy: { HardExpiry: 'false' } });
    const asValues = parseProperties({ S3AccountPublicAccessBlock: true, PasswordPolicy: { HardExpiry: false } });
    expect(asStrings).toEqual(asValues);
  });

  test.each([
    [{ PasswordPolicy: { Foo: 1 } }, 'ResourceProperties.PasswordPolicy: unknown field(s) Foo'],
    [
      { PasswordPolicy: { MaxPasswordAge: '1.5' } },
      'ResourceProperties.PasswordPolicy.MaxPasswordAge: must be an integer from 1 to 1095',
    ],
    [
      { PasswordPolicy: { PasswordReusePrevention: 25 } },
      'ResourceProperties.PasswordPolicy.PasswordReusePrevention: must be an integer from 1 to 24',
    ],
    [
      { Inspector: { ResourceTypes: ['EC2', 'EC2'] } },
      'ResourceProperties.Inspector.ResourceTypes: must not repeat a resource type',
    ],
    [{ Inspector: {} }, 'ResourceProperties.Inspector.ResourceTypes: required'],
    [
      { MacieClassificationJob: phiJob({ ScheduleFrequency: 'HOURLY' }) },
      'ResourceProperties.MacieClassificationJob.ScheduleFrequency: must be "DAILY" or "WEEKLY"',
    ],
    [
      { MacieClassificationJob: phiJob({ Name: '' }) },
      'ResourceProperties.MacieClassificationJob.Name: must not be empty',
    ],
    [
      { MacieAutomatedDiscovery: 'false' },
      'ResourceProperties.MacieAutomatedDiscovery: must be true (leave it out to leave the setting as it is; this resource never turns it off)',
    ],
    [[], 'ResourceProperties: must be an object'],
  ])('%j is refused: %s', (properties, problem) => {
    expect(parseProperties(properties)).toEqual({ ok: false, problems: [problem] });
  });
});

describe('the response document', () => {
  const answer = (reason: string, data: Record<string, string> = {}) =>
    buildResponse(TARGET, { status: 'FAILED', reason, physicalResourceId: PHYSICAL_ID, data });

  test('a long reason is shortened so the whole document fits 4096 bytes', () => {
    const reason = `PasswordPolicy: AccessDenied: ${'é'.repeat(5_000)}`;
    const doc = answer(reason, { Account: ACCOUNT });
    expect(Buffer.byteLength(JSON.stringify(doc))).toBeLessThanOrEqual(RESPONSE_LIMIT_BYTES);
    expect(Buffer.byteLength(JSON.stringify(doc))).toBeGreaterThan(RESPONSE_LIMIT_BYTES - 10);
    expect(doc.Reason.startsWith('PasswordPolicy: AccessDenied: éé')).toBe(true);
    expect(doc.Reason).toMatch(/\(shortened; the function log has the full account\)$/);
    expect(doc.Data).toEqual({ Account: ACCOUNT });
  });

  test('Data gives way, longest values first, when it leaves too little room for the reason', () => {
    const doc = answer('x'.repeat(3_000), { Big: 'b'.repeat(3_200), Small: 'kept', Account: ACCOUNT });
    expect(Buffer.byteLength(JSON.stringify(doc))).toBeLessThanOrEqual(RESPONSE_LIMIT_BYTES);
    expect(doc.Data).toEqual({ Small: 'kept', Account: ACCOUNT });
    expect(doc.Reason.length).toBeGreaterThan(1_000);
  });

  test('a document that fits is sent as it is', () => {
    expect(answer('short')).toEqual({
      Status: 'FAILED',
      Reason: 'short',
      PhysicalResourceId: PHYSICAL_ID,
      StackId: STACK_ID,
      RequestId: 'r-1',
      LogicalResourceId: LOGICAL_ID,
      Data: {},
    });
  });
});

test('Create and Update fail when any setting failed; Delete always succeeds', () => {
  const reports = [
    { setting: 'PasswordPolicy' as const, outcome: 'failed' as const, detail: 'x', error: 'E: m' },
    { setting: 'Inspector' as const, outcome: 'enabling' as const, detail: 'y' },
  ];
  const where = { account: ACCOUNT, region: REGION };
  expect(summarize('Update', reports, where)).toMatchObject({
    status: 'FAILED',
    reason: '1 setting(s) failed: PasswordPolicy: E: m | done: Inspector enabling',
  });
  expect(summarize('Delete', reports, where).status).toBe('SUCCESS');
});

describe('the classification job token', () => {
  const owner = { stackId: STACK_ID, logicalResourceId: LOGICAL_ID };
  const job = phiJob() as any;

  test('is UUID-shaped, stable, and ignores the order of the tag values', () => {
    const token = jobToken(owner, job, 0);
    expect(token).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(jobToken(owner, { ...job }, 0)).toBe(token);
    expect(jobToken(owner, { ...job, TagValues: ['Deidentified', 'PHI'] }, 0)).toBe(token);
  });

  test('changes with the job properties, the owner and the generation', () => {
    const token = jobToken(owner, job, 0);
    expect(jobToken(owner, { ...job, ScheduleFrequency: 'WEEKLY' }, 0)).not.toBe(token);
    expect(jobToken({ ...owner, logicalResourceId: 'Other' }, job, 0)).not.toBe(token);
    expect(jobToken(owner, job, 1)).not.toBe(token);
  });
});

test('backoff grows exponentially with jitter in its upper half and is capped', () => {
  expect(backoffDelay(1, 100, () => 0)).toBe(100);
  expect(backoffDelay(1, 100, () => 1)).toBe(200);
  expect(backoffDelay(20, 100, () => 1)).toBe(RETRY_MAX_DELAY_MS);
});
