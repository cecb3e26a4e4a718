import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCheck } from '../../../lib/cli/check/command';
import { renderText } from '../../../lib/cli/check/render';
import { checkPaths, ruleAndResource, tempDir } from '../../helpers/check';

const retained = { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' };
const reason = 'Reviewed: this exception is documented in the risk register.';

/** Checks one template given as an object. */
function check(template: Record<string, unknown>) {
  const file = join(tempDir(), 'stack.template.json');
  writeFileSync(file, JSON.stringify(template));
  return checkPaths([file]);
}

describe('check on final templates', () => {
  test('a weak cross-stack reference (Fn::GetStackOutput) loads, and the packs still judge the resource', () => {
    const result = check({
      Resources: {
        Topic: {
          Type: 'AWS::SNS::Topic',
          Properties: { DisplayName: { 'Fn::GetStackOutput': { StackName: 'Other', OutputName: 'Name' } } },
        },
      },
    });
    expect(ruleAndResource(result)).toContain('HIPAA.Security-SNSEncryptedKMS Topic');
    expect(ruleAndResource(result)).not.toContain('HIPAABaseline-TemplateLoadable (template)');
  });

  test('functions cloudformation-include does not parse (Fn::Length, Fn::ToJsonString) are treated as unknown values', () => {
    const result = check({
      Transform: 'AWS::LanguageExtensions',
      Resources: {
        Queue: { Type: 'AWS::SQS::Queue', Properties: { DelaySeconds: { 'Fn::Length': [1, 2] } } },
        Topic: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: { 'Fn::ToJsonString': { a: 1 } } } },
      },
    });
    expect(ruleAndResource(result)).toEqual(
      expect.arrayContaining(['AwsSolutions-SQS3 Queue', 'HIPAA.Security-SNSEncryptedKMS Topic']),
    );
  });

  test('a template the packs cannot load is an error finding, not a silent pass; own rules still run', () => {
    const result = check({
      Resources: { Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { Ref: 'Missing' } } } },
    });
    expect(ruleAndResource(result)).toEqual([
      'HIPAABaseline-TemplateLoadable (template)',
      'HIPAABaseline-CustomerManagedEncryption Bucket',
      'HIPAABaseline-S3BucketAclsDisabled Bucket',
      'HIPAABaseline-S3BucketPublicAccessBlocked Bucket',
      'HIPAABaseline-StatefulResourceRetained Bucket',
    ]);
    expect(result.findings[0].message).toContain("logical ID: 'Missing' not found");
  });

  test('Fn::ForEach cannot be expanded offline: an error finding', () => {
    const result = check({
      Transform: 'AWS::LanguageExtensions',
      Resources: { 'Fn::ForEach::Topics': ['Name', ['A', 'B'], { 'Topic${Name}': { Type: 'AWS::SNS::Topic' } }] },
    });
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0].message).toContain('Fn::ForEach');
  });

  test('an acknowledgement with a short reason suppresses nothing and is itself an error', () => {
    const result = check({
      Resources: {
        Key: {
          Type: 'AWS::KMS::Key',
          ...retained,
          Properties: { KeyPolicy: {}, EnableKeyRotation: false },
          Metadata: {
            cdk_nag: {
              rules_to_suppress: [
                { id: 'HIPAABaseline-KMSKeyRotationEnabled', reason: 'legacy' },
                { id: 'AwsSolutions-KMS5' },
              ],
            },
          },
        },
      },
    });
    expect(ruleAndResource(result)).toEqual([
      'AwsSolutions-KMS5 Key',
      'HIPAABaseline-AcknowledgementReason Key',
      'HIPAABaseline-AcknowledgementReason Key',
      'HIPAABaseline-KMSKeyRotationEnabled Key',
    ]);
    expect(result.findings[1].message).toContain(
      'Acknowledgement of HIPAABaseline-KMSKeyRotationEnabled has a reason of 6 characters ("legacy")',
    );
    expect(result.acknowledged).toEqual([]);
  });

  test('honoured acknowledgements suppress exactly the finding id they name, and are counted', () => {
    const result = check({
      Resources: {
        Key: {
          Type: 'AWS::KMS::Key',
          ...retained,
          Properties: { KeyPolicy: {}, EnableKeyRotation: false },
          Metadata: {
            cdk_nag: {
              rules_to_suppress: [
                { id: 'HIPAABaseline-KMSKeyRotationEnabled', reason },
                { id: 'AwsSolutions-KMS5', reason },
              ],
            },
          },
        },
        Policy: {
          Type: 'AWS::IAM::ManagedPolicy',
          Properties: {
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
            },
          },
          // A bare rule id does not cover a finding with a [finding] suffix (cdk-nag matches exact ids).
          Metadata: { cdk_nag: { rules_to_suppress: [{ id: 'AwsSolutions-IAM5', reason }] } },
        },
      },
    });
    expect(ruleAndResource(result)).toEqual(['AwsSolutions-IAM5[Resource::*] Policy']);
    expect(result.acknowledged).toEqual([
      { rule: 'AwsSolutions-KMS5', template: expect.any(String), logicalId: 'Key', reason },
      { rule: 'HIPAABaseline-KMSKeyRotationEnabled', template: expect.any(String), logicalId: 'Key', reason },
    ]);
  });

  test('rule settings weakened in the template Metadata are an error, and the defaults judge the resources', () => {
    const logGroup = (days: number) => ({
      Type: 'AWS::Logs::LogGroup',
      ...retained,
      Properties: { RetentionInDays: days, KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/1' },
    });
    const weakened = check({
      Metadata: {
        'hipaa-baseline:rule-settings': { logGroupRetentionDays: 1, auditLogRetentionYears: 6 },
        'hipaa-baseline:control-inventory': {},
      },
      Resources: { Logs: logGroup(30) },
    });
    expect(ruleAndResource(weakened)).toEqual([
      'HIPAABaseline-RuleSettingsValid (template)',
      'HIPAABaseline-LogGroupMinimumRetention Logs',
    ]);
    expect(weakened.findings[0].message).toContain('hipaaBaseline.logGroupRetentionDays');

    const stricter = check({
      Metadata: {
        'hipaa-baseline:rule-settings': { logGroupRetentionDays: 731, auditLogRetentionYears: 6 },
        'hipaa-baseline:control-inventory': {},
      },
      Resources: { Logs: logGroup(365) },
    });
    expect(ruleAndResource(stricter)).toEqual(['HIPAABaseline-LogGroupMinimumRetention Logs']);
  });

  test('an audit-log bucket in GOVERNANCE mode is a warning: printed, but the exit code stays 0', async () => {
    const file = join(tempDir(), 'archive.template.json');
    const bucket = {
      Type: 'AWS::S3::Bucket',
      ...retained,
      Properties: {
        Tags: [{ Key: 'hipaa-baseline:role', Value: 'audit-log' }],
        ObjectLockEnabled: true,
        ObjectLockConfiguration: {
          ObjectLockEnabled: 'Enabled',
          Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Years: 6 } },
        },
      },
    };
    writeFileSync(file, JSON.stringify({ Resources: { Archive: bucket } }));
    const warnings = checkPaths([file]).findings.filter((f) => f.severity === 'warning');
    expect(warnings.map((f) => `${f.rule} ${f.logicalId}`)).toEqual(['HIPAABaseline-ObjectLockGovernanceMode Archive']);

    // Only the warning remains once the bucket's error findings are acknowledged.
    const errors = checkPaths([file]).findings.filter((f) => f.severity === 'error');
    const suppress = errors.map((f) => ({ id: f.rule, reason }));
    writeFileSync(
      file,
      JSON.stringify({ Resources: { Archive: { ...bucket, Metadata: { cdk_nag: { rules_to_suppress: suppress } } } } }),
    );
    let output = '';
    const code = await runCheck({ paths: [file], format: 'json' }, { stdout: (text) => (output += text) });
    expect(JSON.parse(output).summary).toEqual({ errors: 0, warnings: 1, acknowledged: suppress.length });
    expect(code).toBe(0);
  });

  test('text output: grouped by template, one line per finding with severity, rule, logical id, path, citations', () => {
    const result = check({
      Resources: {
        Detector: {
          Type: 'AWS::GuardDuty::Detector',
          Properties: { Enable: false },
          Metadata: { 'aws:cdk:path': 'Security/Detector' },
        },
      },
    });
    const lines = renderText(result).split('\n');
    expect(lines[0]).toMatch(/stack\.template\.json$/);
    expect(lines[1]).toBe(
      '  error   HIPAABaseline-GuardDutyDetectorEnabled  Detector (Security/Detector) ' +
        '[164.308(a)(1)(ii)(D), 164.308(a)(5)(ii)(C), 164.308(a)(6)(ii), 164.312(b)]: The GuardDuty detector is not enabled.',
    );
    expect(lines.at(-2)).toBe('1 template checked: 1 error, 0 warnings, 0 acknowledged');
  });
});
