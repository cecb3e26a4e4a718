/**
 * The invocation: an SQS batch of S3 "Object Created" events (EventBridge → queue → function) → for each
 * object: idempotency check → de-identification → output and manifest in the de-identified zone; or the
 * quarantine (a copy within the raw zone and an alert event). One JSON log line per message, never a value
 * of the data. The answer is an SQS partial batch response: a message is handed back to the queue (and,
 * after MAX_RECEIVE_COUNT deliveries, to its dead-letter queue) only when its object is neither done nor
 * quarantined — throttling beyond the clients' retries, a 5xx, the invocation running out of time. On the
 * last delivery such an object is quarantined instead, so it never stays unprocessed without an alert;
 * only a failure of the quarantine itself leaves the message to the dead-letter queue (whose alarm pages).
 *
 * Steps for one object:
 * 1. the current version (HeadObject; a URL-encoded event key is tried decoded too); an event about an
 *    older version is "superseded" (the newer version has its own event), a deleted object is "gone";
 * 2. the key itself must hold no identifier the rules find (the output keeps the key), the format must be
 *    supported, the size at most MAX_OBJECT_BYTES;
 * 3. idempotency: skipped when the manifest (written last) records this source ETag and rule set version;
 * 4. the version is read (If-Match its ETag), decoded, de-identified and written to `records/<key>` in one
 *    PutObject or a multipart upload completed only on success; then `manifests/<key>.manifest.json`.
 *    Nothing is ever left half-written in the de-identified zone: a failure aborts the upload.
 */
import { errorCode, errorText, isRetryable } from '../common/aws-errors';
import type { Clients } from './clients';
import { Deidentifier } from './deidentifier';
import { attemptOf, decodedKey, parseObjectEvent, recordsOf, type SqsRecord } from './event';
import { formatOf, processStream } from './formats';
import { RULE_SET_VERSION, type IdentifierType } from './identifiers';
import { InputError, QUARANTINE_REASONS, type QuarantineReason } from './input-error';
import { EVENT_SOURCE, METADATA, QUARANTINE_DETAIL_TYPE } from './layout';
import { buildManifest } from './manifest';
import { ComprehendMedicalModel, type ModelUsage } from './model';
import { detectByRules } from './rules';
import { CharacterBudget } from './rate-limit';
import { readSettings, type Settings } from './settings';
import {
  copyToQuarantine,
  headObject,
  isNotFound,
  keysOf,
  outputKeysFit,
  OutputUpload,
  putObject,
  readObject,
  type ObjectHead,
} from './storage';
import { Tally, type Observer } from './tally';
import { decodeUtf8 } from './text-stream';

export type Logger = (level: 'info' | 'error', entry: Record<string, unknown>) => void;

export interface HandlerDependencies {
  /** The AWS clients for the settings (created on first use). */
  readonly clients: (settings: Settings) => Clients;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** @default - the system clock */
  readonly now?: () => Date;
  /** @default - one JSON line on stdout (info) or stderr (error) */
  readonly log?: Logger;
  /** Bytes per Comprehend Medical request. @default the model's DEFAULT_REQUEST_BYTES */
  readonly modelRequestBytes?: number;
  /** Characters of free text per batch. @default the formats' DEFAULT_BATCH_CHARS */
  readonly batchChars?: number;
  /** Sees every replacement with its location (the recall measurement); never logged. */
  readonly observer?: (key: string) => Observer | undefined;
}

export interface InvocationContext {
  getRemainingTimeInMillis?(): number;
}

/**
 * Time kept at the end of an invocation to abort an upload and quarantine: the work on an object is
 * abandoned this long before Lambda would stop the invocation.
 */
export const END_RESERVE_MS = 60_000;

export type ObjectStatus =
  | 'deidentified' // output and manifest written
  | 'already-done' // the manifest records this version and rule set
  | 'superseded' // a newer version exists (it has its own event)
  | 'gone' // the object was deleted
  | 'quarantined' // copied to quarantine, alert sent
  | 'ignored' // not an S3 event about the raw zone, or a quarantined object
  | 'retry'; // handed back to the queue

export interface ObjectResult {
  readonly messageId: string;
  readonly status: ObjectStatus;
  readonly attempt: number;
  /** The source key; withheld when the key itself holds identifiers. */
  readonly key?: string;
  readonly versionId?: string;
  readonly reason?: QuarantineReason;
  /** Where and what, never a value: `the record on line 12 has 3 fields; the header has 4`. */
  readonly detail?: string;
  readonly outputKey?: string;
  readonly identifiers?: Partial<Record<IdentifierType, number>>;
  readonly comprehendMedical?: ModelUsage;
  readonly error?: string;
}

/** The SQS partial batch response (the event source mapping has ReportBatchItemFailures). */
export interface BatchResponse {
  readonly batchItemFailures: { readonly itemIdentifier: string }[];
}

const WITHHELD = '(withheld: the key holds identifiers)';
const MODEL_REJECTIONS = new Set([
  'InvalidRequestException',
  'TextSizeLimitExceededException',
  'InvalidEncodingException',
  'ValidationException',
]);

const defaultLog: Logger = (level, entry) => {
  const line = JSON.stringify({ level, ...entry });
  if (level === 'error') console.error(line);
  else console.log(line);
};

export function createHandler(deps: HandlerDependencies) {
  const log = deps.log ?? defaultLog;
  const now = deps.now ?? (() => new Date());
  let cached: { settings: Settings; clients: Clients; budget?: CharacterBudget } | undefined;

  return async function handler(event: unknown, context?: InvocationContext): Promise<BatchResponse> {
    const records = recordsOf(event);
    const read = readSettings(deps.env);
    if (!read.ok) {
      log('error', { status: 'misconfigured', problems: read.problems, messages: records.length });
      return { batchItemFailures: records.map((r) => ({ itemIdentifier: r.messageId })) };
    }
    const settings = read.settings;
    if (!cached || JSON.stringify(cached.settings) !== JSON.stringify(settings)) {
      // The character budget outlives invocations: a warm instance keeps to its share of the quota.
      const perSecond = settings.modelCharactersPerSecond;
      cached = {
        settings,
        clients: deps.clients(settings),
        ...(perSecond ? { budget: new CharacterBudget(perSecond) } : {}),
      };
    }
    const { clients, budget } = cached;
    const remaining = context?.getRemainingTimeInMillis?.();
    const controller = new AbortController();
    const timer =
      remaining === undefined
        ? undefined
        : setTimeout(
            () =>
              controller.abort(Object.assign(new Error('the invocation ran out of time'), { name: 'TimeoutError' })),
            Math.max(1_000, remaining - END_RESERVE_MS),
          );
    const failures: { itemIdentifier: string }[] = [];
    try {
      for (const record of records) {
        const result = await processRecord(record, settings, clients, deps, now, controller.signal, budget);
        log(result.status === 'retry' || result.status === 'quarantined' ? 'error' : 'info', { ...result });
        if (result.status === 'retry') failures.push({ itemIdentifier: record.messageId });
      }
    } finally {
      if (timer) clearTimeout(timer);
    }
    return { batchItemFailures: failures };
  };
}

async function processRecord(
  record: SqsRecord,
  settings: Settings,
  clients: Clients,
  deps: HandlerDependencies,
  now: () => Date,
  signal: AbortSignal,
  budget: CharacterBudget | undefined,
): Promise<ObjectResult> {
  const attempt = attemptOf(record);
  const base = { messageId: record.messageId, attempt };
  const parsed = parseObjectEvent(record.body, settings.sourceBucket);
  if (!parsed.ok) return { ...base, status: 'ignored', detail: parsed.problem };
  const { object } = parsed;
  if (object.key.startsWith('quarantine/')) return { ...base, status: 'ignored', detail: 'a quarantined object' };

  let head: ObjectHead | undefined;
  let keyWithheld = false;
  let upload: OutputUpload | undefined;
  const report = () => ({
    ...base,
    key: keyWithheld ? WITHHELD : (head?.key ?? object.key),
    versionId: head?.versionId,
  });
  const quarantine = async (reason: QuarantineReason, detail: string): Promise<ObjectResult> => {
    const keys = keysOf(head!.key);
    try {
      await copyToQuarantine(clients.s3, settings.sourceBucket, head!, keys.quarantine, {
        [METADATA.quarantineReason]: reason,
        [METADATA.sourceVersionId]: head!.versionId ?? 'null',
        [METADATA.sourceEtag]: head!.etag,
        [METADATA.ruleSetVersion]: RULE_SET_VERSION,
      });
    } catch (error) {
      if (isNotFound(error)) return { ...report(), status: 'gone', detail: 'deleted before it could be quarantined' };
      throw error;
    }
    const detailOut = {
      bucket: settings.sourceBucket,
      key: keyWithheld ? WITHHELD : head!.key,
      quarantineKey: keyWithheld ? WITHHELD : keys.quarantine,
      versionId: head!.versionId ?? null,
      reason,
      reasonText: QUARANTINE_REASONS[reason],
      detail,
      attempt,
      ruleSetVersion: RULE_SET_VERSION,
    };
    const answer = await clients.events.call<{ FailedEntryCount?: number; Entries?: { ErrorCode?: string }[] }>(
      'PutEvents',
      {
        Entries: [{ Source: EVENT_SOURCE, DetailType: QUARANTINE_DETAIL_TYPE, Detail: JSON.stringify(detailOut) }],
      },
    );
    if (answer.FailedEntryCount) {
      throw new Error(`PutEvents refused the quarantine alert: ${answer.Entries?.[0]?.ErrorCode ?? 'unknown error'}`);
    }
    return { ...report(), status: 'quarantined', reason, detail };
  };

  try {
    head = await headObject(clients.s3, settings.sourceBucket, object.key, signal);
    const decoded = head ? undefined : decodedKey(object.key);
    if (!head && decoded) head = await headObject(clients.s3, settings.sourceBucket, decoded, signal);
    if (!head) return { ...report(), status: 'gone' };
    if (object.versionId && head.versionId && object.versionId !== head.versionId) {
      return { ...report(), status: 'superseded', detail: `the current version is ${head.versionId}` };
    }
    const inKey = [...new Set(detectByRules(head.key).map((d) => d.type))];
    if (inKey.length > 0) {
      keyWithheld = true;
      return await quarantine('identifiers-in-key', `identifier types in the key: ${inKey.join(', ')}`);
    }
    const format = formatOf(head.key, head.contentType);
    if (!format) return await quarantine('unsupported-format', `content type ${head.contentType ?? 'none'}`);
    if (head.bytes > settings.maxObjectBytes) {
      return await quarantine('too-large', `${head.bytes} bytes; the limit is ${settings.maxObjectBytes}`);
    }
    if (!outputKeysFit(head.key)) return await quarantine('key-too-long', `${Buffer.byteLength(head.key)} bytes`);
    const keys = keysOf(head.key);
    const done = await headObject(clients.s3, settings.outputBucket, keys.manifest, signal);
    if (
      done?.metadata[METADATA.sourceEtag] === head.etag &&
      done.metadata[METADATA.ruleSetVersion] === RULE_SET_VERSION
    ) {
      return { ...report(), status: 'already-done', outputKey: keys.output };
    }

    const model = new ComprehendMedicalModel(
      (text) => clients.comprehendMedical.call('DetectPHI', { Text: text }, signal),
      { concurrency: settings.modelConcurrency, requestBytes: deps.modelRequestBytes, budget },
    );
    const referenceYear = head.lastModified.getUTCFullYear();
    const deidentifier = new Deidentifier(model, { referenceYear });
    const tally = new Tally(deps.observer?.(head.key));
    const metadata = {
      [METADATA.sourceEtag]: head.etag,
      [METADATA.sourceVersionId]: head.versionId ?? 'null',
      [METADATA.ruleSetVersion]: RULE_SET_VERSION,
    };
    upload = new OutputUpload(
      clients.s3,
      settings.outputBucket,
      keys.output,
      metadata,
      head.contentType ?? 'text/plain; charset=utf-8',
      signal,
    );
    const bytes = await readObject(clients.s3, settings.sourceBucket, head, signal);
    const formatReport = await processStream(format, decodeUtf8(abortable(bytes, signal)), upload, {
      deidentifier,
      tally,
      batchChars: deps.batchChars,
    });
    await upload.complete();
    const manifest = buildManifest({
      sourceBucket: settings.sourceBucket,
      head,
      outputBucket: settings.outputBucket,
      outputKey: keys.output,
      outputBytes: upload.bytes,
      report: formatReport,
      tally,
      usage: model.usage,
      comprehendMedicalRegion: settings.comprehendMedicalRegion,
      referenceYear,
      now: now(),
    });
    upload = undefined;
    await putObject(
      clients.s3,
      settings.outputBucket,
      keys.manifest,
      `${JSON.stringify(manifest, null, 2)}\n`,
      'application/json',
      metadata,
      signal,
    );
    return {
      ...report(),
      status: 'deidentified',
      outputKey: keys.output,
      identifiers: manifest.identifiers.byType,
      comprehendMedical: model.usage,
    };
  } catch (error) {
    if (upload) await upload.abort().catch(() => undefined); // the bucket's lifecycle rule removes what remains
    try {
      if (error instanceof InputError) return await quarantine(error.reason, error.message);
      if (MODEL_REJECTIONS.has(errorCode(error))) return await quarantine('model-rejected', errorText(error));
      if (errorCode(error) === 'PreconditionFailed') {
        return { ...report(), status: 'superseded', detail: 'the object changed while it was read' };
      }
      const text = errorText(error) + (isRetryable(error) ? '' : ' (not a transient error)');
      if (head && attempt >= settings.maxReceiveCount) return await quarantine('retries-exhausted', text);
      return { ...report(), status: 'retry', error: text };
    } catch (quarantineError) {
      return { ...report(), status: 'retry', error: `quarantine failed: ${errorText(quarantineError)}` };
    }
  }
}

/** The stream, stopped with the signal's reason when the invocation runs out of time. */
async function* abortable(source: AsyncIterable<Uint8Array>, signal: AbortSignal): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    signal.throwIfAborted();
    yield chunk;
  }
}
