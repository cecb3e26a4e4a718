import { Fn, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { registerGate } from '../../lib/app/gate';
import { parseConfig } from '../../lib/config/load';
import type { NetworkStack } from '../../lib/stacks/network-stack';
import { NetworkSegmentationMatchesMatrix } from '../../rules/NetworkSegmentationMatchesMatrix';
import { allFindings, networkStack, segmentationFindings } from '../helpers/network';
import { SETTINGS } from '../helpers/rules';

const envOf = (stack: NetworkStack, name: string) => stack.network.environments[name];
const appSubnet = (stack: NetworkStack, name: string, index = 0) =>
  envOf(stack, name).vpc.selectSubnets({ subnetGroupName: 'app' }).subnets[index] as ec2.Subnet;
const dataSubnet = (stack: NetworkStack, name: string) =>
  envOf(stack, name).vpc.selectSubnets({ subnetGroupName: 'data' }).subnets[0] as ec2.Subnet;
const logicalId = (stack: Stack, construct: { node: { defaultChild?: unknown } } | ec2.CfnRoute) =>
  stack.getLogicalId((('node' in construct && construct.node.defaultChild) || construct) as any);

describe('HIPAABaseline-NetworkSegmentationMatchesMatrix', () => {
  test('non-compliant: a route from prod to nonprod through the transit gateway (escape hatch)', () => {
    const stack = networkStack();
    const transit = stack.network.transit!;
    const route = new ec2.CfnRoute(appSubnet(stack, 'prod'), 'ToNonprod', {
      routeTableId: appSubnet(stack, 'prod').routeTable.routeTableId,
      destinationCidrBlock: '10.20.0.0/16',
      transitGatewayId: transit.transitGateway.ref,
    });
    const tgwRoute = new ec2.CfnTransitGatewayRoute(transit, 'ProdToNonprodHatch', {
      transitGatewayRouteTableId: transit.routeTables.prod.ref,
      destinationCidrBlock: '10.20.0.0/16',
      transitGatewayAttachmentId: transit.attachments.nonprod.attrId,
    });
    const findings = segmentationFindings(stack);
    expect(findings.get(logicalId(stack, route))).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^prod\/app → nonprod\/app via route \S+ \(10\.20\.0\.0\/16 → TransitGateway\)$/),
      ]),
    );
    expect(findings.get(logicalId(stack, tgwRoute))).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^prod → nonprod\/data via TransitGateway route \S+ \(10\.20\.0\.0\/16\)$/),
      ]),
    );
  });

  test('non-compliant: a complete path prod/app → nonprod/data opened by escape hatches is named with its port', () => {
    const stack = networkStack();
    const transit = stack.network.transit!;
    const prodApp = '10.10.0.0/17';
    const nonprodData = '10.20.192.0/18';
    for (const [name, subnet, destination, table, attachment] of [
      ['prod', appSubnet(stack, 'prod'), nonprodData, 'prod', 'nonprod'],
      ['nonprod', dataSubnet(stack, 'nonprod'), prodApp, 'nonprod', 'prod'],
    ] as const) {
      new ec2.CfnRoute(subnet, 'Hatch', {
        routeTableId: subnet.routeTable.routeTableId,
        destinationCidrBlock: destination,
        transitGatewayId: transit.transitGateway.ref,
      });
      new ec2.CfnTransitGatewayRoute(transit, `${name}Hatch`, {
        transitGatewayRouteTableId: transit.routeTables[table].ref,
        destinationCidrBlock: destination,
        transitGatewayAttachmentId: transit.attachments[attachment].attrId,
      });
    }
    const acl = (name: string, tier: 'app' | 'data') => envOf(stack, name).networkAcls.acls[tier]!;
    const entry = (target: ec2.NetworkAcl, id: string, cidr: string, egress: boolean, ports: [number, number]) =>
      target.addEntry(id, {
        ruleNumber: 50,
        cidr: ec2.AclCidr.ipv4(cidr),
        traffic: ec2.AclTraffic.tcpPortRange(...ports),
        direction: egress ? ec2.TrafficDirection.EGRESS : ec2.TrafficDirection.INGRESS,
        ruleAction: ec2.Action.ALLOW,
      });
    entry(acl('prod', 'app'), 'HatchOut', nonprodData, true, [5432, 5432]);
    entry(acl('prod', 'app'), 'HatchIn', nonprodData, false, [1024, 65535]);
    entry(acl('nonprod', 'data'), 'HatchIn', prodApp, false, [5432, 5432]);
    entry(acl('nonprod', 'data'), 'HatchOut', prodApp, true, [1024, 65535]);
    envOf(stack, 'nonprod').securityGroups.data.addIngressRule(ec2.Peer.ipv4(prodApp), ec2.Port.tcp(5432), 'hatch');
    envOf(stack, 'prod').securityGroups.app.addEgressRule(ec2.Peer.ipv4(nonprodData), ec2.Port.tcp(5432), 'hatch');

    const messages = allFindings(stack);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^prod\/app → nonprod\/data tcp\/5432 via route .*TransitGateway route .*network ACL entry .*security group rule /,
        ),
      ]),
    );
  });

  test('non-compliant: a network ACL entry opened to prod by addPropertyOverride', () => {
    const stack = networkStack();
    const data = envOf(stack, 'nonprod').networkAcls.acls.data!;
    const entry = data.node.findChild('InAllowNonprodAppTcp5432').node.defaultChild as ec2.CfnNetworkAclEntry;
    entry.addPropertyOverride('CidrBlock', '10.10.0.0/17');
    expect(segmentationFindings(stack).get(stack.getLogicalId(entry))).toEqual([
      expect.stringMatching(
        /^prod\/app → nonprod\/data tcp\/5432 admitted by the inbound network ACL of nonprod\/data/,
      ),
    ]);
  });

  test('non-compliant: a security group rule opened to the other environment’s CIDR', () => {
    const stack = networkStack();
    const group = envOf(stack, 'nonprod').securityGroups.data;
    group.addIngressRule(ec2.Peer.ipv4('10.10.0.0/16'), ec2.Port.tcp(5432), 'escape hatch');
    expect(
      segmentationFindings(stack).get(stack.getLogicalId(group.node.defaultChild as ec2.CfnSecurityGroup)),
    ).toEqual(
      expect.arrayContaining([expect.stringMatching(/^prod\/app → nonprod tcp\/5432 via security group rule /)]),
    );
  });

  test('non-compliant: a VPC peering connection between prod and nonprod', () => {
    const stack = networkStack();
    const peering = new ec2.CfnVPCPeeringConnection(stack, 'Peering', {
      vpcId: envOf(stack, 'prod').vpc.vpcId,
      peerVpcId: envOf(stack, 'nonprod').vpc.vpcId,
    });
    expect(segmentationFindings(stack).get(stack.getLogicalId(peering))).toEqual([
      expect.stringMatching(/^prod ↔ nonprod via peering connection /),
    ]);
  });

  test('non-compliant: a data-tier route to the NAT gateway', () => {
    const stack = networkStack();
    const subnet = dataSubnet(stack, 'prod');
    const nat = envOf(stack, 'prod').vpc.node.findChild('RegionalNatGateway') as ec2.CfnNatGateway;
    const route = new ec2.CfnRoute(subnet, 'Egress', {
      routeTableId: subnet.routeTable.routeTableId,
      destinationCidrBlock: '0.0.0.0/0',
      natGatewayId: nat.attrNatGatewayId,
    });
    expect(segmentationFindings(stack).get(stack.getLogicalId(route))).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^prod\/data → internet via route \S+ \(0\.0\.0\.0\/0 → NatGateway\)$/),
      ]),
    );
  });

  test('non-compliant: an app-tier subnet associated with the ingress tier route table (straight to the internet gateway)', () => {
    const stack = networkStack();
    const ingress = envOf(stack, 'prod').vpc.selectSubnets({ subnetGroupName: 'ingress' }).subnets[0] as ec2.Subnet;
    const association = appSubnet(stack, 'prod').node.findChild(
      'RouteTableAssociation',
    ) as ec2.CfnSubnetRouteTableAssociation;
    association.routeTableId = ingress.routeTable.routeTableId;
    expect(allFindings(stack)).toEqual([
      expect.stringMatching(/^prod\/app → internet via route \S+ \(0\.0\.0\.0\/0 → InternetGateway\)$/),
    ]);
  });

  test('non-compliant: transit gateway default route table association switched on by an override', () => {
    const stack = networkStack();
    const tgw = stack.network.transit!.transitGateway;
    tgw.addPropertyOverride('DefaultRouteTableAssociation', 'enable');
    tgw.addPropertyOverride('DefaultRouteTablePropagation', 'enable');
    new ec2.CfnTransitGatewayAttachment(stack, 'Extra', {
      transitGatewayId: tgw.ref,
      vpcId: envOf(stack, 'nonprod').vpc.vpcId,
      subnetIds: [dataSubnet(stack, 'nonprod').subnetId],
    });
    expect(segmentationFindings(stack).get(stack.getLogicalId(tgw))?.join('\n')).toMatch(
      /→ prod\/\w+ via TransitGateway route/,
    );
  });

  test('non-compliant: a value the analysis cannot resolve fails loudly', () => {
    const stack = networkStack();
    const route = new ec2.CfnRoute(appSubnet(stack, 'prod'), 'Imported', {
      routeTableId: appSubnet(stack, 'prod').routeTable.routeTableId,
      destinationCidrBlock: Fn.importValue('SomeCidr'),
      transitGatewayId: stack.network.transit!.transitGateway.ref,
    });
    expect(segmentationFindings(stack).get(stack.getLogicalId(route))).toEqual([
      'cannot analyse: DestinationCidrBlock is not a literal IPv4 CIDR',
    ]);
  });

  test('compliant: the default network has no finding on any resource', () => {
    expect(allFindings(networkStack())).toEqual([]);
  });

  test('compliant: a declared path prod → nonprod tcp/5432 is built and accepted', () => {
    const stack = networkStack({ segmentation: [{ from: 'prod', to: 'nonprod', ports: [5432] }] });
    expect(allFindings(stack)).toEqual([]);
    expect(stack.network.transit!.routeTables.nonprod).toBeDefined();
  });

  test('not applicable: a template without the segmentation declaration', () => {
    const stack = new Stack();
    const vpc = new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.0.0.0/16' });
    const resource = { logicalId: 'Vpc', ...stack.resolve((vpc as any)._toCloudFormation()).Resources.Vpc };
    const context = { settings: SETTINGS, resources: new Map([['Vpc', resource]]), templateMetadata: {} };
    expect(NetworkSegmentationMatchesMatrix.check(resource, context)).toBe('not-applicable');
  });

  test('the synth gate fails naming the undeclared path', () => {
    const stack = networkStack();
    const group = envOf(stack, 'nonprod').securityGroups.data;
    group.addIngressRule(ec2.Peer.ipv4('10.10.0.0/16'), ec2.Port.tcp(5432), 'escape hatch');
    const app = stack.node.root as import('aws-cdk-lib').App;
    registerGate(app, parseConfig({}));
    expect(() => app.synth()).toThrow(
      /HIPAABaseline-NetworkSegmentationMatchesMatrix\[prod\/app-→-nonprod-tcp\/5432-via-security-group-rule-/,
    );
  });
});
