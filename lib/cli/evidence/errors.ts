import type { EvidenceSource } from './types';

/** A problem no retry can fix (credentials, permissions, an unknown aggregator or pack): the run stops, exit 2. */
export class FatalCollectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FatalCollectError';
  }
}

const DENIED = new Set([
  'AccessDeniedException',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'ExpiredTokenException',
  'MissingAuthenticationTokenException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
]);
const TRANSIENT_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT']);

export const firstLine = (text: unknown) => String(text ?? '').split('\n')[0];
/** One line naming an error and the attempts it took. */
export const describe = (error: any) =>
  `${error?.name ?? 'Error'}: ${firstLine(error?.message)}${error?.$metadata?.attempts ? ` (after ${error.$metadata.attempts} attempt(s))` : ''}`;

/** The one-line message of an error no retry fixes (exit 2), or undefined. */
export function fatalMessage(error: any, options: { source: EvidenceSource; region: string }): string | undefined {
  if (error?.name === 'CredentialsProviderError') return `no AWS credentials: ${firstLine(error.message)}`;
  if (DENIED.has(error?.name)) return `access denied by AWS Config (${error.name}): ${firstLine(error.message)}`;
  const { source, region } = options;
  if (error?.name === 'NoSuchConfigurationAggregatorException' && source.kind === 'aggregator') {
    return `--aggregator ${source.name}: no such configuration aggregator in ${region}`;
  }
  if (error?.name === 'NoSuchConformancePackException' && source.kind === 'conformance-pack') {
    return `--conformance-pack ${source.name}: no such conformance pack in ${region}`;
  }
  return undefined;
}

/** Whether another attempt may succeed (throttling, server errors, connection resets, unreadable bodies). */
export function retryable(error: any): boolean {
  return (
    error?.$retryable !== undefined ||
    error?.name === 'ThrottlingException' ||
    (error?.$metadata?.httpStatusCode ?? 0) >= 500 ||
    TRANSIENT_CODES.has(error?.code) ||
    error?.name === 'TimeoutError'
  );
}
