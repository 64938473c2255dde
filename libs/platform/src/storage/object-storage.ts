import type { Readable } from 'node:stream';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { DependencyCheck } from '../health/health';
import { putStream, PutOptions, StoredObject } from './put-stream';
import { classifyStorageError, RangeNotSatisfiableError, storageStatus } from './storage-errors';

// The SDK warns once per process that its releases after January 2027 need Node 22. The version is
// pinned in package-lock.json, so the warning says nothing actionable in every service's log.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export interface ObjectStorageOptions {
  /** The S3 API, e.g. http://127.0.0.1:8333 (SeaweedFS) or https://s3.eu-west-1.amazonaws.com. */
  endpoint: string;
  region: string;
  /** Created on first use when missing. */
  bucket: string;
  /** Without keys, the AWS default credentials (web identity, instance role, AWS_* variables). */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** `bucket` in the path rather than the host name: what SeaweedFS, MinIO and Ceph expect (default true). */
  forcePathStyle?: boolean;
}

export interface ObjectInfo {
  size: number;
  contentType?: string;
  etag?: string;
  lastModified?: Date;
}

export interface ObjectContent extends ObjectInfo {
  /** The bytes, streamed from the store; read or destroy it. */
  body: Readable;
  /** `bytes <start>-<end>/<total>` when a range was asked for. */
  contentRange?: string;
}

/** Bytes `start` to `end` inclusive, as in HTTP `Range: bytes=start-end`; no `end` reads to the last byte. */
export interface ByteRange {
  start: number;
  end?: number;
}

/** How long a connection may take to open, and a request may stay silent, before the store counts as down. */
const CONNECT_TIMEOUT_MS = 3000;
const IDLE_TIMEOUT_MS = 30_000;

/**
 * The platform's one port to object storage: any S3 API (SeaweedFS here, AWS S3, MinIO or Ceph in
 * production) through @aws-sdk/client-s3, one bucket per instance. Every call that cannot reach the
 * store fails with StorageUnavailableError (answered 503), and `health` reports it to readiness as
 * `object-storage`.
 */
export class ObjectStorage {
  readonly bucket: string;
  readonly health: DependencyCheck;
  private readonly client: S3Client;
  private bucketReady?: Promise<void>;

  constructor(options: ObjectStorageOptions) {
    this.bucket = options.bucket;
    this.client = new S3Client({
      endpoint: options.endpoint,
      region: options.region,
      forcePathStyle: options.forcePathStyle ?? true,
      credentials: options.accessKeyId && options.secretAccessKey ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey } : undefined,
      // The SHA-256 is ours to compute; the SDK's own CRC on every request is not understood by every
      // S3-compatible store, so checksums are sent only where the API requires one.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: { connectionTimeout: CONNECT_TIMEOUT_MS, requestTimeout: IDLE_TIMEOUT_MS },
    });
    this.health = { name: 'object-storage', check: () => this.checkBucket() };
  }

  /** Stores a stream under `key` (replacing what was there), creating the bucket first if it is missing. */
  async put(key: string, body: AsyncIterable<Uint8Array | string>, options?: PutOptions): Promise<StoredObject> {
    return this.call(async () => {
      await this.ensureBucket();
      return putStream({ client: this.client, bucket: this.bucket, key }, body, options);
    });
  }

  /** Streams an object, or the byte range asked for; undefined when there is no such object. */
  async get(key: string, range?: ByteRange): Promise<ObjectContent | undefined> {
    const Range = range ? `bytes=${range.start}-${range.end ?? ''}` : undefined;
    return this.call(async () => {
      try {
        const answer = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key, Range }));
        return {
          body: answer.Body as Readable,
          size: answer.ContentLength ?? 0,
          contentType: answer.ContentType,
          etag: answer.ETag,
          lastModified: answer.LastModified,
          contentRange: answer.ContentRange,
        };
      } catch (error) {
        if (isMissing(error)) return undefined;
        if (storageStatus(error) === 416) throw new RangeNotSatisfiableError(Range!);
        throw error;
      }
    });
  }

  /** Size and type of an object without its bytes; undefined when there is no such object. */
  async head(key: string): Promise<ObjectInfo | undefined> {
    return this.call(async () => {
      try {
        const answer = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
        return { size: answer.ContentLength ?? 0, contentType: answer.ContentType, etag: answer.ETag, lastModified: answer.LastModified };
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    });
  }

  /**
   * A URL anyone holding it may GET the object with, over plain HTTP, until it expires. It is signed
   * here with the credentials, without asking the store, so it names the endpoint this port uses.
   */
  async signedUrl(key: string, expiresInSeconds: number): Promise<string> {
    return getSignedUrl(this.client, new GetObjectCommand({ Bucket: this.bucket, Key: key }), { expiresIn: expiresInSeconds });
  }

  /** Removes an object; removing one that is not there is not an error. */
  async delete(key: string): Promise<void> {
    await this.call(async () => {
      try {
        await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
    });
  }

  /** Creates the bucket unless it exists; once per instance while it succeeds. */
  ensureBucket(): Promise<void> {
    this.bucketReady ??= this.createBucketIfMissing().catch((error: unknown) => {
      this.bucketReady = undefined;
      throw classifyStorageError(error);
    });
    return this.bucketReady;
  }

  async close(): Promise<void> {
    this.client.destroy();
  }

  private async createBucketIfMissing(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
      return;
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
    try {
      await this.client.send(new CreateBucketCommand({ Bucket: this.bucket }));
    } catch (error) {
      // Another instance created it in between.
      const name = (error as { name?: string }).name;
      if (name !== 'BucketAlreadyOwnedByYou' && name !== 'BucketAlreadyExists') throw error;
    }
  }

  /** Readiness: the store answers for the bucket with these credentials (a bucket not made yet is fine). */
  private async checkBucket(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }

  private async call<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw classifyStorageError(error);
    }
  }
}

function isMissing(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return name === 'NoSuchKey' || name === 'NotFound' || name === 'NoSuchBucket' || storageStatus(error) === 404;
}
