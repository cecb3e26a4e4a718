import { intersect, isEmpty, normalise, splitAt, type RangeSet } from '../port-set';
import type { NetworkModel } from './model';
import { ALL, NONE, tIntersect, tIsEmpty, tSubtract, tUnion, type Traffic } from './traffic';

/** What a filter admits, and which resource admitted which part. */
export interface Admitted {
  readonly traffic: Traffic;
  readonly by: ReadonlyMap<string, Traffic>;
}

/** A network node as a filter sees it: its addresses, and its VPC (undefined for the internet). */
export interface Peer {
  readonly ranges: RangeSet;
  readonly vpc?: string;
}

const key = (ranges: RangeSet) => ranges.map(([a, b]) => `${a}-${b}`).join(',');

function add(by: Map<string, Traffic>, id: string, traffic: Traffic): void {
  if (!tIsEmpty(traffic)) by.set(id, tUnion(by.get(id) ?? NONE, traffic));
}

/** Evaluates network ACLs (first match by rule number, implicit deny) for traffic from/to a peer. */
export class AclEvaluator {
  private readonly cache = new Map<string, Admitted>();
  constructor(private readonly model: NetworkModel) {}

  /** The ACL of a subnet; undefined means the VPC's default ACL (allows everything). */
  public aclOf(subnet: string): string | undefined {
    return this.model.subnetAcl.get(subnet)?.acl;
  }

  /** Traffic the ACL admits inbound from (`egress` false) or outbound to (`egress` true) the peer addresses. */
  public admits(acl: string | undefined, egress: boolean, peer: RangeSet): Admitted {
    if (acl === undefined) return { traffic: ALL, by: new Map() };
    const cacheKey = `${acl}|${egress}|${key(peer)}`;
    const cached = this.cache.get(cacheKey);
    if (cached) return cached;
    const entries = this.model.aclEntries
      .filter((entry) => entry.acl === acl && entry.egress === egress)
      .sort((a, b) => a.ruleNumber - b.ruleNumber);
    let traffic = NONE;
    const by = new Map<string, Traffic>();
    for (const [low, high] of splitAt(
      peer,
      entries.map((entry) => entry.cidr),
    )) {
      let remaining = ALL;
      for (const entry of entries) {
        if (entry.cidr.first > low || entry.cidr.last < high) continue;
        const matched = tIntersect(entry.traffic, remaining);
        if (entry.allow) {
          traffic = tUnion(traffic, matched);
          add(by, entry.id, matched);
        }
        remaining = tSubtract(remaining, entry.traffic);
      }
    }
    const result = { traffic, by };
    this.cache.set(cacheKey, result);
    return result;
  }
}

/** Evaluates security groups of a VPC: the union of what any group admits (a group may sit in any subnet). */
export class SgEvaluator {
  private readonly cache = new Map<string, Admitted>();
  constructor(private readonly model: NetworkModel) {}

  /**
   * Traffic some security group of `vpc` admits from (`egress` false) or to (`egress` true) the peer.
   * `specificOnly` skips rules for the whole internet (0.0.0.0/0), which the internet paths judge.
   */
  public admits(vpc: string, egress: boolean, peer: Peer, specificOnly = false): Admitted {
    const cacheKey = `${vpc}|${egress}|${peer.vpc}|${key(peer.ranges)}|${specificOnly}`;
    const cached = this.cache.get(cacheKey);
    if (cached) return cached;
    let traffic = NONE;
    const by = new Map<string, Traffic>();
    for (const rule of this.model.sgRules) {
      if (rule.egress !== egress || this.model.groups.get(rule.group) !== vpc) continue;
      let matches: boolean;
      if ('cidr' in rule.peer) {
        if (specificOnly && rule.peer.cidr.prefix === 0) continue;
        matches = !isEmpty(intersect(peer.ranges, [[rule.peer.cidr.first, rule.peer.cidr.last]]));
      } else if ('group' in rule.peer) {
        // A member of the peer group can be any interface of that group's VPC.
        matches = peer.vpc !== undefined && this.model.groups.get(rule.peer.group) === peer.vpc;
      } else {
        matches = peer.vpc === undefined && !specificOnly;
      }
      if (matches) {
        traffic = tUnion(traffic, rule.traffic);
        add(by, rule.resource, rule.traffic);
      }
    }
    const result = { traffic, by };
    this.cache.set(cacheKey, result);
    return result;
  }
}

/** Resources of `by` that admitted part of `traffic`. */
export function responsible(admitted: Admitted, traffic: Traffic): string[] {
  return [...admitted.by].filter(([, part]) => !tIsEmpty(tIntersect(part, traffic))).map(([id]) => id);
}

export const rangesOf = (blocks: { first: number; last: number }[]): RangeSet =>
  normalise(blocks.map((block) => [block.first, block.last] as [number, number]));
