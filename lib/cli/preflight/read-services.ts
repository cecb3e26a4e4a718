/**
 * Reads of the once-per-account services (does one exist, does an organisation administrator manage it)
 * and of the signs of AWS Control Tower.
 */
import { paginateListAnalyzers } from '@aws-sdk/client-accessanalyzer';
import { paginateListStacks, type StackStatus } from '@aws-sdk/client-cloudformation';
import { DescribeConfigurationRecordersCommand, DescribeDeliveryChannelsCommand } from '@aws-sdk/client-config-service';
import {
  GetAdministratorAccountCommand as GetGuardDutyAdministrator,
  ListDetectorsCommand,
} from '@aws-sdk/client-guardduty';
import { GetRoleCommand } from '@aws-sdk/client-iam';
import { BatchGetAccountStatusCommand } from '@aws-sdk/client-inspector2';
import {
  GetAdministratorAccountCommand as GetMacieAdministrator,
  GetMacieSessionCommand,
} from '@aws-sdk/client-macie2';
import {
  DescribeHubCommand,
  GetAdministratorAccountCommand as GetSecurityHubAdministrator,
} from '@aws-sdk/client-securityhub';
import type { AccountServiceMode } from '../../config/account-services-schema';
import type { PreflightClients } from './clients';
import { isCode, type Reader } from './reader';
import { ok, type Read } from './types';

export type AccountService = 'guardDuty' | 'securityHub' | 'macie' | 'accessAnalyzer' | 'config' | 'inspector';
export const ACCOUNT_SERVICES: readonly AccountService[] = [
  'guardDuty',
  'securityHub',
  'macie',
  'accessAnalyzer',
  'config',
  'inspector',
];
export type { AccountServiceMode };

/** What exists of a service in the account and region. */
export interface ServiceState {
  readonly exists: boolean;
  /** What was found (`detector 12ab…`, `recorder default, delivery channel default`). */
  readonly found: string;
}

export interface ServiceRead {
  readonly state: Read<ServiceState>;
  /** The organisation administrator account, null when none; absent when not asked (nothing exists). */
  readonly administrator?: Read<string | null>;
}

export interface ConfigRecording {
  readonly recorders: readonly string[];
  readonly channels: readonly string[];
}

export interface ControlTowerReads {
  /** Whether the IAM role AWSControlTowerExecution exists. */
  readonly role: Read<boolean>;
  /** Names of the Control Tower baseline stacks (`StackSet-AWSControlTowerBP-…`). */
  readonly stacks: Read<string[]>;
}

/** The Config recorder Control Tower creates in every governed account and region. */
export const CONTROL_TOWER_RECORDER = 'aws-controltower-BaselineConfigRecorder';
export const CONTROL_TOWER_ROLE = 'AWSControlTowerExecution';
export const CONTROL_TOWER_STACK_PREFIX = 'StackSet-AWSControlTowerBP-';

const mapRead = <T, U>(read: Read<T>, f: (value: T) => U): Read<U> => (read.ok ? ok(f(read.value)) : read);

async function readGuardDuty(clients: PreflightClients, reader: Reader, region: string): Promise<ServiceRead> {
  const client = clients.guardDuty(region);
  let detector = '';
  const state = await reader.read('guardduty:ListDetectors', async () => {
    detector = ((await client.send(new ListDetectorsCommand({}))).DetectorIds ?? [])[0] ?? '';
    return { exists: detector !== '', found: detector ? `detector ${detector}` : 'no detector' };
  });
  if (!state.ok || !state.value.exists) return { state };
  const administrator = await reader.read('guardduty:GetAdministratorAccount', async () => {
    const out = await client.send(new GetGuardDutyAdministrator({ DetectorId: detector }));
    return out.Administrator?.AccountId ?? null;
  });
  return { state, administrator };
}

async function readSecurityHub(clients: PreflightClients, reader: Reader, region: string): Promise<ServiceRead> {
  const client = clients.securityHub(region);
  const state = await reader.read('securityhub:DescribeHub', async () => {
    try {
      const out = await client.send(new DescribeHubCommand({}));
      return { exists: true, found: `hub ${out.HubArn ?? ''}`.trim() };
    } catch (error) {
      // Security Hub answers InvalidAccessException for an account that is not subscribed.
      if (isCode(error, 'InvalidAccessException', 'ResourceNotFoundException')) {
        return { exists: false, found: 'not enabled' };
      }
      throw error;
    }
  });
  if (!state.ok || !state.value.exists) return { state };
  const administrator = await reader.read('securityhub:GetAdministratorAccount', async () => {
    return (await client.send(new GetSecurityHubAdministrator({}))).Administrator?.AccountId ?? null;
  });
  return { state, administrator };
}

async function readMacie(clients: PreflightClients, reader: Reader, region: string): Promise<ServiceRead> {
  const client = clients.macie(region);
  const state = await reader.read('macie2:GetMacieSession', async () => {
    try {
      const out = await client.send(new GetMacieSessionCommand({}));
      return { exists: true, found: `session ${out.status ?? ''}`.trim() };
    } catch (error) {
      // Macie answers AccessDeniedException "Macie is not enabled." where there is no session.
      if (isCode(error, 'AccessDeniedException') && /not enabled/i.test(String((error as Error).message))) {
        return { exists: false, found: 'not enabled' };
      }
      throw error;
    }
  });
  if (!state.ok || !state.value.exists) return { state };
  const administrator = await reader.read('macie2:GetAdministratorAccount', async () => {
    return (await client.send(new GetMacieAdministrator({}))).administrator?.accountId ?? null;
  });
  return { state, administrator };
}

async function readAccessAnalyzer(clients: PreflightClients, reader: Reader, region: string): Promise<ServiceRead> {
  const state = await reader.read('access-analyzer:ListAnalyzers', async () => {
    const names: string[] = [];
    for await (const page of paginateListAnalyzers({ client: clients.accessAnalyzer(region) }, { type: 'ACCOUNT' })) {
      names.push(...(page.analyzers ?? []).map((a) => a.name ?? ''));
    }
    return { exists: names.length > 0, found: names.length > 0 ? `analyzer ${names.join(', ')}` : 'no analyzer' };
  });
  return { state };
}

async function readInspector(clients: PreflightClients, reader: Reader, region: string): Promise<ServiceRead> {
  const state = await reader.read('inspector2:BatchGetAccountStatus', async () => {
    const out = await clients.inspector(region).send(new BatchGetAccountStatusCommand({}));
    const status = out.accounts?.[0]?.state?.status ?? 'DISABLED';
    return { exists: status !== 'DISABLED', found: `status ${status}` };
  });
  return { state };
}

export function readConfigRecording(
  clients: PreflightClients,
  reader: Reader,
  region: string,
): Promise<Read<ConfigRecording>> {
  const client = clients.config(region);
  return Promise.all([
    reader.read('config:DescribeConfigurationRecorders', async () =>
      ((await client.send(new DescribeConfigurationRecordersCommand({}))).ConfigurationRecorders ?? []).map(
        (r) => r.name ?? '',
      ),
    ),
    reader.read('config:DescribeDeliveryChannels', async () =>
      ((await client.send(new DescribeDeliveryChannelsCommand({}))).DeliveryChannels ?? []).map((c) => c.name ?? ''),
    ),
  ]).then(([recorders, channels]) => {
    if (!recorders.ok) return recorders;
    if (!channels.ok) return channels;
    return ok({ recorders: recorders.value, channels: channels.value });
  });
}

/** The Config service as the other services: it exists when a recorder or a delivery channel does. */
export function configServiceRead(recording: Read<ConfigRecording>): ServiceRead {
  const state = mapRead(recording, ({ recorders, channels }) => {
    const parts = [
      recorders.length > 0 ? `recorder ${recorders.join(', ')}` : 'no recorder',
      channels.length > 0 ? `delivery channel ${channels.join(', ')}` : 'no delivery channel',
    ];
    return { exists: recorders.length > 0 || channels.length > 0, found: parts.join(', ') };
  });
  const administrator = mapRead(recording, ({ recorders }) =>
    recorders.includes(CONTROL_TOWER_RECORDER) ? 'Control Tower' : null,
  );
  return { state, administrator };
}

export async function readServices(
  clients: PreflightClients,
  reader: Reader,
  region: string,
  recording: Promise<Read<ConfigRecording>>,
): Promise<Record<AccountService, ServiceRead>> {
  const [guardDuty, securityHub, macie, accessAnalyzer, config, inspector] = await Promise.all([
    readGuardDuty(clients, reader, region),
    readSecurityHub(clients, reader, region),
    readMacie(clients, reader, region),
    readAccessAnalyzer(clients, reader, region),
    recording.then(configServiceRead),
    readInspector(clients, reader, region),
  ]);
  return { guardDuty, securityHub, macie, accessAnalyzer, config, inspector };
}

/** Stack statuses of stacks that exist (everything but DELETE_COMPLETE). */
const LIVE_STACKS: StackStatus[] = [
  'CREATE_IN_PROGRESS',
  'CREATE_FAILED',
  'CREATE_COMPLETE',
  'ROLLBACK_IN_PROGRESS',
  'ROLLBACK_FAILED',
  'ROLLBACK_COMPLETE',
  'DELETE_IN_PROGRESS',
  'DELETE_FAILED',
  'UPDATE_IN_PROGRESS',
  'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS',
  'UPDATE_COMPLETE',
  'UPDATE_FAILED',
  'UPDATE_ROLLBACK_IN_PROGRESS',
  'UPDATE_ROLLBACK_FAILED',
  'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS',
  'UPDATE_ROLLBACK_COMPLETE',
  'REVIEW_IN_PROGRESS',
  'IMPORT_IN_PROGRESS',
  'IMPORT_COMPLETE',
  'IMPORT_ROLLBACK_IN_PROGRESS',
  'IMPORT_ROLLBACK_FAILED',
  'IMPORT_ROLLBACK_COMPLETE',
];

/** Whether an IAM role exists (NoSuchEntity: it does not). */
export function readRoleExists(clients: PreflightClients, reader: Reader, region: string, name: string) {
  return reader.read('iam:GetRole', async () => {
    try {
      await clients.iam(region).send(new GetRoleCommand({ RoleName: name }));
      return true;
    } catch (error) {
      if (isCode(error, 'NoSuchEntityException', 'NoSuchEntity')) return false;
      throw error;
    }
  });
}

export async function readControlTower(
  clients: PreflightClients,
  reader: Reader,
  regions: { account: string; primary: string },
): Promise<ControlTowerReads> {
  const [role, stacks] = await Promise.all([
    readRoleExists(clients, reader, regions.account, CONTROL_TOWER_ROLE),
    reader.read('cloudformation:ListStacks', async () => {
      const names: string[] = [];
      const pages = paginateListStacks(
        { client: clients.cloudFormation(regions.primary) },
        { StackStatusFilter: LIVE_STACKS },
      );
      for await (const page of pages) {
        for (const summary of page.StackSummaries ?? []) {
          if (summary.StackName?.startsWith(CONTROL_TOWER_STACK_PREFIX)) names.push(summary.StackName);
        }
      }
      return names.sort();
    }),
  ]);
  return { role, stacks };
}
