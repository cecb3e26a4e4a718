import { INTERNET } from '../plan';
import { intersect, isEmpty } from '../port-set';
import { responsible } from './filters';
import type { Context, Finding, NetworkNode } from './reachability';
import { fromProtocol, NONE, renderTraffic, tIsEmpty, tSubtract, tUnion, type Traffic } from './traffic';

const overlapsNode = (node: NetworkNode, block: { first: number; last: number }) =>
  !isEmpty(intersect(node.ranges, [[block.first, block.last]]));

/** Return traffic (ephemeral ports) for every protocol declared between two nodes in one direction. */
function answers(ctx: Context, from: string, to: string): Traffic {
  const declared = ctx.declared(from, to, true);
  const eph = ctx.declaration.ephemeralPorts;
  return tUnion(
    isEmpty(declared.tcp) ? NONE : fromProtocol('tcp', eph),
    isEmpty(declared.udp) ? NONE : fromProtocol('udp', eph),
  );
}

const linked = (ctx: Context, a: string, b: string) =>
  !tIsEmpty(ctx.declared(a, b, true)) || !tIsEmpty(ctx.declared(b, a, true));

/**
 * Each layer on its own must keep to the declaration: routes and transit gateway routes lead only to
 * nodes with a declared path either way, peering joins only such environments, a network ACL admits a
 * node only on declared ports (and answers), a security group rule naming another environment's
 * addresses opens only declared ports.
 */
export function layerFindings(ctx: Context): Finding[] {
  return [...routeLayer(ctx), ...transitLayer(ctx), ...peeringLayer(ctx), ...aclLayer(ctx), ...sgLayer(ctx)];
}

function nodeOfSubnet(ctx: Context, subnet: string) {
  return ctx.nodes.find((node) => node.subnets.includes(subnet));
}

function routeLayer(ctx: Context): Finding[] {
  const { model, nodes } = ctx;
  const findings: Finding[] = [];
  for (const route of model.routes) {
    const sources = [...model.subnetRouteTable]
      .filter(([, a]) => a.routeTable === route.routeTable)
      .map(([subnet]) => nodeOfSubnet(ctx, subnet))
      .filter((node): node is NetworkNode => node !== undefined);
    const target =
      route.hop.kind === 'internet'
        ? route.hop.via
        : route.hop.kind === 'tgw'
          ? 'TransitGateway'
          : route.hop.kind === 'peering'
            ? 'VPCPeeringConnection'
            : route.hop.via;
    for (const source of new Set(sources)) {
      const reached =
        route.hop.kind === 'internet'
          ? nodes.filter((n) => n.name === INTERNET)
          : nodes.filter((n) => n.vpc !== source.vpc && overlapsNode(n, route.destination));
      for (const node of reached) {
        // Straight to the internet gateway only from a tier the internet may reach (ingress); a tier that may
        // only reach out (app) goes through NAT, whether the route is in its own table or a table it shares.
        const ok =
          route.hop.kind === 'internet'
            ? route.hop.via === 'InternetGateway'
              ? !tIsEmpty(ctx.declared(INTERNET, source.name))
              : !tIsEmpty(ctx.declared(source.name, INTERNET))
            : linked(ctx, source.name, node.name);
        if (!ok) {
          findings.push({
            resource: route.id,
            message: `${source.name} → ${node.name} via route ${route.id} (${route.destination.cidr} → ${target})`,
          });
        }
      }
    }
  }
  return findings;
}

function transitLayer(ctx: Context): Finding[] {
  const { model, nodes } = ctx;
  const findings: Finding[] = [];
  const vpcNodes = (vpc: string) => nodes.filter((n) => n.vpc === vpc);
  for (const [tgw, settings] of model.tgws) {
    const attachments = [...model.attachments].filter(([, a]) => a.tgw === tgw);
    const tables = [...model.tgwRouteTables].filter(([, t]) => t === tgw).map(([id]) => id);
    if (settings.defaultAssociation || settings.defaultPropagation) tables.push(`${tgw}.default`);
    for (const table of tables) {
      const isDefault = table === `${tgw}.default`;
      const associated = attachments.filter(
        ([id]) =>
          model.tgwAssociations.some((a) => a.attachment === id && a.routeTable === table) ||
          (isDefault && settings.defaultAssociation && !model.tgwAssociations.some((a) => a.attachment === id)),
      );
      const routes = [
        ...model.tgwRoutes
          .filter((r) => r.routeTable === table && r.attachment)
          .map((r) => ({ id: r.id, attachment: r.attachment!, block: r.destination })),
        ...[
          ...model.tgwPropagations.filter((p) => p.routeTable === table).map((p) => [p.attachment, p.id] as const),
          ...(isDefault && settings.defaultPropagation ? attachments.map(([id]) => [id, tgw] as const) : []),
        ].flatMap(([attachment, id]) => {
          const block = model.vpcs.get(model.attachments.get(attachment)?.vpc ?? '');
          return block ? [{ id, attachment, block }] : [];
        }),
      ];
      for (const [, source] of associated) {
        for (const route of routes) {
          const targetVpc = model.attachments.get(route.attachment)?.vpc;
          if (!targetVpc || targetVpc === source.vpc) continue;
          for (const to of vpcNodes(targetVpc).filter((n) => overlapsNode(n, route.block))) {
            if (vpcNodes(source.vpc).some((from) => linked(ctx, from.name, to.name))) continue;
            const env = vpcNodes(source.vpc)[0]?.env ?? source.vpc;
            findings.push({
              resource: route.id,
              message: `${env} → ${to.name} via TransitGateway route ${route.id} (${route.block.cidr})`,
            });
          }
        }
      }
    }
  }
  return findings;
}

function peeringLayer(ctx: Context): Finding[] {
  const { model, nodes } = ctx;
  const findings: Finding[] = [];
  for (const [id, peering] of model.peerings) {
    const a = nodes.filter((n) => n.vpc === peering.vpc);
    const b = nodes.filter((n) => n.vpc === peering.peer);
    const ok = a.some((x) => b.some((y) => linked(ctx, x.name, y.name)));
    if (!ok) {
      const name = (list: NetworkNode[], vpc: string) => list[0]?.env ?? vpc;
      findings.push({
        resource: id,
        message: `${name(a, peering.vpc)} ↔ ${name(b, peering.peer)} via peering connection ${id}`,
      });
    }
  }
  return findings;
}

function aclLayer(ctx: Context): Finding[] {
  const { nodes, acls } = ctx;
  const findings: Finding[] = [];
  for (const node of nodes.filter((n) => n.vpc !== undefined)) {
    const checked = new Set<string | undefined>();
    for (const subnet of node.subnets) {
      const acl = acls.aclOf(subnet);
      if (checked.has(acl) && acl !== undefined) continue;
      checked.add(acl);
      for (const other of nodes.filter((n) => n !== node && (n.vpc === undefined || n.subnets.length > 0))) {
        for (const egress of [false, true]) {
          const [from, to] = egress ? [node.name, other.name] : [other.name, node.name];
          const allowed = tUnion(ctx.declared(from, to, true), answers(ctx, to, from));
          const admitted = acls.admits(acl, egress, other.ranges);
          const excess = tSubtract(admitted.traffic, allowed);
          if (tIsEmpty(excess)) continue;
          const message = `${from} → ${to} ${renderTraffic(excess)} admitted by the ${egress ? 'outbound' : 'inbound'} network ACL of ${node.name}`;
          const carriers = acl === undefined ? [subnet] : responsible(admitted, excess);
          carriers.forEach((resource) =>
            findings.push({
              resource,
              message:
                acl === undefined
                  ? `${message} (the VPC's default ACL: subnet ${subnet} has none of its own)`
                  : `${message} (entry ${resource})`,
            }),
          );
        }
      }
    }
  }
  return findings;
}

function sgLayer(ctx: Context): Finding[] {
  const { nodes, sgs } = ctx;
  const findings: Finding[] = [];
  const vpcs = [...new Set(nodes.map((n) => n.vpc).filter((v): v is string => v !== undefined))];
  for (const vpc of vpcs) {
    const own = nodes.filter((n) => n.vpc === vpc);
    const env = own[0]?.env ?? vpc;
    for (const other of nodes.filter((n) => n.vpc !== undefined && n.vpc !== vpc)) {
      for (const egress of [false, true]) {
        const admitted = sgs.admits(vpc, egress, { ranges: other.ranges, vpc: other.vpc }, true);
        const allowed = own.reduce(
          (t, n) => tUnion(t, egress ? ctx.declared(n.name, other.name, true) : ctx.declared(other.name, n.name, true)),
          NONE,
        );
        const excess = tSubtract(admitted.traffic, allowed);
        if (tIsEmpty(excess)) continue;
        for (const resource of responsible(admitted, excess)) {
          const [from, to] = egress ? [env, other.name] : [other.name, env];
          findings.push({
            resource,
            message: `${from} → ${to} ${renderTraffic(excess)} via security group rule ${resource}`,
          });
        }
      }
    }
  }
  return findings;
}
