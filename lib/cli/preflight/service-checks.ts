/** Checks of the once-per-account services against `accountServices`, and of AWS Control Tower. */
import type { BaselineConfig } from '../../config/schema';
import {
  CONTROL_TOWER_RECORDER,
  CONTROL_TOWER_ROLE,
  type AccountService,
  type AccountServiceMode,
} from './read-services';
import type { Snapshot } from './snapshot';
import { action, failuresOf, ready, unknownResult, type CheckResult } from './types';

const LABEL: Record<AccountService, string> = {
  guardDuty: 'GuardDuty',
  securityHub: 'Security Hub',
  macie: 'Macie',
  accessAnalyzer: 'IAM Access Analyzer (account analyzer)',
  config: 'AWS Config',
  inspector: 'Amazon Inspector',
};

/** Services whose existing instance the account-settings function configures (`existing` mode). */
const CONFIGURED_WHEN_EXISTING = new Set<AccountService>(['guardDuty', 'securityHub', 'macie']);

const setMode = (service: AccountService, mode: AccountServiceMode) => `"accountServices": { "${service}": "${mode}" }`;

export function buildAccountService(snapshot: Snapshot, config: BaselineConfig, service: AccountService): CheckResult {
  const check = `accountServices.${service}`;
  const mode = config.accountServices[service];
  const { state, administrator } = snapshot.services[service];
  const failures = failuresOf(state, administrator);
  if (!state.ok || failures.length > 0) {
    return unknownResult(check, failures, state.ok ? `${LABEL[service]}: ${state.value.found}` : '');
  }
  const admin = administrator?.ok ? administrator.value : null;
  const managed =
    admin === null
      ? ''
      : admin === 'Control Tower'
        ? ', managed by Control Tower'
        : `, managed by administrator account ${admin}`;
  const detail = `${LABEL[service]} in ${snapshot.regions.primary}: ${state.value.found}${managed}; accountServices.${service} is "${mode}"`;
  // The baseline's Config rules need a recorder to rely on; a lone delivery channel is not one.
  const reliable =
    service === 'config'
      ? snapshot.configRecording.ok && snapshot.configRecording.value.recorders.length > 0
      : state.value.exists;
  if (mode === 'create' && state.value.exists) {
    return action(
      check,
      `${detail}: creating another fails (one per account and region)`,
      setMode(service, admin ? 'organization' : 'existing'),
    );
  }
  // The account-settings function configures an existing GuardDuty, Security Hub or Macie; a member account's
  // administrator owns those settings and the service refuses the member's changes, failing the deploy.
  if (mode === 'existing' && admin && admin !== 'Control Tower' && CONFIGURED_WHEN_EXISTING.has(service)) {
    return action(
      check,
      `${detail}: the baseline would configure it, which the service refuses to a member account`,
      setMode(service, 'organization'),
    );
  }
  if (mode !== 'create' && !reliable) {
    return action(check, `${detail}, but there is none to rely on`, setMode(service, 'create'));
  }
  return ready(check, detail);
}

export function buildControlTower(snapshot: Snapshot, config: BaselineConfig): CheckResult {
  const check = 'control-tower';
  const { configRecording } = snapshot;
  const { role, stacks } = snapshot.controlTower;
  const signs = [
    ...(configRecording.ok && configRecording.value.recorders.includes(CONTROL_TOWER_RECORDER)
      ? [`Config recorder ${CONTROL_TOWER_RECORDER}`]
      : []),
    ...(role.ok && role.value ? [`IAM role ${CONTROL_TOWER_ROLE}`] : []),
    ...(stacks.ok && stacks.value.length > 0 ? [`stacks ${stacks.value.join(', ')}`] : []),
  ];
  const failures = failuresOf(configRecording, role, stacks);
  const found = signs.length > 0 ? `found ${signs.join('; ')}` : '';
  if (failures.length > 0) return unknownResult(check, failures, found);
  if (signs.length === 0) {
    return ready(
      check,
      `no Control Tower in this account (no ${CONTROL_TOWER_RECORDER}, no ${CONTROL_TOWER_ROLE}, no baseline stacks)`,
    );
  }
  const manages =
    'Control Tower governs this account and manages its AWS Config recorder and delivery channel' +
    (stacks.ok && stacks.value.length > 0 ? ' and the resources of its baseline stacks' : '');
  const mode = config.accountServices.config;
  if (mode === 'create') {
    return action(
      check,
      `${manages} (${found}); accountServices.config is "create", which would create a second recorder`,
      setMode('config', 'organization'),
    );
  }
  return ready(check, `${manages} (${found}); accountServices.config is "${mode}"`);
}
