import { html, trusted, type SafeHtml } from './html';
import { SITE_CSS, SITE_CSS_NAME } from './site-style';

/** Where the stylesheet is served (PublicPagesController). */
export const STYLESHEET_PATH = `/gk/assets/${SITE_CSS_NAME}`;

/** The site as every page names it. */
export interface Site {
  /** The bureau (主办单位), e.g. 昌乐县教育局. */
  bureau: string;
  /** 昌乐县教育局政府信息公开 */
  name: string;
}

export interface Crumb {
  label: string;
  /** Absent on the last crumb, the page itself. */
  href?: string;
}

export interface PageFrame {
  /** The page's own title (its h1, usually); `<title>` adds the site's name. */
  title: string;
  description: string;
  /** Absolute. */
  canonical: string;
  ogType: 'website' | 'article';
  /** From the catalogue down to this page; none on the catalogue itself. */
  crumbs: Crumb[];
  /** Everything inside <main> after the breadcrumbs, its one h1 included. */
  content: SafeHtml;
  /** Error pages are not for search engines. */
  noindex?: boolean;
  /** The feeds of what the page lists (FeedsController), announced for feed readers: `/gk` or `/gk/categories/ZSKS`. */
  feeds?: { base: string; title: string };
  /** `inline`: the stylesheet in a <style> element, for a page shown without its address (a staff preview in an iframe's srcdoc). */
  stylesheet?: 'link' | 'inline';
}

/** The three formats FeedsController serves under a base path. */
export const FEED_FORMATS = [
  { file: 'feed.xml', type: 'application/rss+xml', label: 'RSS' },
  { file: 'atom.xml', type: 'application/atom+xml', label: 'Atom' },
  { file: 'feed.json', type: 'application/feed+json', label: 'JSON Feed' },
] as const;

/**
 * The shared layout (GB/T 37668 basics): lang zh-CN, a skip link first in the tab order that
 * moves focus to <main> (focusable by tabindex=-1, no script needed), banner / navigation / main
 * / contentinfo landmarks, breadcrumbs as a labelled navigation, the stylesheet from our origin.
 */
export function layout(site: Site, page: PageFrame): string {
  const fullTitle = page.crumbs.length ? `${page.title} - ${site.name}` : site.name;
  const crumbs = page.crumbs.length
    ? html`<nav class="crumbs" aria-label="当前位置"><ol>${page.crumbs.map((c) =>
        c.href ? html`<li><a href="${c.href}">${c.label}</a></li>` : html`<li aria-current="page">${c.label}</li>`,
      )}</ol></nav>`
    : null;
  const feeds = page.feeds;
  const alternates = feeds ? FEED_FORMATS.map((f) => html`<link rel="alternate" type="${f.type}" title="${feeds.title}（${f.label}）" href="${feeds.base}/${f.file}">`) : null;
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${fullTitle}</title>
<meta name="description" content="${page.description}">
${page.noindex ? html`<meta name="robots" content="noindex">` : null}
<link rel="canonical" href="${page.canonical}">
<meta property="og:title" content="${page.title}">
<meta property="og:type" content="${page.ogType}">
<meta property="og:url" content="${page.canonical}">
<meta property="og:description" content="${page.description}">
<meta property="og:site_name" content="${site.name}">
<meta property="og:locale" content="zh_CN">
${alternates}
${page.stylesheet === 'inline' ? html`<style>${trusted(SITE_CSS)}</style>` : html`<link rel="stylesheet" href="${STYLESHEET_PATH}">`}
</head>
<body>
<a class="skip" href="#main">跳到正文</a>
<header class="site-header">
<div class="wrap">
<a class="site-name" href="/gk/">${site.name}</a>
<nav class="site-nav" aria-label="网站导航"><ul>
<li><a href="/gk/">信息公开目录</a></li>
<li><a href="/gk/#topics">专题专栏</a></li>
</ul></nav>
</div>
</header>
<main id="main" tabindex="-1">
<div class="wrap">
${crumbs}
${page.content}
</div>
</main>
<footer class="site-footer">
<div class="wrap">
<p>主办单位：${site.bureau}</p>
<p>本站只发布主动公开的政府信息；依申请公开请向${site.bureau}提出。</p>
</div>
</footer>
</body>
</html>
`.markup;
}
