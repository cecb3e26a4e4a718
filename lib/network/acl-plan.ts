import { ConfigError } from '../config/load';
import { contains, PRIVATE_RANGES } from './cidr';
import {
  EPHEMERAL_PORTS,
  INTERNET,
  tierNode,
  type EnvironmentPlan,
  type NetworkPlan,
  type Protocol,
  type Tier,
} from './plan';
import type { RangeSet } from './port-set';

/** One network ACL entry of a tier. */
export interface AclEntryPlan {
  /** Stable construct id, derived from what the entry does. */
  readonly id: string;
  readonly ruleNumber: number;
  readonly egress: boolean;
  readonly action: 'allow' | 'deny';
  readonly cidr: string;
  readonly protocol: Protocol | 'all';
  /** Port range (tcp/udp only). */
  readonly ports?: readonly [number, number];
}

/** AWS's default quota of network ACL entries per direction. */
export const MAX_ENTRIES_PER_DIRECTION = 20;

/**
 * Rule-number bands: allows of known networks first (order among them does not matter), then denies of
 * all private address space, then the internet. Within a band the number derives from the entry id, so
 * adding an environment or a port does not renumber (and replace) the other entries.
 */
const BANDS = { specific: [100, 9999], deny: [10000, 19999], broad: [20000, 32766] } as const;

type Band = keyof typeof BANDS;
type Draft = Omit<AclEntryPlan, 'ruleNumber' | 'id' | 'egress'> & { band: Band; target: string };

const pascal = (text: string) =>
  text
    .split(/[^a-zA-Z0-9]/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');

function hash(text: string): number {
  let h = 0x811c9dc5;
  for (const char of text) h = Math.imul(h ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}

function entryId(egress: boolean, draft: Draft): string {
  const ports = draft.ports
    ? draft.ports[0] === draft.ports[1]
      ? `${draft.ports[0]}`
      : `${draft.ports[0]}to${draft.ports[1]}`
    : '';
  return `${egress ? 'Out' : 'In'}${pascal(draft.action)}${pascal(draft.target)}${pascal(draft.protocol)}${ports}`;
}

function number(drafts: Draft[], egress: boolean): AclEntryPlan[] {
  const used = new Set<number>();
  return drafts.map((draft) => {
    const id = entryId(egress, draft);
    const [low, high] = BANDS[draft.band];
    let slot = low + (hash(id) % (high - low + 1));
    while (used.has(slot)) slot = slot === high ? low : slot + 1;
    used.add(slot);
    return {
      action: draft.action,
      cidr: draft.cidr,
      protocol: draft.protocol,
      ports: draft.ports,
      id,
      egress,
      ruleNumber: slot,
    };
  });
}

const each = (
  ports: RangeSet,
  protocol: Protocol,
  action: 'allow',
  cidr: string,
  target: string,
  band: Band,
): Draft[] => ports.map((range) => ({ action, cidr, protocol, ports: range, target, band }));

/** The entries of each active tier's network ACL, inbound and outbound. */
export function aclPlan(network: NetworkPlan, env: EnvironmentPlan): { [T in Tier]?: AclEntryPlan[] } {
  const cidr = (tier: Tier) => env.tiers[tier].cidr;
  const privateRangesInUse = PRIVATE_RANGES.filter((range) => network.environments.some((e) => contains(range, e.vpc)));
  const plans: { [T in Tier]?: AclEntryPlan[] } = {};
  for (const tier of env.activeTiers) {
    const inbound: Draft[] = [{ action: 'allow', cidr: cidr(tier), protocol: 'all', target: tier, band: 'specific' }];
    const outbound: Draft[] = [{ action: 'allow', cidr: cidr(tier), protocol: 'all', target: tier, band: 'specific' }];
    const self = tierNode(env.name, tier);
    // Paths of this tier to and from known networks: the declared ports one way, return traffic the other.
    for (const path of network.paths) {
      const [from, to] = [path.from, path.to];
      if (to === self && from !== INTERNET) {
        const peer = networkOf(network, from);
        inbound.push(...each(path.ports, path.protocol, 'allow', peer.cidr, peer.target, 'specific'));
        outbound.push(...each(EPHEMERAL_PORTS, path.protocol, 'allow', peer.cidr, peer.target, 'specific'));
      }
      if (from === self && to !== INTERNET) {
        const peer = networkOf(network, to);
        outbound.push(...each(path.ports, path.protocol, 'allow', peer.cidr, peer.target, 'specific'));
        inbound.push(...each(EPHEMERAL_PORTS, path.protocol, 'allow', peer.cidr, peer.target, 'specific'));
      }
    }
    // The internet: what this tier accepts from it, and what it sends to it.
    const broadIn: Draft[] = [];
    const broadOut: Draft[] = [];
    for (const path of [...network.paths, ...network.addressAllowances]) {
      if (path.from === INTERNET && path.to === self) {
        broadIn.push(...each(path.ports, path.protocol, 'allow', '0.0.0.0/0', INTERNET, 'broad'));
        broadOut.push(...each(EPHEMERAL_PORTS, path.protocol, 'allow', '0.0.0.0/0', INTERNET, 'broad'));
      }
      if (path.from === self && path.to === INTERNET) {
        broadOut.push(...each(path.ports, path.protocol, 'allow', '0.0.0.0/0', INTERNET, 'broad'));
        broadIn.push(...each(EPHEMERAL_PORTS, path.protocol, 'allow', '0.0.0.0/0', INTERNET, 'broad'));
      }
    }
    // Before an internet entry, deny the private address space the environments use (the other tiers,
    // every other environment, any other network in those ranges), so the broad entry cannot admit them;
    // the count does not grow with the number of environments.
    const denies: Draft[] = privateRangesInUse.map((range) => ({
      action: 'deny',
      cidr: range.cidr,
      protocol: 'all',
      target: `private ${range.cidr}`,
      band: 'deny',
    }));
    const entries = [
      ...number(dedupe([...inbound, ...(broadIn.length > 0 ? denies : []), ...broadIn]), false),
      ...number(dedupe([...outbound, ...(broadOut.length > 0 ? denies : []), ...broadOut]), true),
    ];
    for (const egress of [false, true]) {
      const count = entries.filter((entry) => entry.egress === egress).length;
      if (count > MAX_ENTRIES_PER_DIRECTION) {
        throw new ConfigError([
          `hipaaBaseline.segmentation: the ${self} network ACL would need ${count} ${egress ? 'outbound' : 'inbound'} entries; AWS allows ${MAX_ENTRIES_PER_DIRECTION} by default (declare fewer peers or port ranges)`,
        ]);
      }
    }
    plans[tier] = entries;
  }
  return plans;
}

function dedupe(drafts: Draft[]): Draft[] {
  const seen = new Set<string>();
  return drafts.filter((draft) => {
    const key = entryId(false, draft);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The CIDR and name of a `<environment>/<tier>` node. */
function networkOf(network: NetworkPlan, node: string): { cidr: string; target: string } {
  const [name, tier] = node.split('/') as [string, Tier];
  const env = network.environments.find((candidate) => candidate.name === name)!;
  return { cidr: env.tiers[tier].cidr, target: `${name}${pascal(tier)}` };
}
