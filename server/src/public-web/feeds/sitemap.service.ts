import { Injectable } from '@nestjs/common';
import { PublicCache } from '../../common/cache/public-cache';
import { NoticesService } from '../../catalog/notices.service';
import { PublicUrls } from '../../catalog/public-urls';
import { prebuilt, type Prebuilt } from './feeds.service';
import { sitemapFiles, type SitemapUrl } from './sitemap-files';

const XML = 'application/xml; charset=utf-8';
/** /gk/sitemaps/<n>.xml: the parts, when there are more URLs than one file may hold. */
const PART = /^([1-9]\d{0,5})\.xml$/;

/**
 * The sitemap: the catalogue, each category and topic page, and every public notice page with
 * its lastmod (last correction, else publication). Built through the public cache, so a
 * withdrawn notice is gone from the next answer. robots.txt names it.
 */
@Injectable()
export class SitemapService {
  private readonly robots: Prebuilt;

  constructor(
    private readonly notices: NoticesService,
    private readonly urls: PublicUrls,
    private readonly cache: PublicCache,
  ) {
    this.robots = prebuilt(`User-agent: *\nAllow: /\n\nSitemap: ${urls.absolute('/sitemap.xml')}\n`, 'text/plain; charset=utf-8');
  }

  /** /sitemap.xml: the one sitemap, or the index of its parts. */
  async sitemap(): Promise<Prebuilt> {
    const files = await this.files();
    return files.index ?? files.parts[0]!;
  }

  /** /gk/sitemaps/<n>.xml; null when there is no such part (or no index at all). */
  async part(file: string): Promise<Prebuilt | null> {
    const n = PART.exec(file)?.[1];
    const files = await this.files();
    return n && files.index ? (files.parts[Number(n) - 1] ?? null) : null;
  }

  robotsTxt(): Prebuilt {
    return this.robots;
  }

  private files(): Promise<{ index: Prebuilt | null; parts: Prebuilt[] }> {
    return this.cache.getOrBuild('feeds:sitemap', async () => {
      const [{ views }, stamps] = await Promise.all([this.notices.snapshot(), this.notices.publicStamps()]);
      const urls: SitemapUrl[] = [
        { url: this.urls.home(), lastmod: stamps.reduce<Date | undefined>((newest, s) => (!newest || s.modifiedAt > newest ? s.modifiedAt : newest), undefined) },
        ...views.categories.map((c) => ({ url: this.urls.category(c.code) })),
        ...views.topics.map((t) => ({ url: this.urls.topic(t.code) })),
        ...stamps.map((s) => ({ url: this.urls.notice(s.id), lastmod: s.modifiedAt })),
      ];
      const { index, parts } = await sitemapFiles(urls, (n) => this.urls.absolute(`/gk/sitemaps/${n}.xml`));
      return { index: index === null ? null : prebuilt(index, XML), parts: parts.map((p) => prebuilt(p, XML)) };
    });
  }
}
