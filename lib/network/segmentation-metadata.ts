import { parseCidr } from './cidr';
import { INTERNET, TIERS, type DeclaredPath, type NetworkPlan, type Protocol, type Tier } from './plan';
import { normalise, renderRanges, type RangeSet } from './port-set';

/** Template Metadata key holding the declared segmentation, so template checks judge final templates. */
export const SEGMENTATION_METADATA_KEY = 'hipaa-baseline:segmentation';

interface PathJson {
  from: string;
  to: string;
  protocol: Protocol;
  ports: string;
}

/** The declared segmentation as written into the network template. */
export interface SegmentationMetadataJson {
  version: 1;
  ephemeralPorts: string;
  environments: { name: string; vpc: unknown; cidr: string; tiers: Partial<Record<Tier, string>> }[];
  paths: PathJson[];
  addressAllowances: PathJson[];
}

/** The declared segmentation, parsed. */
export interface DeclaredSegmentation {
  readonly ephemeralPorts: RangeSet;
  readonly environments: readonly {
    readonly name: string;
    /** Logical id of the VPC. */
    readonly vpc: string;
    readonly cidr: string;
    readonly tiers: Partial<Record<Tier, string>>;
  }[];
  readonly paths: readonly DeclaredPath[];
  readonly addressAllowances: readonly DeclaredPath[];
}

const renderPath = (path: DeclaredPath): PathJson => ({ ...path, ports: renderRanges(path.ports) });

/** Renders the declaration; `vpcRefs` are the VPCs' `Ref` values by environment name. */
export function renderSegmentation(plan: NetworkPlan, vpcRefs: Record<string, unknown>): SegmentationMetadataJson {
  return {
    version: 1,
    ephemeralPorts: '1024-65535',
    environments: plan.environments.map((env) => ({
      name: env.name,
      vpc: vpcRefs[env.name],
      cidr: env.vpc.cidr,
      tiers: Object.fromEntries(env.activeTiers.map((tier) => [tier, env.tiers[tier].cidr])),
    })),
    paths: plan.paths.map(renderPath),
    addressAllowances: plan.addressAllowances.map(renderPath),
  };
}

function ranges(text: unknown, where: string): RangeSet {
  if (typeof text !== 'string' || !/^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(text))
    throw new Error(`${where}: bad ports "${text}"`);
  return normalise(
    text.split(',').map((part) => {
      const [low, high = low] = part.split('-').map(Number);
      return [low, high] as [number, number];
    }),
  );
}

function node(text: unknown, names: string[], where: string): string {
  if (text === INTERNET) return INTERNET;
  const [name, tier] = String(text).split('/');
  if (!names.includes(name) || !TIERS.includes(tier as Tier)) throw new Error(`${where}: unknown node "${text}"`);
  return String(text);
}

/** Parses the declaration from template Metadata; throws naming the problem when it is malformed. */
export function parseSegmentation(raw: unknown): DeclaredSegmentation {
  const json = raw as SegmentationMetadataJson;
  if (!json || json.version !== 1 || !Array.isArray(json.environments) || !Array.isArray(json.paths)) {
    throw new Error(`${SEGMENTATION_METADATA_KEY}: not a version 1 segmentation declaration`);
  }
  const environments = json.environments.map((env, i) => {
    const vpc = (env.vpc as { Ref?: unknown })?.Ref ?? env.vpc;
    if (typeof vpc !== 'string') throw new Error(`${SEGMENTATION_METADATA_KEY}.environments[${i}].vpc: not a Ref`);
    parseCidr(env.cidr);
    Object.values(env.tiers ?? {}).forEach((cidr) => parseCidr(cidr as string));
    return { name: env.name, vpc, cidr: env.cidr, tiers: env.tiers ?? {} };
  });
  const names = environments.map((env) => env.name);
  const paths = (list: PathJson[] = [], key: string) =>
    list.map((path, i) => {
      const where = `${SEGMENTATION_METADATA_KEY}.${key}[${i}]`;
      if (path.protocol !== 'tcp' && path.protocol !== 'udp') throw new Error(`${where}: bad protocol`);
      return {
        from: node(path.from, names, where),
        to: node(path.to, names, where),
        protocol: path.protocol,
        ports: ranges(path.ports, where),
      };
    });
  return {
    ephemeralPorts: ranges(json.ephemeralPorts, `${SEGMENTATION_METADATA_KEY}.ephemeralPorts`),
    environments,
    paths: paths(json.paths, 'paths'),
    addressAllowances: paths(json.addressAllowances, 'addressAllowances'),
  };
}
