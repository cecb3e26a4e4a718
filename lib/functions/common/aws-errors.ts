import { isServerError, isThrottlingError, isTransientError } from '@smithy/core/retry';

interface SdkError {
  readonly name?: string;
  readonly message?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

/** The error code the service returned (`InvalidInstanceID.NotFound`, `RequestLimitExceeded`, …). */
export function errorCode(error: unknown): string {
  return (error as SdkError)?.name ?? 'Error';
}

/** `Code: message`, one line. */
export function errorText(error: unknown): string {
  const message = String((error as SdkError)?.message ?? error).replace(/\s+/g, ' ');
  return `${errorCode(error)}: ${message}`;
}

/** Throttling, 5xx and network errors: a later attempt may succeed. */
export function isRetryable(error: unknown): boolean {
  const e = error as Parameters<typeof isThrottlingError>[0];
  return isThrottlingError(e) || isTransientError(e) || isServerError(e);
}
