import { Injectable } from '@nestjs/common';
import { shanghaiYearRange } from '@gongkai/shared';
import { Brackets, In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { Db } from '../database/db';
import { likePattern } from '../database/like-pattern';
import { Category } from './entities/category.entity';
import { NoticeAttachment } from './entities/notice-attachment.entity';
import { NoticeTopic } from './entities/notice-topic.entity';
import { Notice } from './entities/notice.entity';
import { Topic } from './entities/topic.entity';

/** Sort key of the public list: search rank (0 = title match), then newest first. */
export type PublicListKey = [rank: number | null, publishedAt: string, id: number];

export interface PublicListFilter {
  categoryId?: number;
  topicId?: number;
  unitId?: number;
  year?: number;
  q?: string;
  after?: PublicListKey;
  limit: number;
}

const LIST_COLUMNS = [
  'n.id', 'n.title', 'n.summary', 'n.categoryId', 'n.unitId', 'n.documentNo', 'n.indexNo',
  'n.infoType', 'n.normative', 'n.publishedAt',
];

/** Every query of the public read side (and the view counts); services hold the rules. */
@Injectable()
export class NoticesRepository {
  constructor(private readonly db: Db) {}

  private get dataSource() {
    return this.db.dataSource;
  }

  /** The only door to public rows: published and 主动公开. */
  private publicNotices(manager: EntityManager = this.dataSource.manager): SelectQueryBuilder<Notice> {
    return manager
      .createQueryBuilder(Notice, 'n')
      .where('n.status = :published', { published: 'published' })
      .andWhere('n.disclosure = :proactive', { proactive: 'proactive' });
  }

  async listPublic(filter: PublicListFilter): Promise<{ rows: Notice[]; ranks: number[] }> {
    const qb = this.publicNotices().select(LIST_COLUMNS);
    if (filter.categoryId !== undefined) qb.andWhere('n.categoryId = :categoryId', { categoryId: filter.categoryId });
    if (filter.unitId !== undefined) qb.andWhere('n.unitId = :unitId', { unitId: filter.unitId });
    if (filter.topicId !== undefined) {
      qb.andWhere('EXISTS (SELECT 1 FROM notice_topic nt WHERE nt.notice_id = n.id AND nt.topic_id = :topicId)', { topicId: filter.topicId });
    }
    if (filter.year !== undefined) {
      const { start, end } = shanghaiYearRange(filter.year);
      qb.andWhere('n.publishedAt >= :yearStart AND n.publishedAt < :yearEnd', { yearStart: start, yearEnd: end });
    }
    // LIKE with '!' as escape character: the same SQL on SQLite and MySQL, and Chinese substrings
    // match without a tokenizer. Title matches rank first.
    const rank = "(CASE WHEN n.title LIKE :pattern ESCAPE '!' THEN 0 ELSE 1 END)";
    if (filter.q !== undefined) {
      qb.andWhere("(n.title LIKE :pattern ESCAPE '!' OR n.bodyText LIKE :pattern ESCAPE '!')", { pattern: likePattern(filter.q) });
      qb.addSelect(rank, 'search_rank').orderBy('search_rank', 'ASC');
    }
    if (filter.after) {
      const [afterRank, afterTime, afterId] = filter.after;
      const older = new Brackets((w) =>
        w.where('n.publishedAt < :afterTime').orWhere(new Brackets((e) => e.where('n.publishedAt = :afterTime').andWhere('n.id < :afterId'))),
      );
      qb.setParameters({ afterTime: new Date(afterTime), afterId, afterRank });
      if (filter.q !== undefined) {
        qb.andWhere(new Brackets((w) => w.where(`${rank} > :afterRank`).orWhere(new Brackets((e) => e.where(`${rank} = :afterRank`).andWhere(older)))));
      } else {
        qb.andWhere(older);
      }
    }
    qb.addOrderBy('n.publishedAt', 'DESC').addOrderBy('n.id', 'DESC').limit(filter.limit);
    if (filter.q === undefined) return { rows: await qb.getMany(), ranks: [] };
    const { entities, raw } = await qb.getRawAndEntities<{ search_rank: number | string }>();
    return { rows: entities, ranks: raw.map((r) => Number(r.search_rank)) };
  }

  findPublicById(id: number): Promise<Notice | null> {
    return this.publicNotices().andWhere('n.id = :id', { id }).getOne();
  }

  async topicIdsByNotice(noticeIds: number[]): Promise<Map<number, number[]>> {
    const map = new Map<number, number[]>();
    if (!noticeIds.length) return map;
    const rows = await this.dataSource.getRepository(NoticeTopic).find({ where: { noticeId: In(noticeIds) }, order: { topicId: 'ASC' } });
    for (const row of rows) map.set(row.noticeId, [...(map.get(row.noticeId) ?? []), row.topicId]);
    return map;
  }

  async attachmentCounts(noticeIds: number[]): Promise<Map<number, number>> {
    if (!noticeIds.length) return new Map();
    const rows = await this.dataSource
      .getRepository(NoticeAttachment)
      .createQueryBuilder('a')
      .select('a.noticeId', 'noticeId')
      .addSelect('COUNT(*)', 'count')
      .where({ noticeId: In(noticeIds) })
      .groupBy('a.noticeId')
      .getRawMany<{ noticeId: number; count: number | string }>();
    return new Map(rows.map((r) => [Number(r.noticeId), Number(r.count)]));
  }

  attachments(noticeId: number, manager: EntityManager = this.dataSource.manager): Promise<NoticeAttachment[]> {
    return manager.find(NoticeAttachment, { where: { noticeId }, order: { position: 'ASC' } });
  }

  async catalogSnapshot(): Promise<{ categories: Category[]; topics: Topic[] }> {
    const order = { sortOrder: 'ASC' as const, id: 'ASC' as const };
    const [categories, topics] = await Promise.all([
      this.dataSource.getRepository(Category).find({ order }),
      this.dataSource.getRepository(Topic).find({ order }),
    ]);
    return { categories, topics };
  }

  async addViews(counts: Map<number, number>): Promise<void> {
    for (const [id, count] of counts) {
      // Plain SQL: TypeORM's update builder adds `version = version + 1` and `updated_at` for an
      // entity with those columns, and a view is not an edit (a reader would make staff's next
      // step on the notice fail as stale).
      await this.db.write((m) => this.db.query(m, 'UPDATE notice SET view_count = view_count + :count WHERE id = :id', { count: Number(count), id }));
    }
  }

  async indexNumbers(ids: number[]): Promise<Map<number, string>> {
    if (!ids.length) return new Map();
    await this.db.settled();
    const rows = await this.db.dataSource.getRepository(Notice).find({ where: { id: In([...new Set(ids)]) }, select: { id: true, indexNo: true } });
    return new Map(rows.filter((r) => r.indexNo).map((r) => [r.id, r.indexNo!]));
  }
}

// Lives in database/ (every module's repositories use it); re-exported for this module's callers.
export { likePattern } from '../database/like-pattern';
