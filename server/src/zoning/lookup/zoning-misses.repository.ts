import { Injectable } from '@nestjs/common';
import { EntityManager, In, LessThan } from 'typeorm';
import { Db } from '../../database/db';
import { ZoningMiss } from '../entities/zoning-miss.entity';

/** What one flush adds for a year and text: searches counted in memory since the last flush. */
export interface MissIncrement {
  year: number;
  text: string;
  /** SHA-256 of the text (hex): the unique key with the year. */
  textHash: string;
  count: number;
  firstAt: Date;
  lastAt: Date;
}

/** Rows per statement: 6 parameters each, well under either database's limit of bound parameters. */
const CHUNK = 200;

/** Every query of `zoning_miss`: the flush's upserts, the staff list, the retention delete. */
@Injectable()
export class ZoningMissesRepository {
  constructor(private readonly db: Db) {}

  /**
   * Adds a flush's counts: one atomic upsert per row (counts add up in the database, so two
   * instances flushing the same text never lose a search), several rows per statement, in key
   * order so two instances' statements lock rows in the same order (no deadlock on MySQL).
   */
  async add(increments: MissIncrement[]): Promise<void> {
    const rows = [...increments].sort((a, b) => a.year - b.year || (a.textHash < b.textHash ? -1 : a.textHash > b.textHash ? 1 : 0));
    const onConflict = this.db.sqlite
      ? 'ON CONFLICT (year, text_hash) DO UPDATE SET count = zoning_miss.count + excluded.count, last_at = MAX(zoning_miss.last_at, excluded.last_at)'
      : 'ON DUPLICATE KEY UPDATE count = count + VALUES(count), last_at = GREATEST(last_at, VALUES(last_at))';
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      const params: Record<string, unknown> = {};
      const values = chunk.map((r, j) => {
        Object.assign(params, { [`y${j}`]: r.year, [`t${j}`]: r.text, [`h${j}`]: r.textHash, [`c${j}`]: r.count, [`f${j}`]: r.firstAt, [`l${j}`]: r.lastAt });
        return `(:y${j}, :t${j}, :h${j}, :c${j}, :f${j}, :l${j})`;
      });
      await this.db.write((m) => this.db.query(m, `INSERT INTO zoning_miss (year, text, text_hash, count, first_at, last_at) VALUES ${values.join(', ')} ${onConflict}`, params));
    }
  }

  /** One page, most searched first (then the most recent row): `after` is the last row's [count, id]. */
  async page(query: { year?: number; after?: [number, number]; limit: number }): Promise<ZoningMiss[]> {
    await this.db.settled();
    const qb = this.db.dataSource.getRepository(ZoningMiss).createQueryBuilder('z');
    if (query.year !== undefined) qb.andWhere('z.year = :year', { year: query.year });
    if (query.after) qb.andWhere('(z.count < :count OR (z.count = :count AND z.id < :id))', { count: query.after[0], id: query.after[1] });
    return qb.orderBy('z.count', 'DESC').addOrderBy('z.id', 'DESC').take(query.limit).getMany();
  }

  /** Retention: deletes at most `limit` rows not searched since `cutoff`; a row searched again meanwhile stays. */
  async deleteLastBefore(m: EntityManager, cutoff: Date, limit: number): Promise<number> {
    const ids = (await m.find(ZoningMiss, { select: { id: true }, where: { lastAt: LessThan(cutoff) }, order: { id: 'ASC' }, take: limit })).map((r) => r.id);
    if (!ids.length) return 0;
    const result = await m.delete(ZoningMiss, { id: In(ids), lastAt: LessThan(cutoff) });
    return result.affected ?? ids.length;
  }
}
