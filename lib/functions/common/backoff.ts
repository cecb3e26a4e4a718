/**
 * The SDK retry schedule of the organization-services function: the same as model-invocation-logging's (whose
 * bundle keeps its own copy, so its code asset stays as it was).
 */

/** Attempts per AWS call: the first and up to five retries. */
export const MAX_ATTEMPTS = 6;
/** Base of the exponential backoff between attempts (milliseconds). */
export const RETRY_BASE_DELAY_MS = 200;
/** Longest single wait between attempts (milliseconds). */
export const RETRY_MAX_DELAY_MS = 10_000;

/** Wait before retry number `retry` (1-based): base·2^retry, capped, with jitter in its upper half. */
export function backoffDelay(retry: number, baseMs = RETRY_BASE_DELAY_MS, random = Math.random): number {
  const ceiling = Math.min(RETRY_MAX_DELAY_MS, baseMs * 2 ** retry);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
