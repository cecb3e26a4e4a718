import { Stack, type IResolvable } from 'aws-cdk-lib';
import * as config from 'aws-cdk-lib/aws-config';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge, acknowledgeWildcardResource } from '../controls/acknowledge';
import { recordControl } from '../controls/control-inventory';
import { declareControls } from '../controls/declare';

export interface ConfigRecordingProps {
  /** Log archive bucket receiving configuration snapshots and history. */
  readonly bucket: s3.IBucket;
  /**
   * Key encrypting delivered configuration items. HIPAA 164.312(a)(2)(iv).
   * @default - `centralArchiveKey` (one of the two is required)
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * The key of a central archive in another account (organisation mode), named by its alias: the bucket's
   * default encryption applies it, and the recorder's role may use the key that carries the alias.
   * HIPAA 164.312(a)(2)(iv).
   * @default - `encryptionKey`
   */
  readonly centralArchiveKey?: { readonly account: string; readonly region: string; readonly alias: string };
  /**
   * Record global resource types (IAM) here: in one region of an account only, or each is recorded many times.
   * @default true
   */
  readonly includeGlobalResourceTypes?: boolean | IResolvable;
  /**
   * Key prefix of the delivered objects.
   * @default 'config'
   */
  readonly prefix?: string;
}

/**
 * AWS Config recording: a configuration recorder for every supported resource type including global
 * ones, recording continuously, and a delivery channel to the log archive (SSE-KMS).
 * HIPAA 164.308(a)(1)(ii)(D) activity review, 164.308(a)(8) evaluation, 164.312(b) audit controls.
 */
export class ConfigRecording extends Construct {
  public readonly recorder: config.CfnConfigurationRecorder;
  public readonly deliveryChannel: config.CfnDeliveryChannel;
  public readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: ConfigRecordingProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const prefix = props.prefix ?? 'config';
    if (!props.encryptionKey === !props.centralArchiveKey) {
      throw new Error(`${this.node.path}: give exactly one of encryptionKey and centralArchiveKey`);
    }
    const central = props.centralArchiveKey;
    const centralKeys = central && `arn:${stack.partition}:kms:${central.region}:${central.account}:key/*`;

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('config.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': stack.account },
      }),
      description: 'AWS Config recorder: reads resource configurations, writes them to the log archive',
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWS_ConfigRole')],
    });
    acknowledge(
      this.role,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWS_ConfigRole]',
      'AWS maintains AWS_ConfigRole as Config adds resource types; a hand-written copy would fall behind.',
    );
    const objects = props.bucket.arnForObjects(`${prefix}/AWSLogs/${stack.account}/Config/*`);
    const deliveryPolicy = new iam.ManagedPolicy(this, 'DeliveryPolicy', {
      roles: [this.role],
      statements: [
        new iam.PolicyStatement({ actions: ['s3:GetBucketAcl'], resources: [props.bucket.bucketArn] }),
        new iam.PolicyStatement({
          actions: ['s3:PutObject'],
          resources: [objects],
          conditions: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
        }),
        props.encryptionKey
          ? new iam.PolicyStatement({
              actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
              resources: [props.encryptionKey.keyArn],
            })
          : new iam.PolicyStatement({
              sid: 'CentralArchiveKey',
              actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
              resources: [centralKeys!],
              conditions: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': central!.alias } },
            }),
      ],
    });
    acknowledgeWildcardResource(
      deliveryPolicy,
      objects,
      'AWS Config names delivered objects by date and region; the wildcard is confined to its own key prefix.',
    );
    if (centralKeys) {
      acknowledgeWildcardResource(
        deliveryPolicy,
        centralKeys,
        "The central archive's key is in another account, its id unknown here: the statement admits only the key carrying the archive's alias.",
      );
    }

    this.recorder = new config.CfnConfigurationRecorder(this, 'Recorder', {
      roleArn: this.role.roleArn,
      recordingGroup: { allSupported: true, includeGlobalResourceTypes: props.includeGlobalResourceTypes ?? true },
      recordingMode: { recordingFrequency: 'CONTINUOUS' },
    });
    this.deliveryChannel = new config.CfnDeliveryChannel(this, 'DeliveryChannel', {
      s3BucketName: props.bucket.bucketName,
      s3KeyPrefix: prefix,
      s3KmsKeyArn: props.encryptionKey?.keyArn,
      configSnapshotDeliveryProperties: { deliveryFrequency: 'TwentyFour_Hours' },
    });
    // PutConfigurationRecorder and PutDeliveryChannel test the role (a write to the bucket): every policy of
    // the role must exist first (HIPAABaseline-ServiceRolePoliciesAttachedFirst).
    this.recorder.node.addDependency(deliveryPolicy);
    this.deliveryChannel.node.addDependency(this.recorder, deliveryPolicy);
    recordControl(this.recorder, 'config-recorder', ['RoleARN', 'RecordingGroup', 'RecordingMode']);
    recordControl(this.deliveryChannel, 'config-delivery-channel', ['S3BucketName', 'S3KeyPrefix', 'S3KmsKeyArn']);

    declareControls(this, {
      citations: ['164.308(a)(1)(ii)(D)', '164.308(a)(8)', '164.312(b)'],
      statement:
        'AWS Config continuously records the configuration of every supported resource, global ones included, and delivers history and snapshots to the encrypted log archive.',
    });
  }
}
