import { Aws, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeWildcardResource } from '../controls/acknowledge';
import { declareControls } from '../controls/declare';
import { DEIDENTIFIED, PHI } from '../controls/tags';
import { bucketArn, naming } from '../data/naming';
import { PhiBucket } from './phi-bucket';
import { recordControl } from '../controls/control-inventory';

export interface PhiDataZonesProps {
  readonly namePrefix: string;
  /** Region holding the zone replicas. HIPAA 164.308(a)(7)(ii)(B). */
  readonly drRegion: string;
  /** Key of the raw-phi zone. HIPAA 164.312(a)(2)(iv). */
  readonly rawKey: kms.IKey;
  /** Key of the de-identified zone (never the raw key). HIPAA 164.312(a)(2)(iv). */
  readonly deidentifiedKey: kms.IKey;
  /** Bucket receiving server access logs of both zones. HIPAA 164.312(b). */
  readonly accessLogBucket: s3.IBucket;
}

const READ = ['s3:GetObject', 's3:GetObjectVersion'];
const WRITE = ['s3:PutObject', 's3:AbortMultipartUpload'];

/**
 * Data segmentation for analytics and AI: a raw-phi zone and a de-identified zone, each with its own bucket
 * and key, and separate roles — an ingest role writing raw PHI, a de-identification role reading raw and
 * writing de-identified data, and an analytics/ML role that can read only the de-identified zone. The
 * analytics role is denied the raw bucket and the raw key three times over: in its own policy, in the raw
 * bucket policy and in the raw key policy. HIPAA 164.308(a)(4)(ii)(B) access authorization,
 * 164.308(a)(3)(ii)(A), 164.312(a)(1) access control.
 */
export class PhiDataZones extends Construct {
  public readonly rawBucket: PhiBucket;
  public readonly deidentifiedBucket: PhiBucket;
  public readonly ingestRole: iam.Role;
  public readonly deidentificationRole: iam.Role;
  public readonly analyticsRole: iam.Role;

  constructor(scope: Construct, id: string, props: PhiDataZonesProps) {
    super(scope, id);
    const replication = (zone: 'raw-phi' | 'deidentified') => ({
      region: props.drRegion,
      bucketName: naming.replicaBucket(props.namePrefix, zone, props.drRegion),
      keyAlias: naming.replicaKeyAlias(props.namePrefix, zone),
    });
    this.rawBucket = new PhiBucket(this, 'RawPhi', {
      bucketName: naming.zoneBucket(props.namePrefix, 'raw-phi'),
      encryptionKey: props.rawKey,
      accessLogBucket: props.accessLogBucket,
      classification: PHI,
      replication: replication('raw-phi'),
    });
    this.deidentifiedBucket = new PhiBucket(this, 'Deidentified', {
      bucketName: naming.zoneBucket(props.namePrefix, 'deidentified'),
      encryptionKey: props.deidentifiedKey,
      accessLogBucket: props.accessLogBucket,
      classification: DEIDENTIFIED,
      replication: replication('deidentified'),
    });

    const account = new iam.AccountRootPrincipal();
    this.ingestRole = new iam.Role(this, 'IngestRole', {
      assumedBy: account,
      description: 'Writes raw PHI into the raw-phi zone',
    });
    this.deidentificationRole = new iam.Role(this, 'DeidentificationRole', {
      assumedBy: account,
      description: 'Reads raw PHI and writes de-identified data sets',
    });
    this.analyticsRole = new iam.Role(this, 'AnalyticsRole', {
      roleName: naming.analyticsRole(props.namePrefix),
      assumedBy: new iam.CompositePrincipal(
        account,
        new iam.ServicePrincipal('sagemaker.amazonaws.com').withConditions({
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
        }),
      ),
      description: 'Analytics and ML training on de-identified data only; denied raw PHI',
    });

    this.allow('IngestPolicy', this.ingestRole, [
      this.zoneAccess(this.rawBucket, props.rawKey, WRITE, ['kms:GenerateDataKey']),
    ]);
    this.allow('DeidentificationPolicy', this.deidentificationRole, [
      this.zoneAccess(this.rawBucket, props.rawKey, READ, ['kms:Decrypt']),
      this.zoneAccess(this.deidentifiedBucket, props.deidentifiedKey, WRITE, ['kms:GenerateDataKey']),
    ]);
    const replicaArn = bucketArn(naming.replicaBucket(props.namePrefix, 'raw-phi', props.drRegion));
    this.allow('AnalyticsPolicy', this.analyticsRole, [
      this.zoneAccess(this.deidentifiedBucket, props.deidentifiedKey, READ, ['kms:Decrypt']),
      [
        new iam.PolicyStatement({
          sid: 'DenyRawPhi',
          effect: iam.Effect.DENY,
          actions: ['s3:*'],
          resources: [this.rawBucket.bucketArn, this.rawBucket.arnForObjects('*')],
        }),
        new iam.PolicyStatement({
          sid: 'DenyRawKey',
          effect: iam.Effect.DENY,
          actions: ['kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:CreateGrant'],
          resources: [props.rawKey.keyArn],
        }),
        // The raw zone's replica and its key in the DR region: the same boundary there.
        new iam.PolicyStatement({
          sid: 'DenyRawPhiReplica',
          effect: iam.Effect.DENY,
          actions: ['s3:*'],
          resources: [replicaArn, `${replicaArn}/*`],
        }),
        new iam.PolicyStatement({
          sid: 'DenyRawReplicaKey',
          effect: iam.Effect.DENY,
          actions: ['kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:CreateGrant'],
          resources: [`arn:${Aws.PARTITION}:kms:${props.drRegion}:${Aws.ACCOUNT_ID}:key/*`],
          conditions: {
            'ForAnyValue:StringEquals': { 'kms:ResourceAliases': naming.replicaKeyAlias(props.namePrefix, 'raw-phi') },
          },
        }),
      ],
    ]);
    this.rawBucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyAnalyticsRole',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:*'],
        resources: [this.rawBucket.bucketArn, this.rawBucket.arnForObjects('*')],
        conditions: { ArnEquals: { 'aws:PrincipalArn': this.analyticsRole.roleArn } },
      }),
    );
    if (props.rawKey instanceof kms.Key) {
      props.rawKey.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'DenyAnalyticsRole',
          effect: iam.Effect.DENY,
          principals: [new iam.AnyPrincipal()],
          actions: ['kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:CreateGrant'],
          resources: ['*'],
          conditions: { ArnEquals: { 'aws:PrincipalArn': this.analyticsRole.roleArn } },
        }),
      );
      recordControl(props.rawKey.node.defaultChild as kms.CfnKey, 'raw-phi-key-policy', ['KeyPolicy']);
    }
    recordControl(this.rawBucket.policy!.node.defaultChild as s3.CfnBucketPolicy, 'raw-phi-bucket-policy', [
      'PolicyDocument',
    ]);

    declareControls(this, {
      citations: [
        '164.308(a)(4)(i)',
        '164.308(a)(4)(ii)(B)',
        '164.308(a)(3)(ii)(A)',
        '164.312(a)(1)',
        '164.312(a)(2)(iv)',
      ],
      statement:
        'Raw PHI and de-identified data live in separate buckets under separate keys; the analytics/ML role reads only de-identified data and is explicitly denied the raw bucket and key.',
    });
  }

  private zoneAccess(
    bucket: s3.IBucket,
    key: kms.IKey,
    objectActions: string[],
    keyActions: string[],
  ): iam.PolicyStatement[] {
    return [
      new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }),
      new iam.PolicyStatement({ actions: objectActions, resources: [bucket.arnForObjects('*')] }),
      new iam.PolicyStatement({
        actions: keyActions,
        resources: [key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `s3.${Stack.of(this).region}.amazonaws.com` } },
      }),
    ];
  }

  private allow(id: string, role: iam.Role, statements: iam.PolicyStatement[][]): void {
    const policy = new iam.ManagedPolicy(this, id, { roles: [role], statements: statements.flat() });
    recordControl(policy.node.defaultChild as iam.CfnManagedPolicy, 'data-zone-policy', ['PolicyDocument', 'Roles']);
    for (const statement of statements.flat()) {
      if (statement.effect !== iam.Effect.ALLOW) continue;
      for (const resource of statement.resources.filter((r) => r.endsWith('/*'))) {
        acknowledgeWildcardResource(
          policy,
          resource,
          'Object-level access to every object of the zone bucket, and no other bucket.',
        );
      }
    }
  }
}
