import { createHash } from 'node:crypto';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { ObjectTooLargeError } from './storage-errors';

/**
 * The smallest part S3 accepts in a multipart upload (except the last). It bounds the memory one
 * upload holds: a body is read one part at a time, and reading waits while that part is sent.
 */
export const PART_SIZE = 5 * 1024 * 1024;

export interface PutOptions {
  contentType?: string;
  /** Bytes the object may have; one more aborts the upload and nothing is kept (ObjectTooLargeError). */
  maxBytes?: number;
}

export interface StoredObject {
  key: string;
  size: number;
  /** SHA-256 of the bytes, hex, computed while they streamed through. */
  sha256: string;
  etag?: string;
}

interface Target {
  client: S3Client;
  bucket: string;
  key: string;
}

/**
 * Streams a body of unknown length into the store, hashing and counting it on the way. S3 refuses a
 * single PUT without a length, so a body that outgrows one part goes up as a multipart upload, part
 * by part; one that fits in a part is sent as one PUT, after it has been read whole (a body over the
 * limit is then refused before anything was sent). Any failure aborts a started multipart upload, so
 * its parts are not kept, and stops reading the body (it is destroyed).
 */
export async function putStream(target: Target, body: AsyncIterable<Uint8Array | string>, options: PutOptions = {}): Promise<StoredObject> {
  const hash = createHash('sha256');
  let size = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const multipart = new MultipartUpload(target, options.contentType);
  try {
    for await (const chunk of body) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      size += bytes.length;
      if (options.maxBytes !== undefined && size > options.maxBytes) throw new ObjectTooLargeError(options.maxBytes);
      hash.update(bytes);
      pending.push(bytes);
      pendingBytes += bytes.length;
      if (pendingBytes >= PART_SIZE) {
        await multipart.send(Buffer.concat(pending, pendingBytes));
        pending = [];
        pendingBytes = 0;
      }
    }
    const rest = Buffer.concat(pending, pendingBytes);
    const sha256 = hash.digest('hex');
    if (!multipart.started) {
      const answer = await target.client.send(
        new PutObjectCommand({ Bucket: target.bucket, Key: target.key, Body: rest, ContentLength: rest.length, ContentType: options.contentType }),
      );
      return { key: target.key, size, sha256, etag: answer.ETag };
    }
    if (rest.length > 0) await multipart.send(rest);
    return { key: target.key, size, sha256, etag: await multipart.complete() };
  } catch (error) {
    await multipart.abort();
    throw error;
  }
}

/** One multipart upload, started with its first part. */
class MultipartUpload {
  private uploadId?: string;
  private readonly parts: Array<{ PartNumber: number; ETag?: string }> = [];

  constructor(
    private readonly target: Target,
    private readonly contentType?: string,
  ) {}

  get started(): boolean {
    return this.uploadId !== undefined;
  }

  async send(part: Buffer): Promise<void> {
    const { client, bucket, key } = this.target;
    if (!this.uploadId) {
      const created = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ContentType: this.contentType }));
      this.uploadId = created.UploadId;
    }
    const PartNumber = this.parts.length + 1;
    const answer = await client.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: this.uploadId, PartNumber, Body: part, ContentLength: part.length }));
    this.parts.push({ PartNumber, ETag: answer.ETag });
  }

  async complete(): Promise<string | undefined> {
    const { client, bucket, key } = this.target;
    const answer = await client.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: this.uploadId, MultipartUpload: { Parts: this.parts } }));
    this.uploadId = undefined;
    return answer.ETag;
  }

  /** Drops the parts sent so far. Best effort: a store that is down keeps them until its own cleanup. */
  async abort(): Promise<void> {
    if (!this.uploadId) return;
    const { client, bucket, key } = this.target;
    await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: this.uploadId })).catch(() => undefined);
    this.uploadId = undefined;
  }
}
