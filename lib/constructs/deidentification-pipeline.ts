import { Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge, acknowledgeWildcardResource } from '../controls/acknowledge';
import { recordControl } from '../controls/control-inventory';
import { declareControls } from '../controls/declare';
import { EVENT_SOURCE, MANIFEST_PREFIX, OUTPUT_PREFIX, QUARANTINE_PREFIX } from '../functions/deidentify/layout';
import { renderSettings } from '../functions/deidentify/settings';
import type { BaselineKey } from './baseline-key';
import {
  addHandlerRole,
  addHandlerSupport,
  HANDLER_EXPORT,
  HANDLER_RUNTIME,
  handlerCode,
  handlerSupportStatements,
  type HandlerSupport,
} from './handler-function';

export interface DeidentificationPipelineProps {
  /** The raw-phi zone: read, and quarantine copies under `quarantine/`. */
  readonly rawBucket: s3.IBucket;
  readonly rawKey: kms.IKey;
  /** The de-identified zone: outputs under `records/`, manifests under `manifests/`. */
  readonly deidentifiedBucket: s3.IBucket;
  readonly deidentifiedKey: kms.IKey;
  /** Key of the queues, the log group and the function environment. HIPAA 164.312(a)(2)(iv). */
  readonly encryptionKey: BaselineKey;
  /** VPC and subnets (app tier) the function runs in; it reaches S3, Comprehend Medical and EventBridge through endpoints or NAT. HIPAA 164.312(e)(1). */
  readonly vpc: ec2.IVpc;
  readonly subnets: ec2.SubnetSelection;
  /**
   * Region of the Comprehend Medical endpoint.
   * @default - the function's region
   */
  readonly comprehendMedicalRegion?: string;
  /** Largest object de-identified; larger ones are quarantined. */
  readonly maxObjectBytes: number;
  /** Most concurrent invocations the queue starts (not a reservation). */
  readonly maxConcurrency: number;
  /** The account's Comprehend Medical quota (characters per second), shared by the concurrent invocations. */
  readonly comprehendMedicalCharactersPerSecond: number;
  /** Deliveries of an event before the dead-letter queue; the last one quarantines. */
  readonly maxReceiveCount: number;
  /** Retention of the function's log group, days. HIPAA 164.312(b). */
  readonly logRetentionDays: number;
}

/** Longest run of one invocation (Lambda's maximum): large objects stream through in this time. */
export const FUNCTION_TIMEOUT = Duration.minutes(15);

/**
 * The de-identification pipeline from the raw-phi zone to the de-identified zone: S3 "Object Created"
 * events of the raw bucket (EventBridge, the bucket's own notifications) go to an encrypted SQS queue
 * with a dead-letter queue; the baseline's own function (bundled at synth) de-identifies each object under
 * the Safe Harbor method — Amazon Comprehend Medical DetectPHI for free text, deterministic rules for the
 * 18 identifiers — and writes the output and a manifest (types and counts, never values) to the
 * de-identified zone, or copies the object to `quarantine/` in the raw zone and sends an alert event.
 * Its role reads the raw zone, writes only the de-identified zone's `records/` and `manifests/` and the raw
 * zone's `quarantine/`, and uses each zone's key only through S3.
 * HIPAA 164.312(a)(1), 164.308(a)(4)(ii)(B), 164.312(c)(1), 164.312(b), 164.308(a)(6)(ii).
 */
export class DeidentificationPipeline extends Construct {
  public readonly function: lambda.Function;
  public readonly queue: sqs.Queue;
  public readonly deadLetterQueue: sqs.Queue;
  public readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: DeidentificationPipelineProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const key = props.encryptionKey;
    const support = addHandlerSupport(this, {
      key,
      logRetentionDays: props.logRetentionDays,
      purpose: 'de-identification pipeline (its queue, its event rule and its function)',
    });
    this.deadLetterQueue = support.deadLetterQueue;
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: key.key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      // AWS's guidance for a Lambda event source: at least six times the function timeout.
      visibilityTimeout: Duration.minutes(FUNCTION_TIMEOUT.toMinutes() * 6),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.maxReceiveCount },
    });

    this.rule = new events.Rule(this, 'ObjectCreated', {
      description: 'hipaa-baseline: new objects in the raw-phi zone are de-identified',
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: {
          bucket: { name: [props.rawBucket.bucketName] },
          object: { key: events.Match.anythingButPrefix(QUARANTINE_PREFIX) },
        },
      },
    });
    // The queue and its key admit EventBridge for this rule only; the stock SqsQueue target would grant the
    // key to the service without conditions.
    this.rule.addTarget({
      bind: () => ({
        arn: this.queue.queueArn,
        deadLetterConfig: { arn: this.deadLetterQueue.queueArn },
        retryPolicy: { maximumEventAgeInSeconds: Duration.hours(24).toSeconds(), maximumRetryAttempts: 185 },
      }),
    });
    for (const [sid, queue] of [
      ['AllowObjectCreatedRule', this.queue],
      ['AllowRuleDeadLetters', this.deadLetterQueue],
    ] as const) {
      queue.addToResourcePolicy(
        new iam.PolicyStatement({
          sid,
          principals: [new iam.ServicePrincipal('events.amazonaws.com')],
          actions: ['sqs:SendMessage'],
          resources: [queue.queueArn],
          conditions: { ArnEquals: { 'aws:SourceArn': this.rule.ruleArn } },
        }),
      );
    }
    key.allowService({
      sid: 'AllowEventBridgeEncryptedQueues',
      service: 'events.amazonaws.com',
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
    });

    const securityGroup = new ec2.SecurityGroup(this, 'FunctionSecurityGroup', {
      vpc: props.vpc,
      description: 'De-identification function: HTTPS to VPC endpoints and NAT only',
      allowAllOutbound: false,
    });
    securityGroup.addEgressRule(
      ec2.Peer.anyIpv4(),
      ec2.Port.tcp(443),
      'AWS APIs over HTTPS (S3, Comprehend Medical, EventBridge)',
    );

    const role = addHandlerRole(this, 'De-identification: reads the raw-phi zone, writes the de-identified zone');
    const policy = new iam.ManagedPolicy(this, 'Permissions', {
      roles: [role],
      statements: this.statements(props, support),
    });
    const objectWildcards: [string, string][] = [
      [
        props.rawBucket.arnForObjects('*'),
        'Reads any object of the raw-phi zone it is told about, by key and version.',
      ],
      [
        props.rawBucket.arnForObjects(`${QUARANTINE_PREFIX}*`),
        'Quarantine copies go under the quarantine prefix of the raw zone, named after the object.',
      ],
      [
        props.deidentifiedBucket.arnForObjects(`${OUTPUT_PREFIX}*`),
        'Outputs are named after the raw object, under the output prefix of the de-identified zone only.',
      ],
      [
        props.deidentifiedBucket.arnForObjects(`${MANIFEST_PREFIX}*`),
        'Manifests are named after the raw object, under the manifest prefix of the de-identified zone only.',
      ],
      [
        `${support.logGroup.logGroupArn}:log-stream:*`,
        'Lambda names log streams at run time; only streams of this log group.',
      ],
    ];
    for (const [resource, reason] of objectWildcards) acknowledgeWildcardResource(policy, resource, reason);
    acknowledge(
      policy,
      'AwsSolutions-IAM5[Resource::*]',
      'Comprehend Medical DetectPHI and the Lambda VPC network-interface actions support no resource-level permissions.',
    );

    this.function = new lambda.Function(this, 'Function', {
      code: handlerCode('deidentify'),
      handler: HANDLER_EXPORT,
      runtime: HANDLER_RUNTIME,
      description: 'hipaa-baseline: de-identify objects of the raw-phi zone into the de-identified zone',
      // Every permission is in the managed policy above; the L2 would otherwise add an inline DefaultPolicy.
      role: role.withoutPolicyUpdates(),
      timeout: FUNCTION_TIMEOUT,
      memorySize: 1024,
      deadLetterQueue: this.deadLetterQueue,
      vpc: props.vpc,
      vpcSubnets: props.subnets,
      securityGroups: [securityGroup],
      environment: renderSettings({
        sourceBucket: props.rawBucket.bucketName,
        outputBucket: props.deidentifiedBucket.bucketName,
        maxObjectBytes: props.maxObjectBytes,
        maxReceiveCount: props.maxReceiveCount,
        modelConcurrency: 4,
        modelCharactersPerSecond: Math.floor(props.comprehendMedicalCharactersPerSecond / props.maxConcurrency),
        comprehendMedicalRegion: props.comprehendMedicalRegion,
      }),
      environmentEncryption: key.key,
      logGroup: support.logGroup,
    });
    this.function.node.addDependency(policy);
    acknowledge(
      this.function,
      'HIPAA.Security-LambdaConcurrency',
      'Reserving concurrency fails the deploy in new accounts (quota 10, all of it must stay unreserved); the queue event source limits the function to dataProtection.deidentification.maxConcurrency instead.',
    );

    const source = new lambda.EventSourceMapping(this, 'QueueSource', {
      target: this.function,
      eventSourceArn: this.queue.queueArn,
      batchSize: 1,
      reportBatchItemFailures: true,
      maxConcurrency: props.maxConcurrency,
    });
    source.node.addDependency(policy);
    recordControl(this.rule.node.defaultChild as events.CfnRule, 'deidentification-rule', [
      'EventPattern',
      'State',
      'Targets',
    ]);
    recordControl(source.node.defaultChild as lambda.CfnEventSourceMapping, 'deidentification-source', [
      'EventSourceArn',
      'FunctionName',
      'Enabled',
    ]);

    declareControls(this, {
      citations: [
        '164.312(a)(1)',
        '164.308(a)(4)(ii)(B)',
        '164.312(c)(1)',
        '164.312(b)',
        '164.312(a)(2)(iv)',
        '164.308(a)(6)(ii)',
      ],
      statement:
        'Objects written to the raw-phi zone are de-identified by the baseline’s own function (Safe Harbor, 45 CFR 164.514(b)(2): Comprehend Medical DetectPHI plus deterministic rules for the 18 identifiers) into the de-identified zone with a manifest of what was removed (types and counts, never values); output appears whole or not at all; objects that cannot be processed are quarantined in the raw zone with an alert, events that keep failing go to an encrypted dead-letter queue.',
    });
  }

  private statements(props: DeidentificationPipelineProps, support: HandlerSupport): iam.PolicyStatement[] {
    const { partition, region, account } = Stack.of(this);
    const throughS3 = { StringEquals: { 'kms:ViaService': `s3.${region}.amazonaws.com` } };
    return [
      new iam.PolicyStatement({
        sid: 'ReadRawZone',
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: [props.rawBucket.arnForObjects('*')],
      }),
      new iam.PolicyStatement({
        sid: 'QuarantineInRawZone',
        actions: ['s3:PutObject'],
        resources: [props.rawBucket.arnForObjects(`${QUARANTINE_PREFIX}*`)],
      }),
      new iam.PolicyStatement({
        sid: 'WriteDeidentifiedZone',
        actions: ['s3:PutObject', 's3:AbortMultipartUpload'],
        resources: [
          props.deidentifiedBucket.arnForObjects(`${OUTPUT_PREFIX}*`),
          props.deidentifiedBucket.arnForObjects(`${MANIFEST_PREFIX}*`),
        ],
      }),
      new iam.PolicyStatement({
        sid: 'ReadManifests',
        actions: ['s3:GetObject'],
        resources: [props.deidentifiedBucket.arnForObjects(`${MANIFEST_PREFIX}*`)],
      }),
      // Without ListBucket S3 answers a missing key with 403 instead of 404 (a deleted object, no manifest yet).
      new iam.PolicyStatement({
        sid: 'KnowMissingKeys',
        actions: ['s3:ListBucket'],
        resources: [props.rawBucket.bucketArn, props.deidentifiedBucket.bucketArn],
      }),
      new iam.PolicyStatement({
        sid: 'RawKeyThroughS3',
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [props.rawKey.keyArn],
        conditions: throughS3,
      }),
      // Multipart uploads need Decrypt as well as GenerateDataKey.
      new iam.PolicyStatement({
        sid: 'DeidentifiedKeyThroughS3',
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [props.deidentifiedKey.keyArn],
        conditions: throughS3,
      }),
      new iam.PolicyStatement({ sid: 'DetectPhi', actions: ['comprehendmedical:DetectPHI'], resources: ['*'] }),
      new iam.PolicyStatement({
        sid: 'QuarantineAlerts',
        actions: ['events:PutEvents'],
        resources: [`arn:${partition}:events:${region}:${account}:event-bus/default`],
        conditions: { StringEquals: { 'events:source': EVENT_SOURCE } },
      }),
      // What the event source mapping needs (it polls with the function's role).
      new iam.PolicyStatement({
        sid: 'ConsumeQueue',
        actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
        resources: [this.queue.queueArn],
      }),
      ...handlerSupportStatements(support, props.encryptionKey, 'EncryptedQueuesAndEnvironment'),
      new iam.PolicyStatement({
        sid: 'VpcNetworkInterfaces',
        actions: [
          'ec2:CreateNetworkInterface',
          'ec2:DescribeNetworkInterfaces',
          'ec2:DeleteNetworkInterface',
          'ec2:AssignPrivateIpAddresses',
          'ec2:UnassignPrivateIpAddresses',
        ],
        resources: ['*'],
      }),
    ];
  }
}
