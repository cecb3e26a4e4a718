/**
 * Runs the real de-identification handler, with the real SDK v3 S3 client and the function's own JSON
 * client, against the local S3/EventBridge double and the local Comprehend Medical double (both on
 * 127.0.0.1), fed SQS records as the event source mapping delivers them.
 */
import { createClients, destroyClients, type Clients } from '../../../lib/functions/deidentify/clients';
import { createHandler, type BatchResponse, type ObjectResult } from '../../../lib/functions/deidentify/handler';
import type { Observer } from '../../../lib/functions/deidentify/tally';
import { ComprehendMedicalDouble } from './comprehend-double';
import { StorageDouble } from './storage-double';

export const ACCOUNT = '111122223333';
export const REGION = 'us-east-1';
export const RAW = `hipaa-raw-phi-${ACCOUNT}-${REGION}`;
export const DEIDENTIFIED = `hipaa-deidentified-${ACCOUNT}-${REGION}`;
export const NOW = new Date('2025-06-02T08:00:00Z');

export function settingsEnv(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    AWS_REGION: REGION,
    SOURCE_BUCKET: RAW,
    OUTPUT_BUCKET: DEIDENTIFIED,
    MAX_OBJECT_BYTES: String(64 * 1024 * 1024),
    MAX_RECEIVE_COUNT: '3',
    MODEL_CONCURRENCY: '4',
    ...overrides,
  };
}

let messages = 0;

/** The SQS record of an S3 "Object Created" event as EventBridge delivers it to the queue. */
export function objectCreated(
  key: string,
  options: { versionId?: string; bucket?: string; attempt?: number; change?: (event: any) => void } = {},
): { messageId: string; body: string; attributes: { ApproximateReceiveCount: string } } {
  const event: any = {
    version: '0',
    id: `17793124-05d4-b198-2fde-7ededc63b103`,
    'detail-type': 'Object Created',
    source: 'aws.s3',
    account: ACCOUNT,
    time: '2025-06-01T12:00:00Z',
    region: REGION,
    resources: [`arn:aws:s3:::${options.bucket ?? RAW}`],
    detail: {
      version: '0',
      bucket: { name: options.bucket ?? RAW },
      object: { key, size: 1, etag: 'x', ...(options.versionId ? { 'version-id': options.versionId } : {}) },
      'request-id': 'N4N7GDK58NMKJ12R',
      requester: ACCOUNT,
      reason: 'PutObject',
    },
  };
  options.change?.(event);
  return {
    messageId: `m-${++messages}`,
    body: JSON.stringify(event),
    attributes: { ApproximateReceiveCount: String(options.attempt ?? 1) },
  };
}

export interface Invocation {
  readonly response: BatchResponse;
  /** One result per message, from the handler's log lines. */
  readonly results: ObjectResult[];
}

export class Harness {
  readonly storage = new StorageDouble().bucket(RAW).bucket(DEIDENTIFIED);
  readonly comprehend = new ComprehendMedicalDouble();
  readonly logs: { level: string; entry: Record<string, unknown> }[] = [];
  clients?: Clients;

  constructor(
    private readonly tuning: {
      modelRequestBytes?: number;
      batchChars?: number;
      observer?: (key: string) => Observer;
    } = {},
  ) {}

  async start(): Promise<this> {
    const storagePort = await this.storage.start();
    const comprehendPort = await this.comprehend.start();
    this.clients = createClients({
      region: REGION,
      comprehendMedicalRegion: REGION,
      endpoints: {
        s3: `http://127.0.0.1:${storagePort}`,
        events: `http://127.0.0.1:${storagePort}`,
        comprehendMedical: `http://127.0.0.1:${comprehendPort}`,
      },
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
      retryBaseDelayMs: 1,
    });
    return this;
  }

  async stop(): Promise<void> {
    if (this.clients) destroyClients(this.clients);
    await this.storage.stop();
    await this.comprehend.stop();
  }

  /** Stores a raw-zone object; returns its version. */
  put(key: string, body: string | Buffer, contentType?: string) {
    return this.storage.put(RAW, key, body, { contentType, lastModified: new Date('2025-06-01T12:00:00Z') });
  }

  async invoke(records: unknown[], env = settingsEnv(), context?: object): Promise<Invocation> {
    const before = this.logs.length;
    const handler = createHandler({
      clients: () => this.clients!,
      env,
      now: () => NOW,
      log: (level, entry) => this.logs.push({ level, entry }),
      ...this.tuning,
    });
    const response = await handler({ Records: records }, context);
    const results = this.logs.slice(before).map((l) => l.entry as unknown as ObjectResult);
    return { response, results };
  }

  /** Text of the current version of a de-identified-zone object. */
  output(key: string): string | undefined {
    return this.storage.current(DEIDENTIFIED, key)?.body.toString('utf8');
  }

  manifest(key: string): any {
    const text = this.output(`manifests/${key}.manifest.json`);
    return text === undefined ? undefined : JSON.parse(text);
  }
}
