import { Inject, Injectable } from '@nestjs/common';
import { attachmentTypeOf, shanghaiDate, type NoticeDetail } from '@gongkai/shared';
import { PublicCache } from '../../common/cache/public-cache';
import { weakEtag } from '../../common/http/etag';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { NoticesService } from '../../catalog/notices.service';
import { PublicUrls } from '../../catalog/public-urls';
import { html, trusted } from '../pages/html';
import { FEED_CONTENT_TYPES, FEED_FILES, FEED_FORMATS, type FeedDocument, type FeedEntry, type FeedFormat } from './feed-document';
import { WRITERS } from './feed-formats';

/** All notices, or one category's or topic's. */
export type FeedScope = { kind: 'all' } | { kind: 'category' | 'topic'; code: string };

/** A response built once: its bytes, ETag and type. */
export interface Prebuilt {
  body: Buffer;
  etag: string;
  contentType: string;
}

/** Entries per feed: the latest published 主动公开 notices. */
export const FEED_SIZE = 50;

export function prebuilt(text: string, contentType: string): Prebuilt {
  return { body: Buffer.from(text, 'utf8'), etag: weakEtag(text), contentType };
}

/** 2026-09-01 → 2026年9月1日 (Shanghai calendar day). */
function chineseDate(iso: string): string {
  const [y, m, d] = shanghaiDate(new Date(iso)).split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

interface ResolvedScope {
  key: string;
  filter: { category?: string; topic?: string };
  title: string;
  description: string;
  homePageUrl: string;
  /** Path of the scope's feeds, e.g. /gk/categories/ZSKS/ */
  path: string;
}

/**
 * RSS, Atom and JSON feeds of the latest published 主动公开 notices: all of them, or one
 * category's or topic's. Built once through the public cache (so a publication, a correction or
 * a withdrawal, which clear it, shows in the next answer) and served as prebuilt bytes.
 */
@Injectable()
export class FeedsService {
  private readonly publisher: string;

  constructor(
    private readonly notices: NoticesService,
    private readonly urls: PublicUrls,
    private readonly cache: PublicCache,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    // The bureau the privacy notice names is the bureau publishing: the feeds' author.
    this.publisher = config.privacy.controller;
  }

  /** The feed of `scope` in `format`; null when the code names no category or topic. */
  async feed(scope: FeedScope, format: FeedFormat): Promise<Prebuilt | null> {
    const resolved = await this.resolve(scope);
    if (!resolved) return null;
    return this.cache.getOrBuild(`feeds:${resolved.key}:${format}`, async () => {
      // One read of the notices for the three formats.
      const doc = await this.cache.getOrBuild(`feeds:${resolved.key}:document`, () => this.document(resolved));
      return prebuilt(WRITERS[format](doc), FEED_CONTENT_TYPES[format]);
    });
  }

  private async resolve(scope: FeedScope): Promise<ResolvedScope | null> {
    const site = `${this.publisher}政府信息公开`;
    if (scope.kind === 'all') {
      return { key: 'all', filter: {}, title: site, description: `${this.publisher}最新主动公开的政府信息`, homePageUrl: this.urls.home(), path: '/gk/' };
    }
    const { views } = await this.notices.snapshot();
    const found = (scope.kind === 'category' ? views.categories : views.topics).find((c) => c.code === scope.code);
    if (!found) return null;
    const label = scope.kind === 'category' ? '栏目' : '专题';
    return {
      key: `${scope.kind}:${found.code}`,
      filter: scope.kind === 'category' ? { category: found.code } : { topic: found.code },
      title: `${found.name} - ${site}`,
      description: `${this.publisher}“${found.name}”${label}最新主动公开的政府信息`,
      homePageUrl: scope.kind === 'category' ? this.urls.category(found.code) : this.urls.topic(found.code),
      path: `/gk/${scope.kind === 'category' ? 'categories' : 'topics'}/${encodeURIComponent(found.code)}/`,
    };
  }

  private async document(scope: ResolvedScope): Promise<FeedDocument> {
    const page = await this.notices.list({ ...scope.filter, limit: FEED_SIZE });
    const details = await this.notices.documents(page.items.map((n) => n.id));
    // A notice withdrawn between the two reads is absent from `details`: left out.
    const entries = page.items.flatMap((n) => {
      const detail = details.get(n.id);
      return detail ? [this.entry(detail)] : [];
    });
    const newest = Math.max(0, ...entries.map((e) => e.updated.getTime()));
    return {
      title: scope.title,
      description: scope.description,
      homePageUrl: scope.homePageUrl,
      self: Object.fromEntries(FEED_FORMATS.map((f) => [f, this.urls.absolute(scope.path + FEED_FILES[f])])) as Record<FeedFormat, string>,
      updated: new Date(newest),
      publisher: this.publisher,
      entries,
    };
  }

  /**
   * One notice as an entry. Its link and id are our page, not the portal's copy: the id must
   * never change (the portal may tell us its address later), the portal itself reads these
   * feeds, and our page names the portal's as canonical for search engines.
   */
  private entry(d: NoticeDetail): FeedEntry {
    const corrections = d.corrections.map((c) => ({ correctedAt: new Date(c.correctedAt), note: c.note }));
    const published = new Date(d.publishedAt);
    const attachments = d.attachments.map((a) => ({
      url: this.urls.absolute(a.url),
      name: a.name,
      size: a.size,
      mimeType: a.contentType ?? attachmentTypeOf(a.name)?.contentType ?? 'application/octet-stream',
    }));
    // The header every feed reader shows (the structured copies are the gk elements / _gongkai).
    const meta = [
      ['索引号', d.indexNo],
      ['文号', d.documentNo],
      ['发布机构', d.unit.name],
      ['发布日期', chineseDate(d.publishedAt)],
    ].filter((pair): pair is [string, string] => Boolean(pair[1]));
    const header = html`<p>${meta.map(([label, value], i) => html`${i ? trusted('<br>') : ''}${label}：${value}`)}</p>`;
    const correctionLines = d.corrections.map((c) => html`<p>本信息于${chineseDate(c.correctedAt)}更正：${c.note}</p>`);
    const attachmentList = attachments.length ? html`<p>附件：</p><ul>${attachments.map((a) => html`<li><a href="${a.url}">${a.name}</a></li>`)}</ul>` : '';
    const contentHtml = html`${header}${correctionLines}${trusted(this.urls.absoluteBody(d.bodyHtml))}${attachmentList}`.toString();
    return {
      url: this.urls.notice(d.id),
      title: d.title,
      summary: d.summary,
      contentHtml,
      published,
      updated: corrections[corrections.length - 1]?.correctedAt ?? published,
      categories: [
        { kind: 'category', code: d.category.code, name: d.category.name, scheme: this.urls.absolute('/gk/categories/') },
        ...d.topics.map((t) => ({ kind: 'topic' as const, code: t.code, name: t.name, scheme: this.urls.absolute('/gk/topics/') })),
      ],
      attachments,
      indexNo: d.indexNo,
      documentNo: d.documentNo,
      unit: d.unit,
      corrections,
      portalUrl: d.portalUrl,
    };
  }
}
