import { parseFeed } from '@rowanmanning/feed-parser';
import * as cheerio from 'cheerio';
import { SaxesParser } from 'saxes';
import { SettableClock } from '../../../server/src/common/clock/clock';
import type { ApiClient } from '../../support/api-client';
import { aNotice, aStaff, aUnit, bootstrapAdmin } from '../../support/builders';
import { correctNotice } from '../../support/corrections';
import { ok, version, type Chain } from '../../support/review-chain';
import { startTestServer, type TestServer } from '../../support/test-server';

const BASE = 'https://jyj.example.gov.cn';
const UNIT = 'JCJYK0000000000001';
const SCRIPT_TITLE = '<script>alert("x")</script> 招生 & 入学 ]]> 须知';

/** Throws unless `xml` is well-formed XML 1.0 with every namespace prefix declared. */
function wellFormed(xml: string): void {
  const parser = new SaxesParser({ xmlns: true });
  parser.on('error', (error) => {
    throw error;
  });
  parser.write(xml).close();
}

describe('feeds and sitemap', () => {
  let server: TestServer;
  let admin: ApiClient;
  let anon: ApiClient;
  let chain: Chain;
  const ids: Record<string, number> = {};
  /** Each notice's publication time as the public API gives it (the clock runs on from where a test set it). */
  const published: Record<string, string> = {};
  /** RSS dates have whole seconds. */
  const toSecond = (iso: string) => iso.replace(/\.\d{3}Z$/, '.000Z');

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.baseUrl}${path}`, { headers });
  const text = async (path: string): Promise<string> => {
    const res = await get(path);
    expect(res.status).toBe(200);
    return res.text();
  };
  const jsonFeed = async (path: string): Promise<any> => (await get(path)).json();
  const at = (iso: string) => server.clock.set(new Date(iso));

  beforeAll(async () => {
    // Sessions outlive the fortnight the clock walks through.
    server = await startTestServer({ PUBLIC_BASE_URL: BASE, TOKEN_TTL_SECONDS: String(30 * 24 * 3600) }, new SettableClock(new Date('2026-09-01T09:00:00+08:00')));
    ({ admin, anonymous: anon } = await bootstrapAdmin(server));
    await aUnit(admin, UNIT, '基础教育科');
    await aUnit(admin, 'XXFBZX000000000001', '信息发布中心');
    chain = {
      editor: await aStaff(admin, 'editor1', UNIT, ['editor']),
      unitHead: await aStaff(admin, 'head1', UNIT, ['unit_head']),
      secrecy: await aStaff(admin, 'secrecy1', 'XXFBZX000000000001', ['secrecy_reviewer']),
      leader: await aStaff(admin, 'leader1', 'XXFBZX000000000001', ['leader']),
      publisher: await aStaff(admin, 'publisher1', 'XXFBZX000000000001', ['publisher']),
    };

    at('2026-09-01T09:00:00+08:00');
    ids.zoning = await aNotice()
      .titled('2026年城区义务教育学校划片招生方案')
      .inCategory('ZSKS')
      .withTopics('zoning')
      .with({
        documentNo: '临教发〔2026〕12号',
        summary: '公布城区小学和初中的划片范围',
        bodyHtml: '<p>划片范围见附件，详见<a href="/gk/">公开目录</a>。</p>',
        attachments: [{ name: '附件1：城区小学招生范围.xlsx', url: 'https://files.example.gov.cn/zsfw.xlsx', size: 20480 }],
      })
      .published()
      .create(chain.editor, admin);
    at('2026-09-02T10:00:00+08:00');
    ids.procurement = await aNotice().titled('多媒体教学设备采购项目中标结果公示').inCategory('ZBCG').ofType('procurement').published().create(chain.editor, admin);
    at('2026-09-03T11:00:00+08:00');
    ids.script = await aNotice().titled(SCRIPT_TITLE).inCategory('ZSKS').published().create(chain.editor, admin);
    at('2026-09-04T09:00:00+08:00');
    ids.onRequest = await aNotice().titled('教师考核结果（依申请公开）').inCategory('ZSKS').disclosed('on_request', '涉及个人信息').published().create(chain.editor, admin);
    ids.draft = await aNotice().titled('招生草稿（未发布）').inCategory('ZSKS').create(chain.editor);
    for (const name of ['zoning', 'procurement', 'script']) published[name] = (await ok(anon.get(`/notices/${ids[name]}`))).publishedAt;
  });

  afterAll(() => server?.destroy());

  it('serves RSS 2.0 of the latest public notices, newest first, with 索引号, 文号 and unit in each item', async () => {
    const res = await get('/gk/feed.xml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const xml = await res.text();
    wellFormed(xml);
    const feed = parseFeed(xml).toJSON();
    expect(feed).toMatchObject({ title: '测试县教育局政府信息公开', url: `${BASE}/gk/`, language: 'zh-CN', self: `${BASE}/gk/feed.xml` });
    expect([published.script, published.procurement, published.zoning].map((p) => p.slice(0, 16))).toEqual(['2026-09-03T03:00', '2026-09-02T02:00', '2026-09-01T01:00']);
    expect(feed.items.map((i) => [i.title, i.url, i.id, i.published])).toEqual([
      [SCRIPT_TITLE, `${BASE}/gk/notices/${ids.script}`, `${BASE}/gk/notices/${ids.script}`, toSecond(published.script!)],
      ['多媒体教学设备采购项目中标结果公示', `${BASE}/gk/notices/${ids.procurement}`, `${BASE}/gk/notices/${ids.procurement}`, toSecond(published.procurement!)],
      ['2026年城区义务教育学校划片招生方案', `${BASE}/gk/notices/${ids.zoning}`, `${BASE}/gk/notices/${ids.zoning}`, toSecond(published.zoning!)],
    ]);
    const zoning = feed.items[2]!;
    expect(zoning.authors.map((a) => a.name)).toEqual(['基础教育科']);
    expect(zoning.categories.map((c) => c.label)).toEqual(['招生考试', '义务教育划片']);
    expect(zoning.description).toBe('公布城区小学和初中的划片范围');
    expect(zoning.media).toEqual([expect.objectContaining({ url: 'https://files.example.gov.cn/zsfw.xlsx', length: 20480, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })]);
    // The header every reader shows, then the body with our addresses made absolute, then the attachments.
    expect(zoning.content).toBe(
      '<p>索引号：JCJYK0000000000001/ZSKS-2026-00001<br>文号：临教发〔2026〕12号<br>发布机构：基础教育科<br>发布日期：2026年9月1日</p>' +
        `<p>划片范围见附件，详见<a href="${BASE}/gk/" rel="noopener noreferrer" target="_blank">公开目录</a>。</p>` +
        '<p>附件：</p><ul><li><a href="https://files.example.gov.cn/zsfw.xlsx">附件1：城区小学招生范围.xlsx</a></li></ul>',
    );
    // The same fields structured, for portals.
    const $ = cheerio.load(xml, { xml: true });
    expect($('item').map((_, item) => $(item).find('gk\\:indexNo').text()).get()).toEqual([
      'JCJYK0000000000001/ZSKS-2026-00002',
      'JCJYK0000000000001/ZBCG-2026-00001',
      'JCJYK0000000000001/ZSKS-2026-00001',
    ]);
    expect($('item').eq(2).find('gk\\:documentNo').text()).toBe('临教发〔2026〕12号');
    expect($('item').eq(1).find('gk\\:documentNo')).toHaveLength(0);
    expect($('item').eq(2).find('gk\\:publisher').attr('code')).toBe(UNIT);
  });

  it('serves Atom with published and updated dates, authors, categories and every attachment', async () => {
    const res = await get('/gk/atom.xml');
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const xml = await res.text();
    wellFormed(xml);
    const feed = parseFeed(xml).toJSON();
    expect(feed).toMatchObject({ title: '测试县教育局政府信息公开', url: `${BASE}/gk/`, self: `${BASE}/gk/atom.xml`, language: 'zh-CN' });
    expect(feed.items.map((i) => i.title)).toEqual([SCRIPT_TITLE, '多媒体教学设备采购项目中标结果公示', '2026年城区义务教育学校划片招生方案']);
    const zoning = feed.items[2]!;
    expect(zoning).toMatchObject({ id: `${BASE}/gk/notices/${ids.zoning}`, url: `${BASE}/gk/notices/${ids.zoning}`, published: published.zoning, updated: published.zoning });
    expect(zoning.categories.map((c) => [c.term, c.label])).toEqual([['ZSKS', '招生考试'], ['zoning', '义务教育划片']]);
    expect(zoning.media).toEqual([expect.objectContaining({ url: 'https://files.example.gov.cn/zsfw.xlsx', title: '附件1：城区小学招生范围.xlsx', length: 20480 })]);
    const $ = cheerio.load(xml, { xml: true });
    expect($('entry').eq(2).find('gk\\:indexNo').text()).toBe('JCJYK0000000000001/ZSKS-2026-00001');
  });

  it('serves JSON Feed 1.1 with the required fields and a _gongkai object per item', async () => {
    const res = await get('/gk/feed.json');
    expect(res.headers.get('content-type')).toBe('application/feed+json; charset=utf-8');
    const feed: any = await res.json();
    // JSON Feed 1.1: version and title, each item an id (string) and content_html or content_text.
    expect(feed).toMatchObject({ version: 'https://jsonfeed.org/version/1.1', title: '测试县教育局政府信息公开', home_page_url: `${BASE}/gk/`, feed_url: `${BASE}/gk/feed.json`, language: 'zh-CN' });
    for (const item of feed.items) {
      expect(typeof item.id).toBe('string');
      expect(typeof item.content_html).toBe('string');
    }
    expect(feed.items[2]).toMatchObject({
      id: `${BASE}/gk/notices/${ids.zoning}`,
      url: `${BASE}/gk/notices/${ids.zoning}`,
      title: '2026年城区义务教育学校划片招生方案',
      date_published: published.zoning,
      date_modified: published.zoning,
      authors: [{ name: '基础教育科' }],
      attachments: [{ url: 'https://files.example.gov.cn/zsfw.xlsx', mime_type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', title: '附件1：城区小学招生范围.xlsx', size_in_bytes: 20480 }],
      _gongkai: { indexNo: 'JCJYK0000000000001/ZSKS-2026-00001', documentNo: '临教发〔2026〕12号', publisher: { code: UNIT, name: '基础教育科' }, category: { code: 'ZSKS', name: '招生考试' } },
    });
  });

  it('keeps a title with <script>, & and ]]> as text in every format', async () => {
    for (const path of ['/gk/feed.xml', '/gk/atom.xml']) {
      const xml = await text(path);
      wellFormed(xml);
      expect(xml).not.toContain('<script>');
      expect(parseFeed(xml).items[0]!.title).toBe(SCRIPT_TITLE);
    }
    expect((await jsonFeed('/gk/feed.json')).items[0].title).toBe(SCRIPT_TITLE);
  });

  it('serves per-category and per-topic feeds holding only their notices; unknown codes are a plain 404', async () => {
    const zsks = parseFeed(await text('/gk/categories/ZSKS/feed.xml'));
    expect(zsks.title).toBe('招生考试 - 测试县教育局政府信息公开');
    expect(zsks.url).toBe(`${BASE}/gk/categories/ZSKS`);
    expect(zsks.items.map((i) => i.title)).toEqual([SCRIPT_TITLE, '2026年城区义务教育学校划片招生方案']);
    expect(parseFeed(await text('/gk/categories/ZBCG/atom.xml')).items.map((i) => i.title)).toEqual(['多媒体教学设备采购项目中标结果公示']);
    expect((await jsonFeed('/gk/categories/JYHM/feed.json')).items).toEqual([]);
    const zoning = await jsonFeed('/gk/topics/zoning/feed.json');
    expect(zoning.items.map((i: { title: string }) => i.title)).toEqual(['2026年城区义务教育学校划片招生方案']);
    expect(zoning.feed_url).toBe(`${BASE}/gk/topics/zoning/feed.json`);

    for (const path of ['/gk/categories/NOPE/feed.xml', '/gk/topics/nope/atom.xml', `/gk/categories/${'长'.repeat(300)}/feed.json`]) {
      const res = await get(path);
      expect([path, res.status]).toEqual([path, 404]);
    }
    // A path that is not UTF-8 is refused by the router itself, still a 4xx.
    expect((await get('/gk/categories/%E0%A4%A/feed.xml')).status).toBe(400);
    const unknown = await get('/gk/categories/NOPE/feed.xml');
    expect(unknown.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await unknown.text()).toBe('未找到：没有这个栏目、专题或文件。');
  });

  it('answers 304 to If-None-Match with the current ETag', async () => {
    for (const path of ['/gk/feed.xml', '/gk/categories/ZSKS/atom.xml', '/gk/topics/zoning/feed.json', '/sitemap.xml', '/robots.txt']) {
      const first = await get(path);
      const etag = first.headers.get('etag');
      expect(etag).toMatch(/^W\/"/);
      const again = await get(path, { 'if-none-match': etag! });
      expect([path, again.status, await again.text()]).toEqual([path, 304, '']);
    }
  });

  it('lists the catalogue, every category and topic page and each public notice in the sitemap, named by robots.txt', async () => {
    const res = await get('/sitemap.xml');
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const xml = await res.text();
    wellFormed(xml);
    const $ = cheerio.load(xml, { xml: true });
    const entries = new Map($('url').map((_, u) => [[$(u).find('loc').text(), $(u).find('lastmod').text()]]).get() as [string, string][]);
    expect(entries.get(`${BASE}/gk/`)).toBe(published.script);
    expect(entries.get(`${BASE}/gk/categories/ZSKS`)).toBe('');
    expect(entries.get(`${BASE}/gk/topics/zoning`)).toBe('');
    expect([...entries.keys()].filter((u) => u.includes('/gk/categories/'))).toHaveLength(10);
    expect([...entries].filter(([u]) => u.includes('/gk/notices/'))).toEqual([
      [`${BASE}/gk/notices/${ids.script}`, published.script],
      [`${BASE}/gk/notices/${ids.procurement}`, published.procurement],
      [`${BASE}/gk/notices/${ids.zoning}`, published.zoning],
    ]);
    expect(await text('/robots.txt')).toBe(`User-agent: *\nAllow: /\n\nSitemap: ${BASE}/sitemap.xml\n`);
    // No index while one file holds every URL.
    expect((await get('/gk/sitemaps/1.xml')).status).toBe(404);
  });

  it('carries a correction (更正) as an update: new text, updated date, the line in the content, lastmod in the sitemap', async () => {
    at('2026-09-10T10:30:00+08:00');
    await correctNotice(chain, ids.zoning, { note: '更正了报名时间', title: '2026年城区义务教育学校划片招生方案（更正）' });
    const correctedAt: string = (await ok(anon.get(`/notices/${ids.zoning}`))).corrections[0].correctedAt;
    expect(correctedAt.slice(0, 16)).toBe('2026-09-10T02:30');
    const rss = parseFeed(await text('/gk/feed.xml')).toJSON();
    const corrected = rss.items.find((i) => i.url === `${BASE}/gk/notices/${ids.zoning}`)!;
    expect(corrected).toMatchObject({ title: '2026年城区义务教育学校划片招生方案（更正）', published: toSecond(published.zoning!), updated: correctedAt });
    expect(corrected.content).toContain('<p>本信息于2026年9月10日更正：更正了报名时间</p>');
    const atom = parseFeed(await text('/gk/atom.xml')).toJSON();
    expect(atom.items.find((i) => i.id === `${BASE}/gk/notices/${ids.zoning}`)).toMatchObject({ published: published.zoning, updated: correctedAt });
    const json = await jsonFeed('/gk/feed.json');
    expect(json.items.find((i: { id: string }) => i.id === `${BASE}/gk/notices/${ids.zoning}`)).toMatchObject({
      date_modified: correctedAt,
      _gongkai: { indexNo: 'JCJYK0000000000001/ZSKS-2026-00001', corrections: [{ correctedAt, note: '更正了报名时间' }] },
    });
    const $ = cheerio.load(await text('/sitemap.xml'), { xml: true });
    expect($('url').filter((_, u) => $(u).find('loc').text() === `${BASE}/gk/notices/${ids.zoning}`).find('lastmod').text()).toBe(correctedAt);
  });

  it('drops a withdrawn notice from every feed and the sitemap at once, even for a client holding the old ETag', async () => {
    at('2026-09-11T09:00:00+08:00');
    const id = await aNotice().titled('将被撤回的通知').inCategory('ZSKS').published().create(chain.editor, admin);
    const paths = ['/gk/feed.xml', '/gk/atom.xml', '/gk/feed.json', '/gk/categories/ZSKS/feed.xml', '/sitemap.xml'];
    const before = new Map<string, string>();
    for (const path of paths) {
      const res = await get(path);
      expect([path, (await res.text()).includes(`${BASE}/gk/notices/${id}`)]).toEqual([path, true]);
      before.set(path, res.headers.get('etag')!);
    }

    at('2026-09-12T09:00:00+08:00');
    await ok(chain.publisher.post(`/staff/notices/${id}/withdraw`, { version: await version(chain.publisher, id), reason: '内容有误' }));
    for (const path of paths) {
      const res = await get(path, { 'if-none-match': before.get(path)! });
      expect([path, res.status, (await res.text()).includes(`/gk/notices/${id}`)]).toEqual([path, 200, false]);
    }
    expect(parseFeed(await text('/gk/feed.xml')).items.map((i) => i.title)).toEqual([SCRIPT_TITLE, '多媒体教学设备采购项目中标结果公示', '2026年城区义务教育学校划片招生方案（更正）']);
  });
});
