/**
 * The common part of a local AWS test double on 127.0.0.1: an HTTP server that records every request,
 * names its service (from the SigV4 credential scope the SDK signs with) and its action, and injects
 * faults — an error code a given number of times, or a late answer — before the service-specific answer.
 * Subclasses say what each request's action is and answer it; the error encoders below speak each wire
 * protocol's error format (query XML, EC2 XML, REST-XML, REST-JSON), so the real SDK v3 clients parse them
 * into their real exception classes.
 */
import {
  Agent,
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { LookupFunction } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface DoubleRequest {
  /** The service in the request's SigV4 credential scope (`iam`, `ec2`, `s3`, `inspector2`, `macie2`…). */
  readonly service: string;
  /** The region in the request's SigV4 credential scope. */
  readonly region: string;
  /** The operation (`UpdateAccountPasswordPolicy`, `Enable`…), as the subclass names it. */
  action: string;
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly host: string;
  readonly headers: IncomingHttpHeaders;
  /** The body as UTF-8 text (decoded once, so characters split across network chunks stay whole). */
  readonly body: string;
  /** The body's bytes. */
  readonly raw: Buffer;
  /** Form parameters of a query-protocol request. */
  readonly params: Record<string, string>;
  /** Parsed body of a JSON request. */
  readonly json?: any;
}

export interface DoubleAnswer {
  readonly status: number;
  readonly body: string | Buffer;
  readonly headers?: Record<string, string>;
}

interface Fault {
  readonly action: string;
  readonly when: (req: DoubleRequest) => boolean;
  remaining: number;
  readonly status: number;
  readonly code: string;
}

export abstract class AwsDouble {
  readonly received: DoubleRequest[] = [];
  private readonly faults: Fault[] = [];
  private readonly delays: { action: string; ms: number; when: Fault['when'] }[] = [];
  private server?: Server;

  /** Names the action of a request (set `req.action`) — called before faults are looked up. */
  protected abstract identify(req: DoubleRequest): string;
  /** Answers a request that no fault intercepted. */
  protected abstract answer(req: DoubleRequest): DoubleAnswer;
  /** An error in the wire format of the request's service. */
  protected abstract error(req: DoubleRequest, status: number, code: string, message: string): DoubleAnswer;

  /** Starts listening on 127.0.0.1; returns the port. */
  async start(): Promise<number> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Fails the next `times` calls of an action (matching `when`) with an error code. */
  fail(action: string, code: string, options: { times?: number; status?: number; when?: Fault['when'] } = {}): void {
    this.faults.push({
      action,
      code,
      remaining: options.times ?? Infinity,
      status: options.status ?? 400,
      when: options.when ?? (() => true),
    });
  }

  /** Answers calls of an action (matching `when`) only after `ms`; the call takes effect at once. */
  slow(action: string, ms: number, when: Fault['when'] = () => true): void {
    this.delays.push({ action, ms, when });
  }

  /** Forgets injected faults, delays and received requests (state stays), as between two invocations. */
  clearFaultsAndRequests(): void {
    this.faults.length = 0;
    this.delays.length = 0;
    this.received.length = 0;
  }

  /** Requests of an action that reached the double (failed attempts included). */
  calls(action: string): DoubleRequest[] {
    return this.received.filter((r) => r.action === action);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const body = raw.toString('utf8');
    const url = new URL(req.url ?? '/', 'http://double');
    const contentType = req.headers['content-type'] ?? '';
    const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\//.exec(req.headers.authorization ?? '');
    const request: DoubleRequest = {
      service: scope?.[2] ?? 'unsigned',
      region: scope?.[1] ?? 'unsigned',
      action: '',
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      host: req.headers.host ?? '',
      headers: req.headers,
      body,
      raw,
      params: contentType.startsWith('application/x-www-form-urlencoded')
        ? Object.fromEntries(new URLSearchParams(body))
        : {},
      ...(contentType.includes('json') && body ? { json: JSON.parse(body) } : {}),
    };
    request.action = this.identify(request);
    this.received.push(request);
    const fault = this.faults.find((f) => f.action === request.action && f.remaining > 0 && f.when(request));
    let answer: DoubleAnswer;
    if (fault) {
      fault.remaining--;
      answer = this.error(request, fault.status, fault.code, `injected ${fault.code}`);
    } else {
      answer = this.answer(request);
      const delay = this.delays.find((d) => d.action === request.action && d.when(request));
      if (delay) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay.ms);
          res.once('close', () => (clearTimeout(timer), resolve()));
        });
        if (res.destroyed) return;
      }
    }
    res.writeHead(answer.status, answer.headers ?? {}).end(answer.body);
  }
}

export const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** AWS query protocol (IAM, SNS, STS…) error. */
export function queryError(status: number, code: string, message: string): DoubleAnswer {
  const body = `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${esc(message)}</Message></Error><RequestId>r-1</RequestId></ErrorResponse>`;
  return { status, body, headers: { 'content-type': 'text/xml' } };
}

/** EC2 query protocol error. */
export function ec2Error(status: number, code: string, message: string): DoubleAnswer {
  const body = `<Response><Errors><Error><Code>${code}</Code><Message>${esc(message)}</Message></Error></Errors><RequestID>r-1</RequestID></Response>`;
  return { status, body, headers: { 'content-type': 'text/xml' } };
}

/** REST-XML (S3, S3 Control) error. */
export function restXmlError(status: number, code: string, message: string): DoubleAnswer {
  const body = `<?xml version="1.0" encoding="UTF-8"?><ErrorResponse><Error><Code>${code}</Code><Message>${esc(message)}</Message></Error><RequestId>r-1</RequestId><HostId>h-1</HostId></ErrorResponse>`;
  return { status, body, headers: { 'content-type': 'application/xml' } };
}

/** REST-JSON error: the code in the x-amzn-errortype header. */
export function restJsonError(status: number, code: string, message: string): DoubleAnswer {
  return {
    status,
    body: JSON.stringify({ message }),
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': code },
  };
}

export const json = (value: unknown, status = 200): DoubleAnswer => ({
  status,
  body: JSON.stringify(value),
  headers: { 'content-type': 'application/json' },
});

export const xml = (body: string, status = 200): DoubleAnswer => ({
  status,
  body,
  headers: { 'content-type': 'text/xml' },
});

/**
 * An HTTP agent that resolves `localhost` and every `*.localhost` name to 127.0.0.1 and refuses any other
 * name: clients whose endpoint rules put a label in front of the host (S3 Control's `<account>.`) can
 * reach the local double, and nothing else.
 */
export function localhostAgent(): Agent {
  const lookup: LookupFunction = (hostname, options, callback) => {
    if (hostname !== 'localhost' && !hostname.endsWith('.localhost')) {
      const error = Object.assign(new Error(`test double: ${hostname} is not local`), { code: 'ENOTFOUND' });
      return (callback as (e: Error) => void)(error);
    }
    if (options.all) return (callback as any)(null, [{ address: '127.0.0.1', family: 4 }]);
    return (callback as any)(null, '127.0.0.1', 4);
  };
  return new Agent({ lookup });
}
