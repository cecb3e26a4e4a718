import { contains } from '../cidr';
import { splitAt, type RangeSet } from '../port-set';
import type { Hop, NetworkModel } from './model';

/** Where traffic for some addresses ends up, and the non-local resources that carried it there. */
export interface Delivery {
  /** VPC logical id, 'internet', or '*' (an unknown next hop may forward anywhere). */
  readonly to: string;
  readonly via: readonly string[];
}

/** Resolves routes (longest prefix match, the implicit local route, transit gateway route tables, peering). */
export class Router {
  private readonly cache = new Map<string, Delivery[]>();
  constructor(private readonly model: NetworkModel) {}

  /** Where a subnet's traffic for the destination addresses is delivered. */
  public deliver(subnet: string, destination: RangeSet): Delivery[] {
    const cacheKey = `${subnet}|${destination.map((r) => r.join('-')).join(',')}`;
    const cached = this.cache.get(cacheKey);
    if (cached) return cached;
    const { vpc } = this.model.subnets.get(subnet)!;
    const vpcBlock = this.model.vpcs.get(vpc)!;
    const table = this.model.subnetRouteTable.get(subnet)?.routeTable;
    const routes = this.model.routes.filter((route) => route.routeTable === table);
    const result: Delivery[] = [];
    for (const atom of splitAt(destination, [vpcBlock, ...routes.map((route) => route.destination)])) {
      const block = { first: atom[0], last: atom[1] };
      const best = routes
        .filter((route) => contains(route.destination, block))
        .sort((a, b) => b.destination.prefix - a.destination.prefix)[0];
      const local = contains(vpcBlock, block);
      if (local && (!best || best.destination.prefix <= vpcBlock.prefix)) {
        result.push({ to: vpc, via: [] });
      } else if (best) {
        for (const delivery of this.hop(vpc, best.hop, block)) {
          result.push({ to: delivery.to, via: [best.id, ...delivery.via] });
        }
      }
    }
    this.cache.set(cacheKey, result);
    return result;
  }

  private hop(vpc: string, hop: Hop, atom: { first: number; last: number }): Delivery[] {
    if (hop.kind === 'internet') return [{ to: 'internet', via: [] }];
    if (hop.kind === 'unknown') return [{ to: '*', via: [] }];
    if (hop.kind === 'peering') {
      const peering = this.model.peerings.get(hop.peering);
      if (!peering) return [{ to: '*', via: [] }];
      const other = peering.vpc === vpc ? peering.peer : peering.peer === vpc ? peering.vpc : undefined;
      if (other === undefined) return [];
      const block = this.model.vpcs.get(other);
      if (!block) return [{ to: '*', via: [hop.peering] }];
      return contains(block, atom) ? [{ to: other, via: [hop.peering] }] : [];
    }
    if (!this.model.tgws.has(hop.tgw)) return [{ to: '*', via: [] }];
    return this.transit(vpc, hop.tgw, atom);
  }

  /** Transit gateway: the route table associated with the VPC's attachment decides. */
  private transit(vpc: string, tgw: string, atom: { first: number; last: number }): Delivery[] {
    const settings = this.model.tgws.get(tgw)!;
    const attachments = [...this.model.attachments].filter(([, a]) => a.tgw === tgw);
    const out: Delivery[] = [];
    for (const [attachment] of attachments.filter(([, a]) => a.vpc === vpc)) {
      const explicit = this.model.tgwAssociations.filter((a) => a.attachment === attachment).map((a) => a.routeTable);
      const tables = explicit.length > 0 ? explicit : settings.defaultAssociation ? [`${tgw}.default`] : [];
      for (const table of tables) {
        const candidates: {
          prefix: number;
          first: number;
          last: number;
          attachment?: string;
          id: string;
          isStatic: boolean;
        }[] = [];
        for (const route of this.model.tgwRoutes.filter((r) => r.routeTable === table)) {
          candidates.push({ ...route.destination, attachment: route.attachment, id: route.id, isStatic: true });
        }
        const propagated = [
          ...this.model.tgwPropagations.filter((p) => p.routeTable === table).map((p) => [p.attachment, p.id] as const),
          ...(table === `${tgw}.default` && settings.defaultPropagation
            ? attachments.map(([id]) => [id, tgw] as const)
            : []),
        ];
        for (const [source, id] of propagated) {
          const target = this.model.attachments.get(source);
          const block = target && this.model.vpcs.get(target.vpc);
          if (block) candidates.push({ ...block, attachment: source, id, isStatic: false });
        }
        const best = candidates
          .filter((c) => contains(c, atom))
          .sort((a, b) => b.prefix - a.prefix || Number(b.isStatic) - Number(a.isStatic))[0];
        const target = best?.attachment && this.model.attachments.get(best.attachment);
        const block = target && this.model.vpcs.get(target.vpc);
        if (target && block && contains(block, atom)) out.push({ to: target.vpc, via: [best.id] });
      }
    }
    return out;
  }
}
