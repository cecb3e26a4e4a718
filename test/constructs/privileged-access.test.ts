import { parseConfig } from '../../lib/config/load';
import { defaultTemplateJson } from '../helpers/assembly';
import { byPath } from '../helpers/template-query';
import { Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { AccountHardening } from '../../lib/constructs/account-hardening';
import { BaselineKey } from '../../lib/constructs/baseline-key';
import { testApp } from '../helpers/app';

describe('PrivilegedAccess (default baseline)', () => {
  const template = defaultTemplateJson('SecurityTooling');

  test.each(['AdministratorRole', 'BreakGlassRole'])(
    '%s can be assumed only with MFA no older than an hour',
    (role) => {
      const [, resource] = byPath(template, `PrivilegedAccess/${role}/Resource`);
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
    },
  );

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

describe('password policy strength (AccountHardening)', () => {
  function warnings(passwordPolicy: Record<string, unknown>): string[] {
    const stack = new Stack(testApp(), 'Security');
    const hardening = new AccountHardening(stack, 'Hardening', {
      passwordPolicy: parseConfig({ detection: { passwordPolicy } }).detection.passwordPolicy,
      ebsKey: new kms.Key(stack, 'D'),
      macieTagValues: ['PHI'],
      macieSession: new Construct(stack, 'Macie'),
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
