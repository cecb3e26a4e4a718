import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import { TIERS, type EnvironmentPlan, type Tier } from './plan';

/**
 * Gives an `ec2.Vpc` the planned address layout: each tier one aligned block (so a network ACL entry or
 * route names a whole tier with one CIDR), one subnet per zone inside it. Subnet groups must be named
 * after the tiers.
 */
export class TierIpAddresses implements ec2.IIpAddresses {
  constructor(private readonly environment: EnvironmentPlan) {}

  public allocateVpcCidr(): ec2.VpcIpamOptions {
    return { cidrBlock: this.environment.vpc.cidr };
  }

  public allocateSubnetsCidr(input: ec2.AllocateCidrRequest): ec2.SubnetIpamOptions {
    return {
      allocatedSubnets: input.requestedSubnets.map((subnet) => {
        const tier = subnet.configuration.name as Tier;
        const zone = this.environment.zones.indexOf(subnet.availabilityZone);
        if (!TIERS.includes(tier) || zone < 0) {
          throw new Error(`no planned subnet for group "${tier}" in ${subnet.availabilityZone}`);
        }
        return { cidr: this.environment.subnets[tier][zone].cidr };
      }),
    };
  }
}
