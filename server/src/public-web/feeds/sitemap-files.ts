import { Readable } from 'node:stream';
import { SitemapIndexStream, SitemapStream, streamToPromise, type SitemapItemLoose } from 'sitemap';

/** The protocol's limit per sitemap file (https://www.sitemaps.org/protocol.html). */
export const URLS_PER_SITEMAP = 50_000;

export interface SitemapUrl {
  url: string;
  lastmod?: Date;
}

/**
 * The sitemap as files: one `<urlset>` when the URLs fit in one file, else parts of `perFile`
 * URLs and a `<sitemapindex>` naming each part (`partUrl(n)`, n from 1) with its newest lastmod.
 */
export async function sitemapFiles(urls: SitemapUrl[], partUrl: (n: number) => string, perFile = URLS_PER_SITEMAP): Promise<{ index: string | null; parts: string[] }> {
  const chunks: SitemapUrl[][] = [];
  for (let i = 0; i < urls.length; i += perFile) chunks.push(urls.slice(i, i + perFile));
  if (!chunks.length) chunks.push([]);
  const parts = await Promise.all(chunks.map(urlset));
  if (parts.length === 1) return { index: null, parts };
  const items = chunks.map((chunk, i) => {
    const newest = Math.max(0, ...chunk.map((u) => u.lastmod?.getTime() ?? 0));
    return { url: partUrl(i + 1), lastmod: newest ? new Date(newest).toISOString() : undefined };
  });
  const index = await streamToPromise(Readable.from(items).pipe(new SitemapIndexStream()));
  return { index: index.toString('utf8'), parts };
}

async function urlset(urls: SitemapUrl[]): Promise<string> {
  // Only the base namespace: the image, video, news and xhtml ones are unused.
  const stream = new SitemapStream({ xmlns: { news: false, video: false, xhtml: false, image: false } });
  const items: SitemapItemLoose[] = urls.map((u) => ({ url: u.url, lastmod: u.lastmod?.toISOString() }));
  if (!items.length) {
    // streamToPromise rejects an empty stream; an empty <urlset> is still a valid sitemap.
    return '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>';
  }
  return (await streamToPromise(Readable.from(items).pipe(stream))).toString('utf8');
}
