import { ApiClient } from '../../support/api-client';
import { aNotice, aStaff, aUnit, bootstrapAdmin } from '../../support/builders';
import { startTestServer, type TestServer } from '../../support/test-server';

/** Walks every page of a list and returns the ids in order. */
async function walk(client: ApiClient, query: string, limit: number, between?: (page: number) => Promise<void>): Promise<number[]> {
  const seen: number[] = [];
  let cursor: string | null = null;
  let page = 0;
  do {
    const res: { status: number; body: { items: { id: number }[]; nextCursor: string | null } } = await client.get(`/notices?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status).toBe(200);
    seen.push(...res.body.items.map((n: { id: number }) => n.id));
    cursor = res.body.nextCursor;
    page += 1;
    if (between) await between(page);
  } while (cursor);
  return seen;
}

describe('cursor paging', () => {
  let server: TestServer;
  let admin: ApiClient;
  let anon: ApiClient;
  let editor: ApiClient;
  const visible: number[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    ({ admin, anonymous: anon } = await bootstrapAdmin(server));
    await aUnit(admin, 'PAGING000000000001', '基础教育科');
    editor = await aStaff(admin, 'pager', 'PAGING000000000001', ['editor']);
    for (let i = 0; i < 23; i++) {
      // Every third one mentions the search word only in its body, so search ranks split.
      const notice = aNotice()
        .titled(i % 3 === 0 ? `第${i}号通知` : `第${i}号划片公告`)
        .withBody(i % 3 === 0 ? '<p>涉及划片范围调整</p>' : '<p>正文</p>')
        .inCategory(i % 2 ? 'ZSKS' : 'JCJY')
        // A topic holding most notices and one holding two: the server reads such pages in different ways.
        .withTopics(...(i % 5 !== 4 ? ['zoning'] : i < 10 ? ['zhongkao'] : []));
      visible.push(await notice.published().create(editor, admin));
    }
    // Hidden ones interleaved: they must never show up on any page.
    await aNotice().titled('划片草稿').create(editor);
    await aNotice().titled('依申请公开的划片材料').disclosed('on_request', '涉及个人信息').published().create(editor, admin);
  });

  afterAll(() => server?.destroy());

  it('returns every visible notice exactly once across pages, newest first', async () => {
    for (const limit of [1, 4, 7, 50]) {
      const ids = await walk(anon, '', limit);
      expect(ids).toEqual([...visible].reverse());
    }
  });

  it('keeps a walk stable while new notices are published during it', async () => {
    const before = [...visible].reverse();
    const published: number[] = [];
    const ids = await walk(anon, '', 5, async (page) => {
      if (page <= 3) published.push(await aNotice().titled(`走查期间发布的划片通知${page}`).published().create(editor, admin));
    });
    expect(ids).toEqual(before);
    // A fresh walk sees them, first.
    const fresh = await walk(anon, '', 50);
    expect(fresh.slice(0, 3)).toEqual([...published].reverse());
    visible.push(...published);
  });

  it('pages search results with title matches first and each match once', async () => {
    const ids = await walk(anon, `&q=${encodeURIComponent('划片')}`, 4);
    const titleMatches = visible.filter((_, i) => i >= 23 || i % 3 !== 0).reverse();
    const bodyMatches = visible.filter((_, i) => i < 23 && i % 3 === 0).reverse();
    expect(ids).toEqual([...titleMatches, ...bodyMatches]);
  });

  it('pages a filtered list', async () => {
    const all = await walk(anon, '&category=ZSKS', 3);
    const direct = (await anon.get('/notices?category=ZSKS&limit=50')).body.items.map((n: { id: number }) => n.id);
    expect(all).toEqual(direct);
    expect(new Set(all).size).toBe(all.length);
  });

  it("pages a topic's list, a large topic and a small one alike", async () => {
    const zoning = visible.filter((_, i) => i < 23 && i % 5 !== 4).reverse();
    expect(zoning).toHaveLength(19);
    expect(await walk(anon, '&topic=zoning', 3)).toEqual(zoning);
    expect(await walk(anon, '&topic=zhongkao', 1)).toEqual([visible[9], visible[4]]);
    expect(await walk(anon, '&topic=zoning&category=ZSKS', 2)).toEqual(zoning.filter((id) => visible.indexOf(id) % 2 === 1));
  });

  it("takes a withdrawn notice off its topic's pages and puts a newly published one first", async () => {
    const zoning = await walk(anon, '&topic=zoning', 4);
    const gone = zoning[2]!;
    const leader = await aStaff(admin, 'pagingleader', 'PAGING000000000001', ['leader']);
    const version = (await leader.get(`/staff/notices/${gone}`)).body.version;
    expect((await leader.post(`/staff/notices/${gone}/withdraw`, { version, reason: '内容有误，需重新发布' })).status).toBe(200);
    const fresh = await aNotice().titled('新发布的划片公告').withTopics('zoning').published().create(editor, admin);
    expect(await walk(anon, '&topic=zoning', 4)).toEqual([fresh, ...zoning.filter((id) => id !== gone)]);
    expect(await walk(anon, '&topic=zhongkao', 1)).toEqual([visible[9], visible[4]]);
  });

  it('refuses a search cursor on a plain list', async () => {
    const first = await anon.get(`/notices?limit=2&q=${encodeURIComponent('划片')}`);
    const res = await anon.get(`/notices?limit=2&cursor=${first.body.nextCursor}`);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('INVALID_CURSOR');
  });
});
