// Hand-made snapshots for the unit tests of the checks: a fresh account with room for the default baseline.
import { fixedNames } from '../../lib/cli/preflight/fixed-names';
import type { AccountService, ServiceRead } from '../../lib/cli/preflight/read-services';
import type { Snapshot } from '../../lib/cli/preflight/snapshot';
import { ok, type ReadFailure } from '../../lib/cli/preflight/types';
import { parseConfig } from '../../lib/config/load';
import type { BaselineConfig } from '../../lib/config/schema';

export const ACCOUNT = '111122223333';

export const denied = (operation: string, code = 'AccessDeniedException'): ReadFailure => ({
  ok: false,
  operation,
  code,
});

const absent = (found: string): ServiceRead => ({ state: ok({ exists: false, found }) });

/** The snapshot of a fresh account for a configuration (default: the default configuration). */
export function readySnapshot(config: BaselineConfig = parseConfig({})): Snapshot {
  const primary = config.homeRegion;
  const dr = config.dataProtection.drRegion;
  const zones = ['a', 'b', 'c', 'd'].map((l) => ({ name: `${primary}${l}`, state: 'available' }));
  const services: Record<AccountService, ServiceRead> = {
    guardDuty: absent('no detector'),
    securityHub: absent('not enabled'),
    macie: absent('not enabled'),
    accessAnalyzer: absent('no analyzer'),
    config: { state: ok({ exists: false, found: 'no recorder, no delivery channel' }), administrator: ok(null) },
    inspector: absent('status DISABLED'),
  };
  const endpointServices = Object.fromEntries(
    config.environments
      .flatMap((env) => env.endpoints)
      .map((e) => [`com.amazonaws.${primary}.${e}`, zones.map((z) => z.name)]),
  );
  return {
    regions: { primary, dr, account: 'us-east-1' },
    identity: ok({ account: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/deployer`, partition: 'aws' }),
    account: ACCOUNT,
    regionStatus: ok({ [primary]: 'opt-in-not-required', [dr]: 'opt-in-not-required' }),
    bootstrap: {
      [primary]: ok({ status: 'CREATE_COMPLETE', version: 28 }),
      [dr]: ok({ status: 'CREATE_COMPLETE', version: 28 }),
    },
    lambda: ok({ limit: 1000, unreserved: 1000 }),
    services,
    configRecording: ok({ recorders: [], channels: [] }),
    controlTower: { role: ok(false), stacks: ok([]) },
    zones: ok(zones),
    network: {
      maxElasticIps: ok(10),
      elasticIpsInUse: ok(0),
      vpcQuota: ok(5),
      vpcsInUse: ok(1),
      internetGatewayQuota: ok(5),
      internetGatewaysInUse: ok(1),
      endpointServices: ok(endpointServices),
    },
    names: fixedNames(config, ACCOUNT).map((name) => ({ name, state: ok('free' as const) })),
  };
}

/** A snapshot with some fields replaced. */
export const withSnapshot = (changes: Partial<Snapshot>, config?: BaselineConfig): Snapshot => ({
  ...readySnapshot(config),
  ...changes,
});
