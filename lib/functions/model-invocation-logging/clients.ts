/**
 * The Bedrock control-plane client of the function. Every call is retried on throttling
 * (ThrottlingException), 5xx and network errors by the SDK's retry strategy: up to MAX_ATTEMPTS attempts
 * with exponential backoff and jitter, each wait capped at RETRY_MAX_DELAY_MS; a request with no answer in
 * 10 s is abandoned (and retried). Access denied and validation errors are not retried: the answer to
 * CloudFormation names them.
 */
import { BedrockClient } from '@aws-sdk/client-bedrock';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';

/** Attempts per AWS call: the first and up to five retries. */
export const MAX_ATTEMPTS = 6;
/** Base of the exponential backoff between attempts (milliseconds). */
export const RETRY_BASE_DELAY_MS = 200;
/** Longest single wait between attempts (milliseconds). */
export const RETRY_MAX_DELAY_MS = 10_000;

export interface Clients {
  readonly bedrock: BedrockClient;
}

export interface ClientOptions {
  /** @default - the AWS_REGION of the Lambda environment */
  readonly region?: string;
  /** Endpoint of the Bedrock control plane (a local test double). @default - the AWS endpoint of the region */
  readonly endpoint?: string;
  /** @default - the default credential chain (the function's role) */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** @default RETRY_BASE_DELAY_MS */
  readonly retryBaseDelayMs?: number;
}

/** Wait before retry number `retry` (1-based): base·2^retry, capped, with jitter in its upper half. */
export function backoffDelay(retry: number, baseMs = RETRY_BASE_DELAY_MS, random = Math.random): number {
  const ceiling = Math.min(RETRY_MAX_DELAY_MS, baseMs * 2 ** retry);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

export function createClients(options: ClientOptions = {}): Clients {
  return {
    bedrock: new BedrockClient({
      ...(options.region ? { region: options.region } : {}),
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
      maxAttempts: MAX_ATTEMPTS,
      retryStrategy: new ConfiguredRetryStrategy(MAX_ATTEMPTS, (retry) =>
        backoffDelay(retry, options.retryBaseDelayMs),
      ),
      requestHandler: { connectionTimeout: 3_000, requestTimeout: 10_000 },
    }),
  };
}

export function destroyClients(clients: Clients): void {
  clients.bedrock.destroy();
}
