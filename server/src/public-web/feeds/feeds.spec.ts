import { SaxesParser } from 'saxes';
import { GONGKAI_NS, type FeedDocument, type FeedEntry } from './feed-document';
import { atom, jsonFeed, rss } from './feed-formats';
import { sitemapFiles } from './sitemap-files';

/** Parses strictly (XML 1.0 and namespaces): throws on anything ill-formed; returns the text of each element by name. */
function strictParse(xml: string): { texts: Map<string, string[]>; attrs: Map<string, Record<string, string>[]> } {
  const parser = new SaxesParser({ xmlns: true });
  const texts = new Map<string, string[]>();
  const attrs = new Map<string, Record<string, string>[]>();
  const open: { name: string; text: string }[] = [];
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (tag) => {
    open.push({ name: tag.name, text: '' });
    const values = Object.fromEntries(Object.entries(tag.attributes).map(([k, a]) => [k, a.value]));
    attrs.set(tag.name, [...(attrs.get(tag.name) ?? []), values]);
  });
  parser.on('text', (t) => {
    if (open.length) open[open.length - 1]!.text += t;
  });
  parser.on('closetag', () => {
    const { name, text } = open.pop()!;
    texts.set(name, [...(texts.get(name) ?? []), text]);
  });
  parser.write(xml).close();
  return { texts, attrs };
}

const BAD_TITLE = '<script>alert("x")</script> & 入学 ]]> 须知&nbsp;]]> \u0008完';

function entry(overrides: Partial<FeedEntry> = {}): FeedEntry {
  return {
    url: 'https://jyj.example.gov.cn/gk/notices/7',
    title: '2026年城区义务教育学校划片招生方案',
    summary: '城区小学和初中的划片范围',
    contentHtml: '<p>索引号：X/ZSKS-2026-00001</p><p>正文 &amp; 附件</p>',
    published: new Date('2026-09-01T01:00:00Z'),
    updated: new Date('2026-09-10T02:30:00Z'),
    categories: [
      { kind: 'category', code: 'ZSKS', name: '招生考试', scheme: 'https://jyj.example.gov.cn/gk/categories/' },
      { kind: 'topic', code: 'zoning', name: '义务教育划片', scheme: 'https://jyj.example.gov.cn/gk/topics/' },
    ],
    attachments: [
      { url: 'https://jyj.example.gov.cn/api/v1/attachments/abc', name: '附件1："范围"<表>&.xlsx', size: 20480, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      { url: 'https://files.example.gov.cn/b.pdf?a=1&b=2', name: '附件2.pdf', size: 0, mimeType: 'application/pdf' },
    ],
    indexNo: 'JCJYK0000000000001/ZSKS-2026-00001',
    documentNo: '临教发〔2026〕12号',
    unit: { code: 'JCJYK0000000000001', name: '基础教育科' },
    corrections: [{ correctedAt: new Date('2026-09-10T02:30:00Z'), note: '更正了报名时间' }],
    portalUrl: null,
    ...overrides,
  };
}

function feed(entries: FeedEntry[]): FeedDocument {
  return {
    title: '测试县教育局政府信息公开',
    description: '测试县教育局最新主动公开的政府信息',
    homePageUrl: 'https://jyj.example.gov.cn/gk/',
    self: { rss: 'https://jyj.example.gov.cn/gk/feed.xml', atom: 'https://jyj.example.gov.cn/gk/atom.xml', json: 'https://jyj.example.gov.cn/gk/feed.json' },
    updated: new Date('2026-09-10T02:30:00Z'),
    publisher: '测试县教育局',
    entries,
  };
}

describe('feed formats', () => {
  it('keeps RSS well-formed whatever the title, names and addresses hold', () => {
    const { texts, attrs } = strictParse(rss(feed([entry({ title: BAD_TITLE, summary: '报名 <须知> & 材料' })])));
    // The control character is dropped (XML cannot hold it); everything else survives as text.
    expect(texts.get('title')).toEqual(['测试县教育局政府信息公开', '<script>alert("x")</script> & 入学 ]]> 须知&nbsp;]]> 完']);
    // Readers take a description as HTML: the plain summary arrives escaped for it.
    expect(texts.get('description')).toEqual(['测试县教育局最新主动公开的政府信息', '报名 &lt;须知&gt; &amp; 材料']);
    expect(texts.get('pubDate')).toEqual(['Tue, 01 Sep 2026 01:00:00 GMT']);
    expect(texts.get('dc:date')).toEqual(['2026-09-10T02:30:00.000Z']);
    expect(texts.get('gk:indexNo')).toEqual(['JCJYK0000000000001/ZSKS-2026-00001']);
    expect(texts.get('gk:documentNo')).toEqual(['临教发〔2026〕12号']);
    expect(texts.get('gk:publisher')).toEqual(['基础教育科']);
    expect(texts.get('content:encoded')).toEqual(['<p>索引号：X/ZSKS-2026-00001</p><p>正文 &amp; 附件</p>']);
    // One enclosure (RSS allows one): the first attachment.
    expect(attrs.get('enclosure')).toEqual([{ url: 'https://jyj.example.gov.cn/api/v1/attachments/abc', length: '20480', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }]);
    expect(attrs.get('gk:correction')).toEqual([{ date: '2026-09-10T02:30:00.000Z' }]);
  });

  it('writes Atom with every attachment as an enclosure link, escaped in attributes', () => {
    const { texts, attrs } = strictParse(atom(feed([entry({ title: BAD_TITLE })])));
    expect(texts.get('title')).toEqual(['测试县教育局政府信息公开', '<script>alert("x")</script> & 入学 ]]> 须知&nbsp;]]> 完']);
    expect(attrs.get('link')!.filter((l) => l.rel === 'enclosure')).toEqual([
      { rel: 'enclosure', href: 'https://jyj.example.gov.cn/api/v1/attachments/abc', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', length: '20480', title: '附件1："范围"<表>&.xlsx' },
      { rel: 'enclosure', href: 'https://files.example.gov.cn/b.pdf?a=1&b=2', type: 'application/pdf', title: '附件2.pdf' },
    ]);
    expect(texts.get('published')).toEqual(['2026-09-01T01:00:00.000Z']);
    expect(texts.get('updated')).toEqual(['2026-09-10T02:30:00.000Z', '2026-09-10T02:30:00.000Z']);
    expect(attrs.get('feed')).toEqual([{ xmlns: 'http://www.w3.org/2005/Atom', 'xmlns:gk': GONGKAI_NS, 'xml:lang': 'zh-CN' }]);
  });

  it('writes JSON Feed 1.1 with the required fields and the _gongkai extension', () => {
    const parsed = JSON.parse(jsonFeed(feed([entry()])));
    expect(parsed).toMatchObject({ version: 'https://jsonfeed.org/version/1.1', title: '测试县教育局政府信息公开', language: 'zh-CN', feed_url: 'https://jyj.example.gov.cn/gk/feed.json' });
    expect(parsed.items[0]).toMatchObject({
      id: 'https://jyj.example.gov.cn/gk/notices/7',
      date_published: '2026-09-01T01:00:00.000Z',
      date_modified: '2026-09-10T02:30:00.000Z',
      tags: ['招生考试', '义务教育划片'],
      attachments: [
        { url: 'https://jyj.example.gov.cn/api/v1/attachments/abc', mime_type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', title: '附件1："范围"<表>&.xlsx', size_in_bytes: 20480 },
        { url: 'https://files.example.gov.cn/b.pdf?a=1&b=2', mime_type: 'application/pdf', title: '附件2.pdf' },
      ],
      _gongkai: {
        indexNo: 'JCJYK0000000000001/ZSKS-2026-00001',
        documentNo: '临教发〔2026〕12号',
        publisher: { code: 'JCJYK0000000000001', name: '基础教育科' },
        category: { code: 'ZSKS', name: '招生考试' },
        topics: [{ code: 'zoning', name: '义务教育划片' }],
        corrections: [{ correctedAt: '2026-09-10T02:30:00.000Z', note: '更正了报名时间' }],
        portalUrl: null,
      },
    });
  });

  it('writes a well-formed empty feed', () => {
    expect(() => strictParse(rss(feed([])))).not.toThrow();
    expect(() => strictParse(atom(feed([])))).not.toThrow();
    expect(JSON.parse(jsonFeed(feed([]))).items).toEqual([]);
  });
});

describe('sitemap files', () => {
  const urls = [1, 2, 3, 4, 5].map((n) => ({ url: `https://jyj.example.gov.cn/gk/notices/${n}`, lastmod: new Date(Date.UTC(2026, 8, n)) }));

  it('is one urlset while the URLs fit', async () => {
    const { index, parts } = await sitemapFiles(urls, (n) => `https://jyj.example.gov.cn/gk/sitemaps/${n}.xml`, 5);
    expect(index).toBeNull();
    expect(strictParse(parts[0]!).texts.get('loc')).toHaveLength(5);
  });

  it('splits into parts named by an index with each part’s newest lastmod', async () => {
    const { index, parts } = await sitemapFiles(urls, (n) => `https://jyj.example.gov.cn/gk/sitemaps/${n}.xml`, 2);
    expect(parts.map((p) => strictParse(p).texts.get('loc'))).toEqual([
      ['https://jyj.example.gov.cn/gk/notices/1', 'https://jyj.example.gov.cn/gk/notices/2'],
      ['https://jyj.example.gov.cn/gk/notices/3', 'https://jyj.example.gov.cn/gk/notices/4'],
      ['https://jyj.example.gov.cn/gk/notices/5'],
    ]);
    const parsed = strictParse(index!);
    expect(parsed.texts.get('loc')).toEqual([1, 2, 3].map((n) => `https://jyj.example.gov.cn/gk/sitemaps/${n}.xml`));
    expect(parsed.texts.get('lastmod')).toEqual(['2026-09-02T00:00:00.000Z', '2026-09-04T00:00:00.000Z', '2026-09-05T00:00:00.000Z']);
  });
});
