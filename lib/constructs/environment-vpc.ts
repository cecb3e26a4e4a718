import { Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { EndpointName } from '../config/network-schema';
import { acknowledge } from '../controls/acknowledge';
import { declareControls } from '../controls/declare';
import { aclPlan } from '../network/acl-plan';
import type { EnvironmentPlan, NetworkPlan } from '../network/plan';
import { TierIpAddresses } from '../network/tier-ip-addresses';
import { VpcFlowLogs } from './flow-logs';
import { TierNetworkAcls } from './tier-network-acls';
import { TierSecurityGroups } from './tier-security-groups';
import { VpcEndpoints } from './vpc-endpoints';

/** Tag naming the environment of a VPC. */
export const ENVIRONMENT_TAG = 'hipaa-baseline:environment';

export interface EnvironmentVpcProps {
  /** The whole network plan (declared paths, other environments' CIDRs). */
  readonly network: NetworkPlan;
  /** This environment. */
  readonly environment: EnvironmentPlan;
  /** Name of the VPC. */
  readonly vpcName: string;
  /** Log archive bucket receiving the flow logs. HIPAA 164.312(b). */
  readonly logBucket: s3.IBucket;
  /**
   * AWS Organizations id admitted by the endpoint policies.
   * @default - this account only
   */
  readonly organizationId?: string;
}

/**
 * One environment's VPC with its tiers: `ingress` (public subnets without auto-assigned public IPs, only
 * with internet ingress), `app` (private; egress through a regional NAT gateway, or none) and `data`
 * (isolated: no route to an internet or NAT gateway); network ACLs and security groups per tier, VPC
 * endpoints and a flow log. Zones are explicit, so synth never looks them up.
 */
export class EnvironmentVpc extends Construct {
  public readonly vpc: ec2.Vpc;
  public readonly networkAcls: TierNetworkAcls;
  public readonly securityGroups: TierSecurityGroups;
  public readonly endpoints: VpcEndpoints;
  public readonly flowLogs: VpcFlowLogs;
  /** Whether this is a production environment. */
  public readonly production: boolean;

  constructor(scope: Construct, id: string, props: EnvironmentVpcProps) {
    super(scope, id);
    const env = props.environment;
    this.production = env.production;
    const nat = env.egress === 'nat';
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      vpcName: props.vpcName,
      ipAddresses: new TierIpAddresses(env),
      availabilityZones: [...env.zones],
      subnetConfiguration: [
        ...(env.internetIngress
          ? [{ name: 'ingress', subnetType: ec2.SubnetType.PUBLIC, mapPublicIpOnLaunch: false }]
          : []),
        { name: 'app', subnetType: nat ? ec2.SubnetType.PRIVATE_WITH_EGRESS : ec2.SubnetType.PRIVATE_ISOLATED },
        { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      ],
      // A regional NAT gateway needs no public subnet, so egress does not force an ingress tier.
      natGatewayProvider: nat ? new ec2.RegionalNatGatewayProvider() : undefined,
      natGateways: nat ? 1 : 0,
      createInternetGateway: env.internetIngress || nat,
      // The default security group is emptied by DefaultSecurityGroupClosure, without a custom resource.
      restrictDefaultSecurityGroup: false,
      enableDnsHostnames: true,
      enableDnsSupport: true,
    });
    Tags.of(this.vpc).add(ENVIRONMENT_TAG, env.name);
    // The regional NAT gateway needs the internet gateway attached, not only created: without the
    // dependency CloudFormation may create it first and fail (HIPAABaseline-InternetGatewayAttachedFirst).
    const children = this.vpc.node.findAll();
    const attachments = children.filter(
      (c): c is ec2.CfnVPCGatewayAttachment => c instanceof ec2.CfnVPCGatewayAttachment && !!c.internetGatewayId,
    );
    for (const nat of children.filter((c): c is ec2.CfnNatGateway => c instanceof ec2.CfnNatGateway)) {
      nat.node.addDependency(...attachments);
    }
    if (env.internetIngress) {
      for (const subnet of this.vpc.publicSubnets) {
        acknowledge(
          subnet,
          'HIPAA.Security-VPCNoUnrestrictedRouteToIGW',
          'Ingress tier: internet-facing load balancers need the default route to the internet gateway; its network ACL admits only tcp/443 and answers.',
        );
      }
    }

    this.networkAcls = new TierNetworkAcls(this, 'NetworkAcls', {
      vpc: this.vpc,
      entries: aclPlan(props.network, env),
    });
    this.securityGroups = new TierSecurityGroups(this, 'SecurityGroups', {
      vpc: this.vpc,
      network: props.network,
      environment: env,
    });
    this.endpoints = new VpcEndpoints(this, 'Endpoints', {
      vpc: this.vpc,
      vpcCidr: env.vpc.cidr,
      endpoints: env.endpoints as EndpointName[],
      organizationId: props.organizationId,
    });
    this.flowLogs = new VpcFlowLogs(this, 'FlowLogs', { vpc: this.vpc, bucket: props.logBucket });

    declareControls(this, {
      citations: ['164.312(a)(1)', '164.312(e)(1)', '164.308(a)(4)(i)', '164.308(a)(7)(ii)(C)'],
      statement: `The ${env.name} environment has its own VPC across ${env.zones.length} availability zones, with ingress, app and data tiers; the data tier has no route to an internet or NAT gateway.`,
    });
  }
}
