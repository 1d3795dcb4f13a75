import type { NoticeDraftInput, QaItem, SearchResponse } from '@gongkai/shared';
import { SettableClock } from '../../../server/src/common/clock/clock';
import { FakeWechat } from '../../fakes/wechat/fake-wechat';
import { ApiClient, type ApiResponse } from '../../support/api-client';
import { aNotice, aStaff, aUnit, bootstrapAdmin } from '../../support/builders';
import { correctNotice } from '../../support/corrections';
import { ok, throughChain, version, type Chain } from '../../support/review-chain';
import { aPublicQa, allPages, noticeIds, noticeTitles, search, searchPath, sorted, suggest } from '../../support/search-builders';
import { freshDatabase, startServer, startTestServer, type TestDatabase, type TestServer } from '../../support/test-server';
import { countyXlsx } from '../../support/zoning-files';
import { publishZoningYear } from '../../support/zoning-flow';

/**
 * One search for parents (issue 18, items 3 and 4): `GET /search` over notices (办事指南 as guides),
 * the public Q&A and the 学区 answer, and `GET /search/suggest`; kept current on every instance
 * when notices are published, corrected or withdrawn. Two instances on one database, as
 * production runs: their timers wait ten minutes, so each cache check is an explicit round here.
 */
jest.setTimeout(180_000);

/** A Monday in October: outside the enrollment season, so no season weighting applies. */
const START = new Date('2026-10-12T09:00:00+08:00');
const CHINESE = /[\u4e00-\u9fff]/u;

describe('search for parents', () => {
  const wechat = new FakeWechat();
  let db: TestDatabase;
  let a: TestServer;
  let b: TestServer;
  let admin: ApiClient;
  let anonA: ApiClient;
  let anonB: ApiClient;
  let editor: ApiClient;
  let handler: ApiClient;
  /** The review chain of 基础教育科 on instance A: it publishes, corrects and withdraws. */
  let chain: Chain;
  const ids: Record<string, number> = {};

  /** Both instances' clocks move together: each publication a minute after the one before. */
  const tick = () => {
    a.clock.advance(60_000);
    b.clock.advance(60_000);
  };
  const publish = async (title: string, fields: Partial<NoticeDraftInput> = {}): Promise<number> => {
    const id = await aNotice().with(fields).titled(title).published().create(editor, admin);
    tick();
    return id;
  };

  beforeAll(async () => {
    await wechat.start();
    db = await freshDatabase();
    const env = {
      ...wechat.env(),
      PUBLIC_CACHE_POLL_MS: '600000',
      VIEW_FLUSH_MS: '600000',
      SEARCH_LOG_FLUSH_MS: '600000',
      // The per-address limit has its own test below (its own server); here every search comes from 127.0.0.1.
      RATE_LIMIT_SEARCH_MAX: '0',
    };
    // Started together: both run migrations at boot, one waits for the other.
    [a, b] = await Promise.all([startServer(db, env, new SettableClock(START)), startServer(db, env, new SettableClock(START))]);
    let bureau: string;
    ({ admin, anonymous: anonA, unitCode: bureau } = await bootstrapAdmin(a));
    anonB = new ApiClient(b.baseUrl);
    await aUnit(admin, 'SEARCH000000000001', '基础教育科');
    editor = await aStaff(admin, 'editor1', 'SEARCH000000000001', ['editor']);
    chain = {
      editor,
      unitHead: await aStaff(admin, 'head1', 'SEARCH000000000001', ['unit_head']),
      secrecy: await aStaff(admin, 'secrecy1', 'SEARCH000000000001', ['secrecy_reviewer']),
      leader: await aStaff(admin, 'leader1', 'SEARCH000000000001', ['leader']),
      publisher: await aStaff(admin, 'publisher1', 'SEARCH000000000001', ['publisher']),
    };
    handler = await aStaff(admin, 'handler1', bureau, ['inquiry_handler']);
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await db?.drop();
    await wechat.stop();
  });

  describe('what a query finds', () => {
    let qa: QaItem;
    let zoningNoticeId: number;

    beforeAll(async () => {
      ids.both = await publish('城关镇幼儿园保育员培训安排');
      ids.carer = await publish('保育员招聘公告');
      ids.openDay = await publish('幼儿园开放日活动安排');
      ids.phrase = await publish('关于课后服务收费标准的公示');
      ids.apart = await publish('收费标准调整后课后服务照常开展');
      ids.steam = await publish('2026年STEAM创客教育成果展示');
      ids.maker = await publish('青少年创客大赛获奖名单公示');
      ids.range = await publish('开发区小学招生范围公告', { categoryCode: 'ZSKS' });
      ids.guide = await publish('教师资格证认定办事指南', { categoryCode: 'BSZN' });
      ids.exam = await publish('教师资格证考试报名通知', { categoryCode: 'ZSKS' });
      // Title first, then (newer) body only: relevance, not recency, puts the title first.
      ids.titled = await publish('防溺水安全教育主题班会');
      ids.bodyOnly = await publish('寒假安全提示', { bodyHtml: '<p>严禁学生私自下河游泳，谨防溺水事故。</p>' });
      ids.pottery = await publish('陶艺社团成果展');
      ids.models = await publish('航模社团招新', {
        topicCodes: ['migrant-children', 'zhongkao'],
        attachments: [
          { name: '报名表.docx', url: 'https://www.example.gov.cn/uploads/hmbm.docx', size: 24576 },
          { name: '活动安排.pdf', url: 'https://www.example.gov.cn/uploads/hmap.pdf', size: 102400 },
        ],
      });
      // Never public: a draft, one 不予公开 and one 依申请公开.
      await aNotice().titled('陶艺课程安排（草稿）').create(editor);
      await aNotice().titled('陶艺教室改造内部讨论稿').disclosed('withheld', '属于四类过程性信息').published().create(editor, admin);
      await aNotice().titled('陶艺教师考核结果').disclosed('on_request', '涉及个人信息').published().create(editor, admin);
      // The demo county's 2026 table in effect (its 划片 notice through the chain), and two notices naming one of its addresses.
      zoningNoticeId = (await publishZoningYear(admin, 2026, await countyXlsx(2026))).noticeId;
      ids.lift = await publish('北辰花园3号楼电梯加装公示');
      ids.wall = await publish('北辰花园3号楼外墙维修公示');
      qa = await aPublicQa(anonA, wechat, handler, 'o-search-qa', { question: '校车接送路线怎么查询？', answer: '各校校车路线在学校公众号“家校通知”栏目公布。' });
      // A is where all this was published and answers from it at once (the test on two instances shows it);
      // the explicit round keeps these tests about what is found, whatever the engine's freshness.
      await a.tasks.run('public-cache');
    });

    it('requires every word, in any order, with or without a space between them', async () => {
      for (const q of ['幼儿园 保育员', '保育员 幼儿园', '幼儿园保育员', '保育员　幼儿园']) {
        const res = await search(anonA, q);
        expect({ q, ids: noticeIds(res), total: res.total, partial: res.partial }).toEqual({ q, ids: [ids.both], total: 1, partial: false });
      }
      expect((await search(anonA, '幼儿园 保育员')).highlight).toEqual(expect.arrayContaining(['幼儿园', '保育员']));
      expect(sorted(noticeIds(await search(anonA, '保育员')))).toEqual(sorted([ids.both, ids.carer]));
    });

    it('shows what holds most of the words, marked partial, when nothing holds them all', async () => {
      // Two of the three words each: 城关镇幼儿园保育员… and 幼儿园开放日…; 保育员招聘公告 holds one.
      const res = await search(anonA, '幼儿园 保育员 开放日');
      expect(res.partial).toBe(true);
      expect(sorted(noticeIds(res))).toEqual(sorted([ids.both, ids.openDay]));
    });

    it('keeps a quoted phrase together, in straight or Chinese quotes', async () => {
      expect(sorted(noticeIds(await search(anonA, '课后服务 收费标准')))).toEqual(sorted([ids.phrase, ids.apart]));
      expect(sorted(noticeIds(await search(anonA, '收费标准 课后服务')))).toEqual(sorted([ids.phrase, ids.apart]));
      expect(noticeIds(await search(anonA, '"课后服务收费标准"'))).toEqual([ids.phrase]);
      expect(noticeIds(await search(anonA, '“课后服务收费标准”'))).toEqual([ids.phrase]);
    });

    it('folds full-width to half-width, capitals to lower case and traditional to simplified characters', async () => {
      const wide = await search(anonA, 'ＳＴＥＡＭ　創客');
      expect(wide.query).toBe('steam 创客');
      expect(noticeIds(wide)).toEqual([ids.steam]);
      expect(noticeIds(await search(anonA, 'steam'))).toEqual([ids.steam]);
      const traditional = await search(anonA, '創客大賽');
      expect(traditional.query).toBe('创客大赛');
      expect(noticeIds(traditional)).toEqual([ids.maker]);
      expect(sorted(noticeIds(await search(anonA, '創客')))).toEqual(sorted([ids.steam, ids.maker]));
    });

    it('finds the other words of a synonym group (学区 ~ 划片 ~ 招生范围) and highlights the word found', async () => {
      const res = await search(anonA, '开发区 学区');
      expect({ ids: noticeIds(res), partial: res.partial }).toEqual({ ids: [ids.range], partial: false });
      expect(res.highlight).toEqual(expect.arrayContaining(['开发区', '招生范围']));
      expect(noticeIds(await search(anonA, '开发区 划片'))).toEqual([ids.range]);
      // The 划片 notice of the zoning table is found by 学区 and by 招生范围 alike.
      expect(noticeIds(await search(anonA, '学区'))).toEqual(expect.arrayContaining([ids.range, zoningNoticeId]));
      expect(noticeIds(await search(anonA, '招生范围'))).toEqual(expect.arrayContaining([ids.range, zoningNoticeId]));
    });

    it('shows a 办事指南 notice as a guide, every other notice as a notice', async () => {
      const res = await search(anonA, '教师资格证');
      expect(res.items.map((hit) => [hit.kind, hit.kind === 'guide' || hit.kind === 'notice' ? hit.notice.id : null])).toEqual(
        expect.arrayContaining([
          ['guide', ids.guide],
          ['notice', ids.exam],
        ]),
      );
      expect(res.items).toHaveLength(2);
      expect(res.total).toBe(2);
    });

    it('finds the public Q&A, as published (without the parent’s own words)', async () => {
      const res = await search(anonA, '校车');
      expect(res.items).toEqual([{ kind: 'qa', qa }]);
      expect(res.total).toBe(1);
      // The inquiry itself (its subject 家长咨询) is the parent's, never searched.
      expect((await search(anonA, '家长咨询')).items.filter((hit) => hit.kind === 'qa')).toEqual([]);
    });

    it('answers an address with the 学区 answer first, on the first page only, not counted in the total', async () => {
      const pages = await allPages(anonA, '北辰花园3号楼', 1);
      expect(pages.length).toBeGreaterThanOrEqual(2);
      expect(pages[0]!.items[0]).toMatchObject({
        kind: 'zoning',
        zoning: { status: 'matched', year: 2026, primary: { school: { name: '昌乐县北城小学' } }, notice: { id: zoningNoticeId } },
      });
      const kinds = pages.map((p) => p.items.map((hit) => hit.kind));
      expect(kinds.flat().filter((k) => k === 'zoning')).toHaveLength(1);
      expect(sorted(pages.flatMap(noticeIds))).toEqual(sorted([ids.lift, ids.wall]));
      expect(pages[0]!.total).toBe(2);
      // An address the table does not have gets no 学区 answer; nor does a query that is no address.
      for (const q of ['幸福大道88号', '保育员']) expect((await search(anonA, q)).items.map((hit) => hit.kind)).not.toContain('zoning');
    });

    it('never finds a draft, a 不予公开 or a 依申请公开 notice', async () => {
      const res = await search(anonA, '陶艺');
      expect({ ids: noticeIds(res), total: res.total }).toEqual({ ids: [ids.pottery], total: 1 });
    });

    it('ranks a title match above a newer body match, and shows the body around the word', async () => {
      const res = await search(anonA, '溺水');
      expect(noticeIds(res)).toEqual([ids.titled, ids.bodyOnly]);
      expect(res.items[0]).toMatchObject({ kind: 'notice', snippet: null });
      expect(res.items[1]).toMatchObject({ kind: 'notice', snippet: expect.stringContaining('溺水') });
    });

    it('shows a notice found as the list does: its topics in catalogue order and how many attachments it has', async () => {
      const res = await search(anonA, '航模');
      expect(res.items).toEqual([
        expect.objectContaining({
          kind: 'notice',
          notice: expect.objectContaining({
            id: ids.models,
            title: '航模社团招新',
            topics: [
              { code: 'zhongkao', name: '中考' },
              { code: 'migrant-children', name: '进城务工人员子女入学' },
            ],
            attachmentCount: 2,
          }),
        }),
      ]);
    });

    it('answers a search that finds nothing with the question to ask instead', async () => {
      const res = await search(anonA, '量子纠缠');
      expect(res).toMatchObject({ query: '量子纠缠', items: [], total: 0, nextCursor: null, partial: false, empty: { ask: '量子纠缠' } });
    });
  });

  describe('on two instances', () => {
    it('finds a notice on the instance that published it at once, on the other after its next cache check', async () => {
      const id = await throughChain(chain, 'published', '书法兴趣小组招募公告');
      expect(noticeIds(await search(anonA, '书法'))).toEqual([id]);
      await b.tasks.run('public-cache');
      expect(noticeIds(await search(anonB, '书法'))).toEqual([id]);
    });

    it('stops finding a withdrawn notice at once where it was withdrawn; the other instance checks a new answer against the database, and forgets it after its check', async () => {
      const id = await throughChain(chain, 'published', '学校游泳馆暑期开放时间');
      await b.tasks.run('public-cache');
      expect(noticeIds(await search(anonA, '游泳馆'))).toEqual([id]);
      // B has answered this search before the withdrawal.
      expect(noticeIds(await search(anonB, '游泳馆'))).toEqual([id]);

      await ok(chain.leader.post(`/staff/notices/${id}/withdraw`, { version: await version(chain.leader, id), reason: '场馆维修，暂停开放' }));
      expect(await search(anonA, '游泳馆')).toMatchObject({ items: [], total: 0 });
      // Before B's check its results are checked against the database: the notice is not shown.
      expect(noticeIds(await search(anonB, '游泳馆', { limit: 5 }))).toEqual([]);
      // The answer B built before the withdrawal is served until B's check, like every public
      // answer (PUBLIC_CACHE_POLL_MS, 1 s in production): the "within 2 s on any instance".
      expect(noticeIds(await search(anonB, '游泳馆'))).toEqual([id]);
      await b.tasks.run('public-cache');
      expect(noticeIds(await search(anonB, '游泳馆'))).toEqual([]);
      expect(await search(anonB, '游泳馆')).toMatchObject({ items: [], total: 0 });
    });

    it('finds a corrected title by its new words and no longer by the old, on both instances, quoted phrases too', async () => {
      const id = await throughChain(chain, 'published', '关于组织观看航天科普讲座的通知');
      await b.tasks.run('public-cache');
      expect(noticeIds(await search(anonB, '航天'))).toEqual([id]);
      expect(noticeIds(await search(anonB, '"航天科普讲座"'))).toEqual([id]);

      await correctNotice(chain, id, { note: '讲座主题更正为天文', title: '关于组织观看天文科普讲座的通知' });
      const seen = async (on: 'A' | 'B', anon: ApiClient) => {
        const found = await search(anon, '天文');
        return {
          on,
          titles: noticeTitles(found),
          ids: noticeIds(found),
          byOldWord: noticeIds(await search(anon, '航天')),
          byPhrase: noticeIds(await search(anon, '“天文科普讲座”')),
          byOldPhrase: noticeIds(await search(anon, '"观看航天科普"')),
        };
      };
      const expected = { titles: ['关于组织观看天文科普讲座的通知'], ids: [id], byOldWord: [], byPhrase: [id], byOldPhrase: [] };
      expect(await seen('A', anonA)).toEqual({ on: 'A', ...expected });
      await b.tasks.run('public-cache');
      expect(await seen('B', anonB)).toEqual({ on: 'B', ...expected });
    });
  });

  describe('paging', () => {
    /**
     * 25 notices holding 研学: in the title (01–05, published first), in the summary (06–15), in
     * the body only (16–25, published last). Most relevant first; equally relevant, newest first.
     */
    const EXPECTED = [
      '研学基地第05期开放安排',
      '研学基地第04期开放安排',
      '研学基地第03期开放安排',
      '研学基地第02期开放安排',
      '研学基地第01期开放安排',
      '第15期社会实践活动安排',
      '第14期社会实践活动安排',
      '第13期社会实践活动安排',
      '第12期社会实践活动安排',
      '第11期社会实践活动安排',
      '第10期社会实践活动安排',
      '第09期社会实践活动安排',
      '第08期社会实践活动安排',
      '第07期社会实践活动安排',
      '第06期社会实践活动安排',
      '第25期校外活动安排',
      '第24期校外活动安排',
      '第23期校外活动安排',
      '第22期校外活动安排',
      '第21期校外活动安排',
      '第20期校外活动安排',
      '第19期校外活动安排',
      '第18期校外活动安排',
      '第17期校外活动安排',
      '第16期校外活动安排',
    ];

    beforeAll(async () => {
      for (const n of ['01', '02', '03', '04', '05']) await publish(`研学基地第${n}期开放安排`);
      for (const n of ['06', '07', '08', '09', '10', '11', '12', '13', '14', '15']) await publish(`第${n}期社会实践活动安排`, { summary: '本期安排研学活动' });
      for (const n of ['16', '17', '18', '19', '20', '21', '22', '23', '24', '25']) await publish(`第${n}期校外活动安排`, { bodyHtml: '<p>本期组织学生参加研学，请家长配合。</p>' });
    });

    it('gives 25 results in three pages of 10, most relevant first, each once', async () => {
      const pages = await allPages(anonA, '研学', 10);
      expect(pages.map((p) => p.items.length)).toEqual([10, 10, 5]);
      expect(pages.map((p) => p.total)).toEqual([25, 25, 25]);
      expect(pages.flatMap(noticeTitles)).toEqual(EXPECTED);
      expect(new Set(pages.flatMap(noticeIds)).size).toBe(25);
      expect(pages[2]!.nextCursor).toBeNull();
    });

    it('neither repeats nor skips a result when a notice is published between two pages', async () => {
      const first = await search(anonA, '研学', { limit: 10 });
      expect(noticeTitles(first)).toEqual(EXPECTED.slice(0, 10));
      // The most relevant of all (in the title) and the newest.
      await publish('研学基地第26期开放安排');
      const second = await search(anonA, '研学', { limit: 10, cursor: first.nextCursor });
      expect(noticeTitles(second)).toEqual(EXPECTED.slice(10, 20));
      const third = await search(anonA, '研学', { limit: 10, cursor: second.nextCursor });
      expect(noticeTitles(third)).toEqual(EXPECTED.slice(20));
      expect(third.nextCursor).toBeNull();
      // A new search shows it first.
      const again = await search(anonA, '研学', { limit: 10 });
      expect({ first: noticeTitles(again)[0], total: again.total }).toEqual({ first: '研学基地第26期开放安排', total: 26 });
    });

    it('gives 10 results by default and at most 30', async () => {
      expect((await search(anonA, '研学')).items).toHaveLength(10);
      const all = await search(anonA, '研学', { limit: 30 });
      expect({ items: all.items.length, nextCursor: all.nextCursor }).toEqual({ items: 26, nextCursor: null });
    });
  });

  describe('suggestions', () => {
    it('suggests a notice whose title begins with what was typed', async () => {
      const res = await suggest(anonA, '青少年创');
      expect(res.query).toBe('青少年创');
      expect(res.suggestions).toContainEqual({ text: '青少年创客大赛获奖名单公示', kind: 'notice', noticeId: ids.maker });
      expect(res.suggestions.length).toBeLessThanOrEqual(8);
    });

    it('suggests what others often searched, once the searches are counted', async () => {
      // Searched on two days (a query one parent repeats in one sitting is never offered to others).
      for (let i = 0; i < 3; i++) expect(noticeIds(await search(anonA, '陶艺社团')).length).toBe(1);
      a.clock.advance(24 * 3_600_000);
      b.clock.advance(24 * 3_600_000);
      await a.tasks.run('search-log');
      expect((await suggest(anonA, '陶艺')).suggestions.filter((s) => s.kind === 'query')).toEqual([]);
      for (let i = 0; i < 2; i++) expect(noticeIds(await search(anonA, '陶艺社团')).length).toBe(1);
      await a.tasks.run('search-log');
      // Suggestions read the counted queries at most once a minute.
      a.clock.advance(61_000);
      b.clock.advance(61_000);
      const res = await suggest(anonA, '陶艺');
      expect(res.suggestions).toContainEqual({ text: '陶艺社团', kind: 'query' });
    });
  });

  describe('bad input', () => {
    const get = (path: string) => anonA.get(path);
    const expectRefused = (label: string, res: ApiResponse, code?: string) => {
      expect({ label, status: res.status, body: res.body }).toMatchObject({ label, status: 400, body: { statusCode: 400, code: code ?? expect.any(String), message: expect.stringMatching(CHINESE) } });
    };

    it('is never cached: the query can be an address', async () => {
      expect((await get(searchPath('北辰花园3号楼'))).headers.get('cache-control')).toBe('no-store');
      expect((await get(searchPath('招'.repeat(61)))).headers.get('cache-control')).toBe('no-store');
    });

    it('refuses a query longer than 60 characters after folding with SEARCH_QUERY_INVALID, counting characters, not UTF-16 units', async () => {
      // 61 characters; 61 full-width letters; 20 characters that fold to 80 (㍿ → 株式会社); ten thousand.
      for (const q of ['招'.repeat(61), 'Ａ'.repeat(61), '㍿'.repeat(20), 'x'.repeat(10_000)]) {
        expectRefused(`${q.slice(0, 3)}×${q.length}`, await get(searchPath(q)), 'SEARCH_QUERY_INVALID');
      }
      expectRefused('suggest ×61', await get(`/search/suggest?${new URLSearchParams({ q: '招'.repeat(61) })}`), 'SEARCH_QUERY_INVALID');
      // 60 characters; 31 emoji (62 UTF-16 units); 74 typed that fold to 5 (spaces collapse).
      for (const q of ['招'.repeat(60), '😀'.repeat(31), `招生${' '.repeat(70)}小学`]) {
        const res = await get(searchPath(q));
        expect({ q: q.slice(0, 3), status: res.status }).toEqual({ q: q.slice(0, 3), status: 200 });
      }
    });

    it('asks for something to search when the query is empty', async () => {
      for (const q of ['', '   ', '　']) expectRefused(`q=${JSON.stringify(q)}`, await get(searchPath(q)));
      expectRefused('no q', await get('/search'));
    });

    it('refuses forged cursors with INVALID_CURSOR', async () => {
      const forged = ['garbage', '[1,2]', '[1,2,3,4]', '{"a":1}', 'null', '[1,-1,0]', '["a",0,0]', '[1,2,2.5]', '[1,2,1001]'].map((json, i) => (i === 0 ? json : Buffer.from(json).toString('base64url')));
      for (const cursor of [...forged, 'x'.repeat(201)]) {
        expectRefused(`cursor ${cursor.slice(0, 24)}`, await get(searchPath('研学', { cursor })), 'INVALID_CURSOR');
      }
    });

    it('refuses bad limits, unknown and repeated parameters, arrays and nesting with a 400 in Chinese', async () => {
      const q = encodeURIComponent('研学');
      const paths = [
        `/search?q=${q}&limit=0`,
        `/search?q=${q}&limit=31`,
        `/search?q=${q}&limit=abc`,
        `/search?q=${q}&limit=1.5`,
        `/search?q=${q}&limit=-1`,
        `/search?q=${q}&limit=10&limit=20`,
        `/search?q=${q}&page=2`,
        `/search?q=${q}&q=${q}`,
        `/search?q[]=a&q[]=b`,
        `/search?q[a][b][c][d][e][f][g][h]=x`,
        `/search?${'q'.repeat(30)}=x&q=${q}`,
        `/search/suggest?q=${q}&q=b`,
        `/search/suggest?q=${q}&limit=5`,
      ];
      for (const path of paths) expectRefused(path, await get(path));
    });

    it('never fails with a 500 on odd characters: NUL, lone surrogates, broken percent-encoding, emoji', async () => {
      const odd = ['%00', '%ED%A0%80', '%ED%B0%80', '%uD800', '%E0%A4%A', '%C0%AF', '%F0%9F%98%80', '%F0%9F%91%8D%F0%9F%8F%BD', '%EF%BF%BF', 'null'];
      for (const value of odd) {
        for (const path of [`/search?q=${value}`, `/search/suggest?q=${value}`]) {
          const res = await get(path);
          expect({ path, status: res.status < 500 }).toEqual({ path, status: true });
          if (res.status >= 400) expect({ path, message: res.body.message }).toEqual({ path, message: expect.stringMatching(CHINESE) });
        }
      }
      // The route still answers.
      expect(noticeIds(await search(anonA, '陶艺'))).toEqual([ids.pottery]);
    });
  });
});

/** The per-address search limit (RATE_LIMIT_SEARCH_MAX): only searches the cache cannot answer count. */
describe('search and the per-address limit', () => {
  let server: TestServer;
  const LIMITED = { statusCode: 429, code: 'RATE_LIMITED', message: expect.stringMatching(/^操作过于频繁，请 \d+ 秒后再试$/) };

  beforeAll(async () => {
    server = await startTestServer(
      { TRUST_PROXY: 'true', RATE_LIMIT_WINDOW_SECONDS: '60', RATE_LIMIT_SEARCH_MAX: '3', PUBLIC_CACHE_POLL_MS: '600000' },
      new SettableClock(START),
    );
    const { admin } = await bootstrapAdmin(server);
    await aUnit(admin, 'SEARCH000000000001', '基础教育科');
    const editor = await aStaff(admin, 'editor1', 'SEARCH000000000001', ['editor']);
    await aNotice().titled('秋季招生简章').inCategory('ZSKS').published().create(editor, admin);
  });

  afterAll(() => server?.destroy());

  it('counts a search the cache cannot answer, never a repeat it can', async () => {
    const from = (address: string) => (q: string) => new ApiClient(server.baseUrl).get(searchPath(q), { 'x-forwarded-for': address });
    const parent = from('203.0.113.70');
    const repeated: ApiResponse[] = [];
    for (let i = 0; i < 5; i++) repeated.push(await parent('招生'));
    expect(repeated.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(noticeTitles(repeated[4]!.body as SearchResponse)).toEqual(['秋季招生简章']);
    expect((await parent('中考')).status).toBe(200);
    expect((await parent('划片')).status).toBe(200);
    const limited = await parent('入学');
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual(LIMITED);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // While limited: the cached search still answers; another address is not limited.
    expect((await parent('招生')).status).toBe(200);
    expect((await from('203.0.113.71')('入学')).status).toBe(200);
  });
});
