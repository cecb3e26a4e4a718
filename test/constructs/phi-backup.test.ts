import { defaultTemplateJson } from '../helpers/assembly';
import { byPath, flat, resources } from '../helpers/template-query';

describe('PhiBackupVault and PhiBackupPlan (default baseline)', () => {
  const template = defaultTemplateJson('WorkloadData');
  const [, vault] = byPath(template, 'BackupVault/Vault/Resource');

  test('the vault is encrypted with the backup key, locked in compliance mode, and retained', () => {
    expect(vault.Properties).toMatchObject({
      BackupVaultName: 'hipaa-phi-vault',
      EncryptionKeyArn: { 'Fn::GetAtt': [expect.stringMatching(/^BackupKey/), 'Arn'] },
      LockConfiguration: { MinRetentionDays: 7, MaxRetentionDays: 3650, ChangeableForDays: 3 },
    });
    // Named (the DR copy and preflight address it): retained, except by the rollback of its own creation.
    expect([vault.DeletionPolicy, vault.UpdateReplacePolicy]).toEqual(['RetainExceptOnCreate', 'Retain']);
  });

  test('the vault access policy denies early deletion of recovery points, and its own change, to everyone', () => {
    const statement = vault.Properties.AccessPolicy.Statement[0];
    expect(statement).toMatchObject({ Effect: 'Deny', Principal: { AWS: '*' }, Resource: '*' });
    expect(statement.Action).toEqual(
      expect.arrayContaining([
        'backup:DeleteRecoveryPoint',
        'backup:UpdateRecoveryPointLifecycle',
        'backup:PutBackupVaultAccessPolicy',
        'backup:DeleteBackupVaultAccessPolicy',
      ]),
    );
  });

  test('daily kept 35 days and monthly kept a year, each copied to the DR vault', () => {
    const [, plan] = resources(template, 'AWS::Backup::BackupPlan')[0];
    const rules = plan.Properties.BackupPlan.BackupPlanRule;
    const byName = Object.fromEntries(rules.map((r: any) => [r.RuleName, r]));
    expect(byName.daily.Lifecycle).toEqual({ DeleteAfterDays: 35 });
    expect(byName.monthly.Lifecycle).toEqual({ DeleteAfterDays: 365 });
    for (const rule of rules) {
      expect(flat(rule.CopyActions[0].DestinationBackupVaultArn)).toBe(
        'arn:<AWS::Partition>:backup:us-west-2:<AWS::AccountId>:backup-vault:hipaa-phi-dr-vault',
      );
      expect(rule.CopyActions[0].Lifecycle).toEqual(rule.Lifecycle);
    }
  });

  test('the selection takes every resource tagged backup=true, whatever its classification', () => {
    const [, selection] = byPath(template, 'BackupPlan/PhiSelection');
    expect(selection.Properties.BackupSelection.Resources).toEqual(['*']);
    expect(selection.Properties.BackupSelection.Conditions).toEqual({
      StringEquals: [{ ConditionKey: 'aws:ResourceTag/backup', ConditionValue: 'true' }],
    });
    expect(selection.Properties.BackupSelection.ListOfTags).toBeUndefined();
  });
});

describe('DisasterRecoveryStack (default baseline)', () => {
  const template = defaultTemplateJson('DisasterRecovery');

  test('one key per zone plus a backup key and a logs key (the region’s detection), by alias', () => {
    const aliases = resources(template, 'AWS::KMS::Alias').map(([, a]) => a.Properties.AliasName);
    expect(aliases.sort()).toEqual([
      'alias/hipaa/dr-backup',
      'alias/hipaa/dr-deidentified',
      'alias/hipaa/dr-logs',
      'alias/hipaa/dr-raw-phi',
    ]);
  });

  test('replica buckets carry the names the primary replicates to', () => {
    const names = resources(template, 'AWS::S3::Bucket').map(([, b]) => flat(b.Properties.BucketName ?? ''));
    expect(names).toEqual(
      expect.arrayContaining([
        'hipaa-raw-phi-dr-<AWS::AccountId>-us-west-2',
        'hipaa-deidentified-dr-<AWS::AccountId>-us-west-2',
      ]),
    );
  });

  test('the copy vault is locked like the primary', () => {
    const [, vault] = resources(template, 'AWS::Backup::BackupVault')[0];
    expect(vault.Properties).toMatchObject({
      BackupVaultName: 'hipaa-phi-dr-vault',
      LockConfiguration: { MinRetentionDays: 7 },
    });
  });
});
