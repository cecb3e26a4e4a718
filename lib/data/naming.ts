import { Aws, Fn } from 'aws-cdk-lib';

/** The two PHI data zones: identifiable PHI, and data stripped of identifiers for analytics and AI. */
export type DataZone = 'raw-phi' | 'deidentified';
export const DATA_ZONES: readonly DataZone[] = ['raw-phi', 'deidentified'];

/**
 * Deterministic names of resources that other stacks and regions must address without cross-stack
 * references: the trail selects data events by bucket name, replication and backup copies target the
 * disaster-recovery region by name/alias (no cross-region references, no custom resources).
 */
export const naming = {
  /** PHI bucket of a zone in the primary region (`account`: a literal id where no token can be used). */
  zoneBucket: (prefix: string, zone: DataZone, region: string = Aws.REGION, account: string = Aws.ACCOUNT_ID) =>
    `${prefix}-${zone}-${account}-${region}`,
  /** Replica of a zone's bucket in the DR region (`account`: a literal id where no token can be used). */
  replicaBucket: (prefix: string, zone: DataZone, drRegion: string, account: string = Aws.ACCOUNT_ID) =>
    `${prefix}-${zone}-dr-${account}-${drRegion}`,
  /** Alias of the DR region key of a zone. */
  replicaKeyAlias: (prefix: string, zone: DataZone) => `alias/${prefix}/dr-${zone}`,
  /** The analytics/ML role: fixed, so the DR region's bucket and key policies can deny it by ARN. */
  analyticsRole: (prefix: string) => `${prefix}-analytics`,
  /**
   * Bucket of the Bedrock model invocation logs (prompts and outputs: PHI), in the primary region. Fixed, so
   * the trail records its data events and its key admits Macie by name (`account`: a literal id where no
   * token can be used).
   */
  bedrockLogBucket: (prefix: string, region: string = Aws.REGION, account: string = Aws.ACCOUNT_ID) =>
    `${prefix}-bedrock-logs-${account}-${region}`,
  /**
   * Buckets whose object-level access the trail records (and CLOUDTRAIL_S3_DATAEVENTS_ENABLED checks): the
   * PHI zones, their replicas and, when model invocation logging is on, its bucket.
   */
  dataEventBuckets: (prefix: string, region: string, drRegion: string, options: { bedrockLogs?: boolean } = {}) => [
    ...DATA_ZONES.flatMap((zone) => [
      naming.zoneBucket(prefix, zone, region),
      naming.replicaBucket(prefix, zone, drRegion),
    ]),
    ...(options.bedrockLogs ? [naming.bedrockLogBucket(prefix, region)] : []),
  ],
  /** Backup vault in the primary region. */
  vault: (prefix: string) => `${prefix}-phi-vault`,
  /** Backup vault in the DR region receiving copies. */
  replicaVault: (prefix: string) => `${prefix}-phi-dr-vault`,
};

/** ARN of an S3 bucket from its name. */
export const bucketArn = (name: string) => `arn:${Aws.PARTITION}:s3:::${name}`;

/**
 * Eight hex digits unique to one creation of the stack (the start of its stack id's UUID). A name that
 * ends with it is new on every attempt to create the stack, so a resource a failed first deploy left
 * behind never blocks the retry, and it never changes over the stack's life.
 */
export const stackUniqueSuffix = () => Fn.select(0, Fn.split('-', Fn.select(2, Fn.split('/', Aws.STACK_ID))));
