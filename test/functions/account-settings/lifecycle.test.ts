import { jobToken } from '../../../lib/functions/account-settings/macie-job';
import {
  ACCOUNT,
  allProperties,
  DATA_KEY,
  Harness,
  LOGICAL_ID,
  PHYSICAL_ID,
  phiJob,
  REGION,
  STACK_ID,
} from './harness';

let h: Harness;
beforeEach(async () => {
  h = await new Harness().start();
});
afterEach(() => h.stop());

const OWNER = { stackId: STACK_ID, logicalResourceId: LOGICAL_ID };
const ALL_APPLIED = {
  PasswordPolicy: 'applied',
  EbsEncryptionByDefault: 'applied',
  S3AccountPublicAccessBlock: 'applied',
  Inspector: 'applied',
  MacieAutomatedDiscovery: 'applied',
  MacieClassificationJob: 'applied',
};

describe('Create with every setting', () => {
  test('applies each setting with the calls and parameters AWS expects', async () => {
    const event = h.event('Create');

    const { result, thrown } = await h.invoke(event);

    expect(thrown).toBeUndefined();
    expect(result?.status).toBe('SUCCESS');
    // IAM (query protocol): the whole policy, the baseline's values for the fields left out.
    expect(h.fake.calls('UpdateAccountPasswordPolicy').map((r) => r.params)).toEqual([
      {
        Action: 'UpdateAccountPasswordPolicy',
        Version: '2010-05-08',
        MinimumPasswordLength: '14',
        RequireSymbols: 'true',
        RequireNumbers: 'true',
        RequireUppercaseCharacters: 'true',
        RequireLowercaseCharacters: 'true',
        MaxPasswordAge: '90',
        PasswordReusePrevention: '24',
        AllowUsersToChangePassword: 'true',
        HardExpiry: 'false',
      },
    ]);
    // EC2: the data key first, then encryption by default on.
    const ec2Writes = h.fake.mutatingCalls().filter((r) => r.service === 'ec2');
    expect(ec2Writes.map((r) => [r.action, r.params.KmsKeyId])).toEqual([
      ['ModifyEbsDefaultKmsKeyId', DATA_KEY],
      ['EnableEbsEncryptionByDefault', undefined],
    ]);
    expect(h.fake.ebs).toEqual({ enabled: true, kmsKeyId: DATA_KEY });
    // S3 Control (REST-XML): the account from the event, in the host and the header; all four flags.
    const [put] = h.fake.calls('PutPublicAccessBlock');
    expect(put.host).toMatch(new RegExp(`^${ACCOUNT}\\.localhost:\\d+$`));
    expect(put.headers['x-amz-account-id']).toBe(ACCOUNT);
    expect(h.fake.publicAccessBlock).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    });
    // Inspector (REST-JSON): this account, the requested types; then read until ENABLED.
    expect(h.fake.calls('Enable').map((r) => r.json)).toEqual([
      {
        accountIds: [ACCOUNT],
        resourceTypes: ['EC2', 'ECR', 'LAMBDA', 'LAMBDA_CODE'],
        clientToken: expect.any(String),
      },
    ]);
    expect(h.fake.calls('BatchGetAccountStatus').length).toBeGreaterThanOrEqual(2);
    // Macie: discovery on; one scheduled job over the PHI and de-identified buckets, tagged as ours.
    expect(h.fake.calls('UpdateAutomatedDiscoveryConfiguration').map((r) => r.json)).toEqual([{ status: 'ENABLED' }]);
    expect(h.fake.calls('CreateClassificationJob').map((r) => r.json)).toEqual([
      {
        clientToken: jobToken(OWNER, phiJob() as any, 0),
        name: 'clinic-phi-discovery',
        description: expect.stringContaining('buckets tagged DataClassification = PHI or Deidentified'),
        jobType: 'SCHEDULED',
        scheduleFrequency: { dailySchedule: {} },
        initialRun: true,
        s3JobDefinition: {
          bucketCriteria: {
            includes: {
              and: [
                {
                  tagCriterion: {
                    comparator: 'EQ',
                    tagValues: [
                      { key: 'DataClassification', value: 'PHI' },
                      { key: 'DataClassification', value: 'Deidentified' },
                    ],
                  },
                },
              ],
            },
          },
        },
        tags: { 'hipaa-baseline:stack-id': STACK_ID, 'hipaa-baseline:logical-id': LOGICAL_ID },
      },
    ]);
    expect(h.fake.jobs.map((j) => j.jobStatus)).toEqual(['RUNNING']);
  });

  test('answers CloudFormation with a PUT of the response document to the pre-signed URL', async () => {
    const event = h.event('Create');

    const { answer, result } = await h.invoke(event);

    const [attempt] = h.responses.attempts;
    expect(attempt.method).toBe('PUT');
    expect(attempt.headers['content-type']).toBe('');
    expect(Number(attempt.headers['content-length'])).toBe(Buffer.byteLength(attempt.raw));
    expect(`http://${attempt.headers.host}${attempt.path}${attempt.query}`).toBe(event.ResponseURL);
    const jobId = h.fake.jobs[0].jobId;
    expect(answer).toEqual({
      Status: 'SUCCESS',
      Reason: `Create: ${Object.keys(ALL_APPLIED)
        .map((k) => `${k} applied`)
        .join(', ')}`,
      PhysicalResourceId: PHYSICAL_ID,
      StackId: STACK_ID,
      RequestId: event.RequestId,
      LogicalResourceId: LOGICAL_ID,
      Data: {
        Account: ACCOUNT,
        Region: REGION,
        ...ALL_APPLIED,
        EbsDefaultKmsKeyId: DATA_KEY,
        InspectorStatus: 'EC2=ENABLED ECR=ENABLED LAMBDA=ENABLED LAMBDA_CODE=ENABLED',
        MacieClassificationJobId: jobId,
        MacieClassificationJobStatus: 'RUNNING',
        MacieCancelledJobIds: '',
        GuardDuty: 'not-requested',
        SecurityHubStandards: 'not-requested',
      },
    });
    expect(Buffer.byteLength(attempt.raw)).toBeLessThanOrEqual(4096);
    // One JSON log line with every setting's report; the URL's signature is never logged.
    expect(h.logs).toEqual([{ level: 'info', entry: expect.objectContaining({ result }) }]);
    expect(JSON.stringify(h.logs)).not.toContain('X-Amz-Signature');
    expect(result?.settings.map((s) => [s.setting, s.outcome])).toEqual([
      ...Object.entries(ALL_APPLIED),
      ['GuardDuty', 'not-requested'],
      ['SecurityHubStandards', 'not-requested'],
    ]);
  });
});

describe('Update', () => {
  test('with the same properties changes nothing and creates no job', async () => {
    await h.invoke(h.event('Create'));
    h.fake.clearFaultsAndRequests();

    const { answer } = await h.invoke(h.event('Update'));

    expect(h.fake.mutatingCalls()).toEqual([]);
    expect(h.fake.jobs).toHaveLength(1);
    expect(answer.Status).toBe('SUCCESS');
    expect(answer.PhysicalResourceId).toBe(PHYSICAL_ID);
    expect(answer.Data).toMatchObject({
      PasswordPolicy: 'unchanged',
      EbsEncryptionByDefault: 'unchanged',
      S3AccountPublicAccessBlock: 'unchanged',
      Inspector: 'unchanged',
      MacieAutomatedDiscovery: 'unchanged',
      MacieClassificationJob: 'unchanged',
      MacieClassificationJobId: h.fake.jobs[0].jobId,
    });
  });

  test('with changed job properties creates the new job and cancels the previous one', async () => {
    const before = allProperties();
    await h.invoke(h.event('Create', before));
    const first = h.fake.jobs[0].jobId;
    h.fake.clearFaultsAndRequests();
    const after = allProperties({
      MacieClassificationJob: phiJob({ ScheduleFrequency: 'WEEKLY', TagValues: ['PHI'] }),
    });

    const { answer } = await h.invoke(h.event('Update', after, before));

    expect(h.fake.jobs.map((j) => [j.jobId, j.jobStatus])).toEqual([
      [first, 'CANCELLED'],
      [expect.not.stringMatching(first), 'RUNNING'],
    ]);
    const second = h.fake.jobs[1];
    expect(second.request).toMatchObject({
      scheduleFrequency: { weeklySchedule: { dayOfWeek: 'MONDAY' } },
      s3JobDefinition: {
        bucketCriteria: {
          includes: { and: [{ tagCriterion: { tagValues: [{ key: 'DataClassification', value: 'PHI' }] } }] },
        },
      },
    });
    expect(h.fake.calls('UpdateClassificationJob').map((r) => [r.path, r.json])).toEqual([
      [`/jobs/${first}`, { jobStatus: 'CANCELLED' }],
    ]);
    // Only the job changed: the other settings were read and left alone.
    expect(h.fake.mutatingCalls().map((r) => r.action)).toEqual(['CreateClassificationJob', 'UpdateClassificationJob']);
    expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: PHYSICAL_ID });
    expect(answer.Data).toMatchObject({
      MacieClassificationJob: 'applied',
      MacieClassificationJobId: second.jobId,
      MacieCancelledJobIds: first,
    });
  });

  test('back to properties used before: the old job stays cancelled and a fresh one runs', async () => {
    const a = allProperties();
    const b = allProperties({
      MacieClassificationJob: phiJob({ Name: 'clinic-phi-weekly', ScheduleFrequency: 'WEEKLY' }),
    });
    await h.invoke(h.event('Create', a));
    await h.invoke(h.event('Update', b, a));

    const { answer } = await h.invoke(h.event('Update', a, b));

    expect(h.fake.jobs.map((j) => [j.name, j.jobStatus])).toEqual([
      ['clinic-phi-discovery', 'CANCELLED'],
      ['clinic-phi-weekly', 'CANCELLED'],
      ['clinic-phi-discovery', 'RUNNING'],
    ]);
    expect(h.fake.jobs[2].clientToken).toBe(jobToken(OWNER, phiJob() as any, 1));
    expect(answer.Data.MacieClassificationJobId).toBe(h.fake.jobs[2].jobId);
  });

  test('settings left out of the properties are left as they are', async () => {
    const withoutJob = allProperties({ MacieClassificationJob: undefined });
    await h.invoke(h.event('Create', withoutJob));
    h.fake.clearFaultsAndRequests();
    const fewer = { ServiceToken: allProperties().ServiceToken, S3AccountPublicAccessBlock: true };

    const { answer } = await h.invoke(h.event('Update', fewer, withoutJob));

    expect(h.fake.received.map((r) => r.action)).toEqual(['GetPublicAccessBlock']);
    expect(answer.Data).toMatchObject({
      PasswordPolicy: 'not-requested',
      EbsEncryptionByDefault: 'not-requested',
      S3AccountPublicAccessBlock: 'unchanged',
      Inspector: 'not-requested',
      MacieAutomatedDiscovery: 'not-requested',
      MacieClassificationJob: 'not-requested',
    });
  });

  test('removing the classification job from the properties cancels it, and nothing else', async () => {
    await h.invoke(h.event('Create'));
    h.fake.clearFaultsAndRequests();
    const withoutJob = allProperties({ MacieClassificationJob: undefined });

    const { answer } = await h.invoke(h.event('Update', withoutJob, allProperties()));

    expect(h.fake.mutatingCalls().map((r) => r.action)).toEqual(['UpdateClassificationJob']);
    expect(h.fake.jobs.map((j) => j.jobStatus)).toEqual(['CANCELLED']);
    expect(answer.Data).toMatchObject({
      MacieClassificationJob: 'cancelled',
      MacieCancelledJobIds: h.fake.jobs[0].jobId,
    });
  });

  test('a policy weaker than what the account has is written as asked (the construct warns about it)', async () => {
    h.fake.passwordPolicy = { MinimumPasswordLength: '20', RequireSymbols: 'true' };
    const props = allProperties({ PasswordPolicy: { MinimumPasswordLength: 16 } });

    const { result } = await h.invoke(h.event('Create', { PasswordPolicy: props.PasswordPolicy }));

    expect(h.fake.passwordPolicy).toMatchObject({ MinimumPasswordLength: '16', PasswordReusePrevention: '24' });
    expect(result?.settings[0]).toMatchObject({ outcome: 'applied' });
    expect(result?.settings[0].detail).toMatch(/^changed MinimumPasswordLength, RequireNumbers, /);
  });
});

describe('Delete', () => {
  test('weakens nothing, cancels only the job this resource created, and succeeds', async () => {
    await h.invoke(h.event('Create'));
    // A job someone else created is not this resource's and stays.
    h.fake.jobs.push({
      jobId: 'f'.repeat(32),
      clientToken: 'other',
      name: 'someone-else',
      jobType: 'SCHEDULED',
      jobStatus: 'RUNNING',
      tags: {},
      request: {},
    });
    h.fake.clearFaultsAndRequests();
    const before = JSON.stringify([h.fake.passwordPolicy, h.fake.ebs, h.fake.publicAccessBlock, h.fake.inspector]);

    const { answer } = await h.invoke(h.event('Delete'));

    expect(h.fake.mutatingCalls().map((r) => [r.action, r.path])).toEqual([
      ['UpdateClassificationJob', `/jobs/${h.fake.jobs[0].jobId}`],
    ]);
    expect(JSON.stringify([h.fake.passwordPolicy, h.fake.ebs, h.fake.publicAccessBlock, h.fake.inspector])).toBe(
      before,
    );
    expect(h.fake.macieDiscovery).toBe('ENABLED');
    expect(h.fake.jobs.map((j) => j.jobStatus)).toEqual(['CANCELLED', 'RUNNING']);
    expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: PHYSICAL_ID });
    expect(answer.Data).toMatchObject({
      PasswordPolicy: 'left-in-place',
      EbsEncryptionByDefault: 'left-in-place',
      S3AccountPublicAccessBlock: 'left-in-place',
      Inspector: 'left-in-place',
      MacieAutomatedDiscovery: 'left-in-place',
      MacieClassificationJob: 'cancelled',
      MacieCancelledJobIds: h.fake.jobs[0].jobId,
    });
    expect(answer.Reason).toMatch(/^Delete: account settings left in place; /);
  });

  test('without a classification job makes no call at all', async () => {
    const { answer } = await h.invoke(h.event('Delete', allProperties({ MacieClassificationJob: undefined })));

    expect(h.fake.received).toEqual([]);
    expect(answer.Status).toBe('SUCCESS');
  });

  test('succeeds even when cancelling the job fails, and says so', async () => {
    await h.invoke(h.event('Create'));
    h.fake.fail('UpdateClassificationJob', 'AccessDeniedException', { status: 403 });

    const { answer } = await h.invoke(h.event('Delete'));

    expect(answer.Status).toBe('SUCCESS');
    expect(answer.Data.MacieClassificationJob).toBe('failed');
    expect(answer.Reason).toMatch(
      /not done: MacieClassificationJob: UpdateClassificationJob \w+ CANCELLED: AccessDeniedException: /,
    );
  });

  test('with malformed properties succeeds and changes nothing', async () => {
    const { answer } = await h.invoke(h.event('Delete', { PasswordPolicy: 'strong' }));

    expect(answer.Status).toBe('SUCCESS');
    expect(answer.Reason).toBe(
      'invalid properties: ResourceProperties.PasswordPolicy: must be an object of password policy fields (Delete: nothing was changed)',
    );
    expect(h.fake.received).toEqual([]);
  });
});
