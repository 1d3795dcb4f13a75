import { Injectable } from '@nestjs/common';
import { In, MoreThan, type EntityManager } from 'typeorm';
import { Db } from '../../database/db';
import { LegacyImportItem } from './entities/legacy-import-item.entity';
import { LegacyImportRunItem, type LegacyFeedEntry, type LegacyRunItemState } from './entities/legacy-import-run-item.entity';
import { LegacyImportRun } from './entities/legacy-import-run.entity';

/** Rows inserted per statement (a feed or a long list page). */
const INSERT_CHUNK = 200;

export type ItemValues = Omit<LegacyImportItem, 'id'>;

/** Every query of the legacy import: runs, their listed pages, and what each page became. */
@Injectable()
export class LegacyImportRepository {
  constructor(private readonly db: Db) {}

  /** The source's run that has not finished, if any. */
  async openRun(source: string): Promise<LegacyImportRun | null> {
    await this.db.settled();
    return this.db.dataSource.manager.findOne(LegacyImportRun, { where: { source, state: 'running' }, order: { id: 'DESC' } });
  }

  /** A new run; any run of the source still open is abandoned in the same step (`--restart`, or a first run). */
  startRun(source: string, firstPageUrl: string, at: Date): Promise<LegacyImportRun> {
    return this.db.transaction(async (m) => {
      await m.update(LegacyImportRun, { source, state: 'running' }, { state: 'abandoned', finishedAt: at });
      const run = Object.assign(new LegacyImportRun(), { source, state: 'running', pagesDone: 0, nextPageUrl: firstPageUrl, pageCount: null, listDone: false, startedAt: at, finishedAt: null });
      return m.save(run);
    });
  }

  /**
   * One list page read: its links (each URL once per run; a link already listed keeps its place)
   * and where the list goes on, in one step, so a resumed run neither reads the page again nor
   * loses its links.
   */
  async recordListPage(runId: number, links: { url: string; urlHash: string; entry: LegacyFeedEntry | null }[], next: Pick<LegacyImportRun, 'pagesDone' | 'nextPageUrl' | 'pageCount' | 'listDone'>): Promise<void> {
    await this.db.transaction(async (m) => {
      for (let i = 0; i < links.length; i += INSERT_CHUNK) {
        const rows = links.slice(i, i + INSERT_CHUNK).map((l) => ({ runId, url: l.url, urlHash: l.urlHash, state: 'pending' as const, message: null, entry: l.entry }));
        await m.createQueryBuilder().insert().into(LegacyImportRunItem).values(rows).orIgnore().execute();
      }
      await m.update(LegacyImportRun, { id: runId }, next);
    });
  }

  /** Pages of the run still to do, in list order, after `afterId`. */
  async pending(runId: number, afterId: number, limit: number): Promise<LegacyImportRunItem[]> {
    await this.db.settled();
    return this.db.dataSource.manager.find(LegacyImportRunItem, { where: { runId, state: 'pending', id: MoreThan(afterId) }, order: { id: 'ASC' }, take: limit });
  }

  /** What became of a listed page; inside the transaction that imported it when there is one. */
  async settleItem(m: EntityManager | null, id: number, state: Exclude<LegacyRunItemState, 'pending'>, message: string | null): Promise<void> {
    const write = (manager: EntityManager) => manager.update(LegacyImportRunItem, { id }, { state, message: message && [...message].slice(0, 500).join(''), entry: null });
    if (m) await write(m);
    else await this.db.write(write);
  }

  /** Pages found unchanged, marked in one statement per chunk. */
  async settleUnchanged(ids: number[]): Promise<void> {
    for (let i = 0; i < ids.length; i += INSERT_CHUNK) {
      const chunk = ids.slice(i, i + INSERT_CHUNK);
      await this.db.write((m) => m.update(LegacyImportRunItem, { id: In(chunk) }, { state: 'unchanged', entry: null }));
    }
  }

  /** Pages of the run by state. */
  async counts(runId: number): Promise<Record<LegacyRunItemState, number>> {
    await this.db.settled();
    const rows = await this.db.dataSource.manager
      .createQueryBuilder(LegacyImportRunItem, 'i')
      .select('i.state', 'state')
      .addSelect('COUNT(*)', 'count')
      .where('i.runId = :runId', { runId })
      .groupBy('i.state')
      .getRawMany<{ state: LegacyRunItemState; count: number | string }>();
    const counts = { pending: 0, new: 0, updated: 0, unchanged: 0, failed: 0 };
    for (const r of rows) counts[r.state] = Number(r.count);
    return counts;
  }

  /** Pages of the run with a message (failures' reasons, notes), in list order. */
  async withMessages(runId: number, limit: number): Promise<Pick<LegacyImportRunItem, 'url' | 'state' | 'message'>[]> {
    await this.db.settled();
    return this.db.dataSource.manager
      .createQueryBuilder(LegacyImportRunItem, 'i')
      .select(['i.url', 'i.state', 'i.message'])
      .where('i.runId = :runId AND i.message IS NOT NULL', { runId })
      .orderBy('i.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  async finishRun(runId: number, at: Date): Promise<void> {
    await this.db.write((m) => m.update(LegacyImportRun, { id: runId, state: 'running' }, { state: 'finished', finishedAt: at }));
  }

  async findItem(source: string, urlHash: string): Promise<LegacyImportItem | null> {
    await this.db.settled(); // SQLite: not a half-done import's row
    return this.db.dataSource.manager.findOne(LegacyImportItem, { where: { source, urlHash } });
  }

  /** Inside the notice's transaction; the unique (source, url) index refuses a second record of a page (a second import running at once). */
  async insertItem(m: EntityManager, values: ItemValues): Promise<void> {
    await m.insert(LegacyImportItem, values);
  }

  async updateItem(m: EntityManager | null, id: number, values: Partial<ItemValues>): Promise<void> {
    if (m) await m.update(LegacyImportItem, { id }, values);
    else await this.db.write((w) => w.update(LegacyImportItem, { id }, values));
  }
}
