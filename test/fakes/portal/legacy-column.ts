import iconv from 'iconv-lite';
import { createHash } from 'node:crypto';
import { FakeHttpServer, type FakeReply, type FakeRequest } from '../fake-http-server';

/** The GBK page's title and first paragraph: what an import must read back, character for character. */
export const GBK_TITLE = '关于公布2019年城区小学学区划分的通告';
export const GBK_BODY = '各位家长：根据《中华人民共和国义务教育法》，现将城区小学学区划分公布如下。';

/** Where the column lives on the fake site, as TRS lays a column out. */
const COLUMN = '/col/col1234';
const UNIT_INDEX_PREFIX = '11370725004410339C';

export interface LegacyColumnOptions {
  /** Regular items (default 45). */
  items?: number;
  /** Items per list page (default 20). */
  perPage?: number;
  /** Add the malformed, very large and GBK pages (default true). */
  special?: boolean;
  /** Size of the very large page in bytes (default 3 MB). */
  largeBytes?: number;
  /** Answer If-None-Match with 304 (default true). */
  etags?: boolean;
  /** Put before each title, to tell two columns apart (default none). */
  titlePrefix?: string;
}

export type SpecialKind = 'no-title' | 'broken' | 'large' | 'gbk';

export interface LegacyItem {
  /** 1…items for regular items; specials come after. */
  n: number;
  kind: 'regular' | SpecialKind;
  path: string;
  title: string;
  /** Beijing time as the page shows it. */
  date: string;
  documentNo: string;
  indexNo: string;
  /** Text added by `change`, shown as the body's last paragraph. */
  extra: string | null;
}

/**
 * A legacy column of the county portal as TRS publishes one: list pages `index.html`,
 * `index_1.html`, … (newest first, relative links, `createPageHTML(pages, …)` for the pager), detail
 * pages `/art/YYYY/M/D/art_1234_N.html` with the 信息公开 table (索引号, 文号, 发布日期), a body with a
 * picture and an attachment link (both relative) and an attachment list, an RSS 2.0 and an Atom
 * feed of the same items. With `special`, four pages that must fail or succeed alone: one without
 * a title, one cut off mid-tag, one of `largeBytes`, and one in GBK (Content-Type charset=gbk and
 * `<meta charset="gbk">`). Pages carry an ETag and answer If-None-Match with 304.
 */
export class LegacyColumn extends FakeHttpServer {
  readonly items: LegacyItem[] = [];
  private readonly perPage: number;
  private readonly largeBytes: number;
  private readonly etags: boolean;
  private readonly prefix: string;

  constructor(options: LegacyColumnOptions = {}) {
    super();
    this.perPage = options.perPage ?? 20;
    this.largeBytes = options.largeBytes ?? 3 * 1024 * 1024;
    this.etags = options.etags ?? true;
    this.prefix = options.titlePrefix ?? '';
    const count = options.items ?? 45;
    for (let n = 1; n <= count; n++) this.items.push(this.item(n, 'regular'));
    if (options.special ?? true) (['no-title', 'broken', 'large', 'gbk'] as const).forEach((kind, i) => this.items.push(this.item(count + i + 1, kind)));
    for (const item of this.items) this.route('GET', item.path, (req) => this.page(req, item));
    for (let p = 0; p < this.pageCount; p++) this.route('GET', this.listPath(p), (req) => this.html(req, this.listPage(p)));
    this.route('GET', `${COLUMN}/rss.xml`, (req) => this.send(req, Buffer.from(this.rss(), 'utf8'), 'application/rss+xml; charset=utf-8'));
    this.route('GET', `${COLUMN}/atom.xml`, (req) => this.send(req, Buffer.from(this.atom(), 'utf8'), 'application/atom+xml; charset=utf-8'));
  }

  get pageCount(): number {
    return Math.max(1, Math.ceil(this.items.length / this.perPage));
  }

  /** The first list page. */
  get listUrl(): string {
    return `${this.url}${this.listPath(0)}`;
  }

  get rssUrl(): string {
    return `${this.url}${COLUMN}/rss.xml`;
  }

  get atomUrl(): string {
    return `${this.url}${COLUMN}/atom.xml`;
  }

  urlOf(item: LegacyItem): string {
    return `${this.url}${item.path}`;
  }

  regular(n: number): LegacyItem {
    return this.items.find((i) => i.kind === 'regular' && i.n === n)!;
  }

  special(kind: SpecialKind): LegacyItem {
    return this.items.find((i) => i.kind === kind)!;
  }

  /** The item's page changes: a paragraph added at the end of its body (its ETag changes with it). */
  change(item: LegacyItem, text: string): void {
    item.extra = text;
  }

  /** Paths of list pages and item pages requested so far (to see what a resumed run fetched again). */
  fetched(): { lists: string[]; items: string[] } {
    const paths = this.requests.map((r) => r.path);
    return { lists: paths.filter((p) => p.startsWith(`${COLUMN}/index`)), items: paths.filter((p) => p.startsWith('/art/')) };
  }

  /**
   * A TRS-style html source for PORTAL_SOURCES_FILE reading this column (the shape of
   * server/portal-sources.example.json); `overrides` replace top-level settings.
   */
  htmlSource(name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      name,
      label: '教育局专栏（测试门户）',
      kind: 'html',
      mode: 'published',
      authorUsername: 'portal-import',
      defaults: { categoryCode: 'XXDT', unitCode: 'BUREAU0000000001', infoType: 'business' },
      rules: [
        { match: { title: '招生|入学|学区' }, categoryCode: 'ZSKS', topicCodes: ['zoning'] },
        { match: { column: '政策文件' }, categoryCode: 'ZCWJ', infoType: 'policy' },
      ],
      list: { url: this.listUrl, links: 'div.list_box ul li a', nextPattern: 'index_{n}.html', pageCountPattern: 'createPageHTML\\((\\d+)', maxPages: 500 },
      detail: {
        title: 'h1.article_title',
        body: 'div.TRS_Editor',
        date: { selector: 'table.xxgk td:contains("发布日期") + td' },
        documentNo: 'table.xxgk td:contains("文号") + td',
        indexNo: 'table.xxgk td:contains("索引号") + td',
        column: 'table.xxgk td:contains("主题分类") + td',
        attachments: 'div.attachments a',
      },
      fetch: { timeoutMs: 5000, maxBytes: 2 * 1024 * 1024, concurrency: 4 },
      ...overrides,
    };
  }

  private item(n: number, kind: LegacyItem['kind']): LegacyItem {
    // Item n was published n days after 2019-01-01, at 09:30 Beijing time.
    const day = new Date(Date.UTC(2019, 0, 1 + n));
    const [y, m, d] = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()];
    const date = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')} 09:30`;
    const topic = n % 5 === 0 ? '关于做好2019年城区小学招生入学工作的通知' : n % 5 === 1 ? '关于印发《教育系统安全工作要点》的通知' : '关于开展教师培训工作的通知';
    const title = kind === 'gbk' ? GBK_TITLE : `${this.prefix}${topic}（第${n}号）`;
    return {
      n,
      kind,
      path: `/art/${y}/${m}/${d}/art_1234_${n}.html`,
      title,
      date,
      documentNo: `乐教发〔${y}〕${n}号`,
      indexNo: `${UNIT_INDEX_PREFIX}/${y}-${String(n).padStart(5, '0')}`,
      extra: null,
    };
  }

  private listPath(p: number): string {
    return `${COLUMN}/${p === 0 ? 'index.html' : `index_${p}.html`}`;
  }

  private listPage(p: number): string {
    // Newest first, as TRS lists a column.
    const newest = [...this.items].reverse().slice(p * this.perPage, (p + 1) * this.perPage);
    const rows = newest.map((i) => `<li><a href="../..${i.path}" target="_blank" title="${i.title}">${i.title}</a><span>${i.date.slice(0, 10)}</span></li>`).join('\n');
    return `<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>教育局专栏 - 测试县人民政府</title></head>
<body><div class="header"><a href="/">首页</a> &gt; <a href="${COLUMN}/index.html">教育局专栏</a></div>
<div class="list_box"><ul>
${rows}
</ul>
<div class="pager"><script>createPageHTML(${this.pageCount}, ${p}, "index", "html");</script></div></div>
<div class="footer">主办：测试县人民政府办公室</div></body></html>`;
  }

  private page(req: FakeRequest, item: LegacyItem): FakeReply {
    if (item.kind === 'gbk') {
      const html = this.detail(item, 'gbk').replace(/<p>.*?<\/p>/, `<p>${GBK_BODY}</p>`);
      return this.send(req, iconv.encode(html, 'gbk'), 'text/html; charset=gbk');
    }
    if (item.kind === 'no-title') return this.html(req, this.detail(item, 'utf-8').replace(/<h1 class="article_title">.*?<\/h1>/, ''));
    // Cut off after the title, mid-tag: the body's container never opens.
    if (item.kind === 'broken') return this.html(req, `${this.detail(item, 'utf-8').replace(/<div class="TRS_Editor"[\s\S]*$/, '')}<div class="TRS_Edi`);
    if (item.kind === 'large') {
      const html = this.detail(item, 'utf-8');
      const padding = '<p>附表数据：'.concat('一二三四五六七八九十'.repeat(Math.ceil(this.largeBytes / 30)), '</p>');
      return this.html(req, html.replace('</div><!--body-->', `${padding}</div><!--body-->`));
    }
    return this.html(req, this.detail(item, 'utf-8'));
  }

  private detail(item: LegacyItem, charset: string): string {
    const column = item.n % 5 === 1 ? '政策文件' : '工作动态';
    return `<!DOCTYPE html>
<html><head><meta charset="${charset}"><title>${item.title}</title>
<style>.TRS_Editor p { text-indent: 2em; }</style></head>
<body><div class="header"><a href="/">首页</a> &gt; <a href="${COLUMN}/index.html">教育局专栏</a></div>
<table class="xxgk">
<tr><td>索引号：</td><td>${item.indexNo}</td><td>主题分类：</td><td>${column}</td></tr>
<tr><td>发布机构：</td><td>测试县教育局</td><td>发布日期：</td><td>${item.date}</td></tr>
<tr><td>文号：</td><td>${item.documentNo}</td><td>有效性：</td><td>有效</td></tr>
</table>
<h1 class="article_title">${item.title}</h1>
<div class="TRS_Editor" style="font-size:16px"><p>各学校：现将有关事项通知如下，请认真贯彻执行（第${item.n}号）。</p>
<p><img src="../../../../picture/0/1904051030${String(item.n).padStart(5, '0')}.jpg" alt="现场照片" oldsrc="W0201904.jpg"></p>
<p>附件：<a href="/module/download/downfile.jsp?classid=0&amp;filename=${item.n}.pdf">实施方案.pdf</a></p>
<script>document.write('统计');</script>
${item.extra ? `<p>${item.extra}</p>` : ''}</div><!--body-->
<div class="attachments"><a href="/module/download/downfile.jsp?classid=0&amp;filename=${item.n}.pdf">附件1：实施方案.pdf</a></div>
<div class="footer">主办：测试县人民政府办公室</div></body></html>`;
  }

  private rss(): string {
    const regular = [...this.items].filter((i) => i.kind === 'regular').reverse();
    const entries = regular.map(
      (i) => `<item><title>${escapeXml(i.title)}</title><link>${this.urlOf(i)}</link><pubDate>${rfc822(i.date)}</pubDate><category>教育局专栏</category>
<description><![CDATA[<p>各学校：现将有关事项通知如下，请认真贯彻执行（第${i.n}号）。</p>${i.extra ? `<p>${i.extra}</p>` : ''}]]></description></item>`,
    );
    return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>教育局专栏</title><link>${this.listUrl}</link><description>测试县教育局</description>
${entries.join('\n')}
</channel></rss>`;
  }

  private atom(): string {
    const regular = [...this.items].filter((i) => i.kind === 'regular').reverse();
    const entries = regular.map(
      (i) => `<entry><title>${escapeXml(i.title)}</title><link rel="alternate" href="${this.urlOf(i)}"/><id>${this.urlOf(i)}</id><updated>${iso(i.date)}</updated>
<content type="html">${escapeXml(`<p>各学校：现将有关事项通知如下，请认真贯彻执行（第${i.n}号）。</p>`)}</content></entry>`,
    );
    return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>教育局专栏</title><id>${this.atomUrl}</id><updated>2020-01-01T00:00:00+08:00</updated>
${entries.join('\n')}
</feed>`;
  }

  private html(req: FakeRequest, html: string): FakeReply {
    return this.send(req, Buffer.from(html, 'utf8'), 'text/html; charset=utf-8');
  }

  private send(req: FakeRequest, bytes: Buffer, contentType: string): FakeReply {
    const etag = `"${createHash('sha1').update(bytes).digest('hex').slice(0, 16)}"`;
    if (this.etags && req.headers['if-none-match'] === etag) return { status: 304, body: Buffer.alloc(0), headers: { etag } };
    return { status: 200, body: bytes, headers: { 'content-type': contentType, ...(this.etags ? { etag } : {}) } };
  }
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** "2019-01-02 09:30" (Beijing) in a feed's formats. */
function iso(date: string): string {
  return `${date.replace(' ', 'T')}:00+08:00`;
}

function rfc822(date: string): string {
  return new Date(iso(date)).toUTCString();
}
