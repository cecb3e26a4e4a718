import { Duration, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { declareControls } from '../controls/declare';
import { DATA_CLASSIFICATION_TAG, DEIDENTIFIED, PHI } from '../controls/tags';

/** What a key protects; each purpose gets its own key so access to one class of data does not open another. */
export type KeyPurpose =
  | 'logs'
  | 'data'
  | 'deidentified'
  | 'deidentification-pipeline'
  | 'backup'
  | 'alerts'
  | 'ebs'
  | 'ai-logs'
  | `dr-${string}`;

/**
 * The data classification of what a key of that purpose protects, tagged on the key (DataClassification),
 * so Config rules about keys that protect PHI (the Guard rule `phi-kms-key-rotation`) find them.
 */
export function keyClassification(purpose: KeyPurpose): typeof PHI | typeof DEIDENTIFIED | undefined {
  if (purpose === 'deidentified' || purpose === 'dr-deidentified') return DEIDENTIFIED;
  // The pipeline's queues carry the keys of raw-zone objects; model invocation logs hold prompts and outputs.
  const phi = ['data', 'backup', 'ebs', 'deidentification-pipeline', 'ai-logs', 'dr-raw-phi', 'dr-backup'];
  if (phi.includes(purpose)) return PHI;
  return undefined;
}

/** Properties of a {@link BaselineKey}. */
export interface BaselineKeyProps {
  /** What the key protects; names the alias `alias/<namePrefix>/<purpose>`. */
  readonly purpose: KeyPurpose;
  /** Prefix of the alias. */
  readonly namePrefix: string;
  /**
   * Description shown in the KMS console.
   * @default - derived from the purpose
   */
  readonly description?: string;
}

/** Options of a service principal statement. */
export interface ServiceUseOptions {
  /** Statement id (unique in the key policy). */
  readonly sid: string;
  /** Service principal, e.g. `cloudtrail.amazonaws.com`. */
  readonly service: string;
  /** KMS actions the service needs; keep to the minimum. */
  readonly actions: readonly string[];
  /** Conditions limiting the use (aws:SourceAccount / aws:SourceArn / encryption context). */
  readonly conditions: Record<string, Record<string, unknown>>;
}

/**
 * A customer-managed KMS key for one purpose: rotation on (HIPAA 164.312(a)(2)(iv) encryption; AWS Config
 * CMK_BACKING_KEY_ROTATION_ENABLED), 30-day deletion window, retained when the stack is deleted, and a
 * key policy that names each service allowed to use it with source-account/source-ARN conditions.
 */
export class BaselineKey extends Construct {
  /** The key. */
  public readonly key: kms.Key;
  public readonly purpose: KeyPurpose;

  constructor(scope: Construct, id: string, props: BaselineKeyProps) {
    super(scope, id);
    this.purpose = props.purpose;
    this.key = new kms.Key(this, 'Key', {
      alias: `alias/${props.namePrefix}/${props.purpose}`,
      description: props.description ?? `hipaa-baseline ${props.purpose} encryption key`,
      enableKeyRotation: true,
      rotationPeriod: Duration.days(365),
      pendingWindow: Duration.days(30),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const classification = keyClassification(props.purpose);
    if (classification) Tags.of(this.key).add(DATA_CLASSIFICATION_TAG, classification);
    declareControls(this, {
      citations: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
      statement: `Customer-managed KMS key for ${props.purpose}, rotated yearly, retained on stack deletion, used only by named services within this account.`,
    });
  }

  /** Allows an AWS service to use the key, limited by the given conditions. */
  public allowService(options: ServiceUseOptions): void {
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: options.sid,
        principals: [new iam.ServicePrincipal(options.service)],
        actions: [...options.actions],
        resources: ['*'],
        conditions: options.conditions,
      }),
    );
  }

  /**
   * Lets principals of this account use the key through EC2 (EBS volumes and snapshots), as the AWS-managed
   * aws/ebs key does; needed when it is the account's default EBS encryption key.
   */
  public allowEbsThroughEc2(): void {
    const stack = Stack.of(this);
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowEbsThroughEc2',
        principals: [new iam.AnyPrincipal()],
        actions: [
          'kms:Encrypt',
          'kms:Decrypt',
          'kms:ReEncrypt*',
          'kms:GenerateDataKey*',
          'kms:CreateGrant',
          'kms:DescribeKey',
        ],
        resources: ['*'],
        conditions: {
          StringEquals: { 'kms:CallerAccount': stack.account, 'kms:ViaService': `ec2.${stack.region}.amazonaws.com` },
        },
      }),
    );
  }

  /**
   * Lets GuardDuty Malware Protection for EC2 scan volumes encrypted with this key (its service-linked role
   * copies snapshots under grants). Named by `aws:PrincipalArn` rather than as a principal: a key policy may
   * not name a role that does not exist yet, and the role is created when the protection plan first runs.
   */
  public allowGuardDutyMalwareScans(): void {
    const stack = Stack.of(this);
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowGuardDutyMalwareProtection',
        principals: [new iam.AnyPrincipal()],
        actions: ['kms:CreateGrant', 'kms:DescribeKey', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:Decrypt'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'kms:CallerAccount': stack.account },
          ArnEquals: {
            'aws:PrincipalArn': `arn:${stack.partition}:iam::${stack.account}:role/aws-service-role/malware-protection.guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDutyMalwareProtection`,
          },
        },
      }),
    );
  }

  /**
   * Lets Macie's service-linked role decrypt, through S3 only, the objects of the named buckets (and no
   * others), so sensitive-data discovery and classification jobs can read SSE-KMS objects. Named by
   * `aws:PrincipalArn`: the role appears only once Macie is enabled, and a key policy may not name a role
   * that does not exist. Bucket names, not ARNs of bucket resources, avoid a key ↔ bucket reference cycle.
   * HIPAA 164.308(a)(1)(ii)(A).
   */
  public allowMacieClassification(bucketNames: readonly string[]): void {
    const stack = Stack.of(this);
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowMacieClassification',
        principals: [new iam.AnyPrincipal()],
        actions: ['kms:Decrypt'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'kms:CallerAccount': stack.account, 'kms:ViaService': `s3.${stack.region}.amazonaws.com` },
          ArnEquals: {
            'aws:PrincipalArn': `arn:${stack.partition}:iam::${stack.account}:role/aws-service-role/macie.amazonaws.com/AWSServiceRoleForAmazonMacie`,
          },
          // With an S3 bucket key the context is the bucket ARN, without one the object ARN.
          StringLike: {
            'kms:EncryptionContext:aws:s3:arn': bucketNames.flatMap((name) => [
              `arn:${stack.partition}:s3:::${name}`,
              `arn:${stack.partition}:s3:::${name}/*`,
            ]),
          },
        },
      }),
    );
  }

  /** Allows CloudWatch Logs in this region to encrypt log groups of this account with the key. */
  public allowCloudWatchLogs(): void {
    const stack = Stack.of(this);
    this.allowService({
      sid: 'AllowCloudWatchLogsLogGroups',
      service: `logs.${stack.region}.amazonaws.com`,
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      conditions: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:*`,
        },
      },
    });
  }
}
