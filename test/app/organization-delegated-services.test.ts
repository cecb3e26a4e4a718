/**
 * config/organization.example.json, synthesized offline by the global setup: the management stack registers
 * the audit account as delegated administrator of GuardDuty, Macie and Amazon Inspector (home and member
 * regions), and the audit stack sets their organisation auto-enable — both through the organization-services
 * function, each with a role allowed only what it calls.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ORGANIZATION_ASSEMBLY, ORGANIZATION_CONFIG } from '../helpers/paths';

const org = JSON.parse(readFileSync(ORGANIZATION_CONFIG, 'utf8')).organization;
const template = (stack: string) =>
  JSON.parse(readFileSync(join(ORGANIZATION_ASSEMBLY, `${stack}.template.json`), 'utf8'));
const entries = (t: any, type: string): [string, any][] =>
  Object.entries(t.Resources as Record<string, any>).filter(([, r]) => r.Type === type);

/** The custom resource of `type`, its function, and the statements of its role's managed policies. */
function customResource(t: any, type: string) {
  const [[id, resource]] = entries(t, type);
  const functionId = resource.Properties.ServiceToken['Fn::GetAtt'][0];
  const fn = t.Resources[functionId];
  const roleId = fn.Properties.Role['Fn::GetAtt'][0];
  const policies = entries(t, 'AWS::IAM::ManagedPolicy').filter(([, p]) =>
    (p.Properties.Roles ?? []).some((r: any) => r.Ref === roleId),
  );
  const statements = policies.flatMap(([, p]) => p.Properties.PolicyDocument.Statement as any[]);
  const statement = (sid: string) => statements.find((s) => s.Sid === sid);
  return { id, resource, fn, functionId, policyIds: policies.map(([pid]) => pid), statements, statement };
}

const actionsOf = (statements: any[]) => statements.flatMap((s) => [s.Action].flat()).sort();

describe('management stack: delegated administrators of GuardDuty, Macie and Amazon Inspector', () => {
  const management = template('Management');
  const { resource, fn, policyIds, statements, statement } = customResource(
    management,
    'Custom::DelegatedAdministrators',
  );

  test('registers the audit account in the home and every member region', () => {
    expect(resource.Properties).toMatchObject({
      Setting: 'DelegatedAdministrator',
      AdministratorAccountId: org.auditAccount,
      Regions: ['us-east-1', 'us-west-2'],
    });
    expect(fn.Properties.Runtime).toMatch(/^nodejs/);
    expect(fn.DependsOn).toEqual(expect.arrayContaining(policyIds));
  });

  test('its role may register, read the organisation and create only those services’ linked roles', () => {
    expect(
      actionsOf(statements.filter((s) => !['DeadLetters', 'EncryptedQueueAndEnvironment', 'Logs'].includes(s.Sid))),
    ).toEqual(
      [
        'guardduty:EnableOrganizationAdminAccount',
        'guardduty:ListOrganizationAdminAccounts',
        'iam:CreateServiceLinkedRole',
        'inspector2:EnableDelegatedAdminAccount',
        'inspector2:ListDelegatedAdminAccounts',
        'macie2:EnableOrganizationAdminAccount',
        'macie2:ListOrganizationAdminAccounts',
        'organizations:DescribeAccount',
        'organizations:DescribeOrganization',
        'organizations:DescribeOrganizationalUnit',
        'organizations:EnableAWSServiceAccess',
        'organizations:ListAWSServiceAccessForOrganization',
        'organizations:ListAccounts',
        'organizations:ListDelegatedAdministrators',
        'organizations:RegisterDelegatedAdministrator',
      ].sort(),
    );
    expect(statement('ServiceLinkedRoles')).toMatchObject({
      Resource: expect.arrayContaining([
        `arn:aws:iam::${org.managementAccount}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty`,
        `arn:aws:iam::${org.managementAccount}:role/aws-service-role/macie.amazonaws.com/AWSServiceRoleForAmazonMacie`,
        `arn:aws:iam::${org.managementAccount}:role/aws-service-role/inspector2.amazonaws.com/AWSServiceRoleForAmazonInspector2`,
      ]),
      Condition: { StringEquals: { 'iam:AWSServiceName': expect.arrayContaining(['guardduty.amazonaws.com']) } },
    });
    expect(statements.some((s) => [s.Action].flat().some((a: string) => /Disable|Deregister|Delete/.test(a)))).toBe(
      false,
    );
  });
});

describe('audit stack: organisation auto-enable for every member account', () => {
  const security = template('SecurityTooling');
  const [[detectorId]] = entries(security, 'AWS::GuardDuty::Detector');
  const { resource, statement } = customResource(security, 'Custom::OrganizationAutoEnable');

  test('auto-enables every protection plan of the detector, Macie and Inspector EC2, ECR and Lambda', () => {
    expect(resource.Properties).toMatchObject({
      Setting: 'OrganizationConfiguration',
      GuardDutyDetectorId: { Ref: detectorId },
      GuardDutyFeatures: [
        { Name: 'S3_DATA_EVENTS' },
        { Name: 'EKS_AUDIT_LOGS' },
        { Name: 'EBS_MALWARE_PROTECTION' },
        { Name: 'RDS_LOGIN_EVENTS' },
        { Name: 'LAMBDA_NETWORK_LOGS' },
        {
          Name: 'RUNTIME_MONITORING',
          AdditionalConfiguration: ['EKS_ADDON_MANAGEMENT', 'ECS_FARGATE_AGENT_MANAGEMENT', 'EC2_AGENT_MANAGEMENT'],
        },
      ],
      InspectorResourceTypes: ['EC2', 'ECR', 'LAMBDA'],
      // The member regions other than the audit stack's home region.
      OtherRegions: ['us-west-2'],
    });
    expect(resource.DependsOn).toEqual(expect.arrayContaining([detectorId]));
  });

  test('its role reads and writes only the organisation configuration, GuardDuty’s on this account’s detectors only', () => {
    expect(statement('GuardDutyOrganizationConfiguration')).toMatchObject({
      Action: ['guardduty:DescribeOrganizationConfiguration', 'guardduty:UpdateOrganizationConfiguration'],
      Resource: [
        `arn:aws:guardduty:us-west-2:${org.auditAccount}:detector/*`,
        { 'Fn::Join': ['', [`arn:aws:guardduty:us-east-1:${org.auditAccount}:detector/`, { Ref: detectorId }]] },
      ],
    });
    expect(statement('GuardDutyDetectorsOfMemberRegions')).toMatchObject({ Action: 'guardduty:ListDetectors' });
    expect(actionsOf([statement('MacieAndInspectorOrganizationConfiguration')])).toEqual([
      'inspector2:DescribeOrganizationConfiguration',
      'inspector2:UpdateOrganizationConfiguration',
      'macie2:DescribeOrganizationConfiguration',
      'macie2:UpdateOrganizationConfiguration',
    ]);
  });

  test('the audit stack waits for the management stack, which registers the administrators', () => {
    const manifest = JSON.parse(readFileSync(join(ORGANIZATION_ASSEMBLY, 'manifest.json'), 'utf8'));
    expect(manifest.artifacts.SecurityTooling.dependencies).toEqual(expect.arrayContaining(['Management']));
  });
});
