/**
 * The answer to CloudFormation: a JSON document PUT to the request's pre-signed ResponseURL. Without it
 * the stack waits for the resource's timeout (an hour by default), so the document always fits
 * CloudFormation's 4096-byte limit (the Reason is shortened first, then Data values), and the PUT is
 * retried on a network error or a non-2xx answer. The URL carries a signature, so only its host and path
 * are ever logged.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { ResponseTarget } from './event';

/** CloudFormation's limit on the whole response body. */
export const RESPONSE_LIMIT_BYTES = 4096;

export interface ResponseDocument {
  readonly Status: 'SUCCESS' | 'FAILED';
  readonly Reason: string;
  readonly PhysicalResourceId: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly LogicalResourceId: string;
  readonly Data: Readonly<Record<string, string>>;
}

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** The response document, shortened to fit RESPONSE_LIMIT_BYTES. */
export function buildResponse(
  target: ResponseTarget,
  answer: { status: 'SUCCESS' | 'FAILED'; reason: string; physicalResourceId: string; data: Record<string, string> },
): ResponseDocument {
  const data = { ...answer.data };
  const make = (reason: string): ResponseDocument => ({
    Status: answer.status,
    Reason: reason,
    PhysicalResourceId: answer.physicalResourceId,
    StackId: target.stackId,
    RequestId: target.requestId,
    LogicalResourceId: target.logicalResourceId,
    Data: data,
  });
  const size = (doc: ResponseDocument) => bytes(JSON.stringify(doc));
  if (size(make(answer.reason)) <= RESPONSE_LIMIT_BYTES) return make(answer.reason);
  // Data gives way (longest values first) until at least MIN_REASON_BYTES are left for the reason.
  const keys = Object.keys(data).sort((a, b) => bytes(data[b]) - bytes(data[a]));
  while (keys.length > 0 && RESPONSE_LIMIT_BYTES - size(make('')) < MIN_REASON_BYTES) delete data[keys.shift()!];
  // The longest start of the reason that fits (JSON escapes make bytes and characters differ).
  let [fits, tooLong] = [0, answer.reason.length];
  while (tooLong - fits > 1) {
    const middle = Math.floor((fits + tooLong) / 2);
    if (size(make(answer.reason.slice(0, middle) + SHORTENED)) <= RESPONSE_LIMIT_BYTES) fits = middle;
    else tooLong = middle;
  }
  return make(answer.reason.slice(0, fits) + SHORTENED);
}

/** Room kept for the reason when the document must be shortened. */
const MIN_REASON_BYTES = 1024;
const SHORTENED = ' ... (shortened; the function log has the full account)';

export interface SendOptions {
  /** Attempts in all (the first and the retries). */
  readonly attempts: number;
  /** Longest wait for one attempt's answer (milliseconds). */
  readonly timeoutMs: number;
  /** Wait before the first retry, doubled for each next one (milliseconds). */
  readonly retryDelayMs: number;
  /** Epoch milliseconds by which sending must be over. @default - none */
  readonly deadline?: number;
  readonly onFailure?: (attempt: number, error: string) => void;
}

export interface SendResult {
  readonly sent: boolean;
  readonly attempts: number;
  readonly error?: string;
}

export async function sendResponse(url: string, document: ResponseDocument, options: SendOptions): Promise<SendResult> {
  const body = JSON.stringify(document);
  let error = '';
  for (let attempt = 1; attempt <= options.attempts; attempt++) {
    const left = options.deadline === undefined ? options.timeoutMs : options.deadline - Date.now();
    if (left <= 0) return { sent: false, attempts: attempt - 1, error: `${error || 'not sent'}; out of time` };
    try {
      await put(url, body, Math.min(options.timeoutMs, left));
      return { sent: true, attempts: attempt };
    } catch (e) {
      error = (e as Error).message;
      options.onFailure?.(attempt, error);
    }
    if (attempt < options.attempts) {
      const wait = options.retryDelayMs * 2 ** (attempt - 1);
      if (options.deadline !== undefined && Date.now() + wait >= options.deadline) break;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
  return { sent: false, attempts: options.attempts, error };
}

/** Host and path of the pre-signed URL (never its query: that holds the signature). */
export function describeUrl(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}${u.pathname}`;
}

/** One PUT of the body, with the headers the pre-signed URL was signed for (an empty content type). */
function put(url: string, body: string, timeoutMs: number): Promise<void> {
  const target = new URL(url);
  const send = target.protocol === 'http:' ? httpRequest : httpsRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      { method: 'PUT', headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) }, timeout: timeoutMs },
      (res) => {
        let answer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (answer += chunk.slice(0, 500)));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve();
          else
            reject(new Error(`HTTP ${status} from ${describeUrl(url)}: ${answer.replace(/\s+/g, ' ').slice(0, 300)}`));
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer from ${describeUrl(url)} within ${timeoutMs} ms`)));
    req.on('error', (e) => reject(new Error(`${(e as NodeJS.ErrnoException).code ?? e.name}: ${e.message}`)));
    req.end(body);
  });
}
