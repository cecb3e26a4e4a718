import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { recordControl } from '../controls/control-inventory';
import { declareControls } from '../controls/declare';
import { warn } from '../controls/warnings';

/** Properties of a {@link PhiBackupVault}. */
export interface PhiBackupVaultProps {
  /**
   * Vault name (fixed: backup copies from another region address it by ARN). The vault is retained except
   * when the stack operation that created it rolls back (RetainExceptOnCreate), so a failed first deploy
   * leaves no vault of that name behind.
   */
  readonly vaultName: string;
  /** Key encrypting recovery points. HIPAA 164.312(a)(2)(iv); AWS Config BACKUP_RECOVERY_POINT_ENCRYPTED. */
  readonly encryptionKey: kms.IKey;
  /**
   * Vault Lock mode: COMPLIANCE is immutable after a 3-day grace period; GOVERNANCE can be removed.
   * HIPAA 164.308(a)(7)(ii)(A); AWS Config BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED.
   */
  readonly lockMode: 'COMPLIANCE' | 'GOVERNANCE';
  /** Vault Lock minimum retention, days: no recovery point can be deleted earlier. */
  readonly minRetentionDays: number;
  /** Vault Lock maximum retention, days. */
  readonly maxRetentionDays: number;
}

/** Actions the vault access policy denies to every principal. */
export const VAULT_DENIED_ACTIONS = [
  'backup:DeleteRecoveryPoint',
  'backup:UpdateRecoveryPointLifecycle',
  'backup:PutBackupVaultAccessPolicy',
  'backup:DeleteBackupVaultAccessPolicy',
];

/**
 * An AWS Backup vault for PHI recovery points: encrypted with a customer key, Vault Lock with minimum and
 * maximum retention, and an access policy denying to every principal early deletion or lifecycle changes of
 * recovery points and any change of the policy itself (AWS Config BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED).
 * Retained when the stack is deleted.
 */
export class PhiBackupVault extends Construct {
  public readonly vault: backup.BackupVault;

  constructor(scope: Construct, id: string, props: PhiBackupVaultProps) {
    super(scope, id);
    this.vault = new backup.BackupVault(this, 'Vault', {
      backupVaultName: props.vaultName,
      encryptionKey: props.encryptionKey,
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
      lockConfiguration: {
        minRetention: Duration.days(props.minRetentionDays),
        maxRetention: Duration.days(props.maxRetentionDays),
        changeableFor: props.lockMode === 'COMPLIANCE' ? Duration.days(3) : undefined,
      },
    });
    // One Deny to everyone on everything (BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED requires the three
    // actions in one wildcard statement): denying the policy's own rewrite and removal makes the deny final,
    // like the COMPLIANCE Vault Lock; a later change of this access policy needs a new vault.
    this.vault.addToAccessPolicy(
      new iam.PolicyStatement({
        sid: 'DenyRecoveryPointDeletionAndPolicyChanges',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: VAULT_DENIED_ACTIONS,
        resources: ['*'],
      }),
    );
    recordControl(this.vault.node.defaultChild as backup.CfnBackupVault, 'backup-vault-lock', [
      'EncryptionKeyArn',
      'LockConfiguration',
      'AccessPolicy',
    ]);
    if (props.lockMode === 'GOVERNANCE') warn(this.vault, 'HIPAABaseline-BackupVaultLockGovernanceMode');

    declareControls(this, {
      citations: ['164.308(a)(7)(ii)(A)', '164.310(d)(2)(iv)', '164.312(c)(1)', '164.312(a)(2)(iv)'],
      statement: `Recovery points of PHI are encrypted with a customer key and held under Vault Lock (${props.lockMode}, ${props.minRetentionDays}–${props.maxRetentionDays} days); no principal may delete them early.`,
    });
  }
}
