import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { Readable } from 'node:stream';
import type { S3StorageConfig } from '../config/app-config';
import { ObjectMissing, ObjectStore, type ByteRange, type StoredObject } from './object-store';

export interface S3ObjectStoreOptions {
  /** Keys per ListObjectsV2 page (S3's maximum, 1000, by default). */
  pageSize?: number;
}

/** Multipart parts: S3's minimum part size; with two in flight a put holds about 15 MB, however large the file. */
const PART_SIZE = 5 * 1024 * 1024;
const PARTS_IN_FLIGHT = 2;

/**
 * S3-compatible object storage (AWS S3, MinIO, Ceph, Alibaba OSS, Tencent COS) through AWS SDK v3.
 * Puts stream as a multipart upload (lib-storage), so a 200 MB file never sits in memory.
 */
export class S3ObjectStore extends ObjectStore {
  readonly kind = 's3' as const;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly pageSize: number;

  constructor(config: S3StorageConfig, options: S3ObjectStoreOptions = {}) {
    super();
    this.bucket = config.bucket;
    this.pageSize = options.pageSize ?? 1000;
    this.client = new S3Client({
      endpoint: config.endpoint,
      region: config.region,
      forcePathStyle: config.forcePathStyle,
      credentials: { accessKeyId: config.accessKey, secretAccessKey: config.secretKey },
      // Newer SDKs add CRC32 checksums as aws-chunked trailers by default; MinIO's older
      // releases, Ceph, OSS, COS and s3rver refuse those bodies. Checksums only where an API requires them.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      // Bounded requests: a storage server that stops answering fails the request instead of
      // holding it (and the upload or download behind it) forever. socketTimeout is inactivity,
      // so a long transfer that keeps moving is never cut.
      requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000, throwOnRequestTimeout: true, socketTimeout: 60_000 },
      maxAttempts: 3,
    });
  }

  async put(key: string, body: Readable, contentType: string): Promise<void> {
    // The body's own error (FileTooLarge from the meter, a broken upload) is the one to report,
    // not what aborting the multipart upload may say after it.
    let bodyError: unknown = null;
    const onError = (error: unknown) => (bodyError ??= error);
    body.once('error', onError);
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: body, ContentType: contentType },
      partSize: PART_SIZE,
      queueSize: PARTS_IN_FLIGHT,
      // On failure Upload aborts the multipart upload: no object appears under `key`.
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      body.destroy();
      throw bodyError ?? body.errored ?? error;
    } finally {
      body.off('error', onError);
    }
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    try {
      const result = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: range ? `bytes=${range.start}-${range.end}` : undefined }),
      );
      // In Node the body is the response's IncomingMessage: a Readable.
      return result.Body as Readable;
    } catch (error) {
      if (isMissing(error)) throw new ObjectMissing(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }

  async *list(): AsyncIterable<StoredObject> {
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, ContinuationToken: token, MaxKeys: this.pageSize }));
      for (const object of page.Contents ?? []) {
        if (object.Key) yield { key: object.Key, lastModified: object.LastModified ?? null };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  /** Closes the client's sockets (tests; the application keeps its store for its lifetime). */
  destroy(): void {
    this.client.destroy();
  }
}

function isMissing(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}
