import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { acknowledgeWildcardResource } from '../controls/acknowledge';
import { declareControls } from '../controls/declare';

const TRAIN = ['sagemaker:CreateTrainingJob', 'sagemaker:CreateHyperParameterTuningJob'];
const PROCESS = ['sagemaker:CreateProcessingJob'];
const MODEL = ['sagemaker:CreateModel'];
const TRANSFORM = ['sagemaker:CreateTransformJob'];
const NOTEBOOK = ['sagemaker:CreateNotebookInstance'];

/** The SageMaker resources the analytics role may create, by the ARN type their create action requires. */
const RESOURCE_TYPES = [
  'training-job',
  'hyper-parameter-tuning-job',
  'processing-job',
  'model',
  'transform-job',
  'notebook-instance',
];

/**
 * Which actions each condition key constrains, from the IAM Service Authorization Reference (SageMaker):
 * each key is denied only on the actions that carry it, so a request can always satisfy the policy.
 */
export const CONDITION_ACTIONS = {
  networkIsolation: [...TRAIN, ...PROCESS, ...MODEL],
  interContainerEncryption: [...TRAIN, ...PROCESS],
  vpc: [...TRAIN, ...PROCESS, ...MODEL, ...NOTEBOOK],
  volumeKey: [...TRAIN, ...PROCESS, ...TRANSFORM, ...NOTEBOOK],
  outputKey: [...TRAIN, ...PROCESS, ...TRANSFORM],
  notebook: NOTEBOOK,
} as const;

export interface SageMakerJobConditionsProps {
  /** The analytics/ML role (also the execution role its jobs pass to SageMaker). */
  readonly analyticsRole: iam.IRole;
  /** The app-tier subnets jobs, models and notebooks must run in. HIPAA 164.312(e)(1). */
  readonly subnetIds: readonly string[];
  /** The app-tier security group they must use. HIPAA 164.312(e)(1). */
  readonly securityGroupId: string;
  /** The de-identified key: volumes and outputs must be encrypted with it. HIPAA 164.312(a)(2)(iv). */
  readonly encryptionKey: kms.IKey;
}

/**
 * What the analytics/ML role may start in SageMaker: training, tuning and processing jobs, models, transform
 * jobs and notebook instances — each only VPC-bound to the app tier's subnets and security group, with
 * network isolation and inter-container traffic encryption, volumes and outputs encrypted with the
 * de-identified key, notebooks without root access or direct internet access. The conditions are explicit
 * denies (condition keys `sagemaker:VpcSubnets`, `VpcSecurityGroupIds`, `NetworkIsolation`,
 * `InterContainerTrafficEncryption`, `VolumeKmsKey`, `OutputKmsKey`, `RootAccess`, `DirectInternetAccess`),
 * so they hold whatever else is attached to the role; absent keys are denied too.
 */
export class SageMakerJobConditions extends Construct {
  public readonly policy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: SageMakerJobConditionsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const arn = (type: string) => `arn:${stack.partition}:sagemaker:${stack.region}:${stack.account}:${type}/*`;
    const deny = (sid: string, actions: readonly string[], conditions: Record<string, Record<string, unknown>>) =>
      new iam.PolicyStatement({ sid, effect: iam.Effect.DENY, actions: [...actions], resources: ['*'], conditions });
    const key = props.encryptionKey.keyArn;
    const c = CONDITION_ACTIONS;

    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      description: 'SageMaker jobs, models and notebooks only isolated in the app tier, with the de-identified key',
      roles: [props.analyticsRole],
      statements: [
        new iam.PolicyStatement({
          sid: 'CreateAndWatch',
          actions: [
            ...new Set(Object.values(c).flat()),
            'sagemaker:DescribeTrainingJob',
            'sagemaker:DescribeHyperParameterTuningJob',
            'sagemaker:DescribeProcessingJob',
            'sagemaker:DescribeTransformJob',
            'sagemaker:DescribeModel',
            'sagemaker:DescribeNotebookInstance',
            'sagemaker:StopTrainingJob',
            'sagemaker:StopHyperParameterTuningJob',
            'sagemaker:StopProcessingJob',
            'sagemaker:StopTransformJob',
          ],
          resources: RESOURCE_TYPES.map(arn),
        }),
        new iam.PolicyStatement({
          sid: 'PassOwnRoleToSageMaker',
          actions: ['iam:PassRole'],
          resources: [props.analyticsRole.roleArn],
          conditions: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
        }),
        new iam.PolicyStatement({
          sid: 'EncryptThroughSageMaker',
          actions: ['kms:CreateGrant', 'kms:DescribeKey', 'kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [key],
          conditions: { StringEquals: { 'kms:ViaService': `sagemaker.${stack.region}.amazonaws.com` } },
        }),
        deny('DenyWithoutNetworkIsolation', c.networkIsolation, {
          BoolIfExists: { 'sagemaker:NetworkIsolation': 'false' },
        }),
        deny('DenyWithoutInterContainerEncryption', c.interContainerEncryption, {
          BoolIfExists: { 'sagemaker:InterContainerTrafficEncryption': 'false' },
        }),
        // ForAnyValue is false for a request without the key: the Null statements deny those.
        deny('DenyOutsideVpc', c.vpc, {
          Null: { 'sagemaker:VpcSubnets': 'true' },
        }),
        deny('DenyOtherSubnets', c.vpc, {
          'ForAnyValue:StringNotEquals': { 'sagemaker:VpcSubnets': [...props.subnetIds] },
        }),
        deny('DenyWithoutAppSecurityGroup', c.vpc, {
          Null: { 'sagemaker:VpcSecurityGroupIds': 'true' },
        }),
        deny('DenyOtherSecurityGroups', c.vpc, {
          'ForAnyValue:StringNotEquals': { 'sagemaker:VpcSecurityGroupIds': [props.securityGroupId] },
        }),
        // A negated operator also matches a request without the key.
        deny('DenyVolumesWithoutDeidentifiedKey', c.volumeKey, {
          ArnNotEquals: { 'sagemaker:VolumeKmsKey': key },
        }),
        deny('DenyOutputsWithoutDeidentifiedKey', c.outputKey, {
          ArnNotEquals: { 'sagemaker:OutputKmsKey': key },
        }),
        deny('DenyNotebookRootAccess', c.notebook, {
          StringNotEquals: { 'sagemaker:RootAccess': 'Disabled' },
        }),
        deny('DenyNotebookDirectInternetAccess', c.notebook, {
          StringNotEquals: { 'sagemaker:DirectInternetAccess': 'Disabled' },
        }),
      ],
    });
    for (const type of RESOURCE_TYPES) {
      acknowledgeWildcardResource(
        this.policy,
        arn(type),
        'SageMaker names jobs, models and notebooks at creation; the deny statements hold every one to the isolation conditions.',
      );
    }

    declareControls(this, {
      citations: ['164.312(a)(1)', '164.312(e)(1)', '164.312(a)(2)(iv)', '164.312(e)(2)(ii)', '164.308(a)(4)(ii)(B)'],
      statement:
        'The analytics/ML role may start SageMaker training, tuning, processing and transform jobs, models and notebooks only in the app tier (subnets and security group), network-isolated, with inter-container traffic encryption, volumes and outputs under the de-identified key, and notebooks without root or direct internet access: explicit denies on the SageMaker condition keys.',
    });
  }
}
