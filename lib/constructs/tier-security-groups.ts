import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { acknowledge } from '../controls/acknowledge';
import { declareControls } from '../controls/declare';
import { tierNode, type EnvironmentPlan, type NetworkPlan, type Protocol } from '../network/plan';
import type { RangeSet } from '../network/port-set';

/** The one port the ingress tier admits from the internet (HTTPS to load balancers). */
export const INTERNET_INGRESS_PORT = 443;

export interface TierSecurityGroupsProps {
  readonly vpc: ec2.IVpc;
  /** The whole network plan (declared cross-environment paths). */
  readonly network: NetworkPlan;
  /** This VPC's environment. */
  readonly environment: EnvironmentPlan;
}

/** Security group ports for a protocol and ranges. */
export function portsOf(protocol: Protocol, ranges: RangeSet): ec2.Port[] {
  return ranges.map(([low, high]) =>
    protocol === 'tcp'
      ? low === high
        ? ec2.Port.tcp(low)
        : ec2.Port.tcpRange(low, high)
      : low === high
        ? ec2.Port.udp(low)
        : ec2.Port.udpRange(low, high),
  );
}

/**
 * Security groups for workloads of each tier, open only on declared paths, and a quarantine group for
 * incident response. Every group restricts egress.
 */
export class TierSecurityGroups extends Construct {
  /** For internet-facing load balancers: tcp/443 from anywhere, out only to the app tier's ports. */
  public readonly ingress?: ec2.SecurityGroup;
  /** For application workloads: in from the ingress group and declared peers, out to data, AWS (443) and peers. */
  public readonly app: ec2.SecurityGroup;
  /** For databases and caches: in from the app group on the data ports only; no egress. */
  public readonly data: ec2.SecurityGroup;
  /**
   * For isolating a compromised resource: no ingress and no egress. CloudFormation gives a group without
   * egress rules an allow-all egress rule; the one rule here (ICMP type 252 code 86 to 255.255.255.255/32,
   * as CDK writes it) matches no packet and so removes that default.
   */
  public readonly quarantine: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: TierSecurityGroupsProps) {
    super(scope, id);
    const { vpc, environment: env, network } = props;
    const group = (groupId: string, description: string) =>
      new ec2.SecurityGroup(this, groupId, { vpc, description, allowAllOutbound: false });

    this.app = group('App', `${env.name} app tier: declared paths only`);
    this.data = group('Data', `${env.name} data tier: app tier on the data ports only`);
    this.quarantine = group('Quarantine', `${env.name} quarantine: no ingress, no egress (incident response)`);

    if (env.internetIngress) {
      const ingress = group('Ingress', `${env.name} ingress tier: HTTPS from the internet, out to the app tier`);
      ingress.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(INTERNET_INGRESS_PORT), 'HTTPS from the internet');
      for (const port of portsOf('tcp', env.appPorts)) {
        ingress.addEgressRule(ec2.Peer.ipv4(env.tiers.app.cidr), port, 'to the app tier');
        this.app.addIngressRule(ingress, port, 'from the ingress tier');
      }
      acknowledge(
        ingress,
        'AwsSolutions-EC23',
        'Internet-facing ingress tier: load balancers accept HTTPS (tcp/443) from any address by design; no other port is open.',
      );
      this.ingress = ingress;
    }
    for (const port of portsOf('tcp', env.dataPorts)) {
      this.app.addEgressRule(ec2.Peer.ipv4(env.tiers.data.cidr), port, 'to the data tier');
      this.data.addIngressRule(this.app, port, 'from the app tier');
    }
    this.app.addEgressRule(
      ec2.Peer.anyIpv4(),
      ec2.Port.tcp(443),
      'HTTPS to AWS endpoints (and the internet when egress is nat)',
    );

    const self = tierNode(env.name, 'app');
    for (const path of network.crossPaths) {
      const peerName =
        path.from === self ? path.to.split('/')[0] : path.to === self ? path.from.split('/')[0] : undefined;
      const peer = network.environments.find((candidate) => candidate.name === peerName);
      if (!peer) continue;
      for (const port of portsOf(path.protocol, path.ports)) {
        if (path.to === self) this.app.addIngressRule(ec2.Peer.ipv4(peer.tiers.app.cidr), port, `from ${path.from}`);
        else this.app.addEgressRule(ec2.Peer.ipv4(peer.tiers.app.cidr), port, `to ${path.to}`);
      }
    }

    declareControls(this, {
      citations: ['164.312(a)(1)', '164.312(e)(1)', '164.308(a)(6)(ii)'],
      statement:
        'Tier security groups admit only declared paths and restrict egress; a quarantine group with no ingress and no egress isolates a resource during incident response.',
    });
  }
}
