import { Injectable } from '@nestjs/common';
import type { ViewChannel } from '@gongkai/shared';
import { Db } from '../../database/db';
import { NoticeViewDaily } from '../entities/notice-view-daily.entity';

/** Views of one notice on one day through one channel, as a flush adds them. */
export interface ViewIncrement {
  noticeId: number;
  day: string;
  channel: ViewChannel;
  views: number;
}

/** SQL with `?` placeholders and its values: the same text runs on both drivers. */
type Statement = [sql: string, values: (string | number)[]];

/** What is used of better-sqlite3's connection (TypeORM's driver holds it). */
interface SqliteConnection {
  prepare(sql: string): { run(...values: unknown[]): unknown };
  transaction(work: () => void): { immediate(): void };
}

/** Rows per statement: 4 parameters each, well under either database's limit of bound parameters. */
const CHUNK = 500;

/**
 * Plain SQL: TypeORM's update builder adds `version = version + 1` and `updated_at` for an entity
 * with those columns, and a view is not an edit (a reader would make staff's next step stale).
 */
function addTotals(chunk: ViewIncrement[]): Statement {
  const perNotice = new Map<number, number>();
  for (const row of chunk) perNotice.set(row.noticeId, (perNotice.get(row.noticeId) ?? 0) + row.views);
  const ids = [...perNotice.keys()];
  return [
    `UPDATE notice SET view_count = view_count + CASE id ${ids.map(() => 'WHEN ? THEN ?').join(' ')} ELSE 0 END WHERE id IN (${ids.map(() => '?').join(', ')})`,
    [...ids.flatMap((id) => [id, perNotice.get(id)!]), ...ids],
  ];
}

/** The view counts' queries: the flush's upsert and the per-day and per-year reads. */
@Injectable()
export class ViewsRepository {
  constructor(private readonly db: Db) {}

  /**
   * Adds a flush's views in one transaction: `notice.view_count` and the per-day rows move
   * together. One UPDATE and one upsert per 500 rows, whatever the number of notices.
   */
  async add(increments: ViewIncrement[]): Promise<void> {
    if (!increments.length) return;
    const statements: Statement[] = [];
    for (let i = 0; i < increments.length; i += CHUNK) {
      const chunk = increments.slice(i, i + CHUNK);
      statements.push(addTotals(chunk), this.upsertDays(chunk));
    }
    if (!this.db.sqlite) {
      await this.db.transaction(async (m) => {
        for (const [sql, values] of statements) await m.query(sql, values);
      });
      return;
    }
    // SQLite: the driver's own synchronous transaction, IMMEDIATE (the write lock first). Holding
    // the lock across awaits would let another instance in this process (the tests run two) wait
    // for it synchronously, blocking the thread this one needs to finish: both stall until SQLITE_BUSY.
    await this.db.write(async () => {
      const sqlite = (this.db.dataSource.driver as unknown as { databaseConnection: SqliteConnection }).databaseConnection;
      sqlite
        .transaction(() => {
          for (const [sql, values] of statements) sqlite.prepare(sql).run(...values);
        })
        .immediate();
    });
  }

  private upsertDays(chunk: ViewIncrement[]): Statement {
    const onConflict = this.db.sqlite
      ? 'ON CONFLICT (notice_id, day, channel) DO UPDATE SET views = notice_view_daily.views + excluded.views'
      : 'ON DUPLICATE KEY UPDATE views = views + VALUES(views)';
    return [
      `INSERT INTO notice_view_daily (notice_id, day, channel, views) VALUES ${chunk.map(() => '(?, ?, ?, ?)').join(', ')} ${onConflict}`,
      chunk.flatMap((r) => [r.noticeId, r.day, r.channel, r.views]),
    ];
  }

  /** A notice's rows, oldest day first. */
  async days(noticeId: number): Promise<ViewIncrement[]> {
    await this.db.settled();
    const rows = await this.db.dataSource.getRepository(NoticeViewDaily).find({ where: { noticeId }, order: { day: 'ASC', channel: 'ASC' } });
    return rows.map((r) => ({ noticeId: r.noticeId, day: r.day, channel: r.channel, views: Number(r.views) }));
  }

  /** Views of all notices per channel between two days (inclusive, `YYYY-MM-DD`). */
  async perChannel(fromDay: string, toDay: string): Promise<Map<ViewChannel, number>> {
    await this.db.settled();
    const rows = await this.db.dataSource
      .getRepository(NoticeViewDaily)
      .createQueryBuilder('v')
      .select('v.channel', 'channel')
      .addSelect('SUM(v.views)', 'views')
      .where('v.day >= :fromDay AND v.day <= :toDay', { fromDay, toDay })
      .groupBy('v.channel')
      .getRawMany<{ channel: ViewChannel; views: number | string }>();
    return new Map(rows.map((r) => [r.channel, Number(r.views)]));
  }
}
