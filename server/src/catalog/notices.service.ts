import { Injectable } from '@nestjs/common';
import type { CategoryView, NoticeDetail, NoticeListItem, Page, TopicView, UnitView, ViewChannel } from '@gongkai/shared';
import { PublicCache } from '../common/cache/public-cache';
import { Db } from '../database/db';
import { ApiError } from '../common/errors/api-error';
import { validateQuery } from '../common/errors/validation.pipe';
import { weakEtag } from '../common/http/etag';
import { decodeCursor, encodeCursor } from '../common/paging/cursor';
import { NoticeListQueryDto } from './dto/notice-list-query.dto';
import { Category } from './entities/category.entity';
import { Notice } from './entities/notice.entity';
import { Topic } from './entities/topic.entity';
import { UnitsService, type UnitRecord } from '../identity/units.service';
import { AttachmentsService } from './attachments/attachments.service';
import { CorrectionsRepository } from './corrections/corrections.repository';
import { NoticesRepository, PublicListKey } from './notices.repository';
import { ViewCounter } from './views/view-counter.service';

/** A response built once: its JSON and its ETag. */
export interface CachedBody {
  body: string;
  etag: string;
}

export interface CachedDetail {
  /** The detail's JSON without its closing brace; `,"viewCount":N}` is appended per request (viewTail). */
  head: string;
  etag: string;
  /** viewCount = base + this process's views so far. */
  base: number;
}

/** Categories, topics and units by id and code: built once per catalogue change. */
export interface Snapshot {
  categories: Map<number, Category>;
  topics: Map<number, Topic>;
  units: Map<number, UnitRecord>;
  byCode: { categories: Map<string, Category>; topics: Map<string, Topic>; units: Map<string, UnitRecord> };
  views: { categories: CategoryView[]; topics: TopicView[]; units: UnitView[] };
}

const isListKey = (v: unknown): v is PublicListKey =>
  Array.isArray(v) &&
  v.length === 3 &&
  (v[0] === null || v[0] === 0 || v[0] === 1) &&
  typeof v[1] === 'string' &&
  !Number.isNaN(Date.parse(v[1])) &&
  Number.isInteger(v[2]);

/** `q` present (not blank): the query searches titles and bodies. */
const hasSearchTerm = (rawQuery: unknown): boolean => {
  const q = (rawQuery as { q?: unknown } | null)?.q;
  return q !== undefined && !(typeof q === 'string' && q.trim() === '');
};

/** A public notice's text as search indexes it. */
export interface SearchSourceNotice {
  id: number;
  title: string;
  summary: string;
  bodyText: string;
  categoryCode: string;
  topicCodes: string[];
  publishedAt: Date;
}

/** The public read side: only published 主动公开 notices, served from prebuilt bodies. */
@Injectable()
export class NoticesService {
  constructor(
    private readonly repo: NoticesRepository,
    private readonly cache: PublicCache,
    private readonly views: ViewCounter,
    private readonly db: Db,
    private readonly unitsService: UnitsService,
    private readonly attachmentsService: AttachmentsService,
    private readonly corrections: CorrectionsRepository,
  ) {}

  /** Kept until the catalogue changes (a notice change leaves it): see PublicCache. */
  snapshot(): Promise<Snapshot> {
    return this.cache.getOrBuildCatalog('snapshot', async () => {
      await this.db.settled();
      const [{ categories, topics }, units] = await Promise.all([this.repo.catalogSnapshot(), this.unitsService.list()]);
      return {
        categories: new Map(categories.map((c) => [c.id, c])),
        topics: new Map(topics.map((t) => [t.id, t])),
        units: new Map(units.map((u) => [u.id, u])),
        byCode: {
          categories: new Map(categories.map((c) => [c.code, c])),
          topics: new Map(topics.map((t) => [t.code, t])),
          units: new Map(units.map((u) => [u.code, u])),
        },
        views: {
          categories: categories.map(({ id, code, name, description, sortOrder }) => ({ id, code, name, description, sortOrder })),
          topics: topics.map(({ id, code, name, description, sortOrder }) => ({ id, code, name, description, sortOrder })),
          units: units.map(({ id, code, name, kind, sortOrder }) => ({ id, code, name, kind, sortOrder })),
        },
      };
    });
  }

  catalogBody(kind: 'categories' | 'topics' | 'units'): Promise<CachedBody> {
    return this.cache.getOrBuild(`catalog:${kind}`, async () => toCached((await this.snapshot()).views[kind]));
  }

  /**
   * Answers by the raw URL when cached; otherwise validates the query and builds the page.
   * `beforeSearch` (the per-address search limit) runs only for a search the cache cannot answer.
   */
  async listBodyForUrl(url: string, rawQuery: unknown, beforeSearch?: () => Promise<void>): Promise<CachedBody> {
    const key = `url:${url}`;
    if (beforeSearch && !this.cache.has(key) && hasSearchTerm(rawQuery)) await beforeSearch();
    return this.cache.getOrBuild(key, async () => this.listBody(await validateQuery(NoticeListQueryDto, rawQuery)));
  }

  listBody(query: NoticeListQueryDto): Promise<CachedBody> {
    const key = `list:${JSON.stringify([query.category, query.topic, query.unit, query.year, query.q, query.cursor, query.limit])}`;
    return this.cache.getOrBuild(key, async () => {
      await this.db.settled();
      return toCached(await this.list(query));
    });
  }

  async list(query: NoticeListQueryDto): Promise<Page<NoticeListItem>> {
    const snap = await this.snapshot();
    const lookup = <T>(map: Map<string, T>, code: string | undefined, field: string, label: string): T | undefined => {
      if (code === undefined) return undefined;
      const found = map.get(code);
      if (!found) throw ApiError.field(field, `${label}“${code}”不存在`);
      return found;
    };
    const category = lookup(snap.byCode.categories, query.category, 'category', '分类');
    const topic = lookup(snap.byCode.topics, query.topic, 'topic', '专题');
    const unit = lookup(snap.byCode.units, query.unit, 'unit', '单位');
    const after = query.cursor ? decodeCursor(query.cursor, isListKey) : undefined;
    if (after && (after[0] === null) !== (query.q === undefined)) {
      throw new ApiError(400, 'INVALID_CURSOR', '翻页参数与搜索条件不符，请从第一页重新加载');
    }
    const { rows, ranks, extras } = await this.repo.listPublic({
      categoryId: category?.id,
      topicId: topic?.id,
      unitId: unit?.id,
      year: query.year,
      q: query.q,
      after,
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const { topicIds, attachmentCounts } = extras ?? (await this.repo.listExtras(page.map((n) => n.id)));
    const items = page.map((n) => ({ ...this.summary(n, snap, topicIds.get(n.id) ?? []), attachmentCount: attachmentCounts.get(n.id) ?? 0 }));
    const last = page[page.length - 1];
    const nextCursor =
      rows.length > query.limit && last
        ? encodeCursor([query.q === undefined ? null : ranks[page.length - 1]!, last.publishedAt!.toISOString(), last.id] satisfies PublicListKey)
        : null;
    return { items, nextCursor };
  }

  /** Full notice as JSON, counting this view through `channel`. Anything not public is a 404 like a missing id. */
  async detailBody(idParam: string, channel: ViewChannel): Promise<CachedBody> {
    const { id, cached } = await this.cachedDetail(idParam);
    return { body: cached.head + this.viewTail(id, cached, channel), etag: cached.etag };
  }

  /** The prebuilt detail of a public notice, built when not cached; a 404 for anything not public. Counts no view. */
  async cachedDetail(idParam: string): Promise<{ id: number; cached: CachedDetail }> {
    if (!/^[1-9]\d{0,9}$/.test(idParam)) throw ApiError.notFound();
    const id = Number(idParam);
    const cached = await this.cache.getOrBuild(`detail:${id}`, async () => {
      const seenAtBuild = this.views.seenCount(id);
      const pendingAtBuild = this.views.pendingCount(id);
      await this.db.settled();
      const detail = await this.detail(id);
      if (!detail) return { missing: true as const };
      const { viewCount, ...rest } = detail;
      const json = JSON.stringify(rest);
      // Stored count misses this process's unflushed views; count them from here on.
      return { head: json.slice(0, -1), etag: weakEtag(json), base: viewCount + pendingAtBuild - seenAtBuild } satisfies CachedDetail;
    });
    if ('missing' in cached) throw ApiError.notFound();
    return { id, cached };
  }

  /** Counts one view of `id` through `channel`; the end of its detail body with the count. */
  viewTail(id: number, cached: CachedDetail, channel: ViewChannel): string {
    return `,"viewCount":${cached.base + this.views.hit(id, channel)}}`;
  }

  private async detail(id: number): Promise<NoticeDetail | null> {
    return (await this.details([id])).get(id) ?? null;
  }

  /** Public notices in full, read in one query per table for the whole batch. */
  private async details(ids: number[]): Promise<Map<number, NoticeDetail>> {
    if (!ids.length) return new Map();
    // All at once (one round trip on a pool): the by-id reads of an id that is not public find
    // nothing worth the wait a second round trip would cost every public one.
    const [{ rows: notices, extras: { topicIds } }, snap, attachments, corrections] = await Promise.all([
      this.repo.findPublicDetails(ids),
      this.snapshot(),
      this.repo.attachmentsOf(ids),
      this.corrections.appliedOf(ids),
    ]);
    return new Map(
      notices.map((notice) => [
        notice.id,
        {
          ...this.summary(notice, snap, topicIds.get(notice.id) ?? []),
          viewCount: notice.viewCount,
          disclosure: notice.disclosure,
          normativeIssuedOn: notice.normativeIssuedOn,
          normativeRepealedOn: notice.normativeRepealedOn,
          bodyHtml: notice.bodyHtml,
          attachments: (attachments.get(notice.id) ?? []).map((a) => this.attachmentsService.publicView(a)),
          corrections: (corrections.get(notice.id) ?? []).map((c) => ({ correctedAt: c.appliedAt!.toISOString(), note: c.note })),
          portalUrl: notice.portalUrl,
        },
      ]),
    );
  }

  /**
   * Published 主动公开 notices in full, without counting a view (for the public pages, feeds and
   * the portal sync); ids not public are absent from the map.
   */
  async documents(ids: number[]): Promise<Map<number, NoticeDetail>> {
    await this.db.settled();
    const unique = [...new Set(ids)];
    const found = new Map<number, NoticeDetail>();
    // Batches keep each IN (…) list well under the databases' parameter limits.
    for (let i = 0; i < unique.length; i += 500) {
      for (const [id, detail] of await this.details(unique.slice(i, i + 500))) found.set(id, detail);
    }
    return found;
  }

  /**
   * Page `page` (from 1) of a category's or a topic's public notices, `size` per page, newest
   * first, with the total; null when the code names no category or topic. For the public pages.
   */
  async numberedPage(filter: { category: string } | { topic: string }, page: number, size: number): Promise<{ items: NoticeListItem[]; total: number } | null> {
    const snap = await this.snapshot();
    const category = 'category' in filter ? snap.byCode.categories.get(filter.category) : undefined;
    const topic = 'topic' in filter ? snap.byCode.topics.get(filter.topic) : undefined;
    if (!category && !topic) return null;
    await this.db.settled();
    const { rows, total } = await this.repo.pagePublic({ categoryId: category?.id, topicId: topic?.id }, (page - 1) * size, size);
    const ids = rows.map((n) => n.id);
    const { topicIds, attachmentCounts } = await this.repo.listExtras(ids);
    return { items: rows.map((n) => ({ ...this.summary(n, snap, topicIds.get(n.id) ?? []), attachmentCount: attachmentCounts.get(n.id) ?? 0 })), total };
  }

  /** How many public notices each category and topic holds, by code (every code present, 0 when none). */
  async publicCounts(): Promise<{ categories: Map<string, number>; topics: Map<string, number> }> {
    const snap = await this.snapshot();
    await this.db.settled();
    const counts = await this.repo.publicCounts();
    return {
      categories: new Map([...snap.categories.values()].map((c) => [c.code, counts.categories.get(c.id) ?? 0])),
      topics: new Map([...snap.topics.values()].map((t) => [t.code, counts.topics.get(t.id) ?? 0])),
    };
  }

  /** A notice the public could read until it was withdrawn: its 索引号 and when; null for any other id. */
  async withdrawal(id: number): Promise<{ indexNo: string | null; withdrawnAt: string | null } | null> {
    await this.db.settled();
    const row = await this.repo.findWithdrawnPublic(id);
    return row ? { indexNo: row.indexNo, withdrawnAt: row.statusChangedAt?.toISOString() ?? null } : null;
  }

  /** Every public notice's id and when its page last changed (last correction, else publication), newest first: the sitemap. */
  async publicStamps(): Promise<{ id: number; modifiedAt: Date }[]> {
    await this.db.settled();
    return this.repo.publicStamps();
  }

  /**
   * Search's start-up build: the public ones among the `limit` notices after `afterId`, by id, and
   * the id the next batch starts after (null: no notices left).
   */
  async searchSource(afterId: number, limit: number): Promise<{ notices: SearchSourceNotice[]; lastId: number | null }> {
    await this.db.settled();
    const { rows, lastId } = await this.repo.searchSource({ afterId, limit });
    return { notices: await this.toSearchSource(rows), lastId };
  }

  /** The given notices' text if public (absent: not public, e.g. withdrawn). */
  async searchSourceOf(ids: number[]): Promise<SearchSourceNotice[]> {
    await this.db.settled();
    const rows: Notice[] = [];
    for (let i = 0; i < ids.length; i += 500) rows.push(...(await this.repo.searchSource({ ids: ids.slice(i, i + 500) })).rows);
    return this.toSearchSource(rows);
  }

  /**
   * Search results as a list shows them, with their plain text for the snippet; only notices public
   * right now (a notice withdrawn since the index last heard is absent, so it is never shown).
   * `snapshot`: the one the caller already holds (an answer reads it once).
   */
  async searchHits(ids: number[], snapshot?: Snapshot): Promise<Map<number, { item: NoticeListItem; bodyText: string }>> {
    if (!ids.length) return new Map();
    await this.db.settled();
    // One statement: the extras of an id found not public are read and dropped.
    const [{ rows, extras }, snap] = await Promise.all([this.repo.findPublicHits(ids), snapshot ?? this.snapshot()]);
    const { topicIds, attachmentCounts } = extras;
    return new Map(
      rows.map((n) => [n.id, { item: { ...this.summary(n, snap, topicIds.get(n.id) ?? []), attachmentCount: attachmentCounts.get(n.id) ?? 0 }, bodyText: n.bodyText ?? '' }]),
    );
  }

  /** Public notices' title, summary and plain text by id (absent: not public), for checking a quoted phrase; nothing else is read. */
  async searchTexts(ids: number[]): Promise<Map<number, { title: string; summary: string; bodyText: string }>> {
    const found = new Map<number, { title: string; summary: string; bodyText: string }>();
    if (!ids.length) return found;
    await this.db.settled();
    // Batches keep each IN (…) list well under the databases' parameter limits.
    for (let i = 0; i < ids.length; i += 500) {
      for (const n of await this.repo.findPublicTexts(ids.slice(i, i + 500))) found.set(n.id, { title: n.title, summary: n.summary ?? '', bodyText: n.bodyText ?? '' });
    }
    return found;
  }

  private async toSearchSource(rows: Notice[]): Promise<SearchSourceNotice[]> {
    if (!rows.length) return [];
    const [snap, topicIds] = await Promise.all([this.snapshot(), this.repo.topicIdsByNotice(rows.map((n) => n.id))]);
    return rows.map((n) => ({
      id: n.id,
      title: n.title,
      summary: n.summary ?? '',
      bodyText: n.bodyText ?? '',
      categoryCode: snap.categories.get(n.categoryId)!.code,
      topicCodes: (topicIds.get(n.id) ?? []).map((t) => snap.topics.get(t)!.code),
      publishedAt: n.publishedAt!,
    }));
  }

  /** The 索引号 of notices whatever their status (a withdrawn one keeps it). */
  indexNumbers(ids: number[]): Promise<Map<number, string>> {
    return this.repo.indexNumbers(ids);
  }

  private summary(n: Notice, snap: Snapshot, topicIds: number[]): Omit<NoticeListItem, 'attachmentCount'> {
    const category = snap.categories.get(n.categoryId)!;
    const unit = snap.units.get(n.unitId)!;
    return {
      id: n.id,
      title: n.title,
      summary: n.summary,
      category: { code: category.code, name: category.name },
      topics: topicIds.map((t) => snap.topics.get(t)!).map((t) => ({ code: t.code, name: t.name })),
      unit: { code: unit.code, name: unit.name },
      documentNo: n.documentNo,
      indexNo: n.indexNo!,
      infoType: n.infoType,
      normative: n.normative,
      publishedAt: n.publishedAt!.toISOString(),
    };
  }
}

function toCached(value: unknown): CachedBody {
  const body = JSON.stringify(value);
  return { body, etag: weakEtag(body) };
}
