import { AUDIT, autoEnableProperties, Harness, MANAGEMENT, PLANS, registrationProperties, RUNTIME } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await new Harness().start();
});
afterEach(() => h.stop());

describe('delegated administrators (management account)', () => {
  const SERVICES = ['GuardDuty', 'Macie', 'Inspector'] as const;

  test('Create registers the audit account for GuardDuty, Macie and Inspector in every region', async () => {
    const { answer } = await h.invoke(h.event('Create', registrationProperties(), MANAGEMENT));

    expect(answer).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: `organization-services-${MANAGEMENT}-us-east-1`,
    });
    for (const region of ['us-east-1', 'us-west-2']) {
      for (const service of SERVICES) {
        expect(h.fake.adminOf(service, region)).toBe(AUDIT);
        expect(answer.Data[`${service}-${region}`]).toBe('registered');
      }
    }
    expect(h.fake.mutatingCalls().map((r) => `${r.action} ${r.region}`)).toEqual([
      'Organizations.EnableAWSServiceAccess us-east-1',
      'Organizations.RegisterDelegatedAdministrator us-east-1',
      'Organizations.EnableAWSServiceAccess us-east-1',
      'Organizations.RegisterDelegatedAdministrator us-east-1',
      'Organizations.EnableAWSServiceAccess us-east-1',
      'Organizations.RegisterDelegatedAdministrator us-east-1',
      'GuardDuty.EnableOrganizationAdminAccount us-east-1',
      'Macie.EnableOrganizationAdminAccount us-east-1',
      'Inspector.EnableDelegatedAdminAccount us-east-1',
      'GuardDuty.EnableOrganizationAdminAccount us-west-2',
      'Macie.EnableOrganizationAdminAccount us-west-2',
      'Inspector.EnableDelegatedAdminAccount us-west-2',
    ]);
  });

  test('already registered: nothing is written', async () => {
    await h.invoke(h.event('Create', registrationProperties(), MANAGEMENT));
    h.fake.clearFaultsAndRequests();

    const { answer } = await h.invoke(h.event('Update', registrationProperties(), MANAGEMENT));

    expect(answer.Status).toBe('SUCCESS');
    expect(answer.Data['Macie-us-west-2']).toBe('already-registered');
    // One read per Organizations service principal and per service and region.
    expect(h.fake.received.length).toBe(9);
    expect(h.fake.mutatingCalls()).toEqual([]);
  });

  test('AWS Config and Access Analyzer are registered through AWS Organizations, trusted access first', async () => {
    const { answer } = await h.invoke(h.event('Create', registrationProperties(), MANAGEMENT));

    expect(answer.Status).toBe('SUCCESS');
    for (const principal of [
      'config.amazonaws.com',
      'config-multiaccountsetup.amazonaws.com',
      'access-analyzer.amazonaws.com',
    ]) {
      expect(h.fake.organizationsAdministrators.get(principal)).toEqual([AUDIT]);
      expect(h.fake.trustedAccess.has(principal)).toBe(true);
      expect(answer.Data[principal]).toBe('registered');
    }
  });

  test('AWS Config takes several administrators: another one stays and the audit account is added', async () => {
    h.fake.trustedAccess.add('config.amazonaws.com');
    h.fake.organizationsAdministrators.set('config.amazonaws.com', ['444444444444']);

    const { answer } = await h.invoke(h.event('Create', registrationProperties(), MANAGEMENT));

    expect(answer.Status).toBe('SUCCESS');
    expect(h.fake.organizationsAdministrators.get('config.amazonaws.com')).toEqual(['444444444444', AUDIT]);
  });

  test('Access Analyzer takes one administrator: another one registered is FAILED naming it', async () => {
    h.fake.organizationsAdministrators.set('access-analyzer.amazonaws.com', ['444444444444']);

    const { answer } = await h.invoke(h.event('Create', registrationProperties(), MANAGEMENT));

    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toContain(
      `access-analyzer.amazonaws.com in the organisation: account 444444444444 is already the delegated administrator (wanted ${AUDIT})`,
    );
    expect(h.fake.organizationsAdministrators.get('access-analyzer.amazonaws.com')).toEqual(['444444444444']);
  });

  test('another account registered: FAILED naming it, that service left alone', async () => {
    h.fake.administrators.set('Macie us-east-1', '444444444444');

    const { answer } = await h.invoke(h.event('Create', registrationProperties(), MANAGEMENT));

    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toContain(
      `Macie in us-east-1: account 444444444444 is already the delegated administrator (wanted ${AUDIT})`,
    );
    expect(h.fake.adminOf('Macie', 'us-east-1')).toBe('444444444444');
    expect(h.fake.calls('Macie.EnableOrganizationAdminAccount')).toEqual([]);
  });

  test('Delete leaves the registrations and calls nothing', async () => {
    const { answer } = await h.invoke(h.event('Delete', registrationProperties(), MANAGEMENT));

    expect(answer.Status).toBe('SUCCESS');
    expect(answer.Reason).toContain('stay registered');
    expect(h.fake.received).toEqual([]);
  });
});

describe('organisation auto-enable (delegated administrator account)', () => {
  const properties = () => autoEnableProperties(h.fake.detectorId);

  test('Create turns auto-enable on for every member: GuardDuty plans, Macie, Inspector EC2/ECR/Lambda', async () => {
    const { answer } = await h.invoke(h.event('Create', properties()));

    expect(answer).toMatchObject({
      Status: 'SUCCESS',
      Data: { GuardDuty: 'applied', Macie: 'applied', Inspector: 'applied' },
    });
    expect(h.fake.guardDutyMembers).toBe('ALL');
    const features = Object.fromEntries(h.fake.guardDutyFeatures.map((f) => [f.name, f]));
    for (const plan of [...PLANS, 'RUNTIME_MONITORING']) expect(features[plan]?.autoEnable).toBe('ALL');
    expect(features.RUNTIME_MONITORING.additionalConfiguration).toEqual(
      RUNTIME.map((name) => ({ name, autoEnable: 'ALL' })),
    );
    expect(h.fake.macieAutoEnable).toBe(true);
    // lambdaCode is not the baseline's to decide: kept as it was.
    expect(h.fake.inspectorAutoEnable).toEqual({ ec2: true, ecr: true, lambda: true, lambdaCode: false });
  });

  test('member regions other than the stack region: their detector is looked up and each service set there', async () => {
    const { answer } = await h.invoke(h.event('Create', { ...properties(), OtherRegions: ['us-west-2'] }));

    expect(answer.Status).toBe('SUCCESS');
    expect(Object.keys(answer.Data)).toEqual(
      expect.arrayContaining(['GuardDuty-us-west-2', 'Macie-us-west-2', 'Inspector-us-west-2']),
    );
    const west = h.fake.received.filter((r) => r.region === 'us-west-2').map((r) => r.action);
    expect(west).toEqual(
      expect.arrayContaining([
        'GuardDuty.ListDetectors',
        'GuardDuty.DescribeOrganizationConfiguration',
        'Macie.DescribeOrganizationConfiguration',
        'Inspector.DescribeOrganizationConfiguration',
      ]),
    );
    // The detector ListDetectors named is the one configured there.
    const describe = h.fake.received.find(
      (r) => r.region === 'us-west-2' && r.action === 'GuardDuty.DescribeOrganizationConfiguration',
    );
    expect(describe?.path).toBe(`/detector/${h.fake.detectorId}/admin`);
  });

  test('a member region without a detector: FAILED naming the region and saying to deploy Management first', async () => {
    h.fake.regionsWithoutDetector.add('eu-west-1');

    const { answer } = await h.invoke(h.event('Create', { ...properties(), OtherRegions: ['eu-west-1'] }));

    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toContain('GuardDuty ListDetectors (eu-west-1)');
    expect(answer.Reason).toContain('no detector in eu-west-1');
    expect(answer.Reason).toContain('deploy the Management stack first');
  });

  test('already set: read only, nothing written', async () => {
    await h.invoke(h.event('Create', properties()));
    h.fake.clearFaultsAndRequests();

    const { answer } = await h.invoke(h.event('Update', properties()));

    expect(answer.Data).toMatchObject({ GuardDuty: 'unchanged', Macie: 'unchanged', Inspector: 'unchanged' });
    expect(h.fake.received.length).toBe(3);
    expect(h.fake.mutatingCalls()).toEqual([]);
  });

  test('one difference: only that service is written', async () => {
    await h.invoke(h.event('Create', properties()));
    h.fake.guardDutyFeatures.find((f) => f.name === 'RUNTIME_MONITORING')!.additionalConfiguration![2].autoEnable =
      'NEW';
    h.fake.clearFaultsAndRequests();

    const { answer } = await h.invoke(h.event('Update', properties()));

    expect(answer.Data).toMatchObject({ GuardDuty: 'applied', Macie: 'unchanged', Inspector: 'unchanged' });
    expect(h.fake.mutatingCalls().map((r) => r.action)).toEqual(['GuardDuty.UpdateOrganizationConfiguration']);
  });

  test('not the delegated administrator: FAILED saying to deploy the Management stack first', async () => {
    h.fake.administrator = false;

    const { answer } = await h.invoke(h.event('Create', properties()));

    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toContain('GuardDuty DescribeOrganizationConfiguration');
    expect(answer.Reason).toContain(
      `if account ${AUDIT} is not yet GuardDuty's delegated administrator in us-east-1, deploy the Management stack first`,
    );
    expect(answer.Reason).toContain('BadRequestException');
    expect(h.fake.mutatingCalls()).toEqual([]);
  });

  test('Macie refusing a non-administrator is named the same way', async () => {
    h.fake.fail('Macie.DescribeOrganizationConfiguration', 'AccessDeniedException', { status: 403 });

    const { answer } = await h.invoke(h.event('Create', properties()));

    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toMatch(
      /^Macie DescribeOrganizationConfiguration \(Macie refused .*deploy the Management stack first/,
    );
  });

  test('throttling is retried', async () => {
    h.fake.fail('Inspector.DescribeOrganizationConfiguration', 'ThrottlingException', { times: 2, status: 429 });
    h.fake.fail('GuardDuty.UpdateOrganizationConfiguration', 'TooManyRequestsException', { times: 1, status: 429 });

    const { answer } = await h.invoke(h.event('Create', properties()));

    expect(answer.Status).toBe('SUCCESS');
    expect(h.fake.calls('Inspector.DescribeOrganizationConfiguration').length).toBe(3);
    expect(h.fake.calls('GuardDuty.UpdateOrganizationConfiguration').length).toBe(2);
    expect(h.fake.inspectorAutoEnable.ec2).toBe(true);
  });

  test('Delete leaves auto-enable on and calls nothing', async () => {
    const { answer } = await h.invoke(h.event('Delete', properties()));

    expect(answer.Status).toBe('SUCCESS');
    expect(answer.Reason).toContain('auto-enable stays on');
    expect(h.fake.received).toEqual([]);
  });

  test.each([
    [{ Setting: undefined }, 'ResourceProperties.Setting: required'],
    [
      { InspectorResourceTypes: ['EC2', 'EKS'] },
      'ResourceProperties.InspectorResourceTypes[1]: must be EC2, ECR or LAMBDA',
    ],
    [
      { GuardDutyDetectorId: 'Not A Detector' },
      'ResourceProperties.GuardDutyDetectorId: must be a GuardDuty detector id',
    ],
  ])('malformed properties %j: FAILED naming the field, nothing called', async (change, problem) => {
    const { answer } = await h.invoke(h.event('Create', { ...properties(), ...change }));

    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toBe(`invalid properties: ${problem}`);
    expect(h.fake.received).toEqual([]);
  });
});
