/**
 * What the account-settings resource asks for follows `accountServices`: `create` leaves GuardDuty and Security
 * Hub to the stack's own resources, `existing` configures the account's detector and hub, `organization`
 * leaves Inspector and Macie to the delegated administrator — with the IAM permissions following suit.
 */
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { AccountServicesConfig } from '../../lib/config/account-services-schema';
import { parseConfig } from '../../lib/config/load';
import { AccountHardening } from '../../lib/constructs/account-hardening';
import { BaselineKey } from '../../lib/constructs/baseline-key';
import { guardDutyFeatures } from '../../lib/constructs/threat-detection';
import { testApp } from '../helpers/app';

type Services = Pick<AccountServicesConfig, 'guardDuty' | 'securityHub' | 'macie' | 'inspector'>;

function build(services: Services) {
  const stack = new Stack(testApp(), 'Security', { env: { account: '111122223333', region: 'us-east-1' } });
  const config = parseConfig({});
  new AccountHardening(stack, 'Hardening', {
    passwordPolicy: config.detection.passwordPolicy,
    ebsKey: new kms.Key(stack, 'Ebs'),
    macieTagValues: ['PHI'],
    services,
    guardDuty: {
      features: guardDutyFeatures({
        ...config.detection,
        guardDuty: { ...config.detection.guardDuty, eksAuditLogs: false },
      }),
      findingsBucket: new s3.Bucket(stack, 'Findings'),
      findingsKey: new kms.Key(stack, 'FindingsKey'),
    },
    securityHubStandardArns: ['arn:aws:securityhub:us-east-1::standards/nist-800-53/v/5.0.0'],
    encryptionKey: new BaselineKey(stack, 'K', { purpose: 'alerts', namePrefix: 'hipaa' }),
    logRetentionDays: 365,
  });
  const template = Template.fromStack(stack).toJSON();
  const resources = Object.values(template.Resources as Record<string, any>);
  const properties = resources.find((r) => r.Type === 'Custom::AccountSettings').Properties;
  const actions = resources
    .filter((r) => r.Type === 'AWS::IAM::ManagedPolicy')
    .flatMap((r) => r.Properties.PolicyDocument.Statement)
    .flatMap((s: any) => [s.Action].flat());
  return { properties, actions };
}

test('create: GuardDuty and Security Hub are left to the stack resources; nothing to do for them here', () => {
  const { properties, actions } = build({
    guardDuty: 'create',
    securityHub: 'create',
    macie: 'create',
    inspector: 'create',
  });
  expect(properties.GuardDuty).toBeUndefined();
  expect(properties.SecurityHubStandards).toBeUndefined();
  expect(properties.Inspector).toBeDefined();
  expect(properties.MacieAutomatedDiscovery).toBe(true);
  expect(actions.filter((a: string) => /^(guardduty|securityhub):/.test(a))).toEqual([]);
});

test('existing: the detector gets only the enabled plans (never one switched off) and the hub its standards', () => {
  const { properties, actions } = build({
    guardDuty: 'existing',
    securityHub: 'existing',
    macie: 'existing',
    inspector: 'existing',
  });
  const names = properties.GuardDuty.Features.map((f: any) => f.Name);
  expect(names).toContain('S3_DATA_EVENTS');
  expect(names).not.toContain('EKS_AUDIT_LOGS');
  expect(properties.GuardDuty.Features.find((f: any) => f.Name === 'RUNTIME_MONITORING')).toEqual({
    Name: 'RUNTIME_MONITORING',
    AdditionalConfiguration: ['EKS_ADDON_MANAGEMENT', 'ECS_FARGATE_AGENT_MANAGEMENT', 'EC2_AGENT_MANAGEMENT'],
  });
  expect(properties.SecurityHubStandards).toEqual({
    StandardsArns: ['arn:aws:securityhub:us-east-1::standards/nist-800-53/v/5.0.0'],
  });
  expect(actions).toEqual(
    expect.arrayContaining([
      'guardduty:ListDetectors',
      'guardduty:UpdateDetector',
      'guardduty:CreatePublishingDestination',
      'securityhub:BatchEnableStandards',
    ]),
  );
});

test('organization: Inspector and Macie are left to the delegated administrator, with no permission for them', () => {
  const { properties, actions } = build({
    guardDuty: 'organization',
    securityHub: 'organization',
    macie: 'organization',
    inspector: 'organization',
  });
  for (const setting of [
    'Inspector',
    'MacieAutomatedDiscovery',
    'MacieClassificationJob',
    'GuardDuty',
    'SecurityHubStandards',
  ]) {
    expect([setting, properties[setting]]).toEqual([setting, undefined]);
  }
  expect(properties.PasswordPolicy).toBeDefined();
  expect(actions.filter((a: string) => /^(guardduty|securityhub|macie2|inspector2):/.test(a))).toEqual([]);
});
