import { Match, Template } from 'aws-cdk-lib/assertions';
import { LogArchiveStack } from '../../lib/stacks/log-archive-stack';
import { parseConfig } from '../../lib/config/load';
import { testApp } from '../helpers/app';

function warningsOf(stack: LogArchiveStack): string[] {
  return stack.node
    .findAll()
    .flatMap((c) => c.node.metadata)
    .filter((m) => m.type === 'aws:cdk:warning')
    .map((m) => String(m.data));
}

describe('LogArchiveStack', () => {
  test('GOVERNANCE Object Lock mode is allowed but raises the namespaced warning', () => {
    const stack = new LogArchiveStack(testApp(), 'LogArchive', {
      config: parseConfig({ objectLockMode: 'GOVERNANCE' }),
    });
    const [warning, ...others] = warningsOf(stack);
    expect(others).toEqual([]);
    expect(warning).toContain('s3:BypassGovernanceRetention');
    expect(warning).toContain('[ack: Annotation::HIPAABaseline-ObjectLockGovernanceMode]');
  });

  test('COMPLIANCE mode (the default) raises no warning', () => {
    const stack = new LogArchiveStack(testApp(), 'LogArchive', { config: parseConfig({}) });
    expect(warningsOf(stack)).toEqual([]);
  });

  test('retention years from the configuration reach the Object Lock rule', () => {
    const stack = new LogArchiveStack(testApp(), 'LogArchive', { config: parseConfig({ auditLogRetentionYears: 10 }) });
    const bucket = stack.archive.bucket.node.defaultChild as any;
    expect(stack.resolve(bucket.objectLockConfiguration)).toEqual({
      objectLockEnabled: 'Enabled',
      rule: { defaultRetention: { mode: 'COMPLIANCE', years: 10 } },
    });
  });

  test('the log delivery service may write flow logs and DNS query logs, limited to this account', () => {
    const template = Template.fromStack(new LogArchiveStack(testApp(), 'LogArchive', { config: parseConfig({}) }));
    const fromThisAccount = {
      StringEquals: Match.objectLike({ 'aws:SourceAccount': { Ref: 'AWS::AccountId' } }),
      ArnLike: { 'aws:SourceArn': Match.anyValue() },
    };
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'AllowLogDeliveryWrite',
            Principal: { Service: 'delivery.logs.amazonaws.com' },
            Action: 's3:PutObject',
            Condition: fromThisAccount,
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'AllowLogDeliveryEncrypt',
            Principal: { Service: 'delivery.logs.amazonaws.com' },
            Condition: fromThisAccount,
          }),
        ]),
      },
    });
  });
});
