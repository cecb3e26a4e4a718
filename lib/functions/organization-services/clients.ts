/**
 * The GuardDuty, Macie and Amazon Inspector clients of the function, one set per region (the delegated
 * administrator is registered region by region). Every call is retried on throttling, 5xx and network errors
 * by the SDK's retry strategy, as in the model-invocation-logging function: up to MAX_ATTEMPTS attempts with
 * exponential backoff and jitter; a request with no answer in 10 s is abandoned (and retried). Access denied
 * and validation errors are not retried: the answer to CloudFormation names them.
 */
import { GuardDutyClient } from '@aws-sdk/client-guardduty';
import { Inspector2Client } from '@aws-sdk/client-inspector2';
import { Macie2Client } from '@aws-sdk/client-macie2';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { backoffDelay, MAX_ATTEMPTS } from '../common/backoff';

export interface RegionClients {
  readonly guardDuty: GuardDutyClient;
  readonly macie: Macie2Client;
  readonly inspector: Inspector2Client;
  /** AWS Organizations (a global service: any region's client reaches it). */
  readonly organizations: OrganizationsClient;
}

/** The clients of a region, made once and kept. */
export type Clients = (region: string) => RegionClients;

export interface ClientOptions {
  /** Endpoint of every service (a local test double). @default - the AWS endpoint of each region */
  readonly endpoint?: string;
  /** @default - the default credential chain (the function's role) */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** @default RETRY_BASE_DELAY_MS (../common/backoff.ts) */
  readonly retryBaseDelayMs?: number;
}

export interface ClientPool {
  readonly clients: Clients;
  destroy(): void;
}

export function createClientPool(options: ClientOptions = {}): ClientPool {
  const made = new Map<string, RegionClients>();
  const config = (region: string) => ({
    region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    maxAttempts: MAX_ATTEMPTS,
    retryStrategy: new ConfiguredRetryStrategy(MAX_ATTEMPTS, (retry) => backoffDelay(retry, options.retryBaseDelayMs)),
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 10_000 },
  });
  const clients: Clients = (region) => {
    let set = made.get(region);
    if (!set) {
      set = {
        guardDuty: new GuardDutyClient(config(region)),
        macie: new Macie2Client(config(region)),
        inspector: new Inspector2Client(config(region)),
        organizations: new OrganizationsClient(config(region)),
      };
      made.set(region, set);
    }
    return set;
  };
  return {
    clients,
    destroy: () => {
      for (const set of made.values()) for (const client of Object.values(set)) client.destroy();
      made.clear();
    },
  };
}
