import { CfnResource } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { InternetGatewayAttachedFirst } from '../../rules/InternetGatewayAttachedFirst';
import { evaluate, ruleStack } from '../helpers/rules';

function regionalVpc() {
  const stack = ruleStack();
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    availabilityZones: ['us-east-1a', 'us-east-1b'],
    subnetConfiguration: [{ name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }],
    natGatewayProvider: new ec2.RegionalNatGatewayProvider(),
    natGateways: 1,
  });
  const nat = vpc.node.findAll().find((c) => c instanceof ec2.CfnNatGateway) as ec2.CfnNatGateway;
  const attachment = vpc.node.findAll().find((c) => c instanceof ec2.CfnVPCGatewayAttachment) as CfnResource;
  return { stack, vpc, nat, attachment };
}

function l1Vpc(attach: boolean) {
  const stack = ruleStack();
  const vpc = new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.0.0.0/16' });
  const igw = new ec2.CfnInternetGateway(stack, 'Igw');
  const attachment = attach
    ? new ec2.CfnVPCGatewayAttachment(stack, 'Attachment', { vpcId: vpc.ref, internetGatewayId: igw.ref })
    : undefined;
  const subnet = new ec2.CfnSubnet(stack, 'Public', { vpcId: vpc.ref, cidrBlock: '10.0.0.0/24' });
  const table = new ec2.CfnRouteTable(stack, 'Table', { vpcId: vpc.ref });
  const route = new ec2.CfnRoute(stack, 'DefaultRoute', {
    routeTableId: table.ref,
    destinationCidrBlock: '0.0.0.0/0',
    gatewayId: igw.ref,
  });
  const nat = new ec2.CfnNatGateway(stack, 'Nat', { subnetId: subnet.ref });
  return { route, nat, attachment };
}

describe('HIPAABaseline-InternetGatewayAttachedFirst', () => {
  test('non-compliant: a regional NAT gateway of ec2.Vpc waits for the gateway, not its attachment (L2)', () => {
    expect(evaluate(InternetGatewayAttachedFirst, regionalVpc().nat)).toBe('non-compliant');
  });

  test('non-compliant: a zonal NAT gateway and an internet route without the attachment (L1)', () => {
    const { route, nat } = l1Vpc(true);
    expect(evaluate(InternetGatewayAttachedFirst, nat)).toBe('non-compliant');
    expect(evaluate(InternetGatewayAttachedFirst, route)).toBe('non-compliant');
  });

  test('non-compliant: a VPC whose internet gateway is never attached', () => {
    expect(evaluate(InternetGatewayAttachedFirst, l1Vpc(false).nat)).toBe('non-compliant');
  });

  test('non-compliant: the dependency removed by an override', () => {
    const { nat, attachment } = l1Vpc(true);
    nat.addResourceDependency(attachment!);
    nat.addOverride('DependsOn', undefined);
    expect(evaluate(InternetGatewayAttachedFirst, nat)).toBe('non-compliant');
  });

  test('compliant: each waits for the attachment (L2 with node.addDependency, L1 with DependsOn)', () => {
    const { nat, attachment } = regionalVpc();
    nat.node.addDependency(attachment);
    expect(evaluate(InternetGatewayAttachedFirst, nat)).toBe('compliant');
    const l1 = l1Vpc(true);
    l1.nat.addResourceDependency(l1.attachment!);
    l1.route.addResourceDependency(l1.attachment!);
    expect(evaluate(InternetGatewayAttachedFirst, l1.nat)).toBe('compliant');
    expect(evaluate(InternetGatewayAttachedFirst, l1.route)).toBe('compliant');
  });

  test('not applicable: a private NAT gateway; other resources', () => {
    const stack = ruleStack();
    const nat = new ec2.CfnNatGateway(stack, 'Nat', { subnetId: 'subnet-0123', connectivityType: 'private' });
    expect(evaluate(InternetGatewayAttachedFirst, nat)).toBe('not-applicable');
    expect(evaluate(InternetGatewayAttachedFirst, new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.0.0.0/16' }))).toBe(
      'not-applicable',
    );
  });
});
