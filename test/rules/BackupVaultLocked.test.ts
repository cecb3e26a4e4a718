import { Duration } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import { BackupVaultLocked } from '../../rules/BackupVaultLocked';
import { evaluate, ruleStack, SETTINGS } from '../helpers/rules';

const l1 = (vault: backup.BackupVault) => vault.node.defaultChild as backup.CfnBackupVault;

describe('HIPAABaseline-BackupVaultLocked', () => {
  test('non-compliant: vault without Vault Lock (L2)', () => {
    expect(evaluate(BackupVaultLocked, l1(new backup.BackupVault(ruleStack(), 'V')))).toBe('non-compliant');
  });

  test('non-compliant: minimum retention below the configured minimum (L1)', () => {
    const vault = new backup.CfnBackupVault(ruleStack(), 'V', {
      backupVaultName: 'v',
      lockConfiguration: { minRetentionDays: 1 },
    });
    expect(evaluate(BackupVaultLocked, vault)).toBe('non-compliant');
  });

  test('non-compliant: lock removed by an override', () => {
    const vault = new backup.BackupVault(ruleStack(), 'V', { lockConfiguration: { minRetention: Duration.days(7) } });
    l1(vault).addPropertyDeletionOverride('LockConfiguration');
    expect(evaluate(BackupVaultLocked, l1(vault))).toBe('non-compliant');
  });

  test('compliant: locked at the configured minimum or above', () => {
    const vault = new backup.BackupVault(ruleStack(), 'V', { lockConfiguration: { minRetention: Duration.days(7) } });
    expect(evaluate(BackupVaultLocked, l1(vault))).toBe('compliant');
    const longer = new backup.CfnBackupVault(ruleStack(), 'V', {
      backupVaultName: 'v',
      lockConfiguration: { minRetentionDays: 30 },
    });
    expect(evaluate(BackupVaultLocked, longer, { ...SETTINGS, backupMinRetentionDays: 30 })).toBe('compliant');
  });
});
