import { Duration, Stack, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { acknowledge } from '../controls/acknowledge';
import { declareControls } from '../controls/declare';
import { ROLE_TAG, ROLES } from '../controls/tags';
import type { BaselineKey } from './baseline-key';
import { deliverEventsToEventBridge, secureBucketDefaults } from './secure-bucket-defaults';

export interface SecurityFindingsBucketProps {
  /** Key encrypting exported findings; its policy is extended for GuardDuty. HIPAA 164.312(a)(2)(iv). */
  readonly encryptionKey: BaselineKey;
  /** Bucket receiving this bucket's server access logs. HIPAA 164.312(b). */
  readonly accessLogBucket: s3.IBucket;
  /** Days findings are kept. HIPAA 164.316(b)(2)(i). */
  readonly retentionDays: number;
}

/**
 * Archive of exported GuardDuty findings in the log archive: SSE-KMS, versioned, private, TLS-only,
 * access-logged, retained, with bucket and key policies that let only this account's GuardDuty detectors
 * write. (No Object Lock: GuardDuty's export does not send the checksums Object Lock requires.)
 * HIPAA 164.308(a)(1)(ii)(D) activity review, 164.308(a)(6)(ii) response and reporting.
 */
export class SecurityFindingsBucket extends s3.Bucket {
  constructor(scope: Construct, id: string, props: SecurityFindingsBucketProps) {
    super(scope, id, {
      ...secureBucketDefaults(),
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.encryptionKey.key,
      bucketKeyEnabled: true,
      serverAccessLogsBucket: props.accessLogBucket,
      serverAccessLogsPrefix: 'security-findings/',
      lifecycleRules: [
        {
          id: 'colder-storage',
          transitions: [
            { storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(90) },
          ],
          expiration: Duration.days(props.retentionDays),
          noncurrentVersionExpiration: Duration.days(30),
        },
      ],
    });
    Tags.of(this).add(ROLE_TAG, ROLES.securityFindings);
    deliverEventsToEventBridge(this);
    const stack = Stack.of(this);
    const fromGuardDuty = {
      StringEquals: { 'aws:SourceAccount': stack.account },
      ArnLike: { 'aws:SourceArn': `arn:${stack.partition}:guardduty:${stack.region}:${stack.account}:detector/*` },
    };
    const guardDuty = new iam.ServicePrincipal('guardduty.amazonaws.com');
    this.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowGuardDutyLocation',
        principals: [guardDuty],
        actions: ['s3:GetBucketLocation'],
        resources: [this.bucketArn],
        conditions: fromGuardDuty,
      }),
    );
    this.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowGuardDutyExport',
        principals: [guardDuty],
        actions: ['s3:PutObject'],
        resources: [this.arnForObjects('*')],
        conditions: fromGuardDuty,
      }),
    );
    props.encryptionKey.allowService({
      sid: 'AllowGuardDutyExport',
      service: 'guardduty.amazonaws.com',
      actions: ['kms:GenerateDataKey'],
      conditions: fromGuardDuty,
    });
    acknowledge(
      this,
      'HIPAA.Security-S3BucketReplicationEnabled',
      'Exported findings are copies; GuardDuty and Security Hub keep the originals and can re-export them.',
    );
    declareControls(this, {
      citations: ['164.308(a)(1)(ii)(D)', '164.308(a)(6)(ii)', '164.312(b)'],
      statement:
        'GuardDuty findings are exported to an encrypted, private, versioned archive that only this account’s detectors can write.',
    });
  }
}
