import { Injectable } from '@nestjs/common';
import { shanghaiYearRange } from '@gongkai/shared';
import { Brackets, In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { Db } from '../database/db';
import { likePattern } from '../database/like-pattern';
import { Category } from './entities/category.entity';
import { NoticeAttachment } from './entities/notice-attachment.entity';
import { NoticeCorrection } from './entities/notice-correction.entity';
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

/** The public read side's rule (`publicNotices`), for rows read by primary key. */
function isPublic(n: Notice): boolean {
  return n.status === 'published' && n.disclosure === 'proactive';
}

/** Every query of the public read side (the view counts: views/views.repository.ts); services hold the rules. */
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

  /**
   * Search's source text: notices by id from `afterId` (the index's start-up build, a batch at a
   * time: `lastId` is where the next batch starts) or the given ids (changes since); only public
   * ones are returned. Read by primary key and filtered here: with the public filter in SQL,
   * SQLite (no statistics without ANALYZE) walks the whole (status, disclosure) index instead.
   */
  async searchSource(filter: { afterId: number; limit: number } | { ids: number[] }): Promise<{ rows: Notice[]; lastId: number | null }> {
    const qb = this.dataSource.manager
      .createQueryBuilder(Notice, 'n')
      .select(['n.id', 'n.title', 'n.summary', 'n.bodyText', 'n.categoryId', 'n.publishedAt', 'n.status', 'n.disclosure']);
    let rows: Notice[];
    if ('ids' in filter) rows = filter.ids.length ? await qb.where('n.id IN (:...ids)', { ids: filter.ids }).getMany() : [];
    else rows = await qb.where('n.id > :afterId', { afterId: filter.afterId }).orderBy('n.id', 'ASC').limit(filter.limit).getMany();
    return { rows: rows.filter(isPublic), lastId: rows.length ? rows[rows.length - 1]!.id : null };
  }

  /** Public notices as a list shows them, with their plain text (search's results and snippets); by primary key, as above. */
  async findPublicListRows(ids: number[]): Promise<Notice[]> {
    const rows = await this.dataSource.manager
      .createQueryBuilder(Notice, 'n')
      .select([...LIST_COLUMNS, 'n.bodyText', 'n.status', 'n.disclosure'])
      .where('n.id IN (:...ids)', { ids })
      .getMany();
    return rows.filter(isPublic);
  }

  findPublicById(id: number): Promise<Notice | null> {
    return this.publicNotices().andWhere('n.id = :id', { id }).getOne();
  }

  findPublicByIds(ids: number[]): Promise<Notice[]> {
    return this.publicNotices().andWhere('n.id IN (:...ids)', { ids }).getMany();
  }

  /**
   * One numbered page of a category's or a topic's public notices, newest first, and how many
   * there are: the public web pages show 第 n 页 / 共 m 页. The offset walks the same index as the
   * keyset list (category, status, disclosure, published_at, id); a category holds thousands at most.
   */
  async pagePublic(filter: { categoryId?: number; topicId?: number }, offset: number, limit: number): Promise<{ rows: Notice[]; total: number }> {
    const qb = this.publicNotices().select(LIST_COLUMNS);
    if (filter.categoryId !== undefined) qb.andWhere('n.categoryId = :categoryId', { categoryId: filter.categoryId });
    if (filter.topicId !== undefined) {
      qb.andWhere('EXISTS (SELECT 1 FROM notice_topic nt WHERE nt.notice_id = n.id AND nt.topic_id = :topicId)', { topicId: filter.topicId });
    }
    const [rows, total] = await Promise.all([
      qb.clone().orderBy('n.publishedAt', 'DESC').addOrderBy('n.id', 'DESC').offset(offset).limit(limit).getMany(),
      qb.clone().getCount(),
    ]);
    return { rows, total };
  }

  /** How many public notices each category and each topic holds (absent: none). */
  async publicCounts(): Promise<{ categories: Map<number, number>; topics: Map<number, number> }> {
    const [byCategory, byTopic] = await Promise.all([
      this.publicNotices().select('n.categoryId', 'id').addSelect('COUNT(*)', 'count').groupBy('n.categoryId').getRawMany<{ id: number; count: number | string }>(),
      this.publicNotices()
        .innerJoin(NoticeTopic, 'nt', 'nt.noticeId = n.id')
        .select('nt.topicId', 'id')
        .addSelect('COUNT(*)', 'count')
        .groupBy('nt.topicId')
        .getRawMany<{ id: number; count: number | string }>(),
    ]);
    const toMap = (rows: { id: number; count: number | string }[]) => new Map(rows.map((r) => [Number(r.id), Number(r.count)]));
    return { categories: toMap(byCategory), topics: toMap(byTopic) };
  }

  /** A withdrawn notice that was 主动公开 (the public once read it): its 索引号 and when it was withdrawn. */
  findWithdrawnPublic(id: number): Promise<Pick<Notice, 'id' | 'indexNo' | 'statusChangedAt'> | null> {
    return this.dataSource
      .createQueryBuilder(Notice, 'n')
      .select(['n.id', 'n.indexNo', 'n.statusChangedAt'])
      .where('n.id = :id', { id })
      .andWhere('n.status = :withdrawn', { withdrawn: 'withdrawn' })
      .andWhere('n.disclosure = :proactive', { proactive: 'proactive' })
      .andWhere('n.publishedAt IS NOT NULL')
      .getOne();
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

  /** The attachments of several notices, each notice's in order. */
  async attachmentsOf(noticeIds: number[]): Promise<Map<number, NoticeAttachment[]>> {
    const map = new Map<number, NoticeAttachment[]>();
    if (!noticeIds.length) return map;
    const rows = await this.dataSource.getRepository(NoticeAttachment).find({ where: { noticeId: In(noticeIds) }, order: { noticeId: 'ASC', position: 'ASC' } });
    for (const row of rows) map.set(row.noticeId, [...(map.get(row.noticeId) ?? []), row]);
    return map;
  }

  /**
   * Every public notice's id and when its page last changed (its last applied correction, else
   * its publication), newest first: the sitemap's lastmod. Two plain reads, as corrections are few.
   */
  async publicStamps(): Promise<{ id: number; modifiedAt: Date }[]> {
    const [rows, corrections] = await Promise.all([
      this.publicNotices().select(['n.id', 'n.publishedAt']).orderBy('n.publishedAt', 'DESC').addOrderBy('n.id', 'DESC').getMany(),
      this.dataSource.createQueryBuilder(NoticeCorrection, 'c').select(['c.id', 'c.noticeId', 'c.appliedAt']).where('c.appliedAt IS NOT NULL').getMany(),
    ]);
    const corrected = new Map<number, Date>();
    for (const c of corrections) {
      const seen = corrected.get(c.noticeId);
      if (!seen || c.appliedAt! > seen) corrected.set(c.noticeId, c.appliedAt!);
    }
    return rows.map((n) => {
      const at = corrected.get(n.id);
      return { id: n.id, modifiedAt: at && at > n.publishedAt! ? at : n.publishedAt! };
    });
  }

  async catalogSnapshot(): Promise<{ categories: Category[]; topics: Topic[] }> {
    const order = { sortOrder: 'ASC' as const, id: 'ASC' as const };
    const [categories, topics] = await Promise.all([
      this.dataSource.getRepository(Category).find({ order }),
      this.dataSource.getRepository(Topic).find({ order }),
    ]);
    return { categories, topics };
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
