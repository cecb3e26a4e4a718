import { CfnResource, CustomResource, Duration, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge, acknowledgeWildcardResource } from '../controls/acknowledge';
import { recordControl } from '../controls/control-inventory';
import { declareControls } from '../controls/declare';
import { DATA_CLASSIFICATION_TAG, PHI } from '../controls/tags';
import { naming } from '../data/naming';
import { BaselineKey } from './baseline-key';
import {
  addHandlerRole,
  addHandlerSupport,
  HANDLER_EXPORT,
  HANDLER_RUNTIME,
  handlerCode,
  handlerSupportStatements,
} from './handler-function';
import { PhiBucket } from './phi-bucket';

/** Prefix of every object Bedrock writes (`<prefix>/AWSLogs/<account>/BedrockModelInvocationLogs/…`). */
export const INVOCATION_LOG_PREFIX = 'model-invocations';
/** CloudFormation type of the custom resource. */
export const INVOCATION_LOGGING_TYPE = 'Custom::ModelInvocationLogging';

export interface ModelInvocationLoggingProps {
  /** Prefix of the bucket name and key alias. */
  readonly namePrefix: string;
  /** Bucket receiving the log bucket's server access logs. HIPAA 164.312(b); AWS Config S3_BUCKET_LOGGING_ENABLED. */
  readonly accessLogBucket: s3.IBucket;
  /** Days log objects are kept before they expire. HIPAA 164.316(b)(2)(i) (the audit-log retention by default). */
  readonly retentionDays: number;
  /** Retention of the log group and of the function's log group, days. HIPAA 164.312(b). */
  readonly logGroupRetentionDays: number;
  /**
   * Object Lock of the log objects for `retentionDays`. HIPAA 164.312(c)(1).
   * @default - none: prompts hold PHI that must stay disposable; versioning keeps overwritten logs
   */
  readonly objectLockMode?: 'GOVERNANCE' | 'COMPLIANCE';
  /** The analytics/ML role: denied the logs (they hold other callers' prompts). HIPAA 164.308(a)(4)(ii)(B). */
  readonly analyticsRoleArn: string;
}

/**
 * Amazon Bedrock model invocation logging of the account and region, with prompts and outputs treated as PHI:
 * delivered to a dedicated PHI bucket (SSE-KMS, versioned, access-logged, CloudTrail data events, expiring
 * after `retentionDays`) and to a log group, both under a key of their own that Bedrock and CloudWatch Logs
 * may use only from this account and region. There is no CloudFormation resource for the setting: this
 * project's own function applies it (`lib/functions/model-invocation-logging`) once the bucket policy, the
 * key policy and the delivery role's policy exist, because Bedrock tests the destinations when the
 * configuration is written. Deleting the resource leaves logging on (never weakens the account); the
 * bucket, log group, key and delivery role are retained so it keeps working.
 */
export class ModelInvocationLogging extends Construct {
  public readonly key: BaselineKey;
  public readonly bucket: PhiBucket;
  public readonly logGroup: logs.LogGroup;
  /** The role Bedrock assumes to write to the log group. */
  public readonly deliveryRole: iam.Role;
  public readonly function: lambda.Function;
  public readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: ModelInvocationLoggingProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const bedrockHere = {
      StringEquals: { 'aws:SourceAccount': stack.account },
      ArnLike: { 'aws:SourceArn': `arn:${stack.partition}:bedrock:${stack.region}:${stack.account}:*` },
    };
    const bucketName = naming.bedrockLogBucket(props.namePrefix);

    this.key = new BaselineKey(this, 'Key', { purpose: 'ai-logs', namePrefix: props.namePrefix });
    this.key.allowCloudWatchLogs();
    this.key.allowService({
      sid: 'AllowBedrockLogDelivery',
      service: 'bedrock.amazonaws.com',
      actions: ['kms:GenerateDataKey'],
      conditions: bedrockHere,
    });
    this.key.allowMacieClassification([bucketName]);

    this.bucket = new PhiBucket(this, 'Bucket', {
      bucketName,
      encryptionKey: this.key.key,
      accessLogBucket: props.accessLogBucket,
      classification: PHI,
      backup: false,
      ...(props.objectLockMode ? { objectLock: { mode: props.objectLockMode, days: props.retentionDays } } : {}),
    });
    this.bucket.addLifecycleRule({ id: 'retention', expiration: Duration.days(props.retentionDays) });
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowBedrockLogDelivery',
        principals: [new iam.ServicePrincipal('bedrock.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects(`${INVOCATION_LOG_PREFIX}/*`)],
        conditions: bedrockHere,
      }),
    );
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyAnalyticsRole',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:*'],
        resources: [this.bucket.bucketArn, this.bucket.arnForObjects('*')],
        conditions: { ArnEquals: { 'aws:PrincipalArn': props.analyticsRoleArn } },
      }),
    );
    acknowledge(
      this.bucket,
      'HIPAA.Security-S3BucketReplicationEnabled',
      'Bedrock delivers invocation logs only within its region; a copy elsewhere would spread PHI without a recovery need (the calling workloads hold the source data).',
    );
    acknowledge(
      this.bucket,
      'HIPAABaseline-PhiInBackupSelection',
      'Invocation logs are records derived from PHI held elsewhere; versioning keeps every overwritten log for a year and nothing rewrites them.',
    );

    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      encryptionKey: this.key.key,
      retention: props.logGroupRetentionDays as logs.RetentionDays,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Tags.of(this.logGroup).add(DATA_CLASSIFICATION_TAG, PHI);

    this.deliveryRole = new iam.Role(this, 'DeliveryRole', {
      assumedBy: new iam.ServicePrincipal('bedrock.amazonaws.com').withConditions(bedrockHere),
      description: 'Amazon Bedrock writes model invocation logs to their log group',
    });
    const deliveryPolicy = new iam.ManagedPolicy(this, 'DeliveryPolicy', {
      roles: [this.deliveryRole],
      statements: [
        new iam.PolicyStatement({
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [
            `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:${this.logGroup.logGroupName}:log-stream:aws/bedrock/modelinvocations`,
          ],
        }),
      ],
    });
    // Kept with the destinations, so logging left on after a delete still reaches the bucket and the log group.
    this.deliveryRole.applyRemovalPolicy(RemovalPolicy.RETAIN);
    deliveryPolicy.applyRemovalPolicy(RemovalPolicy.RETAIN);
    this.bucket.policy!.applyRemovalPolicy(RemovalPolicy.RETAIN);

    this.function = this.addFunction(props, this.deliveryRole);
    this.resource = new CustomResource(this, 'Setting', {
      serviceToken: this.function.functionArn,
      resourceType: INVOCATION_LOGGING_TYPE,
      properties: {
        S3Config: { BucketName: this.bucket.bucketName, KeyPrefix: INVOCATION_LOG_PREFIX },
        CloudWatchConfig: {
          LogGroupName: this.logGroup.logGroupName,
          RoleArn: this.deliveryRole.roleArn,
          LargeDataDeliveryS3Config: {
            BucketName: this.bucket.bucketName,
            KeyPrefix: `${INVOCATION_LOG_PREFIX}/large-data`,
          },
        },
        TextDataDeliveryEnabled: true,
        ImageDataDeliveryEnabled: true,
        EmbeddingDataDeliveryEnabled: true,
        VideoDataDeliveryEnabled: true,
        AudioDataDeliveryEnabled: true,
      },
      serviceTimeout: Duration.minutes(3),
    });
    // Bedrock tests every destination when the configuration is written.
    this.resource.node.addDependency(this.bucket.policy!, this.key, deliveryPolicy);
    recordControl(this.resource.node.defaultChild as CfnResource, 'bedrock-invocation-logging', [
      'S3Config',
      'CloudWatchConfig',
      'TextDataDeliveryEnabled',
      'ImageDataDeliveryEnabled',
      'EmbeddingDataDeliveryEnabled',
      'VideoDataDeliveryEnabled',
      'AudioDataDeliveryEnabled',
    ]);

    declareControls(this, {
      citations: ['164.312(b)', '164.308(a)(1)(ii)(D)', '164.312(a)(2)(iv)', '164.312(a)(1)'],
      statement:
        'Every Amazon Bedrock model invocation of the account and region is logged with its prompt and output, treated as PHI: a dedicated bucket and an encrypted log group under their own key, access-logged, recorded by CloudTrail, closed to the analytics role, and left on if the stack is deleted.',
    });
  }

  private addFunction(props: ModelInvocationLoggingProps, deliveryRole: iam.Role): lambda.Function {
    const key = this.key;
    const support = addHandlerSupport(this, {
      key,
      logRetentionDays: props.logGroupRetentionDays,
      purpose: 'model-invocation-logging function',
    });
    const role = addHandlerRole(this, 'Sets Amazon Bedrock model invocation logging (no CloudFormation resource)');
    const policy = new iam.ManagedPolicy(this, 'Permissions', {
      roles: [role],
      statements: [
        new iam.PolicyStatement({
          sid: 'InvocationLogging',
          actions: ['bedrock:GetModelInvocationLoggingConfiguration', 'bedrock:PutModelInvocationLoggingConfiguration'],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'PassDeliveryRole',
          actions: ['iam:PassRole'],
          resources: [deliveryRole.roleArn],
          conditions: { StringEquals: { 'iam:PassedToService': 'bedrock.amazonaws.com' } },
        }),
        ...handlerSupportStatements(support, key),
      ],
    });
    acknowledge(
      policy,
      'AwsSolutions-IAM5[Resource::*]',
      'Model invocation logging is an account-and-region setting: its actions support no resource-level permissions.',
    );
    acknowledgeWildcardResource(
      policy,
      `${support.logGroup.logGroupArn}:log-stream:*`,
      'Lambda names log streams at run time; only streams of this log group.',
    );
    const fn = new lambda.Function(this, 'Function', {
      code: handlerCode('model-invocation-logging'),
      handler: HANDLER_EXPORT,
      runtime: HANDLER_RUNTIME,
      description: 'hipaa-baseline: Amazon Bedrock model invocation logging (no CloudFormation resource)',
      role: role.withoutPolicyUpdates(),
      timeout: Duration.minutes(2),
      memorySize: 256,
      deadLetterQueue: support.deadLetterQueue,
      environmentEncryption: key.key,
      logGroup: support.logGroup,
    });
    fn.node.addDependency(policy);
    acknowledge(
      fn,
      'HIPAA.Security-LambdaConcurrency',
      'Runs only when CloudFormation deploys the stack (one request at a time); a reservation would fail the deploy in new accounts whose concurrency quota is 10.',
    );
    acknowledge(
      fn,
      'HIPAA.Security-LambdaInsideVPC',
      'Runs only during deployment and calls the Bedrock control plane, which has no endpoint in the VPCs; it handles no PHI.',
    );
    return fn;
  }
}
