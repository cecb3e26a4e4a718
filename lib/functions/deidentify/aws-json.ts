/**
 * A small client for AWS services that speak the JSON 1.1 protocol (POST `/`, `X-Amz-Target:
 * <prefix>.<Operation>`), signed with SigV4: the function calls Amazon Comprehend Medical DetectPHI and
 * EventBridge PutEvents through it, since the project ships no SDK clients for those services. Errors
 * carry the service's error code as `name` and the HTTP status in `$metadata`, like SDK v3 errors, so
 * ../common/aws-errors.ts classifies them alike. Throttling, 5xx and network errors are retried with
 * exponential backoff and jitter up to `maxAttempts` attempts; a request without an answer in
 * `requestTimeoutMs` is abandoned and retried.
 */
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isRetryable } from '../common/aws-errors';
import { signRequest, type Credentials } from './sigv4';

export interface JsonClientOptions {
  /** Signing name and endpoint prefix (`comprehendmedical`, `events`). */
  readonly service: string;
  /** X-Amz-Target prefix (`ComprehendMedical_20181030`, `AWSEvents`). */
  readonly targetPrefix: string;
  readonly region: string;
  /** @default - `https://<service>.<region>.amazonaws.com` (`.amazonaws.com.cn` in China) */
  readonly endpoint?: string;
  /** Current credentials (the SDK's default chain, shared with the S3 client). */
  readonly credentials: () => Promise<Credentials>;
  /** @default 8 */
  readonly maxAttempts?: number;
  /** Base of the exponential backoff (milliseconds). @default 200 */
  readonly retryBaseDelayMs?: number;
  /** Longest single wait between attempts (milliseconds). @default 10_000 */
  readonly retryMaxDelayMs?: number;
  /** @default 15_000 */
  readonly requestTimeoutMs?: number;
  /** @default - the system clock */
  readonly now?: () => Date;
}

/** An error answer of the service (or of the network), shaped like an SDK v3 service exception. */
export class AwsJsonError extends Error {
  readonly $metadata: { readonly httpStatusCode?: number; readonly attempts: number };
  readonly $fault: 'client' | 'server';
  /** Node's error code of a network failure (ECONNRESET…), read by the retry classification. */
  readonly code?: string;

  constructor(code: string, message: string, status: number | undefined, attempts: number) {
    super(message);
    this.name = code;
    if (status === undefined) this.code = code;
    this.$metadata = { httpStatusCode: status, attempts };
    this.$fault = status !== undefined && status < 500 ? 'client' : 'server';
  }
}

/** Wait before retry number `retry` (1-based): base·2^retry capped at `max`, jitter in its upper half. */
export function backoffDelay(retry: number, baseMs: number, maxMs: number, random = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** retry);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

export class JsonClient {
  private readonly url: URL;
  private readonly agent: HttpAgent | HttpsAgent;
  private readonly maxAttempts: number;
  /** Calls made (attempts included), for reports. */
  attempts = 0;

  constructor(private readonly options: JsonClientOptions) {
    const suffix = options.region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
    this.url = new URL(options.endpoint ?? `https://${options.service}.${options.region}.${suffix}`);
    this.agent =
      this.url.protocol === 'http:' ? new HttpAgent({ keepAlive: true }) : new HttpsAgent({ keepAlive: true });
    this.maxAttempts = options.maxAttempts ?? 8;
  }

  /** Calls an operation; resolves with the parsed answer, or rejects with an AwsJsonError after the retries. */
  async call<T>(operation: string, input: unknown, signal?: AbortSignal): Promise<T> {
    const body = JSON.stringify(input);
    for (let attempt = 1; ; attempt++) {
      let error: AwsJsonError;
      try {
        const answer = await this.send(operation, body, signal);
        if (answer.status >= 200 && answer.status < 300) return (answer.body ? JSON.parse(answer.body) : {}) as T;
        error = this.errorOf(answer, attempt);
      } catch (thrown) {
        if (signal?.aborted) throw thrown;
        error =
          thrown instanceof AwsJsonError
            ? thrown
            : new AwsJsonError(
                (thrown as NodeJS.ErrnoException).code ?? 'NetworkingError',
                (thrown as Error).message,
                undefined,
                attempt,
              );
      }
      if (attempt >= this.maxAttempts || !isRetryable(error)) throw error;
      const wait = backoffDelay(attempt, this.options.retryBaseDelayMs ?? 200, this.options.retryMaxDelayMs ?? 10_000);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  /** Closes idle connections. */
  destroy(): void {
    this.agent.destroy();
  }

  private async send(operation: string, body: string, signal?: AbortSignal): Promise<RawAnswer> {
    this.attempts++;
    const credentials = await this.options.credentials();
    const headers = signRequest({
      method: 'POST',
      host: this.url.host,
      path: '/',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `${this.options.targetPrefix}.${operation}`,
      },
      body,
      service: this.options.service,
      region: this.options.region,
      credentials,
      now: this.options.now?.() ?? new Date(),
    });
    const request = this.url.protocol === 'http:' ? httpRequest : httpsRequest;
    return new Promise<RawAnswer>((resolve, reject) => {
      const req = request(
        {
          method: 'POST',
          protocol: this.url.protocol,
          hostname: this.url.hostname,
          port: this.url.port || undefined,
          path: '/',
          headers: { ...headers, 'content-length': Buffer.byteLength(body) },
          agent: this.agent,
          signal,
          timeout: this.options.requestTimeoutMs ?? 15_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(Object.assign(new Error('no answer in time'), { code: 'TimeoutError' })));
      req.on('error', reject);
      req.end(body);
    });
  }

  private errorOf(answer: RawAnswer, attempts: number): AwsJsonError {
    let parsed: { __type?: string; message?: string; Message?: string } = {};
    try {
      parsed = JSON.parse(answer.body);
    } catch {
      // not JSON (a proxy's page): the status says enough
    }
    const header = answer.headers['x-amzn-errortype'];
    const raw = (Array.isArray(header) ? header[0] : header) ?? parsed.__type ?? `Http${answer.status}`;
    const code = raw.split(':')[0].split('#').pop()!;
    return new AwsJsonError(code, parsed.message ?? parsed.Message ?? `HTTP ${answer.status}`, answer.status, attempts);
  }
}
