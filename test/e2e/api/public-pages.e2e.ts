import { CATEGORY_SEEDS, TOPIC_SEEDS } from '@gongkai/shared';
import { SettableClock } from '../../../server/src/common/clock/clock';
import { ViewStatsService } from '../../../server/src/catalog/views/view-stats.service';
import { ApiClient } from '../../support/api-client';
import { aNotice, aStaff, aUnit, bootstrapAdmin } from '../../support/builders';
import { correctNotice } from '../../support/corrections';
import { ok, version } from '../../support/review-chain';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * The public web pages (/gk/…) as a browser or a search engine reads them: HTML rendered on the
 * server, canonical and Open Graph addresses from PUBLIC_BASE_URL (or the portal's once it told
 * us), numbered pages, 404 / 410 / 400 pages in HTML, ETags, and the views they count per channel.
 */
const BASE = 'https://jyj.example.gov.cn';

interface Page {
  status: number;
  headers: Headers;
  text: string;
}

describe('public web pages', () => {
  let server: TestServer;
  let admin: ApiClient;
  let editor: ApiClient;
  let leader: ApiClient;
  let anon: ApiClient;
  const ids: Record<string, number> = {};
  /** The notices of 教育督导 (JYDD), oldest first: 21, one more than a page holds. */
  const supervision: number[] = [];

  const get = async (path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Page> => {
    const res = await fetch(`${server.baseUrl}${path}`, { headers, method, redirect: 'manual' });
    return { status: res.status, headers: res.headers, text: await res.text() };
  };
  const attr = (text: string, pattern: RegExp) => pattern.exec(text)?.[1];
  const canonicalOf = (text: string) => attr(text, /<link rel="canonical" href="([^"]+)">/);
  const og = (text: string, property: string) => attr(text, new RegExp(`<meta property="og:${property}" content="([^"]*)">`));
  const noticeLinks = (text: string) => [...text.matchAll(/<a class="title" href="\/gk\/notices\/(\d+)">/g)].map((m) => Number(m[1]));

  beforeAll(async () => {
    // Views are flushed by explicit rounds (the timer waits ten minutes); notices are published on the evening of 2026-09-01.
    server = await startTestServer({ PUBLIC_BASE_URL: BASE, VIEW_FLUSH_MS: '600000' }, new SettableClock(new Date('2026-09-01T21:00:00+08:00')));
    ({ admin, anonymous: anon } = await bootstrapAdmin(server));
    await aUnit(admin, 'JCJYK0000000000001', '基础教育科');
    editor = await aStaff(admin, 'editor1', 'JCJYK0000000000001', ['editor']);
    leader = await aStaff(admin, 'leader1', 'JCJYK0000000000001', ['leader']);

    ids.zoning = await aNotice()
      .titled('2026年城区义务教育学校划片招生方案')
      .inCategory('ZSKS')
      .withTopics('zoning')
      .with({ documentNo: '乐教发〔2026〕12号', summary: '城区小学和初中的划片范围与报名时间' })
      .withBody(
        '<h3>一、划片范围</h3><p>按学区划片。</p><h4>（一）小学</h4><p>见下表。</p>' +
          '<table><tbody><tr><th>学校</th><th>范围</th></tr><tr><td>实验小学</td><td>城关街道</td></tr></tbody></table>' +
          '<p><img src="https://img.example.cn/map.png"><img src="https://img.example.cn/b.png" alt="学区图"></p>',
      )
      .published()
      .create(editor, admin);
    ids.script = await aNotice().titled('<script>alert(1)</script>招生公告 & "通知"').inCategory('ZSKS').published().create(editor, admin);
    ids.draft = await aNotice().titled('划片草稿（未发布）').inCategory('ZSKS').create(editor);
    ids.onRequest = await aNotice().titled('教师考核结果（依申请公开）').disclosed('on_request', '涉及个人信息').published().create(editor, admin);
    ids.withdrawn = await aNotice().titled('一则将被撤回的通知').inCategory('ZSKS').published().create(editor, admin);
    for (let i = 1; i <= 21; i += 1) {
      supervision.push(await aNotice().titled(`督导简报第${i}期`).inCategory('JYDD').published().create(editor, admin));
    }
  });

  afterAll(() => server?.destroy());

  it('serves the catalogue at /gk/ with the ten categories, their counts and latest notices, and the topics', async () => {
    const res = await get('/gk/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.text).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
    expect(res.text).toContain('<title>测试县教育局政府信息公开</title>');
    for (const category of CATEGORY_SEEDS) expect(res.text).toContain(`<a href="/gk/categories/${category.code}">${category.name}</a>`);
    for (const topic of TOPIC_SEEDS) expect(res.text).toContain(`<a href="/gk/topics/${topic.code}">${topic.name}</a>`);
    expect(res.text).toContain('<a href="/gk/categories/JYDD">教育督导</a> <span class="count">（21 条）</span>');
    expect(res.text).toContain('<a href="/gk/categories/ZSKS">招生考试</a> <span class="count">（3 条）</span>');
    expect(res.text).toContain('<a href="/gk/topics/zoning">义务教育划片</a> <span class="count">（1 条）</span>');
    // The three latest of 教育督导 under its name.
    expect(res.text).toContain(`<a href="/gk/notices/${supervision[20]}">督导简报第21期</a>`);
    expect(res.text).not.toContain(`督导简报第18期`);
    expect(res.text).toContain('共 24 条');
    expect(canonicalOf(res.text)).toBe(`${BASE}/gk/`);
    expect(res.text).toContain('<link rel="alternate" type="application/rss+xml" title="测试县教育局政府信息公开：全部信息（RSS）" href="/gk/feed.xml">');
    // Without the slash: redirected to the catalogue's one address.
    const bare = await get('/gk');
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/gk/');
  });

  it('renders a notice with 索引号, 文号, unit, date, body and its canonical and Open Graph addresses', async () => {
    const staffView = (await admin.get(`/staff/notices/${ids.zoning}`)).body;
    const res = await get(`/gk/notices/${ids.zoning}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<title>2026年城区义务教育学校划片招生方案 - 测试县教育局政府信息公开</title>');
    expect(res.text.match(/<h1>/g)).toHaveLength(1);
    expect(res.text).toContain('<h1>2026年城区义务教育学校划片招生方案</h1>');
    expect(res.text).toContain(`<div><dt>索引号</dt><dd>${staffView.indexNo}</dd></div>`);
    expect(res.text).toContain('<div><dt>文号</dt><dd>乐教发〔2026〕12号</dd></div>');
    expect(res.text).toContain('<div><dt>发布机构</dt><dd>基础教育科</dd></div>');
    expect(res.text).toContain('<div><dt>发布日期</dt><dd><time datetime="2026-09-01">2026-09-01</time></dd></div>');
    expect(res.text).toContain('<a href="/gk/topics/zoning">义务教育划片</a>');
    // The body's h3/h4 continue the page's outline as h2/h3; pictures have text; the table scrolls in its own region.
    expect(res.text).toContain('<h2>一、划片范围</h2><p>按学区划片。</p><h3>（一）小学</h3>');
    expect(res.text).toContain('<img alt="“2026年城区义务教育学校划片招生方案”插图1" src="https://img.example.cn/map.png" />');
    expect(res.text).toContain('<img src="https://img.example.cn/b.png" alt="学区图" />');
    expect(res.text).toContain('<div class="table-scroll" role="region" tabindex="0" aria-label="表格1"><table>');
    // Breadcrumbs: catalogue › category › this notice.
    expect(res.text).toContain('<li><a href="/gk/categories/ZSKS">招生考试</a></li><li aria-current="page">2026年城区义务教育学校划片招生方案</li>');
    expect(canonicalOf(res.text)).toBe(`${BASE}/gk/notices/${ids.zoning}`);
    expect(og(res.text, 'url')).toBe(`${BASE}/gk/notices/${ids.zoning}`);
    expect(og(res.text, 'type')).toBe('article');
    expect(og(res.text, 'title')).toBe('2026年城区义务教育学校划片招生方案');
    expect(og(res.text, 'description')).toBe('城区小学和初中的划片范围与报名时间');
    expect(og(res.text, 'site_name')).toBe('测试县教育局政府信息公开');
    expect(og(res.text, 'locale')).toBe('zh_CN');
  });

  it('names the portal’s address as canonical once the portal told us where it published the notice', async () => {
    const client = await admin.post('/staff/portal/clients', { name: '县政府门户网站' });
    expect(client.status).toBe(201);
    const portal = new ApiClient(server.baseUrl, client.body.key);
    const portalUrl = 'https://www.example.gov.cn/jyj/zsks/202609/t20260901_1.html';
    await ok(portal.put(`/sync/notices/${ids.zoning}/portal-url`, { url: portalUrl }));
    const res = await get(`/gk/notices/${ids.zoning}`);
    expect(canonicalOf(res.text)).toBe(portalUrl);
    expect(og(res.text, 'url')).toBe(portalUrl);
    await ok(portal.put(`/sync/notices/${ids.zoning}/portal-url`, { url: null }));
    expect(canonicalOf((await get(`/gk/notices/${ids.zoning}`)).text)).toBe(`${BASE}/gk/notices/${ids.zoning}`);
  });

  it('shows a corrected notice’s new text with a 更正说明 line, under the same 索引号', async () => {
    const id = await aNotice().titled('2026年秋季学期开学时间通知').inCategory('JCJY').withBody('<p>9月2日开学。</p>').published().create(editor, admin);
    const indexNo = (await admin.get(`/staff/notices/${id}`)).body.indexNo;
    const chain = {
      editor,
      unitHead: await aStaff(admin, 'head1', 'JCJYK0000000000001', ['unit_head']),
      secrecy: await aStaff(admin, 'secrecy1', 'JCJYK0000000000001', ['secrecy_reviewer']),
      leader,
      publisher: await aStaff(admin, 'publisher1', 'JCJYK0000000000001', ['publisher']),
    };
    await correctNotice(chain, id, { note: '开学日期由9月2日更正为9月1日', bodyHtml: '<p>9月1日开学。</p>' });
    const res = await get(`/gk/notices/${id}`);
    expect(res.text).toContain('<h2 id="corrections-title">更正说明</h2>\n<ul><li><time datetime="2026-09-01">2026-09-01</time> 更正：开学日期由9月2日更正为9月1日</li></ul>');
    expect(res.text).toContain('<p>9月1日开学。</p>');
    expect(res.text).not.toContain('9月2日开学');
    expect(res.text).toContain(`<div><dt>索引号</dt><dd>${indexNo}</dd></div>`);
  });

  it('escapes a title with markup everywhere it appears', async () => {
    const page = await get(`/gk/notices/${ids.script}`);
    const list = await get('/gk/categories/ZSKS');
    for (const text of [page.text, list.text]) {
      expect(text).not.toContain('<script>');
      expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;招生公告 &amp; &quot;通知&quot;');
    }
    expect(og(page.text, 'title')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;招生公告 &amp; &quot;通知&quot;');
  });

  it('answers 404 pages in HTML for what the public may not read and for unknown addresses', async () => {
    for (const path of [`/gk/notices/${ids.draft}`, `/gk/notices/${ids.onRequest}`, '/gk/notices/999999', '/gk/notices/abc', '/gk/notices/0', '/gk/notices/1.5', '/gk/notices/99999999999999999999', '/gk/categories/NOPE', '/gk/topics/nope', '/gk/categories/%3Cscript%3E', '/gk/assets/site.css', '/gk/nothing/here', '/gk/categories/JYDD/extra']) {
      const res = await get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.text).toContain('<h1>页面不存在</h1>');
      expect(res.text).toContain('<meta name="robots" content="noindex">');
    }
  });

  it('numbers the pages of a category, 20 a page, newest first, with links a crawler can follow', async () => {
    const first = await get('/gk/categories/JYDD');
    expect(first.status).toBe(200);
    expect(noticeLinks(first.text)).toEqual([...supervision].reverse().slice(0, 20));
    expect(first.text).toContain('共 21 条，第 1 页 / 共 2 页');
    expect(first.text).toContain('<a rel="next" href="/gk/categories/JYDD?page=2">下一页</a>');
    expect(canonicalOf(first.text)).toBe(`${BASE}/gk/categories/JYDD`);
    // Its feeds, announced in the head and linked on the page, answer (served beside the pages).
    expect(first.text).toContain('<link rel="alternate" type="application/atom+xml" title="测试县教育局政府信息公开：教育督导（Atom）" href="/gk/categories/JYDD/atom.xml">');
    expect(first.text).toContain('<a href="/gk/categories/JYDD/feed.json" type="application/feed+json">JSON Feed</a>');
    for (const feed of ['/gk/categories/JYDD/feed.xml', '/gk/categories/JYDD/atom.xml', '/gk/categories/JYDD/feed.json', '/gk/feed.xml']) {
      expect({ feed, status: (await get(feed)).status }).toEqual({ feed, status: 200 });
    }
    const second = await get('/gk/categories/JYDD?page=2');
    expect(noticeLinks(second.text)).toEqual([supervision[0]]);
    expect(second.text).toContain('<a rel="prev" href="/gk/categories/JYDD">上一页</a>');
    expect(second.text).toContain('<a href="/gk/categories/JYDD?page=2" aria-current="page" aria-label="第 2 页，当前页">2</a>');
    expect(canonicalOf(second.text)).toBe(`${BASE}/gk/categories/JYDD?page=2`);
    expect(second.text).toContain('<title>教育督导（第 2 页） - 测试县教育局政府信息公开</title>');
    // A topic's page lists its notices the same way.
    const topic = await get('/gk/topics/zoning');
    expect(noticeLinks(topic.text)).toEqual([ids.zoning]);
    expect(topic.text).toContain('共 1 条');
  });

  it('refuses page numbers that are not pages with a 400 page, and pages past the last with a 404 page', async () => {
    for (const query of ['page=0', 'page=-1', 'page=abc', 'page=1.5', 'page=', 'page=1&page=2', `page=${'9'.repeat(30)}`]) {
      const res = await get(`/gk/categories/JYDD?${query}`);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.text).toContain('<h1>页码无效</h1>');
    }
    const past = await get('/gk/categories/JYDD?page=3');
    expect(past.status).toBe(404);
    expect(past.text).toContain('该栏目共 2 页，没有第 3 页。');
    // An empty category is one page that says so.
    const empty = await get('/gk/categories/ZBCG');
    expect(empty.status).toBe(200);
    expect(empty.text).toContain('暂无公开信息。');
  });

  it('sends ETags and answers 304 when the reader has the current page; the stylesheet is cached for good', async () => {
    for (const path of ['/gk/', '/gk/categories/ZSKS', `/gk/notices/${ids.script}`]) {
      const first = await get(path);
      const etag = first.headers.get('etag')!;
      expect(etag).toMatch(/^W\/"/);
      expect(first.headers.get('cache-control')).toBe('no-cache');
      const again = await get(path, { 'if-none-match': etag });
      expect({ path, status: again.status, body: again.text }).toEqual({ path, status: 304, body: '' });
    }
    const sheet = /<link rel="stylesheet" href="(\/gk\/assets\/site\.[0-9a-f]{12}\.css)">/.exec((await get('/gk/')).text)![1]!;
    const css = await get(sheet);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    // No inline script anywhere, and the pages keep the site's Content-Security-Policy.
    const home = await get('/gk/');
    expect(home.text).not.toMatch(/<script|style="/);
    expect(home.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('answers 410 with a short explanation once a notice is withdrawn, and drops it from the lists', async () => {
    const indexNo = (await admin.get(`/staff/notices/${ids.withdrawn}`)).body.indexNo;
    expect((await get('/gk/categories/ZSKS')).text).toContain(`/gk/notices/${ids.withdrawn}"`);
    await ok(leader.post(`/staff/notices/${ids.withdrawn}/withdraw`, { version: await version(leader, ids.withdrawn), reason: '内容有误，另行发布' }));
    const res = await get(`/gk/notices/${ids.withdrawn}`);
    expect(res.status).toBe(410);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.text).toContain('<h1>该信息已撤回</h1>');
    expect(res.text).toContain(`索引号为 ${indexNo} 的信息已于 <time datetime="2026-09-01">2026-09-01</time> 撤回，不再公开。`);
    expect(res.text).toContain('<a href="/gk/">信息公开目录</a>');
    // Neither the title nor the reviewers' reason is repeated.
    expect(res.text).not.toContain('一则将被撤回的通知');
    expect(res.text).not.toContain('内容有误');
    const list = await get('/gk/categories/ZSKS');
    expect(list.text).not.toContain(`/gk/notices/${ids.withdrawn}"`);
    expect(list.text).toContain('共 2 条');
  });

  it('counts views per notice, day and channel: mini-program, H5, web pages and other API clients', async () => {
    const id = supervision[0]!;
    await anon.get(`/notices/${id}`, { 'X-Client-Channel': 'weapp' });
    await anon.get(`/notices/${id}`, { 'X-Client-Channel': 'weapp' });
    await anon.get(`/notices/${id}`, { 'X-Client-Channel': 'h5' });
    await anon.get(`/notices/${id}`);
    await anon.get(`/notices/${id}`, { 'X-Client-Channel': 'web' });
    const page = await get(`/gk/notices/${id}`);
    await get(`/gk/notices/${id}`);
    // A reader's browser revalidating counts; a HEAD request does not.
    await get(`/gk/notices/${id}`, { 'if-none-match': page.headers.get('etag')! });
    expect((await get(`/gk/notices/${id}`, {}, 'HEAD')).status).toBe(200);
    await server.tasks.run('view-counter');
    const first = await admin.get(`/staff/notices/${id}/views`);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      noticeId: id,
      total: 8,
      byChannel: { weapp: 2, h5: 1, web: 3, api: 2 },
      days: [{ day: '2026-09-01', weapp: 2, h5: 1, web: 3, api: 2, total: 8 }],
    });

    // The next Shanghai day starts at 16:00 UTC.
    server.clock.set(new Date('2026-09-02T00:30:00+08:00'));
    await get(`/gk/notices/${id}`);
    await anon.get(`/notices/${id}`, { 'X-Client-Channel': 'h5' });
    await server.tasks.run('view-counter');
    const second = await admin.get(`/staff/notices/${id}/views`);
    expect(second.body.total).toBe(10);
    expect(second.body.byChannel).toEqual({ weapp: 2, h5: 2, web: 4, api: 2 });
    expect(second.body.days).toEqual([
      { day: '2026-09-01', weapp: 2, h5: 1, web: 3, api: 2, total: 8 },
      { day: '2026-09-02', weapp: 0, h5: 1, web: 1, api: 0, total: 2 },
    ]);
    // The staff copy's running total agrees.
    expect((await admin.get(`/staff/notices/${id}`)).body.viewCount).toBe(10);

    // The yearly report's sums (issue 17): every notice's views in 2026, none in 2025.
    const stats = server.app.get(ViewStatsService);
    const year = await stats.year(2026);
    expect(year.year).toBe(2026);
    expect(year.byChannel.weapp).toBe(2);
    expect(year.total).toBe(year.byChannel.weapp + year.byChannel.h5 + year.byChannel.web + year.byChannel.api);
    expect(await stats.year(2025)).toEqual({ year: 2025, byChannel: { weapp: 0, h5: 0, web: 0, api: 0 }, total: 0 });
  });

  it('shows a notice’s views only to staff who may see the notice', async () => {
    const id = supervision[0]!;
    await aUnit(admin, 'SCHOOL000000000001', '昌乐县实验小学', 'school');
    const otherUnit = await aStaff(admin, 'school-editor', 'SCHOOL000000000001', ['editor']);
    expect((await otherUnit.get(`/staff/notices/${id}/views`)).status).toBe(404);
    expect((await anon.get(`/staff/notices/${id}/views`)).status).toBe(401);
    expect((await editor.get(`/staff/notices/${id}/views`)).status).toBe(200);
    expect((await admin.get('/staff/notices/abc/views')).status).toBe(404);
    expect((await admin.get('/staff/notices/999999/views')).status).toBe(404);
  });
});
