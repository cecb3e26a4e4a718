import type { BaselineConfig } from '../../config/schema';
import { buildBootstrap, buildCredentials, buildLambdaConcurrency, buildRegionsEnabled } from './account-checks';
import { buildFixedNames } from './name-checks';
import { buildAvailabilityZones, buildElasticIps, buildVpcEndpoints, buildVpcs } from './network-checks';
import { ACCOUNT_SERVICES } from './read-services';
import { buildAccountService, buildControlTower } from './service-checks';
import type { Snapshot } from './snapshot';
import type { CheckResult, CheckStatus, PreflightReport } from './types';

/** Every check, in a stable order, from what was read and the configuration. */
export function buildChecks(snapshot: Snapshot, config: BaselineConfig): CheckResult[] {
  const { primary, dr } = snapshot.regions;
  return [
    buildCredentials(snapshot, config),
    buildRegionsEnabled(snapshot),
    buildBootstrap(snapshot, primary),
    buildBootstrap(snapshot, dr),
    buildLambdaConcurrency(snapshot, config),
    ...ACCOUNT_SERVICES.map((service) => buildAccountService(snapshot, config, service)),
    buildControlTower(snapshot, config),
    buildAvailabilityZones(snapshot, config),
    buildFixedNames(snapshot),
    buildElasticIps(snapshot, config),
    buildVpcs(snapshot, config),
    buildVpcEndpoints(snapshot, config),
  ];
}

export function buildReport(snapshot: Snapshot, config: BaselineConfig): PreflightReport {
  const checks = buildChecks(snapshot, config);
  const count = (status: CheckStatus) => checks.filter((c) => c.status === status).length;
  return {
    account: snapshot.account ?? null,
    regions: { primary: snapshot.regions.primary, dr: snapshot.regions.dr },
    checks,
    summary: { ready: count('ready'), action: count('action'), unknown: count('unknown') },
  };
}

/** 3 when a check could not be read (it wins), 1 when one needs action, else 0. */
export function exitCodeOf(report: PreflightReport): 0 | 1 | 3 {
  if (report.summary.unknown > 0) return 3;
  return report.summary.action > 0 ? 1 : 0;
}
