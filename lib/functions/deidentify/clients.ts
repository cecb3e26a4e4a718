/**
 * The function's AWS clients: S3 through the SDK v3 client (standard retries on throttling, 5xx and
 * network errors, up to MAX_ATTEMPTS attempts with exponential backoff and jitter), Comprehend Medical and
 * EventBridge through the project's JSON-protocol client (./aws-json.ts: the same retry policy), signed
 * with the credentials the S3 client resolves from the default chain (the function's role).
 */
import { S3Client } from '@aws-sdk/client-s3';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import type { Agent } from 'node:http';
import { backoffDelay, JsonClient } from './aws-json';
import type { Credentials } from './sigv4';

/** Attempts per AWS call: the first and up to seven retries. */
export const MAX_ATTEMPTS = 8;
/** Base of the exponential backoff between attempts (milliseconds). */
export const RETRY_BASE_DELAY_MS = 200;
/** Longest single wait between attempts (milliseconds). */
export const RETRY_MAX_DELAY_MS = 10_000;

export interface Clients {
  readonly s3: S3Client;
  readonly comprehendMedical: JsonClient;
  readonly events: JsonClient;
}

export interface ClientOptions {
  /** Region of S3 and EventBridge (the function's). */
  readonly region: string;
  /** Region of Comprehend Medical. */
  readonly comprehendMedicalRegion: string;
  /** Endpoints of local test doubles. @default - the AWS endpoints of the regions */
  readonly endpoints?: { readonly s3?: string; readonly events?: string; readonly comprehendMedical?: string };
  /** @default - the default credential chain (the function's role) */
  readonly credentials?: Credentials;
  /** @default RETRY_BASE_DELAY_MS */
  readonly retryBaseDelayMs?: number;
  /** HTTP agent of the S3 client (a test double on plain HTTP). */
  readonly httpAgent?: Agent;
}

export function createClients(options: ClientOptions): Clients {
  const base = options.retryBaseDelayMs ?? RETRY_BASE_DELAY_MS;
  const s3 = new S3Client({
    region: options.region,
    ...(options.endpoints?.s3 ? { endpoint: options.endpoints.s3, forcePathStyle: true } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    maxAttempts: MAX_ATTEMPTS,
    retryStrategy: new ConfiguredRetryStrategy(MAX_ATTEMPTS, (retry) => backoffDelay(retry, base, RETRY_MAX_DELAY_MS)),
    requestHandler: {
      connectionTimeout: 3_000,
      requestTimeout: 60_000,
      ...(options.httpAgent ? { httpAgent: options.httpAgent } : {}),
    },
  });
  const credentials = async (): Promise<Credentials> => options.credentials ?? (await s3.config.credentials());
  const json = (service: string, targetPrefix: string, region: string, endpoint?: string) =>
    new JsonClient({
      service,
      targetPrefix,
      region,
      ...(endpoint ? { endpoint } : {}),
      credentials,
      maxAttempts: MAX_ATTEMPTS,
      retryBaseDelayMs: base,
      retryMaxDelayMs: RETRY_MAX_DELAY_MS,
    });
  return {
    s3,
    comprehendMedical: json(
      'comprehendmedical',
      'ComprehendMedical_20181030',
      options.comprehendMedicalRegion,
      options.endpoints?.comprehendMedical,
    ),
    events: json('events', 'AWSEvents', options.region, options.endpoints?.events),
  };
}

export function destroyClients(clients: Clients): void {
  clients.s3.destroy();
  clients.comprehendMedical.destroy();
  clients.events.destroy();
}
