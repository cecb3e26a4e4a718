/**
 * The AWS SDK clients of the function. Every call is retried on throttling (RequestLimitExceeded,
 * Throttling…), 5xx and network errors by the SDK's standard retry strategy: up to MAX_ATTEMPTS attempts
 * with exponential backoff and jitter, capped per wait; a request that gets no answer in 5 s is abandoned
 * (and retried). When the attempts run out the call fails and the function reports exactly which steps
 * were and were not done.
 */
import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { EC2Client, type EC2ClientConfig } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { SNSClient } from '@aws-sdk/client-sns';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';

/** Attempts per AWS call: the first and up to five retries. */
export const MAX_ATTEMPTS = 6;
/** Base of the exponential backoff between attempts (milliseconds). */
export const RETRY_BASE_DELAY_MS = 100;
/** Longest single wait between attempts (milliseconds). */
export const RETRY_MAX_DELAY_MS = 5_000;

export interface Clients {
  readonly ec2: EC2Client;
  readonly sns: SNSClient;
  readonly autoScaling: AutoScalingClient;
  /** Application, Network and Gateway Load Balancers (target groups). */
  readonly targetGroups: ElasticLoadBalancingV2Client;
  readonly classicLoadBalancers: ElasticLoadBalancingClient;
}

export interface ClientOptions {
  /** @default - the AWS_REGION of the Lambda environment */
  readonly region?: string;
  /** Endpoint of every service (a local test double). @default - the AWS endpoints of the region */
  readonly endpoint?: string;
  /** @default - the default credential chain (the function's role) */
  readonly credentials?: EC2ClientConfig['credentials'];
  /** @default RETRY_BASE_DELAY_MS */
  readonly retryBaseDelayMs?: number;
}

/** Wait before retry number `retry` (1-based): base·2^retry, capped, with jitter in its upper half. */
export function backoffDelay(retry: number, baseMs = RETRY_BASE_DELAY_MS, random = Math.random): number {
  const ceiling = Math.min(RETRY_MAX_DELAY_MS, baseMs * 2 ** retry);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

export function createClients(options: ClientOptions = {}): Clients {
  const common = {
    ...(options.region ? { region: options.region } : {}),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    maxAttempts: MAX_ATTEMPTS,
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 5_000 },
  };
  const strategy = () =>
    new ConfiguredRetryStrategy(MAX_ATTEMPTS, (retry) => backoffDelay(retry, options.retryBaseDelayMs));
  return {
    ec2: new EC2Client({ ...common, retryStrategy: strategy() }),
    sns: new SNSClient({ ...common, retryStrategy: strategy() }),
    autoScaling: new AutoScalingClient({ ...common, retryStrategy: strategy() }),
    targetGroups: new ElasticLoadBalancingV2Client({ ...common, retryStrategy: strategy() }),
    classicLoadBalancers: new ElasticLoadBalancingClient({ ...common, retryStrategy: strategy() }),
  };
}
