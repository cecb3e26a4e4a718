import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FLOW_LOG_FIELDS } from '../../lib/constructs/flow-logs';
import { SEGMENTATION_METADATA_KEY } from '../../lib/network/segmentation-metadata';
import { SEGMENTATION_MATRIX_FILE } from '../../lib/network/segmentation-matrix';
import { defaultTemplateJson, logicalIdsOfType } from '../helpers/assembly';
import { networkStack } from '../helpers/network';
import { DEFAULT_ASSEMBLY } from '../helpers/paths';

// GIVEN the default baseline (synthesized once by the global setup)
const template = () => defaultTemplateJson('Network');
const resources = () => Object.entries(template().Resources) as [string, any][];
const ofType = (type: string) => resources().filter(([, r]) => r.Type === type);
const ref = (value: any) => value?.Ref ?? value?.['Fn::GetAtt']?.[0];

/** Route tables of a tier (subnets named `<tier>Subnet<n>` by the VPC construct). */
const tierRouteTables = (tier: string) =>
  ofType('AWS::EC2::RouteTable')
    .map(([id]) => id)
    .filter((id) => id.includes(`Vpc${tier}Subnet`));

describe('NetworkStack (default configuration)', () => {
  test('one VPC per environment, with the configured CIDR and the tiers in explicit zones', () => {
    const vpcs = ofType('AWS::EC2::VPC').map(([, r]) => r.Properties.CidrBlock);
    expect(vpcs.sort()).toEqual(['10.10.0.0/16', '10.20.0.0/16', '10.30.0.0/16']);
    const zones = new Set(ofType('AWS::EC2::Subnet').map(([, r]) => r.Properties.AvailabilityZone));
    expect([...zones].sort()).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
  });

  test('data-tier route tables have no 0.0.0.0/0 or ::/0 route (nor any route to a gateway)', () => {
    const data = tierRouteTables('data');
    expect(data).toHaveLength(9);
    const routes = ofType('AWS::EC2::Route').filter(([, r]) => data.includes(ref(r.Properties.RouteTableId)));
    expect(routes).toEqual([]);
  });

  test('app-tier route tables route 0.0.0.0/0 only to a NAT gateway, and only where egress is nat', () => {
    const defaults = ofType('AWS::EC2::Route').filter(([, r]) => r.Properties.DestinationCidrBlock === '0.0.0.0/0');
    const appDefaults = defaults.filter(([, r]) => tierRouteTables('app').includes(ref(r.Properties.RouteTableId)));
    expect(appDefaults.every(([, r]) => r.Properties.NatGatewayId && !r.Properties.GatewayId)).toBe(true);
    expect(appDefaults.map(([id]) => id.match(/^Network(\w+?)Vpc/)![1]).sort()).toEqual([
      'Nonprod',
      'Nonprod',
      'Nonprod',
      'Prod',
      'Prod',
      'Prod',
    ]);
  });

  test('ingress subnets assign no public IPs; shared (no internet ingress) has no ingress tier', () => {
    const ingress = ofType('AWS::EC2::Subnet').filter(([id]) => id.includes('ingressSubnet'));
    expect(ingress).toHaveLength(6);
    expect(ingress.every(([, r]) => r.Properties.MapPublicIpOnLaunch === false)).toBe(true);
    expect(ingress.some(([id]) => id.startsWith('NetworkShared'))).toBe(false);
  });

  test('network ACL entries per tier: data only from the app tier on the data ports', () => {
    const entries = ofType('AWS::EC2::NetworkAclEntry').filter(([id]) => id.startsWith('NetworkProdNetworkAclsData'));
    const inbound = entries.filter(([, r]) => !r.Properties.Egress).map(([, r]) => r.Properties);
    expect(
      inbound.map((e) => `${e.RuleAction} ${e.CidrBlock} ${e.Protocol} ${e.PortRange?.From ?? ''}`).sort(),
    ).toEqual(['allow 10.10.0.0/17 6 3306', 'allow 10.10.0.0/17 6 5432', 'allow 10.10.192.0/18 -1 ']);
    const outbound = entries.filter(([, r]) => r.Properties.Egress).map(([, r]) => r.Properties);
    expect(outbound.map((e) => `${e.CidrBlock} ${e.PortRange?.From ?? 'all'}-${e.PortRange?.To ?? ''}`).sort()).toEqual(
      ['10.10.0.0/17 1024-65535', '10.10.192.0/18 all-'],
    );
  });

  test('network ACL entries per tier: ingress accepts tcp/443 and answers only, private space denied first', () => {
    const entries = ofType('AWS::EC2::NetworkAclEntry')
      .filter(([id]) => id.startsWith('NetworkProdNetworkAclsIngress'))
      .map(([, r]) => r.Properties)
      .filter((e) => !e.Egress)
      .sort((a, b) => a.RuleNumber - b.RuleNumber);
    const internet = entries.filter((e) => e.CidrBlock === '0.0.0.0/0');
    expect(internet).toEqual([
      expect.objectContaining({ RuleAction: 'allow', Protocol: 6, PortRange: { From: 443, To: 443 } }),
    ]);
    const denied = entries.filter((e) => e.RuleAction === 'deny').map((e) => e.CidrBlock);
    expect(denied).toEqual(['10.0.0.0/8']);
    expect(Math.max(...entries.filter((e) => e.RuleAction === 'deny').map((e) => e.RuleNumber))).toBeLessThan(
      internet[0].RuleNumber,
    );
  });

  test('every subnet has its tier network ACL', () => {
    const associated = ofType('AWS::EC2::SubnetNetworkAclAssociation').map(([, r]) => ref(r.Properties.SubnetId));
    expect(associated.sort()).toEqual(logicalIdsOfType(template(), 'AWS::EC2::Subnet').sort());
  });

  test('the default security group gets no rule and no custom resource; AWS Config keeps it empty', () => {
    const json = JSON.stringify(template());
    expect(json).not.toContain('Custom::VpcRestrictDefaultSG');
    expect(ofType('AWS::Lambda::Function')).toEqual([]);
    for (const [, rule] of [...ofType('AWS::EC2::SecurityGroupIngress'), ...ofType('AWS::EC2::SecurityGroupEgress')]) {
      expect(JSON.stringify(rule.Properties.GroupId)).not.toContain('DefaultSecurityGroup');
    }
    const closed = ofType('AWS::Config::RemediationConfiguration').map(([, r]) => {
      const rule = template().Resources[ref(r.Properties.ConfigRuleName)];
      expect(rule.Properties.Source.SourceIdentifier).toBe('VPC_DEFAULT_SECURITY_GROUP_CLOSED');
      expect(r.Properties).toMatchObject({
        Automatic: true,
        TargetId: 'AWSConfigRemediation-RemoveVPCDefaultSecurityGroupRules',
      });
      return rule.Properties.Scope.ComplianceResourceId['Fn::GetAtt'];
    });
    expect(closed.map(([vpc, attribute]: string[]) => `${vpc}.${attribute}`).sort()).toEqual(
      logicalIdsOfType(template(), 'AWS::EC2::VPC')
        .map((vpc) => `${vpc}.DefaultSecurityGroup`)
        .sort(),
    );
  });

  test('the quarantine security group has no ingress and only the no-op egress rule', () => {
    for (const [, group] of ofType('AWS::EC2::SecurityGroup').filter(([id]) => id.includes('Quarantine'))) {
      expect(group.Properties.SecurityGroupIngress).toBeUndefined();
      expect(group.Properties.SecurityGroupEgress).toEqual([
        expect.objectContaining({ CidrIp: '255.255.255.255/32', IpProtocol: 'icmp', FromPort: 252, ToPort: 86 }),
      ]);
    }
    expect(ofType('AWS::EC2::SecurityGroup').filter(([id]) => id.includes('Quarantine'))).toHaveLength(3);
  });

  test('every VPC has a flow log of all traffic with the investigator fields, to the log archive', () => {
    const logs = ofType('AWS::EC2::FlowLog').map(([, r]) => r.Properties);
    expect(logs.map((l) => ref(l.ResourceId)).sort()).toEqual(logicalIdsOfType(template(), 'AWS::EC2::VPC').sort());
    for (const log of logs) {
      expect(log).toMatchObject({ ResourceType: 'VPC', TrafficType: 'ALL', LogDestinationType: 's3' });
      for (const field of ['pkt-srcaddr', 'pkt-dstaddr', 'tcp-flags', 'flow-direction', 'traffic-path']) {
        expect(log.LogFormat).toContain(`\${${field}}`);
      }
      expect(log.LogFormat.split(' ')).toHaveLength(FLOW_LOG_FIELDS.length);
      expect(JSON.stringify(log.LogDestination)).toContain('hipaa-log-archive');
    }
  });

  test('Route 53 Resolver query logging to the log archive, associated with every VPC', () => {
    const [[configId, config]] = ofType('AWS::Route53Resolver::ResolverQueryLoggingConfig');
    expect(JSON.stringify(config.Properties.DestinationArn)).toContain('/dns-query-logs/');
    const associations = ofType('AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation').map(
      ([, r]) => r.Properties,
    );
    expect(associations.every((a) => ref(a.ResolverQueryLogConfigId) === configId)).toBe(true);
    expect(associations.map((a) => ref(a.ResourceId)).sort()).toEqual(
      logicalIdsOfType(template(), 'AWS::EC2::VPC').sort(),
    );
  });

  test('endpoints in the app tier, with policies limited to this account, behind a 443-from-VPC group', () => {
    const endpoints = ofType('AWS::EC2::VPCEndpoint').filter(([id]) => id.startsWith('NetworkProd'));
    expect(endpoints).toHaveLength(11);
    for (const [, endpoint] of endpoints) {
      const statement = endpoint.Properties.PolicyDocument.Statement.find(
        (s: any) => s.Sid === 'OwnPrincipalsOwnResources',
      );
      expect(statement.Condition).toEqual({
        StringEquals: { 'aws:PrincipalAccount': { Ref: 'AWS::AccountId' } },
        StringEqualsIfExists: { 'aws:ResourceAccount': { Ref: 'AWS::AccountId' } },
      });
    }
    const gateways = endpoints.filter(([, r]) => r.Properties.VpcEndpointType === 'Gateway');
    expect(gateways.map(([id]) => id.match(/Endpoints(S3|Dynamodb)/)![1]).sort()).toEqual(['Dynamodb', 'S3']);
    const [[, group]] = ofType('AWS::EC2::SecurityGroup').filter(([id]) =>
      id.startsWith('NetworkProdEndpointsSecurityGroup'),
    );
    expect(group.Properties.SecurityGroupIngress).toEqual([
      expect.objectContaining({ CidrIp: '10.10.0.0/16', IpProtocol: 'tcp', FromPort: 443, ToPort: 443 }),
    ]);
  });

  test('transit gateway without default route tables; one route table per environment with declared peers only', () => {
    const [[, tgw]] = ofType('AWS::EC2::TransitGateway');
    expect(tgw.Properties).toMatchObject({
      DefaultRouteTableAssociation: 'disable',
      DefaultRouteTablePropagation: 'disable',
    });
    expect(ofType('AWS::EC2::TransitGatewayRouteTable')).toHaveLength(3);
    expect(ofType('AWS::EC2::TransitGatewayRouteTablePropagation')).toEqual([]);
    const routes = ofType('AWS::EC2::TransitGatewayRoute').map(
      ([id, r]) =>
        `${id
          .match(/Transit(\w+)To(\w+?)[A-F0-9]{8}$/)!
          .slice(1)
          .join('→')} ${r.Properties.DestinationCidrBlock}`,
    );
    expect(routes.sort()).toEqual([
      'Nonprod→Shared 10.30.0.0/17',
      'Prod→Shared 10.30.0.0/17',
      'Shared→Nonprod 10.20.0.0/17',
      'Shared→Prod 10.10.0.0/17',
    ]);
    const toTgw = ofType('AWS::EC2::Route').filter(([, r]) => r.Properties.TransitGatewayId);
    expect(toTgw.every(([, r]) => tierRouteTables('app').includes(ref(r.Properties.RouteTableId)))).toBe(true);
  });

  test('the declared matrix is in the template Metadata and the computed matrix in cdk.out', () => {
    expect(template().Metadata[SEGMENTATION_METADATA_KEY].paths).toEqual(
      expect.arrayContaining([{ from: 'prod/app', to: 'shared/app', protocol: 'tcp', ports: '443' }]),
    );
    const matrix = JSON.parse(readFileSync(join(DEFAULT_ASSEMBLY, SEGMENTATION_MATRIX_FILE), 'utf8'));
    expect(matrix.matrix.prod).toMatchObject({ nonprod: 'none', shared: 'tcp/443', internet: 'tcp/443' });
    expect(matrix.matrix.nonprod).toMatchObject({ prod: 'none', shared: 'tcp/443' });
    expect(matrix.matrix.shared).toMatchObject({ prod: 'none', nonprod: 'none', internet: 'none' });
    expect(matrix.findings).toEqual([]);
  });

  test('without a shared environment (and no declared path) there is no transit gateway', () => {
    const stack = networkStack({
      environments: [
        { name: 'prod', cidr: '10.10.0.0/16' },
        { name: 'nonprod', cidr: '10.20.0.0/16', production: false, availabilityZones: ['us-east-1a'] },
      ],
    });
    expect(stack.network.transit).toBeUndefined();
    expect(stack.node.findAll().some((c) => c.node.id === 'TransitGateway')).toBe(false);
  });

  test('more environments than one stack can hold is a configuration error, not a CloudFormation failure', () => {
    const environments = ['prod', 'nonprod', 'qa', 'dev', 'uat', 'staging', 'research', 'shared'].map((name, i) => ({
      name,
      cidr: `10.${10 * (i + 1)}.0.0/16`,
    }));
    expect(() => networkStack({ environments })).toThrow(
      /^hipaaBaseline.environments: the network stack would hold \d+ resources; CloudFormation allows 499 per stack/,
    );
  });
});
