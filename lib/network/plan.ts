import type { BaselineConfig } from '../config/schema';
import { GATEWAY_ENDPOINTS, parsePortSpec } from '../config/network-schema';
import { parseCidr, split, type Ipv4Block } from './cidr';
import { normalise, type RangeSet } from './port-set';

/** Tiers of an environment VPC. */
export const TIERS = ['ingress', 'app', 'data'] as const;
export type Tier = (typeof TIERS)[number];
export type Protocol = 'tcp' | 'udp';

/** Ports clients answer on (return traffic through stateless network ACLs): AWS's recommended range. */
export const EPHEMERAL_PORTS: RangeSet = [[1024, 65535]];
/** AWS-owned Systems Manager runbook that removes every rule of a VPC's default security group. */
export const REMOVE_DEFAULT_SG_RULES_DOCUMENT = 'AWSConfigRemediation-RemoveVPCDefaultSecurityGroupRules';
/** Name of everything outside the VPCs of the analysed template. */
export const INTERNET = 'internet';

/** A path the configuration allows: `from` may open connections to `to` on these ports. */
export interface DeclaredPath {
  /** `<environment>/<tier>` or `internet`. */
  readonly from: string;
  readonly to: string;
  readonly protocol: Protocol;
  readonly ports: RangeSet;
}

/** One environment, resolved: address layout and what it accepts. */
export interface EnvironmentPlan {
  readonly name: string;
  readonly vpc: Ipv4Block;
  readonly zones: readonly string[];
  readonly internetIngress: boolean;
  /** Production environments need at least two zones. */
  readonly production: boolean;
  readonly egress: 'nat' | 'none';
  readonly endpoints: readonly string[];
  /** Tier blocks: app the first half of the VPC, ingress the third quarter, data the fourth. */
  readonly tiers: { readonly [T in Tier]: Ipv4Block };
  /** Subnets of each tier, one per zone (zone order). */
  readonly subnets: { readonly [T in Tier]: readonly Ipv4Block[] };
  /** Tiers that have subnets (ingress only with internet ingress). */
  readonly activeTiers: readonly Tier[];
  readonly appPorts: RangeSet;
  readonly dataPorts: RangeSet;
  /** The app tier reaches public AWS service addresses (gateway endpoints or NAT) on tcp/443. */
  readonly reachesPublicAddresses: boolean;
}

/** The whole segmented network, derived from the configuration by pure functions. */
export interface NetworkPlan {
  readonly environments: readonly EnvironmentPlan[];
  /** Every path the configuration declares, inside environments, across them, and to/from the internet. */
  readonly paths: readonly DeclaredPath[];
  /**
   * Address-level allowances of network ACLs beyond `paths`: the app tier may send tcp/443 to public
   * addresses when gateway endpoints serve it, although no route to the internet exists.
   */
  readonly addressAllowances: readonly DeclaredPath[];
  /** Cross-environment paths (app tier to app tier), as declared in the matrix. */
  readonly crossPaths: readonly DeclaredPath[];
}

export const tierNode = (environment: string, tier: Tier | string) => `${environment}/${tier}`;

export function portRanges(specs: readonly (number | string)[]): RangeSet {
  return normalise(specs.map((spec) => parsePortSpec(spec)!));
}

function layout(cidr: string, zoneCount: number) {
  const vpc = parseCidr(cidr);
  const slotBits = Math.ceil(Math.log2(Math.max(zoneCount, 1)));
  const [app] = split(vpc, 1);
  const [, , ingress, data] = split(vpc, 2);
  const tiers = { app, ingress, data };
  const subnets = Object.fromEntries(TIERS.map((tier) => [tier, split(tiers[tier], slotBits).slice(0, zoneCount)])) as {
    [T in Tier]: Ipv4Block[];
  };
  return { vpc, tiers, subnets };
}

/** Merges paths with the same endpoints and protocol. */
function mergePaths(paths: DeclaredPath[]): DeclaredPath[] {
  const merged = new Map<string, DeclaredPath>();
  for (const path of paths) {
    const key = `${path.from} ${path.to} ${path.protocol}`;
    const existing = merged.get(key);
    merged.set(key, existing ? { ...path, ports: normalise([...existing.ports, ...path.ports]) } : path);
  }
  return [...merged.values()];
}

/** Resolves the validated configuration into the network plan. */
export function planNetwork(config: BaselineConfig): NetworkPlan {
  const environments: EnvironmentPlan[] = config.environments.map((env) => {
    const { vpc, tiers, subnets } = layout(env.cidr, env.availabilityZones.length);
    return {
      name: env.name,
      vpc,
      zones: env.availabilityZones,
      internetIngress: env.internetIngress,
      production: env.production,
      egress: env.egress,
      endpoints: env.endpoints,
      tiers,
      subnets,
      activeTiers: TIERS.filter((tier) => tier !== 'ingress' || env.internetIngress),
      appPorts: portRanges(env.appPorts),
      dataPorts: portRanges(env.dataPorts),
      reachesPublicAddresses:
        env.egress === 'nat' || env.endpoints.some((name) => (GATEWAY_ENDPOINTS as readonly string[]).includes(name)),
    };
  });

  const https: RangeSet = [[443, 443]];
  const paths: DeclaredPath[] = [];
  const addressAllowances: DeclaredPath[] = [];
  for (const env of environments) {
    const node = (tier: Tier) => tierNode(env.name, tier);
    if (env.internetIngress) {
      paths.push({ from: INTERNET, to: node('ingress'), protocol: 'tcp', ports: https });
      paths.push({ from: node('ingress'), to: node('app'), protocol: 'tcp', ports: env.appPorts });
    }
    paths.push({ from: node('app'), to: node('data'), protocol: 'tcp', ports: env.dataPorts });
    if (env.egress === 'nat') paths.push({ from: node('app'), to: INTERNET, protocol: 'tcp', ports: https });
    else if (env.reachesPublicAddresses) {
      addressAllowances.push({ from: node('app'), to: INTERNET, protocol: 'tcp', ports: https });
    }
  }
  const crossPaths = mergePaths(
    config.segmentation.map((entry) => ({
      from: tierNode(entry.from, 'app'),
      to: tierNode(entry.to, 'app'),
      protocol: entry.protocol,
      ports: portRanges(entry.ports),
    })),
  );
  return { environments, paths: mergePaths([...paths, ...crossPaths]), addressAllowances, crossPaths };
}
