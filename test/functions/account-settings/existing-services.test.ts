/**
 * GuardDuty and Security Hub that already exist in the account (`accountServices: existing`): the function
 * switches on what the baseline asks for on the account's detector and hub, and never turns anything off.
 */
import { ACCOUNT, Harness, REGION, SERVICE_TOKEN } from './harness';

const BUCKET = 'arn:aws:s3:::clinic-security-findings-111122223333';
const KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/0000abcd-12ab-34cd-56ef-1234567890ab`;
const FSBP = `arn:aws:securityhub:${REGION}::standards/aws-foundational-security-best-practices/v/1.0.0`;
const NIST = `arn:aws:securityhub:${REGION}::standards/nist-800-53/v/5.0.0`;
const CIS = `arn:aws:securityhub:${REGION}::standards/cis-aws-foundations-benchmark/v/3.0.0`;

const guardDuty = (overrides: Record<string, unknown> = {}) => ({
  Features: [
    { Name: 'S3_DATA_EVENTS' },
    { Name: 'RUNTIME_MONITORING', AdditionalConfiguration: ['EC2_AGENT_MANAGEMENT', 'ECS_FARGATE_AGENT_MANAGEMENT'] },
  ],
  FindingPublishingFrequency: 'FIFTEEN_MINUTES',
  FindingsExport: { DestinationArn: BUCKET, KmsKeyArn: KEY },
  ...overrides,
});
const properties = (settings: Record<string, unknown>) => ({ ServiceToken: SERVICE_TOKEN, ...settings });

let h: Harness;
beforeEach(async () => {
  h = await new Harness().start();
  h.fake.detector = {
    id: '12abc34d567e8fa901bc2d34eexample',
    frequency: 'SIX_HOURS',
    features: [
      { name: 'S3_DATA_EVENTS', status: 'DISABLED' },
      { name: 'EKS_AUDIT_LOGS', status: 'ENABLED' },
      {
        name: 'RUNTIME_MONITORING',
        status: 'ENABLED',
        additionalConfiguration: [
          { name: 'EC2_AGENT_MANAGEMENT', status: 'DISABLED' },
          { name: 'ECS_FARGATE_AGENT_MANAGEMENT', status: 'ENABLED' },
        ],
      },
    ],
    destinations: [],
  };
});
afterEach(() => h.stop());

describe('GuardDuty (existing detector)', () => {
  test('enables the missing plans, sets the frequency, creates the export, and leaves other plans on', async () => {
    const { result } = await h.invoke(h.event('Create', properties({ GuardDuty: guardDuty() })));

    expect(result?.status).toBe('SUCCESS');
    const update = h.fake.calls('UpdateDetector')[0].json;
    expect(update.findingPublishingFrequency).toBe('FIFTEEN_MINUTES');
    // Only what was not on, and never a DISABLED status: EKS_AUDIT_LOGS (not requested) is not touched.
    expect(update.features.map((f: any) => [f.name, f.status])).toEqual([
      ['S3_DATA_EVENTS', 'ENABLED'],
      ['RUNTIME_MONITORING', 'ENABLED'],
    ]);
    expect(JSON.stringify(update)).not.toContain('DISABLED');
    expect(h.fake.detector!.features.find((f) => f.name === 'EKS_AUDIT_LOGS')?.status).toBe('ENABLED');
    expect(h.fake.detector!.destinations).toEqual([{ id: 'dest-1', arn: BUCKET, kmsKeyArn: KEY }]);
    expect(result?.data).toMatchObject({
      GuardDuty: 'applied',
      GuardDutyDetectorId: '12abc34d567e8fa901bc2d34eexample',
      GuardDutyFindingsExport: BUCKET,
    });
  });

  test('a second run finds everything as requested and changes nothing', async () => {
    await h.invoke(h.event('Create', properties({ GuardDuty: guardDuty() })));
    h.fake.clearFaultsAndRequests();

    const { result } = await h.invoke(h.event('Update', properties({ GuardDuty: guardDuty() })));

    expect(result?.data.GuardDuty).toBe('unchanged');
    expect(h.fake.mutatingCalls()).toEqual([]);
  });

  test("an organisation's export to another bucket is left in place and reported", async () => {
    h.fake.detector!.destinations.push({ id: 'org', arn: 'arn:aws:s3:::org-central-findings', kmsKeyArn: KEY });

    const { result } = await h.invoke(h.event('Create', properties({ GuardDuty: guardDuty() })));

    expect(result?.status).toBe('SUCCESS');
    expect(h.fake.calls('CreatePublishingDestination')).toEqual([]);
    expect(result?.data.GuardDutyFindingsExport).toBe('arn:aws:s3:::org-central-findings');
    const report = result?.settings.find((s) => s.setting === 'GuardDuty');
    expect(report?.detail).toContain('left in place');
  });

  test('no detector fails the setting and names the mode to use', async () => {
    h.fake.detector = undefined;

    const { result, answer } = await h.invoke(h.event('Create', properties({ GuardDuty: guardDuty() })));

    expect(result?.status).toBe('FAILED');
    expect(answer.Reason).toContain('set accountServices.guardDuty to "create"');
  });

  test('a member account refused by GuardDuty fails with the service message; other settings still apply', async () => {
    h.fake.fail('UpdateDetector', 'BadRequestException', { status: 400 });

    const { result, answer } = await h.invoke(
      h.event('Create', properties({ GuardDuty: guardDuty(), S3AccountPublicAccessBlock: 'true' })),
    );

    expect(result?.status).toBe('FAILED');
    expect(answer.Reason).toContain('GuardDuty: UpdateDetector: BadRequestException');
    expect(result?.data.S3AccountPublicAccessBlock).toBe('applied');
  });

  test('throttling is retried until the detector is updated', async () => {
    h.fake.fail('GetDetector', 'ThrottlingException', { times: 2 });

    const { result } = await h.invoke(h.event('Create', properties({ GuardDuty: guardDuty() })));

    expect(result?.data.GuardDuty).toBe('applied');
    expect(h.fake.calls('GetDetector')).toHaveLength(3);
  });
});

describe('Security Hub standards (existing hub)', () => {
  test('enables only the standards that are missing or failed; others stay', async () => {
    h.fake.securityHub!.set(FSBP, 'READY').set(NIST, 'FAILED').set(CIS, 'READY');

    const { result } = await h.invoke(
      h.event('Create', properties({ SecurityHubStandards: { StandardsArns: [FSBP, NIST] } })),
    );

    expect(result?.data.SecurityHubStandards).toBe('applied');
    expect(h.fake.calls('BatchEnableStandards').map((r) => r.json)).toEqual([
      { StandardsSubscriptionRequests: [{ StandardsArn: NIST }] },
    ]);
    expect(h.fake.securityHub!.get(CIS)).toBe('READY');
  });

  test('reads every page of the enabled standards before deciding', async () => {
    h.fake.standardsPageSize = 1;
    h.fake.securityHub!.set(CIS, 'READY').set(FSBP, 'READY').set(NIST, 'PENDING');

    const { result } = await h.invoke(
      h.event('Create', properties({ SecurityHubStandards: { StandardsArns: [NIST, FSBP] } })),
    );

    expect(result?.data.SecurityHubStandards).toBe('unchanged');
    expect(h.fake.calls('GetEnabledStandards')).toHaveLength(3);
    expect(h.fake.calls('BatchEnableStandards')).toEqual([]);
  });

  test('a hub that is not enabled fails the setting with the service error', async () => {
    h.fake.securityHub = undefined;

    const { result, answer } = await h.invoke(
      h.event('Create', properties({ SecurityHubStandards: { StandardsArns: [FSBP] } })),
    );

    expect(result?.status).toBe('FAILED');
    expect(answer.Reason).toContain('SecurityHubStandards: GetEnabledStandards: InvalidAccessException');
  });

  test('a subscription Security Hub reports FAILED fails the setting', async () => {
    h.fake.standardsRefused.add(NIST);

    const { result, answer } = await h.invoke(
      h.event('Create', properties({ SecurityHubStandards: { StandardsArns: [FSBP, NIST] } })),
    );

    expect(result?.status).toBe('FAILED');
    expect(answer.Reason).toContain('nist-800-53/v/5.0.0 INTERNAL_ERROR');
  });
});

describe('bad properties are refused before any call, each named', () => {
  test.each([
    [
      { GuardDuty: guardDuty({ FindingPublishingFrequency: 'HOURLY' }) },
      'ResourceProperties.GuardDuty.FindingPublishingFrequency',
    ],
    [
      { GuardDuty: guardDuty({ Features: [{ Name: 's3 data' }] }) },
      'ResourceProperties.GuardDuty.Features[0].Name: must be a GuardDuty feature name',
    ],
    [
      { GuardDuty: guardDuty({ Features: [{ Name: 'S3_DATA_EVENTS' }, { Name: 'S3_DATA_EVENTS' }] }) },
      'ResourceProperties.GuardDuty.Features: must not repeat a feature',
    ],
    [
      { GuardDuty: guardDuty({ FindingsExport: { DestinationArn: 'my-bucket', KmsKeyArn: KEY } }) },
      'ResourceProperties.GuardDuty.FindingsExport.DestinationArn: must be an S3 bucket ARN',
    ],
    [
      { SecurityHubStandards: { StandardsArns: [] } },
      'ResourceProperties.SecurityHubStandards.StandardsArns: must name at least one standard',
    ],
    [
      { SecurityHubStandards: { StandardsArns: ['nist'] } },
      'ResourceProperties.SecurityHubStandards.StandardsArns[0]: must be a Security Hub standard ARN',
    ],
  ])('%j', async (settings, message) => {
    const { result, answer } = await h.invoke(h.event('Create', properties(settings)));

    expect(result?.status).toBe('FAILED');
    expect(answer.Reason).toContain(message);
    expect(h.fake.received).toEqual([]);
  });
});
