/**
 * Everything preflight reads, in one value the checks are pure functions of. The caller's identity and the
 * regions' opt-in status are read first (a region that is not enabled is not called); everything else then
 * runs at once, bounded by the reader's concurrency.
 */
import type { BaselineConfig } from '../../config/schema';
import type { PreflightClients } from './clients';
import { fixedNames } from './fixed-names';
import { readBootstrap, readIdentity, readLambda, readRegionStatus, readZones } from './read-account';
import type { Bootstrap, Identity, LambdaLimits, Zone } from './read-account';
import { readNames, type NameRead } from './read-names';
import { readNetwork, type NetworkReads } from './read-network';
import { readConfigRecording, readControlTower, readServices } from './read-services';
import type { AccountService, ConfigRecording, ControlTowerReads, ServiceRead } from './read-services';
import type { Reader } from './reader';
import type { Read, Regions } from './types';
import { interfaceEndpointServices } from './network-checks';

/** Opt-in statuses of a region that is not enabled for the account. */
export const NOT_ENABLED = ['not-opted-in'];

export interface Snapshot {
  readonly regions: Regions;
  readonly identity: Read<Identity>;
  /** The account checked: the caller's, else the configured one. */
  readonly account?: string;
  readonly regionStatus: Read<Record<string, string>>;
  /** Per region; 'region-not-enabled' when it was not called. */
  readonly bootstrap: Readonly<Record<string, Read<Bootstrap | null> | 'region-not-enabled'>>;
  readonly lambda: Read<LambdaLimits>;
  readonly services: Readonly<Record<AccountService, ServiceRead>>;
  readonly configRecording: Read<ConfigRecording>;
  readonly controlTower: ControlTowerReads;
  readonly zones: Read<Zone[]>;
  readonly network: NetworkReads;
  /** Undefined when the account id is unknown (the names contain it). */
  readonly names?: readonly NameRead[];
}

/** Regions the region list says are not enabled. */
export function disabledRegions(status: Read<Record<string, string>>): Set<string> {
  if (!status.ok) return new Set();
  return new Set(
    Object.entries(status.value)
      .filter(([, s]) => NOT_ENABLED.includes(s))
      .map(([region]) => region),
  );
}

export async function readSnapshot(
  clients: PreflightClients,
  reader: Reader,
  config: BaselineConfig,
  regions: Regions,
): Promise<Snapshot> {
  const [identity, regionStatus] = await Promise.all([
    readIdentity(clients, reader, regions),
    readRegionStatus(clients, reader, regions),
  ]);
  const account = identity.ok ? identity.value.account : config.account;
  const partition = identity.ok ? identity.value.partition : 'aws';
  const disabled = disabledRegions(regionStatus);
  const { primary, dr } = regions;

  const bootstrapOf = (region: string) =>
    disabled.has(region) ? Promise.resolve('region-not-enabled' as const) : readBootstrap(clients, reader, region);
  const configRecording = readConfigRecording(clients, reader, primary);
  const [bootstrapPrimary, bootstrapDr, lambda, services, recording, controlTower, zones, network, names] =
    await Promise.all([
      bootstrapOf(primary),
      bootstrapOf(dr),
      readLambda(clients, reader, primary),
      readServices(clients, reader, primary, configRecording),
      configRecording,
      readControlTower(clients, reader, { account: regions.account, primary }),
      readZones(clients, reader, primary),
      readNetwork(clients, reader, primary, interfaceEndpointServices(config)),
      account
        ? readNames(clients, reader, fixedNames(config, account), { regions, account, partition, disabled })
        : Promise.resolve(undefined),
    ]);
  return {
    regions,
    identity,
    account,
    regionStatus,
    bootstrap: { [primary]: bootstrapPrimary, [dr]: bootstrapDr },
    lambda,
    services,
    configRecording: recording,
    controlTower,
    zones,
    network,
    names,
  };
}
