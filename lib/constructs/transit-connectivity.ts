import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { declareControls } from '../controls/declare';
import type { NetworkPlan } from '../network/plan';

export interface TransitConnectivityProps {
  /** The network plan; only environments named by a declared cross-environment path are attached. */
  readonly network: NetworkPlan;
  /** The VPC of each environment, by environment name (subnet group `app` holds the attachments). */
  readonly vpcs: Readonly<Record<string, ec2.Vpc>>;
  /** Description of the transit gateway. */
  readonly description: string;
}

const pascal = (name: string) => name[0].toUpperCase() + name.slice(1);
const envOf = (node: string) => node.split('/')[0];

/**
 * A transit gateway that connects exactly the declared cross-environment paths: no default route table
 * association or propagation, one route table per attached environment holding static routes only to the
 * app tiers of the environments it has a declared path with, attachments in the app tier, and app-tier
 * routes to those peers only. HIPAA 164.312(e)(1), 164.308(a)(4)(i).
 */
export class TransitConnectivity extends Construct {
  public readonly transitGateway: ec2.CfnTransitGateway;
  /** Attachment of each connected environment. */
  public readonly attachments: Record<string, ec2.CfnTransitGatewayAttachment> = {};
  /** Route table of each connected environment. */
  public readonly routeTables: Record<string, ec2.CfnTransitGatewayRouteTable> = {};

  constructor(scope: Construct, id: string, props: TransitConnectivityProps) {
    super(scope, id);
    this.transitGateway = new ec2.CfnTransitGateway(this, 'TransitGateway', {
      description: props.description,
      defaultRouteTableAssociation: 'disable',
      defaultRouteTablePropagation: 'disable',
      autoAcceptSharedAttachments: 'disable',
      dnsSupport: 'enable',
      vpnEcmpSupport: 'disable',
    });
    // Peers of each environment: a declared path either way needs routes both ways (answers return).
    const peers = new Map<string, Set<string>>();
    for (const path of props.network.crossPaths) {
      const [a, b] = [envOf(path.from), envOf(path.to)];
      peers.set(a, (peers.get(a) ?? new Set()).add(b));
      peers.set(b, (peers.get(b) ?? new Set()).add(a));
    }
    const connected = props.network.environments.filter((env) => peers.has(env.name));
    for (const env of connected) {
      const vpc = props.vpcs[env.name];
      const name = pascal(env.name);
      const attachment = new ec2.CfnTransitGatewayAttachment(this, `${name}Attachment`, {
        transitGatewayId: this.transitGateway.ref,
        vpcId: vpc.vpcId,
        subnetIds: vpc.selectSubnets({ subnetGroupName: 'app' }).subnetIds,
      });
      const routeTable = new ec2.CfnTransitGatewayRouteTable(this, `${name}RouteTable`, {
        transitGatewayId: this.transitGateway.ref,
      });
      new ec2.CfnTransitGatewayRouteTableAssociation(this, `${name}Association`, {
        transitGatewayAttachmentId: attachment.attrId,
        transitGatewayRouteTableId: routeTable.ref,
      });
      this.attachments[env.name] = attachment;
      this.routeTables[env.name] = routeTable;
    }
    for (const env of connected) {
      for (const peerName of [...peers.get(env.name)!].sort()) {
        const peer = props.network.environments.find((candidate) => candidate.name === peerName)!;
        new ec2.CfnTransitGatewayRoute(this, `${pascal(env.name)}To${pascal(peerName)}`, {
          transitGatewayRouteTableId: this.routeTables[env.name].ref,
          destinationCidrBlock: peer.tiers.app.cidr,
          transitGatewayAttachmentId: this.attachments[peerName].attrId,
        });
        for (const subnet of props.vpcs[env.name].selectSubnets({ subnetGroupName: 'app' }).subnets) {
          (subnet as ec2.Subnet).addRoute(`To${pascal(peerName)}`, {
            routerType: ec2.RouterType.TRANSIT_GATEWAY,
            routerId: this.transitGateway.ref,
            destinationCidrBlock: peer.tiers.app.cidr,
          });
          subnet.node.findChild(`To${pascal(peerName)}`).node.addDependency(this.attachments[env.name]);
        }
      }
    }
    declareControls(this, {
      citations: ['164.312(e)(1)', '164.308(a)(4)(i)', '164.312(a)(1)'],
      statement:
        'A transit gateway without default route tables connects only the declared environment pairs: each environment has its own route table with routes to the app tiers it may reach, and nothing else.',
    });
  }
}
