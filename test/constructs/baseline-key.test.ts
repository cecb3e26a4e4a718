import { Match } from 'aws-cdk-lib/assertions';
import { defaultTemplate, defaultTemplateJson, logicalIdsOfType } from '../helpers/assembly';

describe('BaselineKey (default baseline)', () => {
  const stacks = ['LogArchive', 'SecurityTooling', 'WorkloadData', 'DisasterRecovery'];

  test('one key per purpose: logs, alerts, data, de-identified data, the de-identification pipeline, backup, EBS volumes, and the DR region', () => {
    const aliases = stacks.flatMap((stack) =>
      logicalIdsOfType(defaultTemplateJson(stack), 'AWS::KMS::Alias').map(
        (id) => defaultTemplateJson(stack).Resources[id].Properties.AliasName,
      ),
    );
    expect(aliases.sort()).toEqual([
      'alias/hipaa/alerts',
      'alias/hipaa/backup',
      'alias/hipaa/data',
      'alias/hipaa/deidentification-pipeline',
      'alias/hipaa/deidentified',
      'alias/hipaa/dr-backup',
      'alias/hipaa/dr-deidentified',
      'alias/hipaa/dr-logs',
      'alias/hipaa/dr-raw-phi',
      'alias/hipaa/ebs',
      'alias/hipaa/logs',
    ]);
  });

  test.each(stacks)('keys in %s rotate and are retained', (stack) => {
    const template = defaultTemplate(stack);
    const keys = template.findResources('AWS::KMS::Key');
    expect(Object.keys(keys).length).toBeGreaterThan(0);
    for (const key of Object.values(keys)) {
      expect(key).toMatchObject({
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: { EnableKeyRotation: true, PendingWindowInDays: 30 },
      });
    }
  });

  test('the logs key lets services in only with source conditions', () => {
    const template = defaultTemplate('LogArchive');
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'AllowCloudWatchLogsLogGroups',
            Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': Match.anyValue() } },
          }),
          Match.objectLike({
            Sid: 'AllowCloudTrailEncryptLogs',
            Principal: { Service: 'cloudtrail.amazonaws.com' },
            Action: 'kms:GenerateDataKey*',
            Condition: {
              StringEquals: { 'aws:SourceArn': Match.anyValue() },
              StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': Match.anyValue() },
            },
          }),
        ]),
      },
    });
  });

  test('no service principal in any key policy is unconditioned', () => {
    for (const stack of stacks) {
      for (const key of Object.values(defaultTemplate(stack).findResources('AWS::KMS::Key'))) {
        for (const statement of (key as any).Properties.KeyPolicy.Statement) {
          if (statement.Principal?.Service) expect(statement.Condition).toBeDefined();
        }
      }
    }
  });
});
