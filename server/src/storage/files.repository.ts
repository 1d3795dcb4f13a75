import { Injectable } from '@nestjs/common';
import { EntityManager, In, LessThan } from 'typeorm';
import { Db } from '../database/db';
import { StoredFile, type FilePurpose, type StoredFileState } from './entities/stored-file.entity';

/** The queries of stored files' metadata. */
@Injectable()
export class FilesRepository {
  constructor(private readonly db: Db) {}

  async insert(row: StoredFile): Promise<void> {
    await this.db.write((m) => m.insert(StoredFile, row));
  }

  find(id: string): Promise<StoredFile | null> {
    return this.db.dataSource.manager.findOne(StoredFile, { where: { id } });
  }

  findMany(ids: string[], m: EntityManager = this.db.dataSource.manager): Promise<StoredFile[]> {
    if (!ids.length) return Promise.resolve([]);
    return m.find(StoredFile, { where: { id: In(ids) } });
  }

  /** How many files of `purpose` the staff member uploaded that nothing uses yet. */
  pendingCount(purpose: FilePurpose, staffId: number): Promise<number> {
    return this.db.dataSource.manager.count(StoredFile, { where: { purpose, staffId, state: 'pending' } });
  }

  /** Moves files from one state to the next in one statement; the count tells how many were in `from`. */
  async move(m: EntityManager, ids: string[], from: StoredFileState[], to: StoredFileState, extra: Partial<StoredFile> = {}): Promise<number> {
    if (!ids.length) return 0;
    const result = await m.createQueryBuilder().update(StoredFile).set({ state: to, ...extra }).where({ id: In(ids), state: In(from) }).execute();
    return result.affected ?? 0;
  }

  /** Released files, and pending ones older than `pendingBefore` (uploads never used), oldest first. */
  async purgeable(pendingBefore: Date, limit: number): Promise<StoredFile[]> {
    const released = await this.db.dataSource.manager.find(StoredFile, { where: { state: 'released' }, order: { releasedAt: 'ASC' }, take: limit });
    if (released.length >= limit) return released;
    const pending = await this.db.dataSource.manager.find(StoredFile, { where: { state: 'pending', createdAt: LessThan(pendingBefore) }, order: { createdAt: 'ASC' }, take: limit - released.length });
    return [...released, ...pending];
  }

  /** Deletes the row if it is still in `state` (a pending file claimed meanwhile stays); true when it was deleted. */
  async deleteIfState(id: string, state: StoredFileState): Promise<boolean> {
    return ((await this.db.write((m) => m.delete(StoredFile, { id, state }))).affected ?? 0) > 0;
  }

  /** Which of these storage keys have a row. */
  async knownKeys(keys: string[]): Promise<Set<string>> {
    if (!keys.length) return new Set();
    const rows = await this.db.dataSource.manager.find(StoredFile, { where: { storageKey: In(keys) }, select: { storageKey: true } });
    return new Set(rows.map((r) => r.storageKey));
  }
}
