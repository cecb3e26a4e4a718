import { parseConfig } from '../../lib/config/load';
import { defaultTemplateJson } from '../helpers/assembly';
import { byPath, flat } from '../helpers/template-query';
import { PrivilegedAccess } from '../../lib/constructs/privileged-access';
import { Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { AccountHardening } from '../../lib/constructs/account-hardening';
import { BaselineKey } from '../../lib/constructs/baseline-key';
import { testApp } from '../helpers/app';

describe('PrivilegedAccess (default baseline)', () => {
  const template = defaultTemplateJson('SecurityTooling');

  test('the administrator role can be assumed only with MFA no older than an hour', () => {
    const [, resource] = byPath(template, 'PrivilegedAccess/AdministratorRole/Resource');
    expect(resource.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      expect.objectContaining({
        Action: 'sts:AssumeRole',
        Condition: {
          Bool: { 'aws:MultiFactorAuthPresent': 'true' },
          NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' },
        },
      }),
    ]);
    expect(resource.Properties.MaxSessionDuration).toBe(3600);
  });

  test('break-glass trust is distinct: only IAM users on the break-glass path, with MFA', () => {
    const [, admin] = byPath(template, 'PrivilegedAccess/AdministratorRole/Resource');
    const [, resource] = byPath(template, 'PrivilegedAccess/BreakGlassRole/Resource');
    const trust = resource.Properties.AssumeRolePolicyDocument;
    expect(trust).not.toEqual(admin.Properties.AssumeRolePolicyDocument);
    expect(trust.Statement).toHaveLength(1);
    expect(trust.Statement[0].Condition).toMatchObject({
      Bool: { 'aws:MultiFactorAuthPresent': 'true' },
      NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' },
    });
    expect(flat(trust.Statement[0].Condition.ArnLike['aws:PrincipalArn'])).toBe(
      'arn:<AWS::Partition>:iam::<AWS::AccountId>:user/break-glass/*',
    );
    expect(resource.Properties.MaxSessionDuration).toBe(3600);
  });

  test('human principals are denied everything but MFA self-management without MFA', () => {
    const [, policy] = byPath(template, 'PrivilegedAccess/RequireMfa/Resource');
    const deny = policy.Properties.PolicyDocument.Statement.find((s: any) => s.Sid === 'DenyAllWithoutMfa');
    expect(deny).toMatchObject({
      Effect: 'Deny',
      Resource: '*',
      Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
    });
    expect(deny.NotAction).toEqual(expect.arrayContaining(['iam:EnableMFADevice', 'sts:GetSessionToken']));
    expect(deny.NotAction).not.toContain('s3:GetObject');
  });
});

describe('PrivilegedAccess with IAM Identity Center and named break-glass users', () => {
  const stack = new Stack(testApp(), 'Access');
  const access = new PrivilegedAccess(stack, 'Access', {
    namePrefix: 'clinic',
    mfaMaxAgeSeconds: 3600,
    identityCenterPermissionSets: ['PlatformAdmin'],
    breakGlassPrincipalArns: ['arn:aws:iam::111122223333:user/emergency/alice'],
  });
  const trust = (role: any) => stack.resolve(role.assumeRolePolicy.toJSON()).Statement;

  test('Identity Center sessions of the named permission set may assume the administrator role (no MFA key there)', () => {
    const statements = trust(access.administratorRole);
    expect(statements).toHaveLength(2);
    const sso = statements.find((s: any) => s.Sid === 'IdentityCenterPlatformAdmin');
    expect(sso.Condition).toEqual({
      ArnLike: {
        'aws:PrincipalArn': {
          'Fn::Join': [
            '',
            [
              'arn:',
              { Ref: 'AWS::Partition' },
              ':iam::',
              { Ref: 'AWS::AccountId' },
              ':role/aws-reserved/sso.amazonaws.com/*AWSReservedSSO_PlatformAdmin_*',
            ],
          ],
        },
      },
    });
  });

  test('break-glass admits exactly the named users, with MFA, and never Identity Center', () => {
    const [statement] = trust(access.breakGlassRole);
    expect(trust(access.breakGlassRole)).toHaveLength(1);
    expect(statement.Condition.ArnLike['aws:PrincipalArn']).toEqual(['arn:aws:iam::111122223333:user/emergency/alice']);
    expect(statement.Condition.Bool).toEqual({ 'aws:MultiFactorAuthPresent': 'true' });
    expect(JSON.stringify(statement)).not.toContain('sso.amazonaws.com');
  });

  test('bad principals are named in the configuration error', () => {
    expect(() =>
      parseConfig({
        detection: { privilegedAccess: { breakGlassPrincipalArns: ['arn:aws:iam::111122223333:role/x'] } },
      }),
    ).toThrow(
      'hipaaBaseline.detection.privilegedAccess.breakGlassPrincipalArns[0]: must be the ARN of an IAM user (arn:aws:iam::<account>:user/<path/name>)',
    );
  });
});

describe('password policy strength (AccountHardening)', () => {
  function warnings(passwordPolicy: Record<string, unknown>): string[] {
    const stack = new Stack(testApp(), 'Security');
    const hardening = new AccountHardening(stack, 'Hardening', {
      passwordPolicy: parseConfig({ detection: { passwordPolicy } }).detection.passwordPolicy,
      ebsKey: new kms.Key(stack, 'D'),
      macieTagValues: ['PHI'],
      macieSession: new Construct(stack, 'Macie'),
      services: { guardDuty: 'create', securityHub: 'create', macie: 'create', inspector: 'create' },
      guardDuty: { features: [], findingsBucket: new s3.Bucket(stack, 'F'), findingsKey: new kms.Key(stack, 'FK') },
      securityHubStandardArns: [],
      encryptionKey: new BaselineKey(stack, 'K', { purpose: 'alerts', namePrefix: 'hipaa' }),
      logRetentionDays: 365,
    });
    return hardening.node.metadata.filter((m) => m.type === 'aws:cdk:warning').map((m) => String(m.data));
  }

  test('a policy weaker than the baseline raises the acknowledgeable warning naming each weaker field', () => {
    const [warning] = warnings({ minimumLength: 10, requireSymbols: false });
    expect(warning).toContain('minimumLength 10 < 14');
    expect(warning).toContain('requireSymbols false');
    expect(warning).toContain('[ack: Annotation::HIPAABaseline-WeakPasswordPolicy]');
  });

  test('the baseline policy (or a stronger one) raises none', () => {
    expect(warnings({ minimumLength: 20 })).toEqual([]);
  });
});
