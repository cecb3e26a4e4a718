import { parseConfig } from '../../lib/config/load';
import { defaultTemplateJson } from '../helpers/assembly';
import { byPath } from '../helpers/template-query';
import { SecurityToolingStack } from '../../lib/stacks/security-tooling-stack';
import { testApp } from '../helpers/app';
import { Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';

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

describe('password policy strength', () => {
  function warnings(passwordPolicy: Record<string, unknown>): string[] {
    const app = testApp();
    const deps = new Stack(app, 'Deps');
    const stack = new SecurityToolingStack(app, 'Security', {
      config: parseConfig({ detection: { passwordPolicy } }),
      trailLogGroup: new logs.LogGroup(deps, 'G'),
      findingsBucket: new s3.Bucket(deps, 'B'),
      findingsKey: new kms.Key(deps, 'K'),
      dataKey: new kms.Key(deps, 'D'),
    });
    return stack.node.metadata.filter((m) => m.type === 'aws:cdk:warning').map((m) => String(m.data));
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
