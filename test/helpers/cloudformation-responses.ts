/**
 * Stands in for the pre-signed S3 URL a CloudFormation custom resource answers to: a server on 127.0.0.1
 * that takes PUTs and keeps each body (parsed) with its method, path, query and headers. It can refuse the
 * next answers with an HTTP status, or drop the connection without answering.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedResponse {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly headers: IncomingHttpHeaders;
  readonly raw: string;
  readonly document: any;
  /** Answered 200 (not refused or dropped). */
  readonly accepted: boolean;
}

export class CloudFormationResponses {
  /** Every request that arrived, refused ones included. */
  readonly attempts: ReceivedResponse[] = [];
  private readonly refusals: ({ kind: 'status'; status: number } | { kind: 'drop' })[] = [];
  private server?: Server;
  private base = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let raw = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (raw += chunk));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://responses');
        let document: unknown;
        try {
          document = JSON.parse(raw);
        } catch {
          document = undefined;
        }
        const refusal = this.refusals.shift();
        const received = { method: req.method ?? '', path: url.pathname, query: url.search, headers: req.headers, raw };
        this.attempts.push({ ...received, document, accepted: !refusal });
        if (refusal?.kind === 'drop') req.socket.destroy();
        else if (refusal?.kind === 'status')
          res.writeHead(refusal.status).end('<Error><Code>InternalError</Code></Error>');
        else res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** A pre-signed-looking URL for one request. */
  url(requestId: string): string {
    return `${this.base}/cloudformation-custom-resource-response-useast1/${encodeURIComponent(requestId)}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=0123abcd`;
  }

  /** Answers the next `times` PUTs with an HTTP error status. */
  refuse(times: number, status = 500): void {
    for (let i = 0; i < times; i++) this.refusals.push({ kind: 'status', status });
  }

  /** Drops the connection of the next `times` PUTs without answering. */
  drop(times: number): void {
    for (let i = 0; i < times; i++) this.refusals.push({ kind: 'drop' });
  }

  /** Documents of the PUTs that were answered 200. */
  accepted(): any[] {
    return this.attempts.filter((a) => a.accepted).map((a) => a.document);
  }
}
