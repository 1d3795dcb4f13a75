import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { Db } from '../database/db';
import { StoredFile, type FilePurpose } from './entities/stored-file.entity';
import { FilesRepository } from './files.repository';
import { MeteredStream } from './metered-stream';
import { FILE_ID, ObjectStore, storageKeyOf, type ByteRange } from './object-store';

export interface NewFile {
  purpose: FilePurpose;
  /** The original name, as the uploader's system gave it. */
  name: string;
  contentType: string;
  /** Refused past this (FileTooLarge), nothing kept. */
  maxBytes: number;
  staffId?: number | null;
  parentId?: number | null;
}

/** Uploads never used (a notice never saved, a photo never sent) are deleted after this long. */
const PENDING_TTL_MS = 24 * 3600_000;

/**
 * Files for every feature: the bytes stream into the object store (never whole in memory), the
 * row holds name, type, size and SHA-256. A new file is `pending`; the feature that uses it
 * `claim`s it inside its own transaction and `release`s it when it no longer does, and the
 * clean-up (storage-cleanup task) deletes what is released or was never claimed.
 */
@Injectable()
export class FilesService {
  private readonly logger = new Logger('FilesService');

  constructor(
    private readonly objects: ObjectStore,
    private readonly repo: FilesRepository,
    private readonly clock: Clock,
    private readonly db: Db,
  ) {}


  /**
   * Streams `body` into storage, counting and hashing on the way; the row is written after the
   * bytes. Rejects with FileTooLarge past `maxBytes` (nothing stays), or with the body's error.
   */
  async store(body: Readable, file: NewFile): Promise<StoredFile> {
    const id = randomUUID();
    const storageKey = storageKeyOf(id);
    const meter = new MeteredStream(file.maxBytes);
    // A body error must reach the meter (and so the store, which then keeps nothing).
    body.once('error', (error) => meter.destroy(error));
    // The meter may fail (the limit passed in the first chunks) before the store has attached its
    // consumer, e.g. while it creates a directory: the store still sees the error (the stream is
    // errored), but an 'error' event without a listener would crash the process.
    meter.on('error', () => undefined);
    await this.objects.put(storageKey, body.pipe(meter), file.contentType);
    const row: StoredFile = {
      id,
      storageKey,
      purpose: file.purpose,
      name: file.name,
      contentType: file.contentType,
      size: meter.bytes,
      sha256: meter.digest(),
      state: 'pending',
      staffId: file.staffId ?? null,
      parentId: file.parentId ?? null,
      createdAt: this.clock.now(),
      releasedAt: null,
    };
    try {
      await this.repo.insert(row);
    } catch (error) {
      await this.objects.delete(storageKey).catch(() => undefined); // else the orphan sweep takes it
      throw error;
    }
    return row;
  }

  storeBuffer(data: Buffer, file: NewFile): Promise<StoredFile> {
    return this.store(Readable.from([data]), file);
  }

  find(id: string): Promise<StoredFile | null> {
    return isFileId(id) ? this.repo.find(id) : Promise.resolve(null);
  }

  findMany(ids: string[], m?: EntityManager): Promise<StoredFile[]> {
    return this.repo.findMany(ids.filter(isFileId), m);
  }

  /** Uploads of `purpose` by the staff member that nothing uses yet (for a cap on them). */
  pendingCount(purpose: FilePurpose, staffId: number): Promise<number> {
    return this.repo.pendingCount(purpose, staffId);
  }

  /** Marks pending files as used, inside the caller's transaction; the count tells how many were pending. */
  claim(m: EntityManager, ids: string[]): Promise<number> {
    return this.repo.move(m, ids, ['pending'], 'in_use');
  }

  /** The caller no longer uses these files: their bytes go with the next clean-up round. */
  release(m: EntityManager, ids: string[]): Promise<number> {
    return this.repo.move(m, ids, ['pending', 'in_use'], 'released', { releasedAt: this.clock.now() });
  }

  /**
   * Released, and their bytes deleted as soon as the transaction of `m` commits (a rollback keeps
   * them): personal data being erased does not wait for a clean-up round. `m` must be a
   * `Db.transaction`'s manager.
   */
  async erase(m: EntityManager, ids: string[]): Promise<number> {
    const moved = await this.release(m, ids);
    if (moved) this.db.afterCommit(m, () => this.deleteReleased(ids));
    return moved;
  }


  /** A fresh upload that will not be used after all (refused by a cap): its bytes go now. */
  discard(ids: string[]): Promise<number> {
    return this.db.transaction((m) => this.erase(m, ids));
  }

  /** The file's bytes, or a range of them. */
  open(file: Pick<StoredFile, 'storageKey'>, range?: ByteRange): Promise<Readable> {
    return this.objects.get(file.storageKey, range);
  }

  /**
   * Deletes released files and pending ones older than PENDING_TTL_MS: the row first (only if its
   * state has not changed), then the bytes, so a file claimed meanwhile is never lost; bytes left
   * behind by a failure are found by the orphan sweep. Returns how many were deleted.
   */
  async purge(limit = 200): Promise<number> {
    return this.remove(await this.repo.purgeable(new Date(this.clock.now().getTime() - PENDING_TTL_MS), limit));
  }

  /**
   * Purges in batches until one comes back short (at most `maxBatches`, so shutdown never waits
   * long on a backlog); returns how many files were deleted.
   */
  async purgeAll(batch = 200, maxBatches = 200): Promise<number> {
    let total = 0;
    for (let n = 0; n < maxBatches; n++) {
      const deleted = await this.purge(batch);
      total += deleted;
      if (deleted < batch) break;
    }
    return total;
  }

  private async deleteReleased(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 500) await this.remove((await this.repo.findMany(ids.slice(i, i + 500))).filter((f) => f.state === 'released'));
  }

  /** The row first (only if its state has not changed), then the bytes. */
  private async remove(files: StoredFile[]): Promise<number> {
    let deleted = 0;
    for (const file of files) {
      if (!(await this.repo.deleteIfState(file.id, file.state))) continue;
      await this.objects.delete(file.storageKey).catch((error: Error) => this.logger.warn(`could not delete a ${file.purpose} file's bytes (${error.name}); the orphan sweep retries`));
      deleted++;
    }
    return deleted;
  }
}

export function isFileId(id: string): boolean {
  return new RegExp(`^${FILE_ID}$`).test(id);
}
