import { Stack } from 'aws-cdk-lib';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { SegmentedNetwork } from '../constructs/segmented-network';
import { planNetwork } from '../network/plan';
import type { BaselineStackProps } from './baseline-stack-props';

export interface NetworkStackProps extends BaselineStackProps {
  /** Log archive bucket receiving flow logs and DNS query logs. */
  readonly logBucket: s3.IBucket;
}

/**
 * Network role: every environment's VPC, the transit gateway of declared paths, flow logs and DNS query
 * logs. In a multi-account organisation this stack belongs in the network account.
 */
export class NetworkStack extends Stack {
  public readonly network: SegmentedNetwork;

  constructor(scope: Construct, id: string, props: NetworkStackProps) {
    super(scope, id, props);
    this.network = new SegmentedNetwork(this, 'Network', {
      network: planNetwork(props.config),
      namePrefix: props.config.namePrefix,
      logBucket: props.logBucket,
      organizationId: props.config.organizationId,
    });
  }
}
