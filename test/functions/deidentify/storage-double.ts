/**
 * A local double of the S3 REST-XML API (path-style, versioned buckets) and EventBridge PutEvents (JSON
 * 1.1) on 127.0.0.1, answering the real SDK v3 S3 client and the function's JSON client: HeadObject,
 * GetObject (by version, If-Match), PutObject, CopyObject (by version, copy-source-if-match, metadata
 * replaced), multipart uploads (create, parts, complete, abort). It keeps state, so a second invocation
 * sees what the first wrote, and injects faults through AwsDouble.
 */
import { createHash } from 'node:crypto';
import {
  AwsDouble,
  esc,
  json,
  restJsonError,
  restXmlError,
  xml,
  type DoubleAnswer,
  type DoubleRequest,
} from '../../helpers/aws-double';

export interface StoredVersion {
  readonly versionId: string;
  readonly body: Buffer;
  readonly etag: string;
  readonly metadata: Record<string, string>;
  readonly contentType?: string;
  readonly lastModified: Date;
}

interface Upload {
  readonly bucket: string;
  readonly key: string;
  readonly parts: Map<number, Buffer>;
  readonly metadata: Record<string, string>;
  readonly contentType?: string;
}

export interface PutEvent {
  readonly Source: string;
  readonly DetailType: string;
  readonly Detail: string;
}

const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');

export class StorageDouble extends AwsDouble {
  /** bucket → key → versions, oldest first. */
  readonly buckets = new Map<string, Map<string, StoredVersion[]>>();
  readonly uploads = new Map<string, Upload>();
  readonly events: PutEvent[] = [];
  /** Upload ids completed, and aborted. */
  readonly completed: string[] = [];
  readonly aborted: string[] = [];
  private nextId = 1;

  /** Creates a bucket (every bucket is versioned). */
  bucket(name: string): this {
    this.buckets.set(name, new Map());
    return this;
  }

  /** Stores a new version of an object directly (as the ingest role would), returning it. */
  put(
    bucket: string,
    key: string,
    body: string | Buffer,
    options: { contentType?: string; metadata?: Record<string, string>; lastModified?: Date } = {},
  ): StoredVersion {
    const data = typeof body === 'string' ? Buffer.from(body) : body;
    const version: StoredVersion = {
      versionId: `v${String(this.nextId++).padStart(6, '0')}`,
      body: data,
      etag: md5(data),
      metadata: options.metadata ?? {},
      contentType: options.contentType,
      lastModified: options.lastModified ?? new Date('2025-06-01T12:00:00Z'),
    };
    const objects = this.buckets.get(bucket);
    if (!objects) throw new Error(`no bucket ${bucket}`);
    objects.set(key, [...(objects.get(key) ?? []), version]);
    return version;
  }

  /** The current version of an object. */
  current(bucket: string, key: string): StoredVersion | undefined {
    const versions = this.buckets.get(bucket)?.get(key);
    return versions?.[versions.length - 1];
  }

  /** Keys of a bucket (with at least one version), sorted. */
  keys(bucket: string): string[] {
    return [...(this.buckets.get(bucket)?.keys() ?? [])].sort();
  }

  /** Removes every version of an object (a deletion the function did not see coming). */
  remove(bucket: string, key: string): void {
    this.buckets.get(bucket)?.delete(key);
  }

  protected identify(req: DoubleRequest): string {
    const target = req.headers['x-amz-target'];
    if (target) return String(target).split('.').pop()!;
    const q = req.query;
    if (req.method === 'HEAD') return 'HeadObject';
    if (req.method === 'GET') return 'GetObject';
    if (req.method === 'DELETE' && q.has('uploadId')) return 'AbortMultipartUpload';
    if (req.method === 'POST' && q.has('uploads')) return 'CreateMultipartUpload';
    if (req.method === 'POST' && q.has('uploadId')) return 'CompleteMultipartUpload';
    if (req.method === 'PUT' && q.has('partNumber')) return 'UploadPart';
    if (req.method === 'PUT' && req.headers['x-amz-copy-source']) return 'CopyObject';
    if (req.method === 'PUT') return 'PutObject';
    return `unknown ${req.method}`;
  }

  protected error(req: DoubleRequest, status: number, code: string, message: string): DoubleAnswer {
    if (req.headers['x-amz-target']) return restJsonError(status, code, message);
    if (req.method === 'HEAD') return { status, body: '', headers: { 'x-amz-error-code': code } };
    return restXmlError(status, code, message);
  }

  protected answer(req: DoubleRequest): DoubleAnswer {
    if (req.action === 'PutEvents') return this.putEvents(req);
    const [bucket, ...rest] = req.path.slice(1).split('/');
    const key = decodeURIComponent(rest.join('/'));
    const objects = this.buckets.get(bucket);
    if (!objects) return restXmlError(404, 'NoSuchBucket', `no bucket ${bucket}`);
    switch (req.action) {
      case 'HeadObject':
      case 'GetObject':
        return this.get(req, objects, key);
      case 'PutObject':
        return this.store(bucket, key, this.payload(req), metadataOf(req), req.headers['content-type']);
      case 'CopyObject':
        return this.copy(req, bucket, key);
      case 'CreateMultipartUpload': {
        const uploadId = `u${this.nextId++}`;
        this.uploads.set(uploadId, {
          bucket,
          key,
          parts: new Map(),
          metadata: metadataOf(req),
          contentType: req.headers['content-type'],
        });
        return xml(
          `<InitiateMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${esc(key)}</Key><UploadId>${uploadId}</UploadId></InitiateMultipartUploadResult>`,
        );
      }
      case 'UploadPart': {
        const upload = this.uploads.get(req.query.get('uploadId') ?? '');
        if (!upload) return restXmlError(404, 'NoSuchUpload', 'no such upload');
        const part = this.payload(req);
        upload.parts.set(Number(req.query.get('partNumber')), part);
        return { status: 200, body: '', headers: { etag: `"${md5(part)}"` } };
      }
      case 'CompleteMultipartUpload': {
        const uploadId = req.query.get('uploadId') ?? '';
        const upload = this.uploads.get(uploadId);
        if (!upload) return restXmlError(404, 'NoSuchUpload', 'no such upload');
        const numbers = [...req.body.matchAll(/<PartNumber>(\d+)<\/PartNumber>/g)].map((m) => Number(m[1]));
        if (numbers.length === 0 || numbers.some((n) => !upload.parts.has(n))) {
          return restXmlError(400, 'InvalidPart', 'a listed part was not uploaded');
        }
        const sizes = numbers.slice(0, -1).map((n) => upload.parts.get(n)!.length);
        if (sizes.some((size) => size < 5 * 1024 * 1024)) {
          return restXmlError(400, 'EntityTooSmall', 'every part but the last must be at least 5 MiB');
        }
        const body = Buffer.concat(numbers.map((n) => upload.parts.get(n)!));
        this.uploads.delete(uploadId);
        this.completed.push(uploadId);
        this.put(upload.bucket, upload.key, body, { metadata: upload.metadata, contentType: upload.contentType });
        return xml(
          `<CompleteMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${esc(key)}</Key><ETag>"${md5(body)}-${numbers.length}"</ETag></CompleteMultipartUploadResult>`,
        );
      }
      case 'AbortMultipartUpload': {
        const uploadId = req.query.get('uploadId') ?? '';
        this.uploads.delete(uploadId);
        this.aborted.push(uploadId);
        return { status: 204, body: '' };
      }
    }
    return restXmlError(400, 'NotImplemented', `the double does not know ${req.action}`);
  }

  /** The request body, undoing aws-chunked encoding (streamed bodies with trailing checksums). */
  private payload(req: DoubleRequest): Buffer {
    if (!String(req.headers['content-encoding'] ?? '').includes('aws-chunked')) return req.raw;
    const parts: Buffer[] = [];
    let at = 0;
    for (;;) {
      const lineEnd = req.raw.indexOf('\r\n', at);
      const size = parseInt(req.raw.subarray(at, lineEnd).toString().split(';')[0], 16);
      if (!size) break;
      parts.push(req.raw.subarray(lineEnd + 2, lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
    return Buffer.concat(parts);
  }

  private get(req: DoubleRequest, objects: Map<string, StoredVersion[]>, key: string): DoubleAnswer {
    const versions = objects.get(key) ?? [];
    const wanted = req.query.get('versionId');
    const version = wanted ? versions.find((v) => v.versionId === wanted) : versions[versions.length - 1];
    if (!version) {
      return req.method === 'HEAD'
        ? { status: 404, body: '' }
        : restXmlError(404, wanted ? 'NoSuchVersion' : 'NoSuchKey', 'The specified key does not exist.');
    }
    const ifMatch = req.headers['if-match'];
    if (ifMatch && ifMatch !== `"${version.etag}"`) {
      return restXmlError(412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold');
    }
    const headers: Record<string, string> = {
      etag: `"${version.etag}"`,
      'content-length': String(version.body.length),
      'last-modified': version.lastModified.toUTCString(),
      'x-amz-version-id': version.versionId,
      ...(version.contentType ? { 'content-type': version.contentType } : {}),
      ...Object.fromEntries(Object.entries(version.metadata).map(([k, v]) => [`x-amz-meta-${k}`, v])),
    };
    return { status: 200, body: req.method === 'HEAD' ? '' : version.body, headers };
  }

  private store(
    bucket: string,
    key: string,
    body: Buffer,
    metadata: Record<string, string>,
    contentType?: string,
  ): DoubleAnswer {
    const version = this.put(bucket, key, body, { metadata, contentType });
    return { status: 200, body: '', headers: { etag: `"${version.etag}"`, 'x-amz-version-id': version.versionId } };
  }

  private copy(req: DoubleRequest, bucket: string, key: string): DoubleAnswer {
    const source = decodeURIComponent(String(req.headers['x-amz-copy-source']));
    const [path, query] = source.replace(/^\//, '').split('?');
    const [sourceBucket, ...rest] = path.split('/');
    const sourceKey = rest.join('/');
    const versions = this.buckets.get(sourceBucket)?.get(sourceKey) ?? [];
    const wanted = new URLSearchParams(query ?? '').get('versionId');
    const version = wanted ? versions.find((v) => v.versionId === wanted) : versions[versions.length - 1];
    if (!version) return restXmlError(404, wanted ? 'NoSuchVersion' : 'NoSuchKey', 'The specified key does not exist.');
    const ifMatch = req.headers['x-amz-copy-source-if-match'];
    if (ifMatch && ifMatch !== `"${version.etag}"`) {
      return restXmlError(412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold');
    }
    const replace = req.headers['x-amz-metadata-directive'] === 'REPLACE';
    const stored = this.put(bucket, key, version.body, {
      metadata: replace ? metadataOf(req) : version.metadata,
      contentType: replace ? req.headers['content-type'] : version.contentType,
    });
    return xml(
      `<CopyObjectResult><ETag>"${stored.etag}"</ETag><LastModified>${stored.lastModified.toISOString()}</LastModified></CopyObjectResult>`,
    );
  }

  private putEvents(req: DoubleRequest): DoubleAnswer {
    if (req.service !== 'events') return restJsonError(403, 'InvalidSignatureException', `signed for ${req.service}`);
    const entries = (req.json?.Entries ?? []) as PutEvent[];
    this.events.push(...entries);
    return json({ FailedEntryCount: 0, Entries: entries.map((_, i) => ({ EventId: `e-${this.events.length + i}` })) });
  }
}

function metadataOf(req: DoubleRequest): Record<string, string> {
  return Object.fromEntries(
    Object.entries(req.headers)
      .filter(([name]) => name.startsWith('x-amz-meta-'))
      .map(([name, value]) => [name.slice('x-amz-meta-'.length), String(value)]),
  );
}
