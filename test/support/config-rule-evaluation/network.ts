import type { ConfigRuleIdentifier } from '../../../lib/controls/catalog.generated';
import {
  asArray,
  canonical,
  csvParameter,
  eachOfType,
  judge,
  props,
  refOf,
  resourcesOf,
  type Located,
} from './template';
import type { Evaluator, RuleContext } from './types';

const SECURITY_GROUP = 'AWS::EC2::SecurityGroup';

/** Whether a value refers to a resource (its `Ref` or one of its attributes). */
const refersTo = (context: RuleContext, value: unknown, from: Located, target: Located) => {
  const text = canonical(value, from.stack, context.stacks);
  return text === refOf(target) || text.startsWith(`${refOf(target).slice(0, -1)}.`);
};

interface Ingress {
  readonly protocol: string;
  readonly from: number;
  readonly to: number;
}

/** IPv4 ingress rules of a security group open to 0.0.0.0/0 (inline and separate ingress resources). */
function openIngress(context: RuleContext, group: Located): Ingress[] {
  const separate = resourcesOf(context.stacks, 'AWS::EC2::SecurityGroupIngress')
    .filter((rule) => refersTo(context, props(rule).GroupId, rule, group))
    .map(props);
  return [...asArray<any>(props(group).SecurityGroupIngress), ...separate]
    .filter((rule) => rule.CidrIp === '0.0.0.0/0')
    .map((rule) => {
      const all = String(rule.IpProtocol) === '-1';
      return {
        protocol: all ? 'all' : String(rule.IpProtocol),
        from: all ? 0 : Number(rule.FromPort),
        to: all ? 65535 : Number(rule.ToPort),
      };
    });
}

const opens = (rule: Ingress, protocol: string, port: number) =>
  (rule.protocol === 'all' || rule.protocol === protocol) && rule.from <= port && port <= rule.to;

/** Whether every port a rule opens is in an authorized list (`443,1020-1025`). */
function authorized(rule: Ingress, list: readonly string[]): boolean {
  const ranges = list.map((item) => item.split('-').map(Number)).map(([a, b]) => [a, b ?? a]);
  return ranges.some(([a, b]) => a <= rule.from && rule.to <= b);
}

/** Security groups judged by their IPv4 ingress from anywhere. */
const groups = (context: RuleContext, failure: (rules: Ingress[]) => string | undefined, compliant: string) =>
  eachOfType(context, SECURITY_GROUP, (group) => failure(openIngress(context, group)), compliant);

/** AWS Config managed rules over VPCs, subnets, route tables, gateways and security groups. */
export const NETWORK_EVALUATORS: Partial<Record<ConfigRuleIdentifier, Evaluator>> = {
  INCOMING_SSH_DISABLED: (context) =>
    groups(
      context,
      (rules) => (rules.some((r) => opens(r, '6', 22) || opens(r, 'tcp', 22)) ? 'admits SSH from anywhere' : undefined),
      'no SSH from anywhere',
    ),
  RESTRICTED_INCOMING_TRAFFIC: (context) => {
    const blocked = ['blockedPort1', 'blockedPort2', 'blockedPort3', 'blockedPort4', 'blockedPort5']
      .flatMap((p) => csvParameter(context, p))
      .map(Number);
    return groups(
      context,
      (rules) => {
        const hit = blocked.filter((port) => rules.some((r) => opens(r, 'tcp', port)));
        return hit.length > 0 ? `admits tcp/${hit.join(', tcp/')} from anywhere` : undefined;
      },
      'admits none of the blocked ports from anywhere',
    );
  },
  VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS: (context) => {
    const lists: Record<string, string[]> = {
      tcp: csvParameter(context, 'authorizedTcpPorts'),
      udp: csvParameter(context, 'authorizedUdpPorts'),
    };
    return groups(
      context,
      (rules) => {
        const open = rules.filter((r) => r.protocol === 'all' || !authorized(r, lists[r.protocol] ?? []));
        return open.length > 0
          ? `admits ${open.map((r) => `${r.protocol}/${r.from}-${r.to}`).join(', ')} from anywhere, not authorized`
          : undefined;
      },
      'admits from anywhere only authorized ports',
    );
  },
  VPC_DEFAULT_SECURITY_GROUP_CLOSED: (context) => {
    // The baseline's own groups are not default groups; a VPC's default group is closed by automatic remediation.
    const own = resourcesOf(context.stacks, SECURITY_GROUP).map((g) =>
      judge(context, g, 'NOT_APPLICABLE', 'not a default security group'),
    );
    const remediated = resourcesOf(context.stacks, 'AWS::Config::RemediationConfiguration')
      .filter(
        (r) => props(r).Automatic === true && /RemoveVPCDefaultSecurityGroupRules/.test(String(props(r).TargetId)),
      )
      .map((r) =>
        resourcesOf(context.stacks, 'AWS::Config::ConfigRule').find((rule) =>
          refersTo(context, props(r).ConfigRuleName, r, rule),
        ),
      )
      .map((rule) => (rule ? canonical(props(rule).Scope?.ComplianceResourceId, rule.stack, context.stacks) : ''));
    const vpcs = resourcesOf(context.stacks, 'AWS::EC2::VPC').map((vpc) =>
      remediated.includes(`${refOf(vpc).slice(0, -1)}.DefaultSecurityGroup>`)
        ? judge(context, vpc, 'COMPLIANT', 'its default security group is emptied by automatic AWS Config remediation')
        : judge(context, vpc, 'NON_COMPLIANT', 'its default security group keeps the default rules'),
    );
    return [...own, ...vpcs];
  },
  SUBNET_AUTO_ASSIGN_PUBLIC_IP_DISABLED: (context) =>
    eachOfType(
      context,
      'AWS::EC2::Subnet',
      (subnet) => (props(subnet).MapPublicIpOnLaunch === true ? 'assigns public IPv4 addresses on launch' : undefined),
      'assigns no public IPv4 address on launch',
    ),
  VPC_FLOW_LOGS_ENABLED: (context) => {
    const traffic = context.rule.parameters.trafficType;
    const logs = resourcesOf(context.stacks, 'AWS::EC2::FlowLog');
    return eachOfType(
      context,
      'AWS::EC2::VPC',
      (vpc) =>
        logs.some(
          (log) =>
            props(log).ResourceType === 'VPC' &&
            refersTo(context, props(log).ResourceId, log, vpc) &&
            (traffic === undefined || props(log).TrafficType === traffic),
        )
          ? undefined
          : 'no flow log records its traffic',
      'a flow log records its traffic',
    );
  },
  INTERNET_GATEWAY_AUTHORIZED_VPC_ONLY: (context) => {
    const authorizedVpcs = csvParameter(context, 'AuthorizedVpcIds');
    const attachments = resourcesOf(context.stacks, 'AWS::EC2::VPCGatewayAttachment');
    return resourcesOf(context.stacks, 'AWS::EC2::InternetGateway').map((igw) => {
      const attachment = attachments.find((a) => refersTo(context, props(a).InternetGatewayId, a, igw));
      if (!attachment) return judge(context, igw, 'NOT_APPLICABLE', 'not attached to a VPC');
      const vpc = canonical(props(attachment).VpcId, attachment.stack, context.stacks);
      if (authorizedVpcs.length === 0)
        return judge(context, igw, 'NON_COMPLIANT', 'AuthorizedVpcIds is not set, so every attached gateway fails');
      return authorizedVpcs.includes(vpc)
        ? judge(context, igw, 'COMPLIANT', `attached to ${vpc}, an authorized VPC`)
        : judge(context, igw, 'NON_COMPLIANT', `attached to ${vpc}, not in AuthorizedVpcIds`);
    });
  },
  NO_UNRESTRICTED_ROUTE_TO_IGW: (context) => {
    const allowed = csvParameter(context, 'routeTableIds');
    const gateways = resourcesOf(context.stacks, 'AWS::EC2::InternetGateway');
    const routes = resourcesOf(context.stacks, 'AWS::EC2::Route');
    return eachOfType(
      context,
      'AWS::EC2::RouteTable',
      (table) => {
        const open = routes.filter(
          (route) =>
            refersTo(context, props(route).RouteTableId, route, table) &&
            (props(route).DestinationCidrBlock === '0.0.0.0/0' || props(route).DestinationIpv6CidrBlock === '::/0') &&
            gateways.some((igw) => refersTo(context, props(route).GatewayId, route, igw)),
        );
        if (open.length === 0) return undefined;
        return allowed.includes(refOf(table))
          ? undefined
          : 'routes 0.0.0.0/0 to an internet gateway and is not in routeTableIds';
      },
      'no default route to an internet gateway, or one the rule authorizes (routeTableIds)',
    );
  },
};
