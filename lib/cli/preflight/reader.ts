import pLimit from 'p-limit';
import { ok, type Read } from './types';

/** No credentials anywhere in the default chain: nothing can be read (exit 2). */
export class NoCredentialsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoCredentialsError';
  }
}

/** Whether an SDK error carries one of these codes (modeled class name or wire code). */
export function isCode(error: any, ...codes: string[]): boolean {
  return codes.includes(error?.name) || codes.includes(error?.Code) || codes.includes(error?.code);
}

/** The error code of a failed call: the service's, else the network error's. */
export function codeOf(error: any): string {
  for (const candidate of [error?.name, error?.Code, error?.code]) {
    if (typeof candidate === 'string' && candidate !== '' && candidate !== 'Error') return candidate;
  }
  const status = error?.$metadata?.httpStatusCode;
  return status ? `HTTP ${status}` : 'UnknownError';
}

/**
 * Runs read-only calls with bounded concurrency and turns each outcome into a Read: a value, or the
 * operation and error code it failed with after the SDK's retries. Missing credentials stop everything.
 */
export class Reader {
  private readonly limit: pLimit.Limit;

  constructor(concurrency: number) {
    this.limit = pLimit(concurrency);
  }

  read<T>(operation: string, call: () => Promise<T>): Promise<Read<T>> {
    return this.limit(async () => {
      try {
        return ok(await call());
      } catch (error: any) {
        if (error?.name === 'CredentialsProviderError') {
          throw new NoCredentialsError(`no AWS credentials: ${String(error.message).split('\n')[0]}`);
        }
        return { ok: false, operation, code: codeOf(error), attempts: error?.$metadata?.attempts } as const;
      }
    });
  }
}
