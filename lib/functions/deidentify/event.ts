/**
 * The messages the function receives: SQS records whose body is the EventBridge event S3 sends for a new
 * object in the raw zone ("Object Created"). Anything else is reported as ignored, with the reason.
 */

export interface SqsRecord {
  readonly messageId: string;
  readonly body: string;
  readonly attributes?: { readonly ApproximateReceiveCount?: string };
}

export interface SqsEvent {
  readonly Records: readonly SqsRecord[];
}

/** The object an event is about. */
export interface ObjectEvent {
  readonly bucket: string;
  /** The key as the event gives it (S3 may URL-encode keys in events; the handler tries both). */
  readonly key: string;
  readonly versionId?: string;
}

export type ParsedEvent =
  { readonly ok: true; readonly object: ObjectEvent } | { readonly ok: false; readonly problem: string };

/** The records of an SQS event; a malformed invocation has none. */
export function recordsOf(event: unknown): readonly SqsRecord[] {
  const records = (event as SqsEvent | undefined)?.Records;
  return Array.isArray(records)
    ? records.filter((r) => typeof r?.messageId === 'string' && typeof r?.body === 'string')
    : [];
}

/** Which delivery of the message this is (1 for the first). */
export function attemptOf(record: SqsRecord): number {
  const count = Number(record.attributes?.ApproximateReceiveCount);
  return Number.isInteger(count) && count > 0 ? count : 1;
}

/** The object a message is about, or why it is not an S3 "Object Created" event of the source bucket. */
export function parseObjectEvent(body: string, sourceBucket: string): ParsedEvent {
  let event: any;
  try {
    event = JSON.parse(body);
  } catch {
    return { ok: false, problem: 'the message body is not JSON' };
  }
  if (event?.source !== 'aws.s3') return { ok: false, problem: 'source: must be "aws.s3"' };
  if (event['detail-type'] !== 'Object Created') return { ok: false, problem: 'detail-type: must be "Object Created"' };
  const bucket = event.detail?.bucket?.name;
  const key = event.detail?.object?.key;
  const versionId = event.detail?.object?.['version-id'];
  if (typeof bucket !== 'string' || typeof key !== 'string' || key === '') {
    return { ok: false, problem: 'detail.bucket.name and detail.object.key: required' };
  }
  if (bucket !== sourceBucket) return { ok: false, problem: `bucket ${bucket} is not the raw zone bucket` };
  return { ok: true, object: { bucket, key, ...(typeof versionId === 'string' ? { versionId } : {}) } };
}

/** The key with the event's URL encoding undone (`+` is a space), or undefined when it is not encoded. */
export function decodedKey(key: string): string | undefined {
  if (!/[%+]/.test(key)) return undefined;
  try {
    const decoded = decodeURIComponent(key.replace(/\+/g, ' '));
    return decoded === key ? undefined : decoded;
  } catch {
    return undefined;
  }
}
