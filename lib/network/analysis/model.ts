import { cidrProblem, parseCidr, type Ipv4Block } from '../cidr';
import { REMOVE_DEFAULT_SG_RULES_DOCUMENT } from '../plan';
import { trafficOf, type Traffic } from './traffic';

/** A resource as it appears in a template (the fields the analysis reads). */
export interface Resource {
  readonly Type: string;
  readonly Properties?: Record<string, any>;
}

/** Where a route sends traffic. */
export type Hop =
  | { kind: 'internet'; via: 'InternetGateway' | 'NatGateway' | 'EgressOnlyInternetGateway' }
  | { kind: 'tgw'; tgw: string }
  | { kind: 'peering'; peering: string }
  | { kind: 'unknown'; via: string };

export interface Route {
  readonly id: string;
  readonly routeTable: string;
  /** IPv4 destination; IPv6 routes count as internet routes when they go to a gateway. */
  readonly destination: Ipv4Block;
  readonly hop: Hop;
}

export interface AclEntry {
  readonly id: string;
  readonly acl: string;
  readonly ruleNumber: number;
  readonly egress: boolean;
  readonly allow: boolean;
  readonly cidr: Ipv4Block;
  readonly traffic: Traffic;
}

/** Peer of a security group rule: addresses, another group, or a prefix list (public AWS addresses). */
export type SgPeer = { cidr: Ipv4Block } | { group: string } | { prefixList: true };

export interface SgRule {
  /** Resource that holds the rule: the group (inline rules) or an AWS::EC2::SecurityGroupIngress/Egress. */
  readonly resource: string;
  readonly group: string;
  readonly egress: boolean;
  readonly peer: SgPeer;
  readonly traffic: Traffic;
}

/** The network resources of one template, with references resolved to logical ids. */
export interface NetworkModel {
  readonly vpcs: Map<string, Ipv4Block>;
  readonly subnets: Map<string, { vpc: string; cidr: Ipv4Block }>;
  readonly routeTables: Map<string, string>;
  readonly subnetRouteTable: Map<string, { routeTable: string; association: string }>;
  readonly routes: Route[];
  readonly acls: Map<string, string>;
  readonly subnetAcl: Map<string, { acl: string; association: string }>;
  readonly aclEntries: AclEntry[];
  /** Security groups by logical id → VPC. */
  readonly groups: Map<string, string>;
  readonly sgRules: SgRule[];
  /** VPCs whose default security group the template keeps empty (AWS Config auto-remediation). */
  readonly closedDefaultGroups: Set<string>;
  readonly gateways: Map<string, Hop['kind'] | 'vpn'>;
  readonly tgws: Map<string, { defaultAssociation: boolean; defaultPropagation: boolean }>;
  readonly attachments: Map<string, { tgw: string; vpc: string }>;
  readonly tgwRouteTables: Map<string, string>;
  readonly tgwAssociations: { id: string; attachment: string; routeTable: string }[];
  readonly tgwPropagations: { id: string; attachment: string; routeTable: string }[];
  readonly tgwRoutes: { id: string; routeTable: string; destination: Ipv4Block; attachment?: string }[];
  readonly peerings: Map<string, { vpc: string; peer: string }>;
  /** Values the analysis cannot decide (it reports them rather than guess). */
  readonly problems: { resource: string; message: string }[];
}

/** The logical id a `Ref` or `Fn::GetAtt` points to. */
export function refOf(value: unknown): string | undefined {
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v.Ref === 'string') return v.Ref;
    const getAtt = v['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
    if (typeof getAtt === 'string') return getAtt.split('.')[0];
  }
  return undefined;
}

const enabled = (value: unknown) => value === undefined || String(value).toLowerCase() === 'enable';

/** Builds the model from a template's Resources. */
export function buildModel(resources: ReadonlyMap<string, Resource>): NetworkModel {
  const m: NetworkModel = {
    vpcs: new Map(),
    subnets: new Map(),
    routeTables: new Map(),
    subnetRouteTable: new Map(),
    routes: [],
    acls: new Map(),
    subnetAcl: new Map(),
    aclEntries: [],
    groups: new Map(),
    sgRules: [],
    closedDefaultGroups: new Set(),
    gateways: new Map(),
    tgws: new Map(),
    attachments: new Map(),
    tgwRouteTables: new Map(),
    tgwAssociations: [],
    tgwPropagations: [],
    tgwRoutes: [],
    peerings: new Map(),
    problems: [],
  };
  const byType = (type: string) => [...resources].filter(([, r]) => r.Type === type);
  const need = (id: string, what: string, value: string | undefined) => {
    if (value === undefined)
      m.problems.push({
        resource: id,
        message: `cannot analyse: ${what} is not a reference to a resource of this template`,
      });
    return value;
  };
  const cidr = (id: string, value: unknown, what: string): Ipv4Block | undefined => {
    const vpcRef = refOf(value);
    if (vpcRef && m.vpcs.has(vpcRef) && JSON.stringify(value).includes('CidrBlock')) return m.vpcs.get(vpcRef);
    if (typeof value === 'string' && !cidrProblem(value)) return parseCidr(value);
    m.problems.push({ resource: id, message: `cannot analyse: ${what} is not a literal IPv4 CIDR` });
    return undefined;
  };

  for (const [id, r] of byType('AWS::EC2::VPC')) {
    const block = cidr(id, r.Properties?.CidrBlock, 'CidrBlock');
    if (block) m.vpcs.set(id, block);
  }
  for (const [id, r] of byType('AWS::EC2::Subnet')) {
    const vpc = need(id, 'VpcId', refOf(r.Properties?.VpcId));
    const block = cidr(id, r.Properties?.CidrBlock, 'CidrBlock');
    if (vpc && block) m.subnets.set(id, { vpc, cidr: block });
  }
  for (const [id, r] of byType('AWS::EC2::RouteTable')) m.routeTables.set(id, refOf(r.Properties?.VpcId) ?? '');
  for (const [id, r] of byType('AWS::EC2::SubnetRouteTableAssociation')) {
    const subnet = refOf(r.Properties?.SubnetId);
    const routeTable = refOf(r.Properties?.RouteTableId);
    if (need(id, 'SubnetId', subnet) && need(id, 'RouteTableId', routeTable)) {
      m.subnetRouteTable.set(subnet!, { routeTable: routeTable!, association: id });
    }
  }
  for (const [id] of byType('AWS::EC2::InternetGateway')) m.gateways.set(id, 'internet');
  for (const [id] of byType('AWS::EC2::EgressOnlyInternetGateway')) m.gateways.set(id, 'internet');
  for (const [id] of byType('AWS::EC2::VPNGateway')) m.gateways.set(id, 'vpn');
  for (const [id, r] of byType('AWS::EC2::TransitGateway')) {
    m.tgws.set(id, {
      defaultAssociation: enabled(r.Properties?.DefaultRouteTableAssociation),
      defaultPropagation: enabled(r.Properties?.DefaultRouteTablePropagation),
    });
  }
  for (const type of ['AWS::EC2::TransitGatewayAttachment', 'AWS::EC2::TransitGatewayVpcAttachment']) {
    for (const [id, r] of byType(type)) {
      const tgw = need(id, 'TransitGatewayId', refOf(r.Properties?.TransitGatewayId));
      const vpc = need(id, 'VpcId', refOf(r.Properties?.VpcId));
      if (tgw && vpc) m.attachments.set(id, { tgw, vpc });
    }
  }
  for (const [id, r] of byType('AWS::EC2::TransitGatewayRouteTable')) {
    m.tgwRouteTables.set(id, refOf(r.Properties?.TransitGatewayId) ?? '');
  }
  for (const [kind, list] of [
    ['AWS::EC2::TransitGatewayRouteTableAssociation', m.tgwAssociations],
    ['AWS::EC2::TransitGatewayRouteTablePropagation', m.tgwPropagations],
  ] as const) {
    for (const [id, r] of byType(kind)) {
      const attachment = need(id, 'TransitGatewayAttachmentId', refOf(r.Properties?.TransitGatewayAttachmentId));
      const routeTable = need(id, 'TransitGatewayRouteTableId', refOf(r.Properties?.TransitGatewayRouteTableId));
      if (attachment && routeTable) list.push({ id, attachment, routeTable });
    }
  }
  for (const [id, r] of byType('AWS::EC2::TransitGatewayRoute')) {
    const p = r.Properties ?? {};
    const routeTable = need(id, 'TransitGatewayRouteTableId', refOf(p.TransitGatewayRouteTableId));
    const destination = cidr(id, p.DestinationCidrBlock, 'DestinationCidrBlock');
    const blackhole = p.Blackhole === true || p.Blackhole === 'true';
    const attachment = blackhole
      ? undefined
      : need(id, 'TransitGatewayAttachmentId', refOf(p.TransitGatewayAttachmentId));
    if (routeTable && destination && (blackhole || attachment))
      m.tgwRoutes.push({ id, routeTable, destination, attachment });
  }
  for (const [id, r] of byType('AWS::EC2::VPCPeeringConnection')) {
    const vpc = need(id, 'VpcId', refOf(r.Properties?.VpcId));
    if (vpc)
      m.peerings.set(id, {
        vpc,
        peer: refOf(r.Properties?.PeerVpcId) ?? `external:${JSON.stringify(r.Properties?.PeerVpcId)}`,
      });
  }
  for (const [id] of byType('AWS::EC2::NatGateway')) m.gateways.set(id, 'internet');
  for (const [id, r] of byType('AWS::EC2::Route')) addRoute(m, id, r.Properties ?? {}, cidr, need);
  for (const [id, r] of byType('AWS::EC2::NetworkAcl')) m.acls.set(id, refOf(r.Properties?.VpcId) ?? '');
  for (const [id, r] of byType('AWS::EC2::SubnetNetworkAclAssociation')) {
    const subnet = refOf(r.Properties?.SubnetId);
    const acl = refOf(r.Properties?.NetworkAclId);
    if (need(id, 'SubnetId', subnet) && need(id, 'NetworkAclId', acl))
      m.subnetAcl.set(subnet!, { acl: acl!, association: id });
  }
  for (const [id, r] of byType('AWS::EC2::NetworkAclEntry')) {
    const p = r.Properties ?? {};
    if (p.Ipv6CidrBlock !== undefined) continue; // The VPCs are IPv4-only; IPv6 entries match no IPv4 flow.
    const acl = need(id, 'NetworkAclId', refOf(p.NetworkAclId));
    const block = cidr(id, p.CidrBlock, 'CidrBlock');
    if (!acl || !block) continue;
    const egress = p.Egress === true || p.Egress === 'true';
    const protocol = Number(p.Protocol);
    m.aclEntries.push({
      id,
      acl,
      ruleNumber: Number(p.RuleNumber),
      egress,
      allow: String(p.RuleAction).toLowerCase() === 'allow',
      cidr: block,
      traffic: trafficOf(
        protocol,
        protocol === 6 || protocol === 17 ? p.PortRange?.From : undefined,
        protocol === 6 || protocol === 17 ? p.PortRange?.To : undefined,
      ),
    });
  }
  addSecurityGroups(m, resources, byType, cidr, need);
  return m;
}

type Cidr = (id: string, value: unknown, what: string) => Ipv4Block | undefined;
type Need = (id: string, what: string, value: string | undefined) => string | undefined;

function addRoute(m: NetworkModel, id: string, p: Record<string, any>, cidr: Cidr, need: Need): void {
  const routeTable = need(id, 'RouteTableId', refOf(p.RouteTableId));
  if (!routeTable) return;
  if (p.DestinationPrefixListId !== undefined) return; // Gateway endpoint routes: AWS service prefixes only.
  const ipv6 = p.DestinationIpv6CidrBlock !== undefined;
  const destination = ipv6 ? parseCidr('0.0.0.0/0') : cidr(id, p.DestinationCidrBlock, 'DestinationCidrBlock');
  if (!destination) return;
  let hop: Hop;
  const gateway = refOf(p.GatewayId);
  if (p.NatGatewayId !== undefined) hop = { kind: 'internet', via: 'NatGateway' };
  else if (p.EgressOnlyInternetGatewayId !== undefined) hop = { kind: 'internet', via: 'EgressOnlyInternetGateway' };
  else if (p.GatewayId !== undefined && (gateway === undefined || m.gateways.get(gateway) !== 'vpn')) {
    hop = { kind: 'internet', via: 'InternetGateway' };
  } else if (p.TransitGatewayId !== undefined) hop = { kind: 'tgw', tgw: refOf(p.TransitGatewayId) ?? 'external' };
  else if (p.VpcPeeringConnectionId !== undefined)
    hop = { kind: 'peering', peering: refOf(p.VpcPeeringConnectionId) ?? 'external' };
  else
    hop = {
      kind: 'unknown',
      via: Object.keys(p).find((key) => key.endsWith('Id') && key !== 'RouteTableId') ?? 'unknown target',
    };
  // An IPv6 route reaches the internet only; it opens no path to another environment's IPv4 space.
  if (ipv6 && hop.kind !== 'internet') return;
  m.routes.push({ id, routeTable, destination, hop });
}

function addSecurityGroups(
  m: NetworkModel,
  resources: ReadonlyMap<string, Resource>,
  byType: (type: string) => [string, Resource][],
  cidr: Cidr,
  need: Need,
): void {
  const peerOf = (id: string, rule: Record<string, any>): SgPeer | undefined => {
    if (rule.CidrIpv6 !== undefined) return { cidr: parseCidr('0.0.0.0/0') }; // IPv6: the internet only.
    const prefixList = rule.SourcePrefixListId ?? rule.DestinationPrefixListId;
    if (prefixList !== undefined) return { prefixList: true };
    const group = rule.SourceSecurityGroupId ?? rule.DestinationSecurityGroupId;
    if (group !== undefined) {
      const ref = need(id, 'the peer security group', refOf(group));
      return ref ? { group: ref } : undefined;
    }
    const block = cidr(id, rule.CidrIp, 'CidrIp');
    return block ? { cidr: block } : undefined;
  };
  const add = (resource: string, group: string, egress: boolean, rule: Record<string, any>) => {
    const peer = peerOf(resource, rule);
    if (peer)
      m.sgRules.push({
        resource,
        group,
        egress,
        peer,
        traffic: trafficOf(rule.IpProtocol, rule.FromPort, rule.ToPort),
      });
  };
  for (const [id, r] of byType('AWS::EC2::SecurityGroup')) {
    const vpc = need(id, 'VpcId', refOf(r.Properties?.VpcId));
    if (!vpc) continue;
    m.groups.set(id, vpc);
    for (const rule of r.Properties?.SecurityGroupIngress ?? []) add(id, id, false, rule);
    // Without egress rules AWS adds allow-all egress.
    const egress = r.Properties?.SecurityGroupEgress ?? [{ CidrIp: '0.0.0.0/0', IpProtocol: '-1' }];
    for (const rule of egress) add(id, id, true, rule);
  }
  for (const [type, egress] of [
    ['AWS::EC2::SecurityGroupIngress', false],
    ['AWS::EC2::SecurityGroupEgress', true],
  ] as const) {
    for (const [id, r] of byType(type)) {
      const group = need(id, 'GroupId', refOf(r.Properties?.GroupId));
      if (group) add(id, group, egress, r.Properties ?? {});
    }
  }
  // The default security group of each VPC: kept empty by the closure, else as AWS creates it.
  for (const [vpc] of m.vpcs) m.groups.set(`${vpc}.DefaultSecurityGroup`, vpc);
  for (const [, r] of byType('AWS::Config::RemediationConfiguration')) {
    const p = r.Properties ?? {};
    const rule = resources.get(refOf(p.ConfigRuleName) ?? '');
    const scoped = refOf(rule?.Properties?.Scope?.ComplianceResourceId);
    if (p.TargetId === REMOVE_DEFAULT_SG_RULES_DOCUMENT && (p.Automatic === true || p.Automatic === 'true') && scoped) {
      if (JSON.stringify(rule?.Properties?.Scope?.ComplianceResourceId).includes('DefaultSecurityGroup'))
        m.closedDefaultGroups.add(scoped);
    }
  }
  for (const [vpc] of m.vpcs) {
    if (m.closedDefaultGroups.has(vpc)) continue;
    const group = `${vpc}.DefaultSecurityGroup`;
    m.sgRules.push({ resource: vpc, group, egress: false, peer: { group }, traffic: trafficOf('-1') });
    m.sgRules.push({
      resource: vpc,
      group,
      egress: true,
      peer: { cidr: parseCidr('0.0.0.0/0') },
      traffic: trafficOf('-1'),
    });
  }
}
