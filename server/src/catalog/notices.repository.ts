import { Injectable } from '@nestjs/common';
import { shanghaiYearRange } from '@gongkai/shared';
import { Brackets, In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
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

/** What a list item shows, and what the hand-written reads select for it (properties of Notice). */
const LIST_PROPS = ['id', 'title', 'summary', 'categoryId', 'unitId', 'documentNo', 'indexNo', 'infoType', 'normative', 'publishedAt'] as const;
/** A detail: everything public but the plain text (search's alone) and staff's columns. */
const DETAIL_PROPS = [...LIST_PROPS, 'viewCount', 'disclosure', 'normativeIssuedOn', 'normativeRepealedOn', 'bodyHtml', 'portalUrl'] as const;
/** Search's rows: a list item, its plain text, and what `isPublic` reads. */
const HIT_PROPS = [...LIST_PROPS, 'bodyText', 'status', 'disclosure'] as const;
const PHRASE_PROPS = ['id', 'title', 'summary', 'bodyText', 'status', 'disclosure'] as const;
type NoticeProp = keyof Notice;
type EntityClass = (new () => object) & { name: string };

/** Per-notice extras a list item shows: its topics (ascending) and how many attachments it has. */
export interface ListExtras {
  topicIds: Map<number, number[]>;
  attachmentCounts: Map<number, number>;
}

/** The public read side's rule (`publicNotices`), for rows read by primary key. */
function isPublic(n: Notice): boolean {
  return n.status === 'published' && n.disclosure === 'proactive';
}

/**
 * The one index that reads a public list's page in order, by its filter. MariaDB is told it
 * (FORCE INDEX): with statistics not yet gathered (a table just filled, as after an import) it
 * walked the whole feed's (status, disclosure) index for a category's later pages, filtering by
 * category, so the rows read grew with the page's depth (11,000 rows, 20 ms, 150 pages down).
 */
function listIndex(filter: PublicListFilter): string {
  if (filter.categoryId !== undefined) return 'idx_notice_public_category';
  if (filter.unitId !== undefined) return 'idx_notice_public_unit';
  return 'idx_notice_public_feed';
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

  /** A page of public notices; `extras` comes with it when read in the same statement (no search term). */
  async listPublic(filter: PublicListFilter): Promise<{ rows: Notice[]; ranks: number[]; extras?: ListExtras }> {
    if (filter.q === undefined) return { ...(await this.listPublicPage(filter)), ranks: [] };
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
   * A page of the public list without a search term: one statement, hand-written because the
   * query builder's own cost was a good part of an uncached list. A category's, a unit's or the
   * whole feed's page is a range of that feed's index (forced on MySQL, whose optimizer otherwise
   * may pick the filter's index and sort). A topic's page is a range of the topic's own index
   * (`notice_topic.public_at`, kept by TopicFeed), then each row of the page by primary
   * key; the join order is fixed with STRAIGHT_JOIN (MySQL) / CROSS JOIN (SQLite). The page's
   * topics and attachment counts come in the same statement (a subquery per row, by index).
   */
  private async listPublicPage(filter: PublicListFilter): Promise<{ rows: Notice[]; extras: ListExtras }> {
    const where = ['n.status = :published', 'n.disclosure = :proactive'];
    const params: Record<string, unknown> = { published: 'published', proactive: 'proactive' };
    // The feed read: `at` is the column its index orders by (n.published_at, or the topic's copy of it).
    const feed = filter.topicId === undefined ? { at: 'n.published_at', id: 'n.id' } : { at: 'nt.public_at', id: 'nt.notice_id' };
    if (filter.categoryId !== undefined) {
      where.push('n.category_id = :categoryId');
      params.categoryId = filter.categoryId;
    }
    if (filter.unitId !== undefined) {
      where.push('n.unit_id = :unitId');
      params.unitId = filter.unitId;
    }
    if (filter.year !== undefined) {
      const { start, end } = shanghaiYearRange(filter.year);
      where.push(`${feed.at} >= :yearStart AND ${feed.at} < :yearEnd`);
      Object.assign(params, { yearStart: start, yearEnd: end });
    }
    if (filter.after) {
      const [, afterTime, afterId] = filter.after;
      // The first conjunct bounds the index range on both databases; the second is the tie-break.
      where.push(`${feed.at} <= :afterTime AND (${feed.at} < :afterTime OR ${feed.id} < :afterId)`);
      Object.assign(params, { afterTime: new Date(afterTime), afterId });
    }
    const limit = Math.trunc(filter.limit);
    const columns = this.selectList(Notice, LIST_PROPS, 'n');
    let sql: string;
    if (filter.topicId === undefined) {
      const notice = `notice n${this.db.sqlite ? '' : ` FORCE INDEX (${listIndex(filter)})`}`;
      sql = `SELECT ${columns} FROM ${notice} WHERE ${where.join(' AND ')} ORDER BY n.published_at DESC, n.id DESC LIMIT ${limit}`;
    } else {
      params.topicId = filter.topicId;
      const fixed = this.db.sqlite ? 'CROSS JOIN' : 'STRAIGHT_JOIN';
      // The public filter on n as well: the link's copy only orders, the notice row decides.
      sql =
        `SELECT ${columns} FROM notice_topic nt ${fixed} notice n ON n.id = nt.notice_id ` +
        `WHERE nt.topic_id = :topicId AND nt.public_at IS NOT NULL AND ${where.join(' AND ')} ORDER BY nt.public_at DESC, nt.notice_id DESC LIMIT ${limit}`;
    }
    const { raw, extras } = await this.withListExtras(sql, params);
    // The outer statement keeps no order of its own: sorting its rows in SQL made MariaDB write
    // them to a temporary table on disk (GROUP_CONCAT's result is a BLOB); a page is sorted here.
    const rows = this.hydrate(Notice, raw, LIST_PROPS).sort((a, b) => b.publishedAt!.getTime() - a.publishedAt!.getTime() || b.id - a.id);
    return { rows, extras };
  }

  /**
   * Runs `sql` (rows with an `id` column) so that each row brings its topics and attachment count
   * too, by a subquery per row (each by index): one statement instead of a second round trip.
   */
  private async withListExtras(sql: string, params: Record<string, unknown>): Promise<{ raw: Record<string, unknown>[]; extras: ListExtras }> {
    const raw = await this.db.query<Record<string, unknown>[]>(
      this.dataSource.manager,
      'SELECT p.*, (SELECT GROUP_CONCAT(t.topic_id) FROM notice_topic t WHERE t.notice_id = p.id) AS list_topic_ids, ' +
        `(SELECT COUNT(*) FROM notice_attachment a WHERE a.notice_id = p.id) AS list_attachments FROM (${sql}) p`,
      params,
    );
    const extras: ListExtras = { topicIds: new Map(), attachmentCounts: new Map() };
    for (const r of raw) {
      const id = Number(r.id);
      // GROUP_CONCAT: '3,7' (a Buffer from some MySQL versions), NULL without topics.
      if (r.list_topic_ids !== null && r.list_topic_ids !== undefined) extras.topicIds.set(id, String(r.list_topic_ids).split(',').map(Number).sort((a, b) => a - b));
      const count = Number(r.list_attachments);
      if (count > 0) extras.attachmentCounts.set(id, count);
    }
    return { raw, extras };
  }

  private columnsOf = new Map<string, { property: string; alias: string; column: ColumnMetadata }[]>();

  /** An entity's columns for `props` (all when absent), each selected under its own database name. */
  private columns(entity: EntityClass, props?: readonly string[]): { property: string; alias: string; column: ColumnMetadata }[] {
    const key = `${entity.name}:${props?.join(',') ?? '*'}`;
    let found = this.columnsOf.get(key);
    if (!found) {
      const meta = this.dataSource.getMetadata(entity);
      const columns = props
        ? props.map((property) => {
            const column = meta.findColumnWithPropertyName(property);
            if (!column) throw new Error(`${entity.name} has no column ${property}`);
            return column;
          })
        : meta.columns;
      found = columns.map((column) => ({ property: column.propertyName, alias: column.databaseName, column }));
      this.columnsOf.set(key, found);
    }
    return found;
  }

  private selectList(entity: EntityClass, props: readonly string[] | undefined, alias: string): string {
    return this.columns(entity, props).map((c) => `${alias}.${c.alias} AS ${c.alias}`).join(', ');
  }

  /** Raw rows to entities, each value converted by the driver as the query builder would (dates, booleans, transformers). */
  private hydrate<T extends object>(entity: new () => T, raw: Record<string, unknown>[], props?: readonly string[]): T[] {
    const columns = this.columns(entity, props);
    const driver = this.dataSource.driver;
    return raw.map((row) => {
      const e = new entity();
      for (const c of columns) (e as Record<string, unknown>)[c.property] = driver.prepareHydratedValue(row[c.alias], c.column);
      return e;
    });
  }

  /** Public notices by id, with `props`, in one statement (filtered here: see searchSource). */
  private async byIds(ids: number[], props: readonly NoticeProp[]): Promise<Notice[]> {
    if (!ids.length) return [];
    const raw = await this.db.query<Record<string, unknown>[]>(this.dataSource.manager, `SELECT ${this.selectList(Notice, props, 'n')} FROM notice n WHERE n.id IN (:...ids)`, { ids });
    return this.hydrate(Notice, raw, props).filter(isPublic);
  }

  /** A page's topics and attachment counts in one round trip. */
  async listExtras(noticeIds: number[]): Promise<ListExtras> {
    const extras: ListExtras = { topicIds: new Map(), attachmentCounts: new Map() };
    if (!noticeIds.length) return extras;
    const rows = await this.db.query<{ id: number | string; topic: number | string | null; attachments: number | string | null }[]>(
      this.dataSource.manager,
      'SELECT nt.notice_id AS id, nt.topic_id AS topic, NULL AS attachments FROM notice_topic nt WHERE nt.notice_id IN (:...ids) ' +
        'UNION ALL SELECT a.notice_id AS id, NULL AS topic, COUNT(*) AS attachments FROM notice_attachment a WHERE a.notice_id IN (:...ids) GROUP BY a.notice_id',
      { ids: noticeIds },
    );
    for (const r of rows) {
      const id = Number(r.id);
      if (r.topic !== null) extras.topicIds.set(id, [...(extras.topicIds.get(id) ?? []), Number(r.topic)]);
      else extras.attachmentCounts.set(id, Number(r.attachments));
    }
    for (const list of extras.topicIds.values()) list.sort((a, b) => a - b);
    return extras;
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

  /**
   * Public notices by id, with `props`, their topics and attachment counts, in one statement; by
   * primary key and filtered here, as byIds.
   */
  private async byIdsWithExtras(ids: number[], props: readonly NoticeProp[]): Promise<{ rows: Notice[]; extras: ListExtras }> {
    if (!ids.length) return { rows: [], extras: { topicIds: new Map(), attachmentCounts: new Map() } };
    const found = await this.withListExtras(`SELECT ${this.selectList(Notice, props, 'n')} FROM notice n WHERE n.id IN (:...ids)`, { ids });
    return { rows: this.hydrate(Notice, found.raw, props).filter(isPublic), extras: found.extras };
  }

  /** Search's hits as a list shows them, with their plain text (snippets), topics and attachment counts. */
  findPublicHits(ids: number[]): Promise<{ rows: Notice[]; extras: ListExtras }> {
    return this.byIdsWithExtras(ids, HIT_PROPS);
  }

  /** Public notices' title, summary and plain text (a quoted phrase is checked on them); by primary key, as above. */
  findPublicTexts(ids: number[]): Promise<Notice[]> {
    return this.byIds(ids, PHRASE_PROPS);
  }

  /** Public notices as a detail shows them (without the plain text), with their topics in the same statement. */
  findPublicDetails(ids: number[]): Promise<{ rows: Notice[]; extras: ListExtras }> {
    return this.byIdsWithExtras(ids, [...DETAIL_PROPS, 'status']);
  }

  findPublicById(id: number): Promise<Notice | null> {
    return this.publicNotices().andWhere('n.id = :id', { id }).getOne();
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
    // Hand-written: it runs on every uncached detail, where the query builder's own cost showed.
    const rows = await this.db.query<{ id: number | string; topic: number | string }[]>(
      this.dataSource.manager,
      'SELECT nt.notice_id AS id, nt.topic_id AS topic FROM notice_topic nt WHERE nt.notice_id IN (:...ids) ORDER BY nt.topic_id',
      { ids: noticeIds },
    );
    for (const row of rows) map.set(Number(row.id), [...(map.get(Number(row.id)) ?? []), Number(row.topic)]);
    return map;
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
    // Hand-written: the snapshot is built again after every public change (the first request pays for it).
    const m = this.dataSource.manager;
    const [categories, topics] = await Promise.all([
      this.db.query<Record<string, unknown>[]>(m, `SELECT ${this.selectList(Category, undefined, 'c')} FROM category c ORDER BY c.sort_order, c.id`, {}),
      this.db.query<Record<string, unknown>[]>(m, `SELECT ${this.selectList(Topic, undefined, 't')} FROM topic t ORDER BY t.sort_order, t.id`, {}),
    ]);
    return { categories: this.hydrate(Category, categories), topics: this.hydrate(Topic, topics) };
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
