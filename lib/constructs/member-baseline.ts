import { Fn, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge } from '../controls/acknowledge';
import { declareControls } from '../controls/declare';
import { naming } from '../data/naming';
import { remediationRoleName } from '../organization/guardrails';
import type { OrganizationModeConfig } from '../stacks/organization-stack-props';
import { orgNaming } from '../organization/names';
import { AccountProtectionRemediation, homeRegionCondition } from './account-protection-remediation';
import { BaselineKey } from './baseline-key';
import { ConfigRecording } from './config-recording';
import { PhiBackupVault } from './phi-backup-vault';
import { ThreatDetection } from './threat-detection';

export interface MemberBaselineProps {
  /** The validated configuration (organisation mode). */
  readonly config: OrganizationModeConfig;
}

/**
 * What every account of the organisation must have, built with no Lambda code and no asset so that one
 * template serves the member StackSet (every account of the targeted OUs, every member region) and the
 * management account's own stack: AWS Config recording to the central archive of the log archive account
 * (global resources in the home region only), the account protections (password policy, S3 account public
 * access block, EBS encryption by default) restored by Config remediation, and an encrypted, locked backup
 * vault with the role AWS Backup uses. GuardDuty, Security Hub, Macie, Inspector and IAM Access Analyzer
 * are the delegated administrator's (accountServices `organization`), declared as relied on.
 */
export class MemberBaseline extends Construct {
  public readonly vault: PhiBackupVault;
  public readonly backupRole: iam.Role;
  public readonly configRecording?: ConfigRecording;

  constructor(scope: Construct, id: string, props: MemberBaselineProps) {
    super(scope, id);
    const { config } = props;
    const org = config.organization;
    const prefix = config.namePrefix;
    const stack = Stack.of(this);
    const home = homeRegionCondition(this, 'IsHomeRegion', config.region);

    if (config.accountServices.config === 'create') {
      const bucket = s3.Bucket.fromBucketName(
        this,
        'CentralConfigBucket',
        orgNaming.configBucket(prefix, org.logArchiveAccount, config.region),
      );
      this.configRecording = new ConfigRecording(this, 'ConfigRecording', {
        bucket,
        centralArchiveKey: {
          account: org.logArchiveAccount,
          region: config.region,
          alias: orgNaming.logsKeyAlias(prefix),
        },
        includeGlobalResourceTypes: Fn.conditionIf(home.logicalId, true, false),
      });
    } else {
      declareControls(new Construct(this, 'ConfigRecordingReliance'), {
        citations: ['164.308(a)(1)(ii)(D)', '164.308(a)(8)', '164.312(b)'],
        statement:
          'AWS Config records resource configurations with the recorder the organisation (Control Tower) manages in each member account; the organisation conformance pack evaluates what it records.',
        reliesOn: 'the AWS Config recorder and delivery channel managed by the organisation (Control Tower)',
      });
    }

    new AccountProtectionRemediation(this, 'AccountProtection', {
      namePrefix: prefix,
      roleName: remediationRoleName(prefix, stack.region),
      passwordPolicy: config.detection.passwordPolicy,
      globalSettingsCondition: home,
      recorder: this.configRecording?.recorder,
    });

    const backupKey = new BaselineKey(this, 'BackupKey', { purpose: 'backup', namePrefix: prefix });
    const backup = config.dataProtection.backup;
    this.vault = new PhiBackupVault(this, 'BackupVault', {
      vaultName: naming.vault(prefix),
      encryptionKey: backupKey.key,
      lockMode: backup.vaultLockMode,
      minRetentionDays: backup.minRetentionDays,
      maxRetentionDays: backup.maxRetentionDays,
    });
    this.backupRole = new iam.Role(this, 'BackupRole', {
      assumedBy: new iam.ServicePrincipal('backup.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': stack.account },
      }),
      description: "AWS Backup: backs up and restores this account's PHI resources into the locked vault",
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSBackupServiceRolePolicyForBackup'),
        iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSBackupServiceRolePolicyForRestores'),
      ],
    });
    for (const name of ['AWSBackupServiceRolePolicyForBackup', 'AWSBackupServiceRolePolicyForRestores']) {
      acknowledge(
        this.backupRole,
        `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/${name}]`,
        'AWS maintains the AWS Backup service policies as it adds supported resource types; a copy would fall behind.',
      );
    }
    declareControls(this.backupRole, {
      citations: ['164.308(a)(7)(ii)(A)', '164.310(d)(2)(iv)'],
      statement:
        "Every member account has the role AWS Backup uses and a locked, encrypted vault, so a workload's backup plan needs only its selection.",
    });

    // The delegated administrator (audit account) runs these services for every member account.
    new ThreatDetection(this, 'Detection', {
      settings: config.detection,
      services: {
        guardDuty: 'organization',
        securityHub: 'organization',
        macie: 'organization',
        accessAnalyzer: 'organization',
      },
    });
  }
}
