import {
  ATTACHMENT_TYPES,
  attachmentTypeOf,
  fileExtensionOf,
  shanghaiDate,
  type AttachmentView,
  type CategoryView,
  type NoticeDetail,
  type NoticeListItem,
  type TopicView,
} from '@gongkai/shared';
import { html, trusted, type SafeHtml } from './html';
import { FEED_FORMATS, type Crumb } from './layout';
import { pageBody } from './notice-body';

const HOME: Crumb = { label: '信息公开目录', href: '/gk/' };

/** `2026-09-01`, Asia/Shanghai. */
export const dateOf = (iso: string): string => shanghaiDate(new Date(iso));

const time = (iso: string) => html`<time datetime="${dateOf(iso)}">${dateOf(iso)}</time>`;

/** `48 KB`, `1.2 MB` (as the mini-program writes it). */
function sizeText(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** 文件类型 by the name's extension, else the type it is served with, else the address's extension. */
function typeLabel(a: AttachmentView): string {
  const type =
    attachmentTypeOf(a.name) ??
    (a.contentType ? ATTACHMENT_TYPES.find((t) => t.contentType === a.contentType) : undefined) ??
    ATTACHMENT_TYPES.find((t) => t.ext === fileExtensionOf(a.url.split(/[?#]/)[0] ?? ''));
  return type?.label ?? '文件';
}

function noticeItems(items: NoticeListItem[]): SafeHtml {
  return html`<ul class="list">${items.map(
    (n) => html`<li><a class="title" href="/gk/notices/${n.id}">${n.title}</a><span class="facts">${n.unit.name}${n.documentNo ? html` · ${n.documentNo}` : null} · ${time(n.publishedAt)}</span></li>`,
  )}</ul>`;
}

export interface CatalogueData {
  categories: { category: CategoryView; count: number; latest: NoticeListItem[] }[];
  topics: { topic: TopicView; count: number }[];
  total: number;
}

/** Visible links to a page's feeds: 订阅：RSS · Atom · JSON Feed. */
export function feedLinks(base: string): SafeHtml {
  return html`<p class="muted">订阅：${FEED_FORMATS.map((f, i) => html`${i ? ' · ' : ''}<a href="${base}/${f.file}" type="${f.type}">${f.label}</a>`)}</p>`;
}

export function catalogueContent(siteName: string, data: CatalogueData): SafeHtml {
  return html`<h1>${siteName}目录</h1>
<p class="lead">按公开目录的十个类别和专题专栏浏览本机关主动公开的政府信息，共 ${data.total} 条。</p>
${feedLinks('/gk')}
<section aria-labelledby="categories-title">
<h2 id="categories-title">公开目录</h2>
<ul class="cards">${data.categories.map(
    ({ category, count, latest }) => html`<li>
<h3><a href="/gk/categories/${encodeURIComponent(category.code)}">${category.name}</a> <span class="count">（${count} 条）</span></h3>
<p class="muted">${category.description}</p>
${latest.length ? html`<ul class="list">${latest.map((n) => html`<li><a href="/gk/notices/${n.id}">${n.title}</a>${time(n.publishedAt)}</li>`)}</ul>` : html`<p>暂无公开信息。</p>`}
</li>`,
  )}</ul>
</section>
<section id="topics" aria-labelledby="topics-title">
<h2 id="topics-title">专题专栏</h2>
<ul class="cards">${data.topics.map(
    ({ topic, count }) => html`<li>
<h3><a href="/gk/topics/${encodeURIComponent(topic.code)}">${topic.name}</a> <span class="count">（${count} 条）</span></h3>
<p class="muted">${topic.description}</p>
</li>`,
  )}</ul>
</section>`;
}

export interface ListPageData {
  name: string;
  description: string;
  /** `/gk/categories/ZSKS` */
  path: string;
  items: NoticeListItem[];
  total: number;
  page: number;
  pages: number;
}

export function listCrumbs(data: Pick<ListPageData, 'name'>): Crumb[] {
  return [HOME, { label: data.name }];
}

export function listContent(data: ListPageData): SafeHtml {
  return html`<h1>${data.name}</h1>
${data.description ? html`<p class="lead">${data.description}</p>` : null}
<p>共 ${data.total} 条${data.pages > 1 ? html`，第 ${data.page} 页 / 共 ${data.pages} 页` : null}</p>
${data.items.length ? noticeItems(data.items) : html`<p>暂无公开信息。</p>`}
${pager(data.path, data.page, data.pages)}
${feedLinks(data.path)}`;
}

/** `?page=N` links (page 1 is the bare path): first, previous, two either side, next, last. */
function pager(path: string, page: number, pages: number): SafeHtml | null {
  if (pages <= 1) return null;
  const href = (n: number) => (n === 1 ? path : `${path}?page=${n}`);
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const links: SafeHtml[] = [];
  if (page > 1) links.push(html`<li><a rel="prev" href="${href(page - 1)}">上一页</a></li>`);
  shown.forEach((n, i) => {
    if (i > 0 && n - shown[i - 1]! > 1) links.push(html`<li><span aria-hidden="true">…</span></li>`);
    links.push(
      n === page
        ? html`<li><a href="${href(n)}" aria-current="page" aria-label="第 ${n} 页，当前页">${n}</a></li>`
        : html`<li><a href="${href(n)}" aria-label="第 ${n} 页">${n}</a></li>`,
    );
  });
  if (page < pages) links.push(html`<li><a rel="next" href="${href(page + 1)}">下一页</a></li>`);
  return html`<nav class="pager" aria-label="分页"><ul>${links}</ul></nav>`;
}

export function noticeCrumbs(detail: NoticeDetail): Crumb[] {
  return [HOME, { label: detail.category.name, href: `/gk/categories/${encodeURIComponent(detail.category.code)}` }, { label: detail.title }];
}

export function noticeContent(detail: NoticeDetail): SafeHtml {
  const row = (label: string, value: SafeHtml | string) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
  const normative = detail.normative
    ? [
        '是',
        detail.normativeIssuedOn ? `，成文日期 ${detail.normativeIssuedOn}` : '',
        detail.normativeRepealedOn ? `，废止日期 ${detail.normativeRepealedOn}` : '',
      ].join('')
    : null;
  return html`<article>
<h1>${detail.title}</h1>
<dl class="meta">
${row('索引号', detail.indexNo)}
${detail.documentNo ? row('文号', detail.documentNo) : null}
${row('发布机构', detail.unit.name)}
${row('发布日期', time(detail.publishedAt))}
${row('所属类别', html`<a href="/gk/categories/${encodeURIComponent(detail.category.code)}">${detail.category.name}</a>`)}
${detail.topics.length ? row('专题', html`${detail.topics.map((t, i) => html`${i ? '、' : ''}<a href="/gk/topics/${encodeURIComponent(t.code)}">${t.name}</a>`)}`) : null}
${normative ? row('规范性文件', normative) : null}
</dl>
${detail.corrections.length
    ? html`<section class="corrections" aria-labelledby="corrections-title">
<h2 id="corrections-title">更正说明</h2>
<ul>${detail.corrections.map((c) => html`<li>${time(c.correctedAt)} 更正：${c.note}</li>`)}</ul>
</section>`
    : null}
<div class="body">
${trusted(pageBody(detail.bodyHtml, detail.title))}
</div>
${detail.attachments.length
    ? html`<section aria-labelledby="attachments-title">
<h2 id="attachments-title">附件</h2>
<ul class="attachments">${detail.attachments.map((a) => {
        const facts = [typeLabel(a), sizeText(a.size)].filter(Boolean).join('，');
        return html`<li><a href="${a.url}">${a.name}</a> <span class="muted">（${facts}）</span></li>`;
      })}</ul>
</section>`
    : null}
</article>`;
}

export function withdrawnContent(withdrawal: { indexNo: string | null; withdrawnAt: string | null }): SafeHtml {
  return html`<h1>该信息已撤回</h1>
<p>${withdrawal.indexNo ? html`索引号为 ${withdrawal.indexNo} 的信息` : '这条信息'}${withdrawal.withdrawnAt ? html`已于 ${time(withdrawal.withdrawnAt)} ` : '已'}撤回，不再公开。</p>
<p>如需了解相关情况，可在<a href="/gk/">信息公开目录</a>中查看现行有效的信息，或向本机关申请政府信息公开。</p>`;
}

export function errorContent(title: string, explanation: string): SafeHtml {
  return html`<h1>${title}</h1>
<p>${explanation}</p>
<p><a href="/gk/">返回信息公开目录</a></p>`;
}
