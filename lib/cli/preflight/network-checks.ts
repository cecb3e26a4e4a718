/** Checks of the primary region's network capacity: zones, Elastic IPs, VPCs and gateways, endpoint services. */
import { INTERFACE_ENDPOINTS } from '../../config/network-schema';
import type { BaselineConfig } from '../../config/schema';
import { QUOTA } from './read-network';
import type { Snapshot } from './snapshot';
import { action, failuresOf, ready, unknownResult, type CheckResult, type Read } from './types';

type Environment = BaselineConfig['environments'][number];

/** The interface endpoint service name of an endpoint (`com.amazonaws.<region>.<name>`, as the construct names it). */
export const endpointServiceName = (region: string, endpoint: string) => `com.amazonaws.${region}.${endpoint}`;

const interfaceEndpoints = (env: Environment) =>
  env.endpoints.filter((e) => (INTERFACE_ENDPOINTS as readonly string[]).includes(e));

/** Every interface endpoint service some environment enables, sorted. */
export function interfaceEndpointServices(config: BaselineConfig): string[] {
  const names = config.environments.flatMap((env) =>
    interfaceEndpoints(env).map((e) => endpointServiceName(config.homeRegion, e)),
  );
  return [...new Set(names)].sort();
}

const list = (items: readonly string[]) => `[${items.map((i) => JSON.stringify(i)).join(', ')}]`;

const quotaRequest = (quota: { service: string; code: string }, value: number, region: string) =>
  `aws service-quotas request-service-quota-increase --service-code ${quota.service} --quota-code ${quota.code} --desired-value ${value} --region ${region}`;

export function buildAvailabilityZones(snapshot: Snapshot, config: BaselineConfig): CheckResult {
  const check = 'availability-zones';
  const { zones } = snapshot;
  if (!zones.ok) return unknownResult(check, [zones]);
  const region = snapshot.regions.primary;
  const configured = [
    ...new Set([...config.availabilityZones, ...config.environments.flatMap((e) => e.availabilityZones)]),
  ];
  const available = zones.value
    .filter((z) => z.state === 'available')
    .map((z) => z.name)
    .sort();
  const problems = configured.flatMap((name) => {
    const zone = zones.value.find((z) => z.name === name);
    if (!zone) return [`${name} does not exist for this account`];
    return zone.state === 'available' ? [] : [`${name} is ${zone.state}`];
  });
  if (problems.length === 0) {
    return ready(check, `${configured.join(', ')} available in ${region} (the account has ${available.join(', ')})`);
  }
  // Environments listing zones of their own (a subset) must keep to the new list too.
  const ownZones = config.environments.some(
    (e) =>
      e.availabilityZones.join() !== config.availabilityZones.join() &&
      e.availabilityZones.some((z) => !available.includes(z)),
  );
  return action(
    check,
    `${problems.join('; ')} in ${region}; the account's available zones: ${available.join(', ')}`,
    `"availabilityZones": ${list(available)}` +
      (ownZones ? ', and each environment\'s "availabilityZones" chosen among them' : ''),
  );
}

/** Quota arithmetic of one resource: unknown when a read failed, else what is missing (0: enough). */
function shortfall(quota: Read<number>, inUse: Read<number>, needed: number) {
  if (!quota.ok || !inUse.ok) return undefined;
  const free = quota.value - inUse.value;
  return { quota: quota.value, inUse: inUse.value, free, missing: Math.max(0, needed - free) };
}

export function buildElasticIps(snapshot: Snapshot, config: BaselineConfig): CheckResult {
  const check = 'elastic-ips';
  const nat = config.environments.filter((env) => env.egress === 'nat');
  const needed = nat.reduce((sum, env) => sum + env.availabilityZones.length, 0);
  const { maxElasticIps, elasticIpsInUse } = snapshot.network;
  const numbers = shortfall(maxElasticIps, elasticIpsInUse, needed);
  if (!numbers) return unknownResult(check, failuresOf(maxElasticIps, elasticIpsInUse));
  const uses = nat.length
    ? `${nat.map((e) => `${e.name} ${e.availabilityZones.length}`).join(', ')}: ${needed} Elastic IP(s), one per zone of each regional NAT gateway`
    : 'no environment has NAT egress: no Elastic IP needed';
  const detail = `${uses}; quota ${numbers.quota}, in use ${numbers.inUse}, free ${numbers.free}`;
  if (numbers.missing === 0) return ready(check, detail);
  return action(
    check,
    `${detail}: ${numbers.missing} short`,
    `${quotaRequest(QUOTA.elasticIps, numbers.inUse + needed, snapshot.regions.primary)}; or fewer environments with "egress": "nat", or fewer of their "availabilityZones"`,
  );
}

export function buildVpcs(snapshot: Snapshot, config: BaselineConfig): CheckResult {
  const check = 'vpcs';
  const n = snapshot.network;
  const vpcsNeeded = config.environments.length;
  const gatewaysNeeded = config.environments.filter((e) => e.internetIngress || e.egress === 'nat').length;
  const vpcs = shortfall(n.vpcQuota, n.vpcsInUse, vpcsNeeded);
  const gateways = shortfall(n.internetGatewayQuota, n.internetGatewaysInUse, gatewaysNeeded);
  if (!vpcs || !gateways) {
    return unknownResult(check, failuresOf(n.vpcQuota, n.vpcsInUse, n.internetGatewayQuota, n.internetGatewaysInUse));
  }
  const detail =
    `${vpcsNeeded} VPC(s), one per environment: quota ${vpcs.quota}, in use ${vpcs.inUse}; ` +
    `${gatewaysNeeded} internet gateway(s): quota ${gateways.quota}, in use ${gateways.inUse}`;
  if (vpcs.missing === 0 && gateways.missing === 0) return ready(check, detail);
  const region = snapshot.regions.primary;
  const requests = [
    ...(vpcs.missing > 0 ? [quotaRequest(QUOTA.vpcs, vpcs.inUse + vpcsNeeded, region)] : []),
    ...(gateways.missing > 0 ? [quotaRequest(QUOTA.internetGateways, gateways.inUse + gatewaysNeeded, region)] : []),
  ];
  const short = [
    ...(vpcs.missing > 0 ? [`${vpcs.missing} VPC(s)`] : []),
    ...(gateways.missing > 0 ? [`${gateways.missing} internet gateway(s)`] : []),
  ];
  return action(
    check,
    `${detail}: ${short.join(' and ')} short`,
    `${requests.join('; ')}; or fewer environments (or unused VPCs deleted)`,
  );
}

export function buildVpcEndpoints(snapshot: Snapshot, config: BaselineConfig): CheckResult {
  const check = 'vpc-endpoints';
  const offered = snapshot.network.endpointServices;
  if (!offered.ok) return unknownResult(check, [offered]);
  const region = snapshot.regions.primary;
  const problems: string[] = [];
  const fixes: string[] = [];
  config.environments.forEach((env, index) => {
    const unsupported = new Set<string>();
    for (const endpoint of interfaceEndpoints(env)) {
      const zones = offered.value[endpointServiceName(region, endpoint)];
      if (!zones) {
        problems.push(`${env.name}: ${endpoint} is not offered in ${region}`);
        fixes.push(`drop "${endpoint}" from environments[${index}].endpoints`);
        continue;
      }
      const missing = env.availabilityZones.filter((z) => !zones.includes(z));
      if (missing.length === 0) continue;
      missing.forEach((z) => unsupported.add(z));
      problems.push(`${env.name}: ${endpoint} is not offered in ${missing.join(', ')}`);
    }
    if (unsupported.size > 0) {
      const kept = env.availabilityZones.filter((z) => !unsupported.has(z));
      fixes.push(
        `environments[${index}] (${env.name}): "availabilityZones": ${list(kept)}, or drop the endpoints not offered there from its "endpoints"`,
      );
    }
  });
  const count = interfaceEndpointServices(config).length;
  if (problems.length === 0) {
    return ready(
      check,
      `${count} interface endpoint service(s), each offered in every zone of the environments using it`,
    );
  }
  return action(check, problems.join('; '), fixes.join('; '));
}
