/**
 * The S3 side: reading the source version, writing the output so that it appears whole or not at all
 * (one PutObject, or a multipart upload completed only after the last part and aborted on any failure),
 * the manifest, the completion marker read for idempotency, and the quarantine copy.
 */
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { errorCode } from '../common/aws-errors';
import type { Sink } from './formats';
import { MANIFEST_PREFIX, MANIFEST_SUFFIX, MAX_KEY_BYTES, OUTPUT_PREFIX, QUARANTINE_PREFIX } from './layout';

/** Multipart part size: S3's minimum is 5 MiB (except the last part). */
export const PART_BYTES = 8 * 1024 * 1024;

export interface ObjectHead {
  readonly key: string;
  readonly versionId?: string;
  /** Without the quotes S3 puts around it. */
  readonly etag: string;
  readonly bytes: number;
  readonly lastModified: Date;
  readonly contentType?: string;
  readonly metadata: Readonly<Record<string, string>>;
}

const unquote = (etag: string | undefined) => (etag ?? '').replace(/^"|"$/g, '');

export const isNotFound = (error: unknown) => ['NotFound', 'NoSuchKey', 'NoSuchVersion'].includes(errorCode(error));

/** The object's current version, or undefined when there is none. */
export async function headObject(
  s3: S3Client,
  bucket: string,
  key: string,
  signal?: AbortSignal,
): Promise<ObjectHead | undefined> {
  try {
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
    return {
      key,
      versionId: head.VersionId,
      etag: unquote(head.ETag),
      bytes: head.ContentLength ?? 0,
      lastModified: head.LastModified ?? new Date(0),
      contentType: head.ContentType,
      metadata: head.Metadata ?? {},
    };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** The bytes of exactly this version (fails with PreconditionFailed if it changed since the head). */
export async function readObject(
  s3: S3Client,
  bucket: string,
  head: ObjectHead,
  signal?: AbortSignal,
): Promise<AsyncIterable<Uint8Array>> {
  const answer = await s3.send(
    new GetObjectCommand({
      Bucket: bucket,
      Key: head.key,
      ...(head.versionId ? { VersionId: head.versionId } : {}),
      IfMatch: `"${head.etag}"`,
    }),
    { abortSignal: signal },
  );
  return answer.Body as Readable;
}

/** Keys of the output, the manifest and the quarantine copy of a source key. */
export function keysOf(sourceKey: string): { output: string; manifest: string; quarantine: string } {
  const quarantine = `${QUARANTINE_PREFIX}${sourceKey}`;
  return {
    output: `${OUTPUT_PREFIX}${sourceKey}`,
    manifest: `${MANIFEST_PREFIX}${sourceKey}${MANIFEST_SUFFIX}`,
    // A key too long for the prefix is quarantined under its digest (the copy's metadata keeps the version).
    quarantine:
      Buffer.byteLength(quarantine) <= MAX_KEY_BYTES
        ? quarantine
        : `${QUARANTINE_PREFIX}long-keys/${createHash('sha256').update(sourceKey).digest('hex')}`,
  };
}

/** Whether the de-identified zone can hold the outputs of a key (S3 keys are at most 1,024 bytes). */
export function outputKeysFit(sourceKey: string): boolean {
  const keys = keysOf(sourceKey);
  return Buffer.byteLength(keys.manifest) <= MAX_KEY_BYTES && Buffer.byteLength(keys.output) <= MAX_KEY_BYTES;
}

/**
 * The output object: bytes are buffered up to PART_BYTES; a small output is written with one PutObject on
 * `complete()`, a larger one as a multipart upload that S3 shows only once `complete()` succeeds.
 * `abort()` discards everything (S3 keeps no part of an aborted upload; the bucket's lifecycle rule
 * removes the parts of an upload whose abort itself failed).
 */
export class OutputUpload implements Sink {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private uploadId?: string;
  private readonly parts: { PartNumber: number; ETag?: string; ChecksumCRC32?: string }[] = [];
  /** Bytes written in all. */
  bytes = 0;

  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    private readonly key: string,
    private readonly metadata: Record<string, string>,
    private readonly contentType: string,
    private readonly signal?: AbortSignal,
  ) {}

  async write(text: string): Promise<void> {
    if (!text) return;
    const chunk = Buffer.from(text, 'utf8');
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    this.bytes += chunk.length;
    if (this.buffered >= PART_BYTES) await this.uploadPart();
  }

  async complete(): Promise<void> {
    const options = { abortSignal: this.signal };
    if (this.uploadId === undefined) {
      await this.s3.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: this.key,
          Body: Buffer.concat(this.chunks),
          ContentType: this.contentType,
          Metadata: this.metadata,
        }),
        options,
      );
      return;
    }
    if (this.buffered > 0) await this.uploadPart();
    await this.s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: this.bucket,
        Key: this.key,
        UploadId: this.uploadId,
        MultipartUpload: { Parts: this.parts },
      }),
      options,
    );
    this.uploadId = undefined;
  }

  async abort(): Promise<void> {
    this.chunks = [];
    this.buffered = 0;
    if (this.uploadId === undefined) return;
    const uploadId = this.uploadId;
    this.uploadId = undefined;
    await this.s3.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: this.key, UploadId: uploadId }));
  }

  private async uploadPart(): Promise<void> {
    const options = { abortSignal: this.signal };
    if (this.uploadId === undefined) {
      const created = await this.s3.send(
        new CreateMultipartUploadCommand({
          Bucket: this.bucket,
          Key: this.key,
          ContentType: this.contentType,
          Metadata: this.metadata,
        }),
        options,
      );
      this.uploadId = created.UploadId;
    }
    const body = Buffer.concat(this.chunks);
    this.chunks = [];
    this.buffered = 0;
    const PartNumber = this.parts.length + 1;
    const answer = await this.s3.send(
      new UploadPartCommand({ Bucket: this.bucket, Key: this.key, UploadId: this.uploadId, PartNumber, Body: body }),
      options,
    );
    this.parts.push({
      PartNumber,
      ETag: answer.ETag,
      ...(answer.ChecksumCRC32 ? { ChecksumCRC32: answer.ChecksumCRC32 } : {}),
    });
  }
}

/** Writes a small object in one call. */
export async function putObject(
  s3: S3Client,
  bucket: string,
  key: string,
  body: string,
  contentType: string,
  metadata: Record<string, string>,
  signal?: AbortSignal,
): Promise<void> {
  await s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType, Metadata: metadata }),
    { abortSignal: signal },
  );
}

/** Copies the source version within its bucket to the quarantine key, with the reason in its metadata. */
export async function copyToQuarantine(
  s3: S3Client,
  bucket: string,
  head: ObjectHead,
  quarantineKey: string,
  metadata: Record<string, string>,
): Promise<void> {
  const source = `${bucket}/${encodeURIComponent(head.key).replace(/%2F/g, '/')}`;
  await s3.send(
    new CopyObjectCommand({
      Bucket: bucket,
      Key: quarantineKey,
      CopySource: head.versionId ? `${source}?versionId=${encodeURIComponent(head.versionId)}` : source,
      CopySourceIfMatch: `"${head.etag}"`,
      MetadataDirective: 'REPLACE',
      Metadata: metadata,
      ...(head.contentType ? { ContentType: head.contentType } : {}),
      TaggingDirective: 'REPLACE',
    }),
  );
}
