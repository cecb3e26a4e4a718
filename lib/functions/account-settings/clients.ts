/**
 * The AWS SDK clients of the function. Every call is retried on throttling, 5xx and network errors by the
 * SDK's retry strategy: up to MAX_ATTEMPTS attempts with exponential backoff and jitter, each wait capped
 * at RETRY_MAX_DELAY_MS; a request with no answer in 10 s is abandoned (and retried). When the attempts run
 * out the call fails and the setting is reported failed with the service's error code.
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { GuardDutyClient } from '@aws-sdk/client-guardduty';
import { IAMClient } from '@aws-sdk/client-iam';
import { Inspector2Client } from '@aws-sdk/client-inspector2';
import { Macie2Client } from '@aws-sdk/client-macie2';
import { S3ControlClient } from '@aws-sdk/client-s3-control';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import type { Agent } from 'node:http';

/** Attempts per AWS call: the first and up to seven retries. */
export const MAX_ATTEMPTS = 8;
/** Base of the exponential backoff between attempts (milliseconds). */
export const RETRY_BASE_DELAY_MS = 200;
/** Longest single wait between attempts (milliseconds). */
export const RETRY_MAX_DELAY_MS = 10_000;

export interface Clients {
  readonly iam: IAMClient;
  readonly ec2: EC2Client;
  readonly s3control: S3ControlClient;
  readonly inspector: Inspector2Client;
  readonly macie: Macie2Client;
  readonly guardduty: GuardDutyClient;
  readonly securityhub: SecurityHubClient;
}

export interface ClientOptions {
  /** @default - the AWS_REGION of the Lambda environment */
  readonly region?: string;
  /**
   * One endpoint for every service (a local test double). S3 Control puts the account id in front of the
   * endpoint's host name (`<account>.<host>`), so the host must be a name, such as `localhost`.
   * @default - the AWS endpoints of the region
   */
  readonly endpoint?: string;
  /** @default - the default credential chain (the function's role) */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** @default RETRY_BASE_DELAY_MS */
  readonly retryBaseDelayMs?: number;
  /** HTTP agent for a plain-http endpoint (a test double resolving `<account>.localhost`). @default - Node's */
  readonly httpAgent?: Agent;
}

/** Wait before retry number `retry` (1-based): base·2^retry, capped, with jitter in its upper half. */
export function backoffDelay(retry: number, baseMs = RETRY_BASE_DELAY_MS, random = Math.random): number {
  const ceiling = Math.min(RETRY_MAX_DELAY_MS, baseMs * 2 ** retry);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

export function createClients(options: ClientOptions = {}): Clients {
  const common = () => ({
    ...(options.region ? { region: options.region } : {}),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    maxAttempts: MAX_ATTEMPTS,
    retryStrategy: new ConfiguredRetryStrategy(MAX_ATTEMPTS, (retry) => backoffDelay(retry, options.retryBaseDelayMs)),
    requestHandler: {
      connectionTimeout: 3_000,
      requestTimeout: 10_000,
      ...(options.httpAgent ? { httpAgent: options.httpAgent } : {}),
    },
  });
  return {
    iam: new IAMClient(common()),
    ec2: new EC2Client(common()),
    s3control: new S3ControlClient(common()),
    inspector: new Inspector2Client(common()),
    macie: new Macie2Client(common()),
    guardduty: new GuardDutyClient(common()),
    securityhub: new SecurityHubClient(common()),
  };
}

export function destroyClients(clients: Clients): void {
  for (const client of Object.values(clients)) client.destroy();
}
