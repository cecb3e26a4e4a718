import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { acknowledge } from '../controls/acknowledge';
import { declareControls } from '../controls/declare';
import type { AclEntryPlan } from '../network/acl-plan';
import type { Tier } from '../network/plan';

export interface TierNetworkAclsProps {
  /** The VPC whose subnet groups are named after the tiers. */
  readonly vpc: ec2.IVpc;
  /**
   * Entries per tier, from `aclPlan`: known networks get exactly their declared ports (and return
   * traffic), every other known network is denied, then the internet. HIPAA 164.312(e)(1), 164.312(a)(1).
   */
  readonly entries: { readonly [T in Tier]?: readonly AclEntryPlan[] };
}

function traffic(entry: AclEntryPlan): ec2.AclTraffic {
  if (entry.protocol === 'all') return ec2.AclTraffic.allTraffic();
  const [low, high] = entry.ports!;
  return entry.protocol === 'tcp' ? ec2.AclTraffic.tcpPortRange(low, high) : ec2.AclTraffic.udpPortRange(low, high);
}

/**
 * One network ACL per tier, associated with every subnet of the tier. Network ACLs are stateless, so each
 * declared path opens its ports one way and the ephemeral ports (1024-65535) for the answers the other way.
 */
export class TierNetworkAcls extends Construct {
  /** The ACL of each tier. */
  public readonly acls: { [T in Tier]?: ec2.NetworkAcl } = {};

  constructor(scope: Construct, id: string, props: TierNetworkAclsProps) {
    super(scope, id);
    for (const [tier, entries] of Object.entries(props.entries) as [Tier, AclEntryPlan[]][]) {
      const acl = new ec2.NetworkAcl(this, tier[0].toUpperCase() + tier.slice(1), {
        vpc: props.vpc,
        subnetSelection: { subnetGroupName: tier },
      });
      for (const entry of entries) {
        acl.addEntry(entry.id, {
          ruleNumber: entry.ruleNumber,
          cidr: entry.cidr === '0.0.0.0/0' ? ec2.AclCidr.anyIpv4() : ec2.AclCidr.ipv4(entry.cidr),
          traffic: traffic(entry),
          direction: entry.egress ? ec2.TrafficDirection.EGRESS : ec2.TrafficDirection.INGRESS,
          ruleAction: entry.action === 'allow' ? ec2.Action.ALLOW : ec2.Action.DENY,
        });
      }
      this.acls[tier] = acl;
    }
    acknowledge(
      this,
      'AwsSolutions-VPC3',
      'Network ACLs are the stateless tier boundary the segmentation matrix requires; security groups alone would let a misattached group open a tier.',
    );
    declareControls(this, {
      citations: ['164.312(e)(1)', '164.312(a)(1)', '164.308(a)(4)(i)'],
      statement:
        'Each tier has its own network ACL: the data tier accepts only the app tier on its declared ports, the ingress tier only tcp/443 and return traffic, other environments only on declared paths; everything else is denied.',
    });
  }
}
