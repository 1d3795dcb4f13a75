import type { Readable } from 'node:stream';

/** An inclusive byte range, as HTTP's Range header counts it. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface StoredObject {
  key: string;
  /** When the store wrote it; null when the store does not say (then its age is unknown: never an orphan). */
  lastModified: Date | null;
}

/**
 * Where the bytes of files live: local disk under DATA_DIR (the embedded default, one instance) or
 * S3-compatible object storage (several instances). Keys are `ab/<uuid>` (the file id's first two
 * characters shard a disk directory). Knows nothing of rows: FilesService keeps the metadata.
 */
export abstract class ObjectStore {
  abstract readonly kind: 'disk' | 's3';

  /**
   * Streams `body` to `key`; resolves when it is stored whole. On any error (the body's included,
   * e.g. an upload over its limit) nothing stays under `key`.
   */
  abstract put(key: string, body: Readable, contentType: string): Promise<void>;

  /** The object's bytes, or only `range` of them. Rejects with `ObjectMissing` when there is no such key. */
  abstract get(key: string, range?: ByteRange): Promise<Readable>;

  /** Removes the object; no error when it is already gone. */
  abstract delete(key: string): Promise<void>;

  /** Every object's key (for the orphan sweep), in no particular order. */
  abstract list(): AsyncIterable<StoredObject>;

  /**
   * Removes what a put interrupted by a crash left outside `list()` (the disk's half-written temp
   * files) if older than `before`; returns how many. S3 keeps unfinished multipart uploads out of
   * sight: a bucket lifecycle rule (AbortIncompleteMultipartUpload) removes those.
   */
  sweepPartial(_before: Date): Promise<number> {
    return Promise.resolve(0);
  }
}

/** A file id (a random UUID) as a regular-expression source: in keys, URLs and bodies alike. */
export const FILE_ID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** The key of a file's bytes: `ab/<uuid>` (the id's first two characters shard a disk directory). */
export function storageKeyOf(fileId: string): string {
  return `${fileId.slice(0, 2)}/${fileId}`;
}

/** Whether `key` is one of ours (storageKeyOf): nothing else in a store is ever read or deleted. */
export function isStorageKey(key: string): boolean {
  return new RegExp(`^[0-9a-f]{2}/${FILE_ID}$`).test(key) && key.slice(0, 2) === key.slice(3, 5);
}

export class ObjectMissing extends Error {
  constructor(readonly key: string) {
    super(`no stored object under ${key}`);
    this.name = 'ObjectMissing';
  }
}
