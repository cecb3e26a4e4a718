import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeWildcardResource } from '../controls/acknowledge';
import { recordControl } from '../controls/control-inventory';
import { declareControls } from '../controls/declare';
import type { BaselineKey } from './baseline-key';

export interface AuditTrailProps {
  /** Name of the trail; fixed so key and bucket policies can name it without a circular reference. */
  readonly trailName: string;
  /** Log archive bucket receiving the trail's log files. */
  readonly bucket: s3.IBucket;
  /** Key encrypting log files and the log group; its policy is extended for CloudTrail and CloudWatch Logs. HIPAA 164.312(a)(2)(iv). */
  readonly encryptionKey: BaselineKey;
  /** Retention of the CloudWatch log group copy, days (a CloudWatch Logs retention value). HIPAA 164.312(b). */
  readonly logGroupRetentionDays: number;
  /**
   * Names of buckets whose object-level reads and writes are recorded as CloudTrail data events (PHI buckets).
   * HIPAA 164.312(b), 164.308(a)(1)(ii)(D); AWS Config CLOUDTRAIL_S3_DATAEVENTS_ENABLED.
   * @default - management events only
   */
  readonly dataEventBucketNames?: readonly string[];
  /**
   * An organisation trail: records every account of the organisation (deployed in the management account).
   * @default false
   */
  readonly organizationTrail?: boolean;
  /**
   * Key of the log files when it is another account's (the log archive's, by alias ARN: CloudTrail accepts
   * one); `encryptionKey` then encrypts the log group only and that key's policy admits CloudTrail.
   * HIPAA 164.312(a)(2)(iv).
   * @default - `encryptionKey`
   */
  readonly logFileKeyArn?: string;
}

/**
 * A multi-region CloudTrail trail with global service events and log file integrity validation,
 * KMS-encrypted, delivered to the log archive and to a KMS-encrypted CloudWatch log group.
 * HIPAA 164.312(b) audit controls; AWS Config CLOUD_TRAIL_ENABLED, MULTI_REGION_CLOUD_TRAIL_ENABLED,
 * CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED, CLOUD_TRAIL_ENCRYPTION_ENABLED, CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED.
 */
export class AuditTrail extends Construct {
  public readonly trail: cloudtrail.CfnTrail;
  /** Log group receiving every trail event; metric filters and alarms read it. */
  public readonly logGroup: logs.LogGroup;
  /** ARN of the trail, known before deployment. */
  public readonly trailArn: string;

  constructor(scope: Construct, id: string, props: AuditTrailProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.trailArn = `arn:${stack.partition}:cloudtrail:${stack.region}:${stack.account}:trail/${props.trailName}`;

    props.encryptionKey.allowCloudWatchLogs();
    if (!props.logFileKeyArn) this.allowCloudTrail(props.encryptionKey, stack);

    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      encryptionKey: props.encryptionKey.key,
      retention: props.logGroupRetentionDays as logs.RetentionDays,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // The L2 Trail attaches an inline policy to its CloudWatch Logs role and leaves GetBucketAcl
    // unconditioned; the L1 lets the role use a managed policy and every bucket statement name the trail.
    const logsRole = new iam.Role(this, 'LogsRole', {
      assumedBy: new iam.ServicePrincipal('cloudtrail.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceArn': this.trailArn },
      }),
      description: 'CloudTrail: deliver trail events to the audit log group',
    });
    const streams = `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:${this.logGroup.logGroupName}:log-stream:*`;
    const logsPolicy = new iam.ManagedPolicy(this, 'LogsPolicy', {
      roles: [logsRole],
      statements: [
        new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [streams] }),
      ],
    });
    acknowledgeWildcardResource(
      logsPolicy,
      streams,
      'CloudTrail names its log streams at delivery time; the wildcard covers only streams of the audit log group.',
    );
    const trailPrincipal = new iam.ServicePrincipal('cloudtrail.amazonaws.com');
    const fromThisTrail = { StringEquals: { 'aws:SourceArn': this.trailArn } };
    props.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudTrailAclCheck',
        principals: [trailPrincipal],
        actions: ['s3:GetBucketAcl'],
        resources: [props.bucket.bucketArn],
        conditions: fromThisTrail,
      }),
    );
    props.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudTrailWrite',
        principals: [trailPrincipal],
        actions: ['s3:PutObject'],
        resources: [props.bucket.arnForObjects(`AWSLogs/${stack.account}/*`)],
        conditions: {
          StringEquals: { ...fromThisTrail.StringEquals, 's3:x-amz-acl': 'bucket-owner-full-control' },
        },
      }),
    );

    this.trail = new cloudtrail.CfnTrail(this, 'Trail', {
      trailName: props.trailName,
      isLogging: true,
      s3BucketName: props.bucket.bucketName,
      kmsKeyId: props.logFileKeyArn ?? props.encryptionKey.key.keyArn,
      isOrganizationTrail: props.organizationTrail,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      cloudWatchLogsLogGroupArn: this.logGroup.logGroupArn,
      cloudWatchLogsRoleArn: logsRole.roleArn,
      advancedEventSelectors: [
        { name: 'Management events', fieldSelectors: [{ field: 'eventCategory', equalTo: ['Management'] }] },
        ...(props.dataEventBucketNames?.length
          ? [
              {
                name: 'PHI object access',
                fieldSelectors: [
                  { field: 'eventCategory', equalTo: ['Data'] },
                  { field: 'resources.type', equalTo: ['AWS::S3::Object'] },
                  {
                    field: 'resources.ARN',
                    startsWith: props.dataEventBucketNames.map((name) => `arn:${stack.partition}:s3:::${name}/`),
                  },
                ],
              },
            ]
          : []),
      ],
    });
    // CreateTrail tests delivery to the log group with the role: its policy must exist first
    // (HIPAABaseline-ServiceRolePoliciesAttachedFirst).
    this.trail.node.addDependency(props.bucket.policy ?? props.bucket, logsRole, logsPolicy);
    recordControl(this.trail, 'cloudtrail-trail', [
      'IsLogging',
      'IsMultiRegionTrail',
      'IncludeGlobalServiceEvents',
      'EnableLogFileValidation',
      'KMSKeyId',
      'S3BucketName',
      'CloudWatchLogsLogGroupArn',
      'CloudWatchLogsRoleArn',
      'AdvancedEventSelectors',
      'IsOrganizationTrail',
    ]);

    declareControls(this, {
      citations: ['164.312(b)', '164.308(a)(1)(ii)(D)', '164.308(a)(5)(ii)(C)', '164.312(c)(2)'],
      statement: props.organizationTrail
        ? 'An organisation CloudTrail trail records every management event of every account (global services included, every region) with log file integrity validation, encrypted, to the log archive account and a searchable log group.'
        : 'A multi-region CloudTrail trail records every management event (global services included) with log file integrity validation, encrypted, to the log archive and a searchable log group.',
    });
  }

  /** Lets CloudTrail encrypt this trail's log files with the key. */
  private allowCloudTrail(key: BaselineKey, stack: Stack): void {
    key.allowService({
      sid: 'AllowCloudTrailEncryptLogs',
      service: 'cloudtrail.amazonaws.com',
      actions: ['kms:GenerateDataKey*'],
      conditions: {
        StringEquals: { 'aws:SourceArn': this.trailArn },
        StringLike: {
          'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${stack.partition}:cloudtrail:*:${stack.account}:trail/*`,
        },
      },
    });
    key.allowService({
      sid: 'AllowCloudTrailDescribeKey',
      service: 'cloudtrail.amazonaws.com',
      actions: ['kms:DescribeKey'],
      conditions: { StringEquals: { 'aws:SourceArn': this.trailArn } },
    });
  }
}
