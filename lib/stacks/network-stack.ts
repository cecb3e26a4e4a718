import { CfnResource, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { ConfigError } from '../config/load';
import { SegmentedNetwork } from '../constructs/segmented-network';
import { planNetwork } from '../network/plan';
import type { BaselineStackProps } from './baseline-stack-props';

/** CloudFormation's quota of resources per stack (one resource is left for CDK metadata). */
export const MAX_RESOURCES_PER_STACK = 499;

export interface NetworkStackProps extends BaselineStackProps {
  /**
   * Log archive bucket receiving flow logs and DNS query logs: the bucket, or its name when it is in
   * another account (organisation mode).
   */
  readonly logBucket: s3.IBucket | string;
  /**
   * The account's availability zones, named so that a stack with an explicit account never looks them up
   * (a network call at synth).
   * @default - looked up for an explicit environment, `Fn::GetAZs` otherwise
   */
  readonly knownAvailabilityZones?: readonly string[];
}

/**
 * Network role: every environment's VPC, the transit gateway of declared paths, flow logs and DNS query
 * logs. In a multi-account organisation this stack belongs in the network account.
 */
export class NetworkStack extends Stack {
  public readonly network: SegmentedNetwork;
  private knownZones?: readonly string[];

  constructor(scope: Construct, id: string, props: NetworkStackProps) {
    super(scope, id, props);
    this.knownZones = props.knownAvailabilityZones;
    this.network = new SegmentedNetwork(this, 'Network', {
      network: planNetwork(props.config),
      namePrefix: props.config.namePrefix,
      logBucket:
        typeof props.logBucket === 'string'
          ? s3.Bucket.fromBucketName(this, 'LogArchiveBucket', props.logBucket)
          : props.logBucket,
      organizationId: props.config.organizationId,
    });
    // CloudFormation allows 500 resources per stack; say so in configuration terms, before synth fails.
    const count = this.node.findAll().filter((c) => CfnResource.isCfnResource(c)).length;
    if (count > MAX_RESOURCES_PER_STACK) {
      throw new ConfigError([
        `hipaaBaseline.environments: the network stack would hold ${count} resources; CloudFormation allows ${MAX_RESOURCES_PER_STACK} per stack (use fewer environments, availability zones or interface endpoints)`,
      ]);
    }
  }

  /** The configured zones when given (no lookup), else CDK's. */
  public override get availabilityZones(): string[] {
    return this.knownZones ? [...this.knownZones] : super.availabilityZones;
  }
}
