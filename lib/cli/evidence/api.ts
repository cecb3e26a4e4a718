import { ConfigServiceClient, ConfigServiceServiceException } from '@aws-sdk/client-config-service';
import { AdaptiveRetryStrategy } from '@smithy/util-retry';
import { AdaptiveRateLimiter } from './rate-limiter';
import { COMPLIANCE_TYPES } from './types';

/** Counters shown by the progress bar and printed by the bench. */
export interface CallStats {
  /** HTTP requests per operation, retries included. */
  readonly calls: Record<string, number>;
  throttles: number;
  retries: number;
}

/** Options of the Config client the command builds. */
export interface ClientOptions {
  /** Undefined: the SDK resolves it (AWS_REGION, profile). */
  readonly region?: string;
  /** Attempts per call, first one included (the SDK's `maxAttempts`). */
  readonly maxAttempts: number;
  readonly limiter?: AdaptiveRateLimiter;
}

/**
 * Backoff between attempts of one call: full jitter over 100 ms × 2^retry, capped at 20 s, for every retryable
 * error. The SDK's own throttling backoff starts at one second, which leaves a rate-limited server idle while
 * the call waits; here the rate limiter paces retries instead, so a short backoff loses no capacity.
 */
export const pacedBackoff = {
  computeNextBackoffDelay: (retry: number) => Math.floor(Math.random() * Math.min(100 * 2 ** retry, 20_000)),
  setDelayBase: () => undefined,
};

/** A response whose body is not what the operation returns: retried like a transient failure. */
export class MalformedResponseError extends Error {
  readonly $retryable = { throttling: false };
  constructor(operation: string, problem: string) {
    super(`${operation}: malformed response (${problem})`);
    this.name = 'MalformedResponseError';
  }
}

const isString = (v: unknown) => typeof v === 'string' && v !== '';
const isCompliance = (v: unknown) => COMPLIANCE_TYPES.includes(v as never);
const qualifier = (item: any) => item?.EvaluationResultIdentifier?.EvaluationResultQualifier;
const evaluation = (item: any) =>
  isString(qualifier(item)?.ResourceType) &&
  isString(qualifier(item)?.ResourceId) &&
  isCompliance(item?.ComplianceType);

/** Per operation: the list a page carries and what each item must hold. */
const SHAPES: Record<string, { list: string; item: (item: any) => boolean }> = {
  DescribeConfigRules: { list: 'ConfigRules', item: (r) => isString(r?.ConfigRuleName) },
  DescribeComplianceByConfigRule: {
    list: 'ComplianceByConfigRules',
    item: (r) => isString(r?.ConfigRuleName) && isCompliance(r?.Compliance?.ComplianceType),
  },
  GetComplianceDetailsByConfigRule: { list: 'EvaluationResults', item: evaluation },
  DescribeAggregateComplianceByConfigRules: {
    list: 'AggregateComplianceByConfigRules',
    item: (r) =>
      isString(r?.ConfigRuleName) &&
      isString(r?.AccountId) &&
      isString(r?.AwsRegion) &&
      isCompliance(r?.Compliance?.ComplianceType),
  },
  GetAggregateComplianceDetailsByConfigRule: {
    list: 'AggregateEvaluationResults',
    item: (r) => evaluation(r) && isString(r?.AccountId) && isString(r?.AwsRegion),
  },
  DescribeConformancePackCompliance: {
    list: 'ConformancePackRuleComplianceList',
    item: (r) => isString(r?.ConfigRuleName) && isCompliance(r?.ComplianceType),
  },
  GetConformancePackComplianceDetails: { list: 'ConformancePackRuleEvaluationResults', item: evaluation },
};

/** Throws MalformedResponseError when a page is not of its operation's shape (an absent list is an empty page). */
export function validatePage(operation: string, output: any): void {
  const shape = SHAPES[operation];
  if (!shape) return;
  const list = output?.[shape.list];
  if (list !== undefined && !Array.isArray(list))
    throw new MalformedResponseError(operation, `${shape.list} is not a list`);
  const bad = (list ?? []).findIndex((item: unknown) => !shape.item(item));
  if (bad >= 0) throw new MalformedResponseError(operation, `${shape.list}[${bad}] lacks required fields`);
  if (output?.NextToken !== undefined && !isString(output.NextToken)) {
    throw new MalformedResponseError(operation, 'NextToken is not a string');
  }
}

/** A body that could not be read or parsed (truncated, garbled, not JSON): the call is retried, never taken as empty. */
function isUnreadableBody(error: any): boolean {
  return !(error instanceof ConfigServiceServiceException) && error?.$response !== undefined;
}

/**
 * The Config client: the SDK's adaptive retry strategy with `maxAttempts` and this project's pacing limiter, plus
 * one middleware per attempt that counts calls and throttles, validates every page and makes unreadable bodies
 * retryable (the SDK would otherwise fail them at once).
 */
export function createConfigClient(options: ClientOptions, stats: CallStats): ConfigServiceClient {
  const limiter = options.limiter ?? new AdaptiveRateLimiter();
  const client = new ConfigServiceClient({
    region: options.region,
    maxAttempts: options.maxAttempts,
    retryStrategy: new AdaptiveRetryStrategy(options.maxAttempts, {
      maxAttempts: options.maxAttempts,
      rateLimiter: limiter,
      backoff: pacedBackoff,
    }),
  });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = String(context.commandName ?? '').replace(/Command$/, '');
      stats.calls[operation] = (stats.calls[operation] ?? 0) + 1;
      if ((args.request as any)?.headers?.['amz-sdk-request']?.startsWith('attempt=1;') === false) stats.retries += 1;
      try {
        const result = await next(args);
        validatePage(operation, result.output);
        return result;
      } catch (error: any) {
        if (error?.name === 'ThrottlingException' || error?.$metadata?.httpStatusCode === 429) stats.throttles += 1;
        if (isUnreadableBody(error) && error.$retryable === undefined) {
          Object.defineProperty(error, '$retryable', { value: { throttling: false } });
        }
        throw error;
      }
    },
    { step: 'deserialize', priority: 'high', name: 'evidenceAttemptMiddleware' },
  );
  return client;
}
