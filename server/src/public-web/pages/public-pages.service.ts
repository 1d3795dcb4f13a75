import { Inject, Injectable } from '@nestjs/common';
import type { NoticeDetail } from '@gongkai/shared';
import { PublicCache } from '../../common/cache/public-cache';
import { weakEtag } from '../../common/http/etag';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { NoticesService } from '../../catalog/notices.service';
import { PublicUrls } from '../../catalog/public-urls';
import { ViewCounter } from '../../catalog/views/view-counter.service';
import { layout, type PageFrame, type Site } from './layout';
import { catalogueContent, errorContent, listContent, listCrumbs, noticeContent, noticeCrumbs, withdrawnContent } from './page-views';

/** A page built once: its status, bytes and (for a 200) ETag. */
export interface BuiltPage {
  status: 200 | 400 | 404 | 410;
  body: Buffer;
  etag: string;
}

/** Notices per list page. */
export const PAGE_SIZE = 20;
/** Latest notices under each category on the catalogue. */
const LATEST_PER_CATEGORY = 3;
/** More pages than any category will have; a longer number is refused before it reaches the database. */
const PAGE_PARAM = /^[1-9]\d{0,4}$/;
const NOTICE_ID = /^[1-9]\d{0,9}$/;
const CODE = /^[A-Za-z0-9_-]{1,40}$/;

/**
 * The public web pages (/gk/…), rendered on the server from the catalog's public reads. Every page
 * is built once into bytes and kept in the public cache, which publishing, withdrawals,
 * corrections and the portal's addresses clear; the hot path is a cache lookup and a view count.
 */
@Injectable()
export class PublicPagesService {
  private readonly site: Site;
  private readonly notFoundPage: BuiltPage;

  constructor(
    private readonly notices: NoticesService,
    private readonly urls: PublicUrls,
    private readonly cache: PublicCache,
    private readonly views: ViewCounter,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    // The bureau the privacy notice names is the one that publishes here.
    this.site = { bureau: config.privacy.controller, name: `${config.privacy.controller}政府信息公开` };
    this.notFoundPage = this.error(404, '页面不存在', '您访问的页面不存在，或该信息未主动公开。');
  }

  home(): Promise<BuiltPage> {
    return this.cache.getOrBuild('gk:home', async () => {
      const [{ views }, counts] = await Promise.all([this.notices.snapshot(), this.notices.publicCounts()]);
      const categories = await Promise.all(
        views.categories.map(async (category) => ({
          category,
          count: counts.categories.get(category.code) ?? 0,
          latest: (await this.notices.numberedPage({ category: category.code }, 1, LATEST_PER_CATEGORY))?.items ?? [],
        })),
      );
      const topics = views.topics.map((topic) => ({ topic, count: counts.topics.get(topic.code) ?? 0 }));
      const total = [...counts.categories.values()].reduce((sum, n) => sum + n, 0);
      return this.page({
        title: this.site.name,
        description: `${this.site.name}目录：按十个类别和专题专栏浏览主动公开的政府信息。`,
        canonical: this.urls.home(),
        ogType: 'website',
        crumbs: [],
        content: catalogueContent(this.site.name, { categories, topics, total }),
        feeds: { base: '/gk', title: `${this.site.name}：全部信息` },
      });
    });
  }

  /** `/gk/categories/:code` or `/gk/topics/:code`, page `pageParam` (absent: 1). */
  list(kind: 'category' | 'topic', code: string, pageParam: unknown): Promise<BuiltPage> {
    if (!CODE.test(code)) return Promise.resolve(this.notFoundPage);
    if (pageParam !== undefined && (typeof pageParam !== 'string' || !PAGE_PARAM.test(pageParam))) {
      return Promise.resolve(this.error(400, '页码无效', '页码应为从 1 开始的整数。'));
    }
    const page = pageParam === undefined ? 1 : Number(pageParam);
    return this.listPage(kind, code, page);
  }

  /**
   * Only addresses that can exist are built and cached: an unknown code or a page past the last
   * is answered without a cache entry, so requests for made-up addresses cannot push the real
   * pages out of the cache.
   */
  private async listPage(kind: 'category' | 'topic', code: string, page: number): Promise<BuiltPage> {
    const { views } = await this.notices.snapshot();
    if (!(kind === 'category' ? views.categories : views.topics).some((e) => e.code === code)) return this.notFoundPage;
    if (page > 1) {
      const counts = await this.cache.getOrBuild('gk:counts', () => this.notices.publicCounts());
      const pages = Math.max(1, Math.ceil(((kind === 'category' ? counts.categories : counts.topics).get(code) ?? 0) / PAGE_SIZE));
      if (page > pages) return this.error(404, '页面不存在', `该栏目共 ${pages} 页，没有第 ${page} 页。`);
    }
    return this.cache.getOrBuild(`gk:${kind}:${code}:${page}`, async () => {
      const snapshot = (await this.notices.snapshot()).views;
      const entry = kind === 'category' ? snapshot.categories.find((c) => c.code === code) : snapshot.topics.find((t) => t.code === code);
      const found = entry && (await this.notices.numberedPage(kind === 'category' ? { category: code } : { topic: code }, page, PAGE_SIZE));
      if (!entry || !found) return this.notFoundPage;
      const pages = Math.max(1, Math.ceil(found.total / PAGE_SIZE));
      if (page > pages) return this.error(404, '页面不存在', `该栏目共 ${pages} 页，没有第 ${page} 页。`);
      const base = kind === 'category' ? this.urls.category(code) : this.urls.topic(code);
      const path = `/gk/${kind === 'category' ? 'categories' : 'topics'}/${encodeURIComponent(code)}`;
      return this.page({
        title: page > 1 ? `${entry.name}（第 ${page} 页）` : entry.name,
        description: entry.description || entry.name,
        canonical: page > 1 ? `${base}?page=${page}` : base,
        ogType: 'website',
        crumbs: listCrumbs(entry),
        feeds: { base: path, title: `${this.site.name}：${entry.name}` },
        content: listContent({ name: entry.name, description: entry.description, path, items: found.items, total: found.total, page, pages }),
      });
    });
  }

  /**
   * `/gk/notices/:id`: the notice, 410 once withdrawn, 404 for anything the public may not read.
   * `count`: a GET of a readable notice counts one view on the web channel (a 304 too: a reader
   * came back to it); HEAD does not.
   */
  async notice(idParam: string, count: boolean): Promise<BuiltPage> {
    if (!NOTICE_ID.test(idParam)) return this.notFoundPage;
    const id = Number(idParam);
    const built = await this.cache.getOrBuild(`gk:notice:${id}`, async () => {
      const detail = (await this.notices.documents([id])).get(id);
      if (detail) {
        return this.page({
          title: detail.title,
          description: detail.summary || detail.title,
          canonical: this.urls.canonical(detail),
          ogType: 'article',
          crumbs: noticeCrumbs(detail),
          content: noticeContent(detail),
        });
      }
      const withdrawal = await this.notices.withdrawal(id);
      if (!withdrawal) return this.notFoundPage;
      return this.page({ title: '该信息已撤回', description: '该信息已撤回，不再公开。', canonical: this.urls.notice(id), ogType: 'website', crumbs: [{ label: '信息公开目录', href: '/gk/' }, { label: '该信息已撤回' }], content: withdrawnContent(withdrawal), noindex: true }, 410);
    });
    if (count && built.status === 200) this.views.hit(id, 'web');
    return built;
  }

  /**
   * The notice page as /gk/notices/:id would show `detail`, for a staff preview of a notice not
   * (or not yet so) published: the same layout and article, the stylesheet inline (it is shown
   * from an iframe's srcdoc, without an address of its own), never for search engines, never cached.
   */
  previewPage(detail: NoticeDetail): string {
    return layout(this.site, {
      title: detail.title,
      description: detail.summary || detail.title,
      canonical: this.urls.notice(detail.id),
      ogType: 'article',
      crumbs: noticeCrumbs(detail),
      content: noticeContent(detail),
      noindex: true,
      stylesheet: 'inline',
    });
  }

  notFound(): BuiltPage {
    return this.notFoundPage;
  }

  private error(status: 400 | 404, title: string, explanation: string): BuiltPage {
    return this.page({ title, description: explanation, canonical: this.urls.home(), ogType: 'website', crumbs: [{ label: '信息公开目录', href: '/gk/' }, { label: title }], content: errorContent(title, explanation), noindex: true }, status);
  }

  private page(frame: PageFrame, status: BuiltPage['status'] = 200): BuiltPage {
    const text = layout(this.site, frame);
    return { status, body: Buffer.from(text, 'utf8'), etag: weakEtag(text) };
  }
}
