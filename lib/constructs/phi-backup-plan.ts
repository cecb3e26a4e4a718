import { Duration } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { acknowledge } from '../controls/acknowledge';
import { declareControls } from '../controls/declare';
import { BACKUP_TAG } from '../controls/tags';
import { recordControl } from '../controls/control-inventory';

/** Properties of a {@link PhiBackupPlan}. */
export interface PhiBackupPlanProps {
  /** Vault receiving the recovery points. */
  readonly vault: backup.IBackupVault;
  /** ARN of the vault in the DR region receiving copies. HIPAA 164.308(a)(7)(ii)(B). */
  readonly copyVaultArn: string;
  /** Days daily recovery points are kept. HIPAA 164.308(a)(7)(ii)(A); AWS Config BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK. */
  readonly dailyRetentionDays: number;
  /** Days monthly recovery points are kept. */
  readonly monthlyRetentionDays: number;
  /** Keys of the data AWS Backup must read to back it up (e.g. SSE-KMS buckets). */
  readonly dataKeys: readonly kms.IKey[];
}

const AWS_BACKUP_POLICIES = [
  'service-role/AWSBackupServiceRolePolicyForBackup',
  'service-role/AWSBackupServiceRolePolicyForRestores',
  'AWSBackupServiceRolePolicyForS3Backup',
  'AWSBackupServiceRolePolicyForS3Restore',
];

/**
 * The PHI backup plan: daily recovery points kept 35 days and monthly kept a year by default, each copied
 * to the vault in the disaster-recovery region, selecting every resource tagged backup=true — both data zones,
 * databases and tables carry it — plus resources added explicitly.
 */
export class PhiBackupPlan extends Construct {
  public readonly plan: backup.BackupPlan;
  public readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: PhiBackupPlanProps) {
    super(scope, id);
    const copyVault = backup.BackupVault.fromBackupVaultArn(this, 'CopyVault', props.copyVaultArn);
    const rule = (name: string, schedule: events.Schedule, days: number) =>
      new backup.BackupPlanRule({
        ruleName: name,
        scheduleExpression: schedule,
        startWindow: Duration.hours(1),
        completionWindow: Duration.hours(8),
        deleteAfter: Duration.days(days),
        copyActions: [{ destinationBackupVault: copyVault, deleteAfter: Duration.days(days) }],
      });
    this.plan = new backup.BackupPlan(this, 'Plan', {
      backupVault: props.vault,
      backupPlanRules: [
        rule('daily', events.Schedule.cron({ hour: '5', minute: '0' }), props.dailyRetentionDays),
        rule('monthly', events.Schedule.cron({ day: '1', hour: '6', minute: '0' }), props.monthlyRetentionDays),
      ],
    });
    recordControl(this.plan.node.defaultChild as backup.CfnBackupPlan, 'backup-plan', ['BackupPlan']);

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('backup.amazonaws.com'),
      description: 'AWS Backup: back up and restore PHI resources',
      managedPolicies: AWS_BACKUP_POLICIES.map((name) => iam.ManagedPolicy.fromAwsManagedPolicyName(name)),
    });
    for (const name of AWS_BACKUP_POLICIES) {
      acknowledge(
        this.role,
        `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${name}]`,
        'AWS maintains the AWS Backup service policies as Backup adds resource types; a copy would fall behind.',
      );
    }
    new iam.ManagedPolicy(this, 'KeyAccess', {
      roles: [this.role],
      statements: [
        new iam.PolicyStatement({
          actions: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
          resources: props.dataKeys.map((key) => key.keyArn),
        }),
      ],
    });

    const selection = new backup.CfnBackupSelection(this, 'PhiSelection', {
      backupPlanId: this.plan.backupPlanId,
      backupSelection: {
        selectionName: 'backup-tagged',
        iamRoleArn: this.role.roleArn,
        resources: ['*'],
        // Every data store that must be backed up carries backup=true, whatever its classification: the raw
        // PHI zone, the de-identified zone (residual identifiers stay possible), databases and tables.
        conditions: {
          StringEquals: [{ ConditionKey: `aws:ResourceTag/${BACKUP_TAG}`, ConditionValue: 'true' }],
        },
      },
    });
    recordControl(selection, 'backup-selection', ['BackupPlanId', 'BackupSelection']);

    declareControls(this, {
      citations: ['164.308(a)(7)(i)', '164.308(a)(7)(ii)(A)', '164.308(a)(7)(ii)(B)', '164.310(d)(2)(iv)'],
      statement: `Every resource tagged ${BACKUP_TAG}=true (both data zones, the databases and tables) is backed up daily (kept ${props.dailyRetentionDays} days) and monthly (kept ${props.monthlyRetentionDays} days), with each recovery point copied to the disaster-recovery region.`,
    });
  }

  /** Adds resources to the plan by ARN (in addition to the tag selection). */
  public addResources(id: string, arns: readonly string[]): void {
    new backup.CfnBackupSelection(this, id, {
      backupPlanId: this.plan.backupPlanId,
      backupSelection: { selectionName: id, iamRoleArn: this.role.roleArn, resources: [...arns] },
    });
  }
}
