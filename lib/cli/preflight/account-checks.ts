/** Checks of the account itself: credentials, enabled regions, CDK bootstrap, Lambda concurrency. */
import type { BaselineConfig } from '../../config/schema';
import { TOOLKIT_STACK } from './read-account';
import { NOT_ENABLED, type Snapshot } from './snapshot';
import { action, failuresOf, ready, unknownResult, type CheckResult } from './types';

/** The lowest bootstrap version the templates accept (their CheckBootstrapVersion rule). */
export const MIN_BOOTSTRAP_VERSION = 6;
/** Lambda keeps at least this many concurrent executions unreserved (all of them below it). */
export const LAMBDA_MIN_UNRESERVED = 100;
/** Service Quotas code of Lambda concurrent executions. */
export const LAMBDA_CONCURRENCY_QUOTA = 'L-B99A9384';

const enableRegion = (region: string) => `aws account enable-region --region-name ${region}`;

export function bootstrapCommand(snapshot: Snapshot): string {
  const account = snapshot.account ?? '<account>';
  const { primary, dr } = snapshot.regions;
  return `npx cdk bootstrap aws://${account}/${primary} aws://${account}/${dr}`;
}

export function buildCredentials(snapshot: Snapshot, config: BaselineConfig): CheckResult {
  const check = 'credentials';
  const { identity } = snapshot;
  if (!identity.ok) return unknownResult(check, [identity]);
  const { account, arn } = identity.value;
  if (config.account && config.account !== account) {
    return action(
      check,
      `the credentials (${arn}) are for account ${account}; the configuration targets ${config.account}`,
      `use credentials of account ${config.account} (AWS_PROFILE or the default chain), or set "account": "${account}"`,
    );
  }
  return ready(check, `${arn} in account ${account}${config.account ? ' (the configured account)' : ''}`);
}

export function buildRegionsEnabled(snapshot: Snapshot): CheckResult {
  const check = 'regions-enabled';
  const { regionStatus, regions } = snapshot;
  if (!regionStatus.ok) return unknownResult(check, [regionStatus]);
  const status = (region: string) => regionStatus.value[region] ?? 'not offered to this account';
  const described = [regions.primary, regions.dr].map((r) => `${r} ${status(r)}`).join(', ');
  const disabled = [regions.primary, regions.dr].filter(
    (r) => NOT_ENABLED.includes(status(r)) || regionStatus.value[r] === undefined,
  );
  if (disabled.length === 0) return ready(check, described);
  return action(
    check,
    `${described}: opt-in regions must be enabled before anything can be deployed there`,
    `${disabled.map(enableRegion).join(' && ')} (or the console: Account, AWS Regions, Enable)`,
  );
}

/** A stack status from which `cdk bootstrap` has a usable toolkit stack. */
const usable = (status: string) =>
  /_COMPLETE$/.test(status) && !['ROLLBACK_COMPLETE', 'DELETE_COMPLETE'].includes(status);

export function buildBootstrap(snapshot: Snapshot, region: string): CheckResult {
  const check = `bootstrap:${region}`;
  const read = snapshot.bootstrap[region];
  const fix = bootstrapCommand(snapshot);
  if (read === 'region-not-enabled') {
    return action(
      check,
      `${region} is not enabled for the account (see regions-enabled)`,
      `${enableRegion(region)}, then ${fix}`,
    );
  }
  if (!read.ok) return unknownResult(check, [read]);
  const stack = read.value;
  if (stack === null) return action(check, `no ${TOOLKIT_STACK} stack in ${region}`, fix);
  if (!usable(stack.status)) {
    const hint = stack.status === 'ROLLBACK_COMPLETE' ? ' (delete it first: its creation failed)' : '';
    return action(check, `${TOOLKIT_STACK} in ${region} is ${stack.status}${hint}`, fix);
  }
  if (stack.version === undefined || !(stack.version >= MIN_BOOTSTRAP_VERSION)) {
    const version = stack.version === undefined ? 'no BootstrapVersion output' : `bootstrap version ${stack.version}`;
    return action(
      check,
      `${TOOLKIT_STACK} in ${region} has ${version}; the templates require ${MIN_BOOTSTRAP_VERSION} or later`,
      fix,
    );
  }
  return ready(check, `${TOOLKIT_STACK} in ${region}: ${stack.status}, bootstrap version ${stack.version}`);
}

export function buildLambdaConcurrency(snapshot: Snapshot, config: BaselineConfig): CheckResult {
  const check = 'lambda-concurrency';
  const { lambda } = snapshot;
  const failures = failuresOf(lambda);
  if (!lambda.ok) return unknownResult(check, failures);
  const { limit, unreserved } = lambda.value;
  const minimum = Math.min(LAMBDA_MIN_UNRESERVED, limit);
  const quota = `quota ${limit} concurrent executions, ${unreserved} unreserved`;
  const reservation = config.detection.response.reservedConcurrency;
  if (reservation === undefined) {
    return ready(check, `${quota}; the baseline reserves none (detection.response.reservedConcurrency unset)`);
  }
  const left = unreserved - reservation;
  if (left >= minimum) {
    return ready(check, `${quota}; reserving ${reservation} leaves ${left} (at least ${minimum} must stay unreserved)`);
  }
  const desired = Math.max(limit + 1, LAMBDA_MIN_UNRESERVED + reservation + (limit - unreserved));
  return action(
    check,
    `${quota}; reserving ${reservation} for the response function would leave ${left}, but Lambda keeps at least ${minimum} unreserved`,
    `remove "detection": { "response": { "reservedConcurrency" } }, or request a quota of ${desired}: ` +
      `aws service-quotas request-service-quota-increase --service-code lambda --quota-code ${LAMBDA_CONCURRENCY_QUOTA} ` +
      `--desired-value ${desired} --region ${snapshot.regions.primary}`,
  );
}
