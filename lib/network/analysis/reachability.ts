import { contains, parseCidr } from '../cidr';
import { INTERNET } from '../plan';
import { isEmpty, subtract, type RangeSet } from '../port-set';
import type { DeclaredSegmentation } from '../segmentation-metadata';
import { AclEvaluator, rangesOf, responsible, SgEvaluator } from './filters';
import { layerFindings } from './layers';
import { buildModel, type NetworkModel, type Resource } from './model';
import { Router } from './routing';
import {
  ALL,
  fromProtocol,
  NONE,
  renderTraffic,
  tIntersect,
  tIsEmpty,
  tSubtract,
  tUnion,
  type Traffic,
} from './traffic';

/** A tier of an environment (`prod/app`), a VPC the declaration does not know, or the internet. */
export interface NetworkNode {
  readonly name: string;
  /** Environment name (or `vpc:<logicalId>`); undefined for the internet. */
  readonly env?: string;
  readonly vpc?: string;
  readonly ranges: RangeSet;
  readonly subnets: readonly string[];
}

/** One finding: a resource that creates (part of) an undeclared path. */
export interface Finding {
  readonly resource: string;
  readonly message: string;
}

/** A path that exists in the template, with what the declaration allows of it. */
export interface ReachablePath {
  readonly from: string;
  readonly to: string;
  readonly traffic: Traffic;
  readonly undeclared: Traffic;
}

export interface Analysis {
  readonly nodes: readonly NetworkNode[];
  readonly paths: readonly ReachablePath[];
  readonly findings: readonly Finding[];
}

/** Everything the analysis passes around. */
export interface Context {
  readonly model: NetworkModel;
  readonly declaration: DeclaredSegmentation;
  readonly nodes: readonly NetworkNode[];
  readonly acls: AclEvaluator;
  readonly sgs: SgEvaluator;
  readonly router: Router;
  /** Traffic declared from one node to another (paths; with `allowances`, also address-level allowances). */
  declared(from: string, to: string, allowances?: boolean): Traffic;
}

const FULL_SPACE: RangeSet = [[0, 2 ** 32 - 1]];

function buildNodes(model: NetworkModel, declaration: DeclaredSegmentation): NetworkNode[] {
  const nodes: NetworkNode[] = [];
  const claimed = new Set<string>();
  const subnetsIn = (vpc: string, block: { first: number; last: number }) =>
    [...model.subnets]
      .filter(([id, s]) => s.vpc === vpc && !claimed.has(id) && contains(block, s.cidr))
      .map(([id]) => id);
  for (const env of declaration.environments) {
    for (const [tier, cidr] of Object.entries(env.tiers)) {
      const block = rangesOf([parseCidr(cidr)]);
      const subnets = subnetsIn(env.vpc, parseCidr(cidr));
      subnets.forEach((id) => claimed.add(id));
      nodes.push({ name: `${env.name}/${tier}`, env: env.name, vpc: env.vpc, ranges: block, subnets });
    }
  }
  for (const [vpc, block] of model.vpcs) {
    const env = declaration.environments.find((e) => e.vpc === vpc)?.name ?? `vpc:${vpc}`;
    const rest = subnetsIn(vpc, block);
    if (rest.length === 0 && env !== `vpc:${vpc}`) continue;
    const name = env.startsWith('vpc:') ? env : `${env}/unassigned`;
    const ranges = env.startsWith('vpc:') ? rangesOf([block]) : rangesOf(rest.map((id) => model.subnets.get(id)!.cidr));
    nodes.push({ name, env, vpc, ranges, subnets: rest });
  }
  nodes.push({ name: INTERNET, ranges: subtract(FULL_SPACE, rangesOf([...model.vpcs.values()])), subnets: [] });
  return nodes;
}

/** Traffic a declaration lists from one node to another. */
function declaredBy(declaration: DeclaredSegmentation, from: string, to: string, allowances: boolean): Traffic {
  const lists = allowances ? [declaration.paths, declaration.addressAllowances] : [declaration.paths];
  return lists
    .flat()
    .filter((path) => path.from === from && path.to === to)
    .reduce((t, path) => tUnion(t, fromProtocol(path.protocol, path.ports)), NONE);
}

/** Endpoints of a node for the path computation: its subnets, or the internet (no subnet, no filter). */
const endpoints = (node: NetworkNode) => (node.vpc === undefined ? [undefined] : node.subnets);

/** Traffic that can flow from one node to another, and the resources carrying it. */
function pathBetween(ctx: Context, from: NetworkNode, to: NetworkNode): { traffic: Traffic; via: Set<string> } {
  const { model, acls, sgs, router } = ctx;
  let traffic = NONE;
  const via = new Set<string>();
  for (const s of endpoints(from)) {
    for (const d of endpoints(to)) {
      const sRanges = s ? rangesOf([model.subnets.get(s)!.cidr]) : from.ranges;
      const dRanges = d ? rangesOf([model.subnets.get(d)!.cidr]) : to.ranges;
      const forward = s
        ? router.deliver(s, dRanges).filter((x) => x.to === (d ? model.subnets.get(d)!.vpc : INTERNET) || x.to === '*')
        : // From the internet: the destination must answer through an internet gateway (NAT admits no inbound).
          router.deliver(d!, sRanges).filter((x) => x.to === INTERNET && x.via.some((id) => isIgwRoute(model, id)));
      const back = d
        ? router.deliver(d, sRanges).filter((x) => x.to === (s ? model.subnets.get(s)!.vpc : INTERNET) || x.to === '*')
        : forward;
      if (forward.length === 0 || back.length === 0) continue;
      const out = s ? acls.admits(acls.aclOf(s), true, dRanges) : { traffic: ALL, by: new Map() };
      const inn = d ? acls.admits(acls.aclOf(d), false, sRanges) : { traffic: ALL, by: new Map() };
      const replyOut = d ? acls.admits(acls.aclOf(d), true, sRanges).traffic : ALL;
      const replyIn = s ? acls.admits(acls.aclOf(s), false, dRanges).traffic : ALL;
      let t = tIntersect(out.traffic, inn.traffic);
      // TCP needs the answers too (any port: a client may pick its source port).
      if (isEmpty(tIntersect(replyOut, replyIn).tcp)) t = { ...t, tcp: [] };
      const peerOf = (node: NetworkNode, subnet: string | undefined, ranges: RangeSet) => ({
        ranges,
        vpc: subnet ? model.subnets.get(subnet)!.vpc : node.vpc,
      });
      const sgOut = s
        ? sgs.admits(model.subnets.get(s)!.vpc, true, peerOf(to, d, dRanges))
        : { traffic: ALL, by: new Map() };
      const sgIn = d
        ? sgs.admits(model.subnets.get(d)!.vpc, false, peerOf(from, s, sRanges))
        : { traffic: ALL, by: new Map() };
      t = tIntersect(tIntersect(t, sgOut.traffic), sgIn.traffic);
      if (tIsEmpty(t)) continue;
      traffic = tUnion(traffic, t);
      [...forward, ...back].forEach((x) => x.via.forEach((id) => via.add(id)));
      [out, inn, sgOut, sgIn].forEach((admitted) => responsible(admitted, t).forEach((id) => via.add(id)));
    }
  }
  return { traffic, via };
}

function isIgwRoute(model: NetworkModel, id: string): boolean {
  const route = model.routes.find((r) => r.id === id);
  return route?.hop.kind === 'internet' && route.hop.via === 'InternetGateway';
}

const label = (id: string, model: NetworkModel) =>
  model.routes.some((r) => r.id === id)
    ? `route ${id}`
    : model.tgwRoutes.some((r) => r.id === id) || model.tgwPropagations.some((p) => p.id === id)
      ? `TransitGateway route ${id}`
      : model.tgws.has(id)
        ? `TransitGateway default route table ${id}`
        : model.aclEntries.some((e) => e.id === id)
          ? `network ACL entry ${id}`
          : model.peerings.has(id)
            ? `peering connection ${id}`
            : `security group rule ${id}`;

const ORDER = ['route', 'TransitGateway', 'peering', 'network', 'security'];
/** Path order of a carrier label: routes, transit gateway, peering, network ACLs, security groups. */
const rank = (labelText: string) => ORDER.findIndex((word) => labelText.startsWith(word));

/**
 * Computes which nodes reach which, on which ports, over the template's routes, transit gateway route
 * tables, peering connections, network ACLs and security groups, and finds every resource that creates
 * a path the declaration does not list (each layer is also checked on its own, as defence in depth).
 */
export function analyseSegmentation(
  resources: ReadonlyMap<string, Resource>,
  declaration: DeclaredSegmentation,
): Analysis {
  const model = buildModel(resources);
  const nodes = buildNodes(model, declaration);
  const ctx: Context = {
    model,
    declaration,
    nodes,
    acls: new AclEvaluator(model),
    sgs: new SgEvaluator(model),
    router: new Router(model),
    declared: (from, to, allowances = false) => declaredBy(declaration, from, to, allowances),
  };
  const findings: Finding[] = model.problems.map((p) => ({ resource: p.resource, message: p.message }));
  const paths: ReachablePath[] = [];
  for (const from of nodes) {
    for (const to of nodes) {
      if (from === to || (from.vpc === undefined && to.vpc === undefined)) continue;
      const { traffic, via } = pathBetween(ctx, from, to);
      if (tIsEmpty(traffic)) continue;
      const undeclared = tSubtract(traffic, ctx.declared(from.name, to.name));
      paths.push({ from: from.name, to: to.name, traffic, undeclared });
      if (tIsEmpty(undeclared)) continue;
      const carriers = [...via].sort();
      const labels = carriers.map((id) => label(id, model)).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
      const message = `${from.name} → ${to.name} ${renderTraffic(undeclared)} via ${labels.join(', ')}`;
      const targets = carriers.length > 0 ? carriers : [...from.subnets, ...to.subnets];
      targets.forEach((resource) => findings.push({ resource, message }));
    }
  }
  findings.push(...layerFindings(ctx));
  const unique = new Map(findings.map((f) => [`${f.resource}|${f.message}`, f]));
  return {
    nodes,
    paths,
    findings: [...unique.values()].sort((a, b) => (a.resource + a.message).localeCompare(b.resource + b.message)),
  };
}
