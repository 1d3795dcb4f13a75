import { SettableClock } from '../../../server/src/common/clock/clock';
import { ApiClient } from '../../support/api-client';
import { aNotice, bootstrapAdmin } from '../../support/builders';
import { correctNotice } from '../../support/corrections';
import { aChain, ok, throughChain, version, type Chain } from '../../support/review-chain';
import { startTestServer, type TestServer } from '../../support/test-server';

const UNIT = 'JCJY00000000000001';
const CENTER = 'XXFB00000000000001';
const BASE = 'https://gk.example.edu.cn';
const START = new Date('2026-09-01T09:00:00+08:00');
const REFUSED = { statusCode: 401, code: 'UNAUTHENTICATED', message: '门户密钥缺失、无效或已撤销，请在 Authorization 中以 Bearer 方式提供有效的门户密钥' };

/** The change feed as a portal reads it: pages until hasMore is false; returns what it read and where to resume. */
async function readAll(portal: ApiClient, since: string | null, limit = 100): Promise<{ changes: any[]; cursor: string; pages: number }> {
  const changes: any[] = [];
  let cursor = since;
  let pages = 0;
  for (;;) {
    const page = await ok(portal.get(`/sync/changes?limit=${limit}${cursor ? `&since=${encodeURIComponent(cursor)}` : ''}`));
    changes.push(...page.changes);
    cursor = page.cursor;
    pages++;
    if (!page.hasMore) return { changes, cursor: page.cursor, pages };
  }
}

describe('change feed for the county portal (/sync)', () => {
  let server: TestServer;
  let admin: ApiClient;
  let anon: ApiClient;
  let s: Chain;

  beforeAll(async () => {
    server = await startTestServer({ PUBLIC_BASE_URL: BASE }, new SettableClock(START));
    ({ admin, anonymous: anon } = await bootstrapAdmin(server));
    s = await aChain(admin, UNIT, CENTER);
  });

  afterAll(() => server?.destroy());

  const newKey = async (name: string): Promise<ApiClient> => {
    const res = await admin.post('/staff/portal/clients', { name });
    expect(res.status).toBe(201);
    return anon.as(res.body.key);
  };

  it('shows a new key once, lists keys without it, refuses it once revoked', async () => {
    expect((await s.editor.post('/staff/portal/clients', { name: '门户' })).status).toBe(403);
    expect((await s.editor.get('/staff/portal/clients')).status).toBe(403);

    const created = await admin.post('/staff/portal/clients', { name: '  县政府门户网站（TRS）  ' });
    expect(created.status).toBe(201);
    const key: string = created.body.key;
    expect(key).toMatch(/^gkp_[A-Za-z0-9_-]{43}$/);
    expect(created.body).toEqual({ id: expect.any(Number), name: '县政府门户网站（TRS）', keyPrefix: key.slice(0, 12), createdBy: 'root', createdAt: expect.any(String), lastUsedAt: null, revokedAt: null, key });
    expect(Math.abs(Date.parse(created.body.createdAt) - server.clock.nowMs())).toBeLessThan(60_000);
    const id = created.body.id;

    const listed = await admin.get('/staff/portal/clients');
    expect(listed.body).toEqual([{ id, name: '县政府门户网站（TRS）', keyPrefix: key.slice(0, 12), createdBy: 'root', createdAt: created.body.createdAt, lastUsedAt: null, revokedAt: null }]);
    expect(listed.text).not.toContain(key.slice(12));
    const audit = await admin.get('/staff/audit?entityType=portal_client');
    expect(audit.body.items.map((e: any) => e.action)).toEqual(['portal_client.create']);
    expect(audit.text).not.toContain(key.slice(12));

    // A use is recorded, at most once a minute.
    const portal = anon.as(key);
    expect((await portal.get('/sync/changes')).status).toBe(200);
    const firstUse = (await admin.get('/staff/portal/clients')).body[0].lastUsedAt;
    expect(firstUse).not.toBeNull();
    server.clock.advance(30_000);
    await ok(portal.get('/sync/changes'));
    expect((await admin.get('/staff/portal/clients')).body[0].lastUsedAt).toBe(firstUse);
    server.clock.advance(31_000);
    await ok(portal.get('/sync/changes'));
    expect(Date.parse((await admin.get('/staff/portal/clients')).body[0].lastUsedAt) - Date.parse(firstUse)).toBeGreaterThanOrEqual(61_000);

    // Revoked: refused at once, the same answer as no key, an unknown key, or a staff token.
    expect((await admin.delete(`/staff/portal/clients/${id}`)).status).toBe(204);
    const answers = [
      await portal.get('/sync/changes'),
      await anon.get('/sync/changes'),
      await anon.as(`gkp_${'A'.repeat(43)}`).get('/sync/changes'),
      await anon.as('not-a-key').get('/sync/changes'),
      await admin.get('/sync/changes'),
      await portal.put('/sync/notices/1/portal-url', { url: 'https://www.example.gov.cn/1.html' }),
    ];
    expect(answers.map((r) => [r.status, r.body])).toEqual(answers.map(() => [401, REFUSED]));
    const revoked = (await admin.get('/staff/portal/clients')).body[0];
    expect(revoked.revokedAt).not.toBeNull();
    // Revoking again changes nothing; an unknown id is a 404.
    expect((await admin.delete(`/staff/portal/clients/${id}`)).status).toBe(204);
    expect((await admin.get('/staff/portal/clients')).body[0].revokedAt).toBe(revoked.revokedAt);
    expect((await admin.delete('/staff/portal/clients/99999')).status).toBe(404);
    expect((await admin.get('/staff/audit?entityType=portal_client')).body.items.map((e: any) => e.action)).toEqual(['portal_client.revoke', 'portal_client.create']);
  });

  it('pages through five changes two at a time with the full content, and resumes from a saved cursor', async () => {
    const portal = await newKey('分页门户');
    const { cursor: start } = await readAll(portal, null);

    const ids: number[] = [];
    for (const n of [1, 2, 3, 4, 5]) ids.push(await throughChain(s, 'published', `变更流测试${n}`));
    const p1 = await ok(portal.get(`/sync/changes?since=${start}&limit=2`));
    expect([p1.changes.map((c: any) => c.noticeId), p1.hasMore]).toEqual([ids.slice(0, 2), true]);
    const p2 = await ok(portal.get(`/sync/changes?since=${p1.cursor}&limit=2`));
    expect([p2.changes.map((c: any) => c.noticeId), p2.hasMore]).toEqual([ids.slice(2, 4), true]);
    // The portal goes down here, with p2's cursor saved; meanwhile one more is published.
    const saved = p2.cursor;
    ids.push(await throughChain(s, 'published', '变更流测试6'));
    const resumed = await readAll(portal, saved, 2);
    expect(resumed.changes.map((c: any) => c.noticeId)).toEqual(ids.slice(4));
    expect(resumed.pages).toBe(1);

    const first = p1.changes[0];
    const detail = await ok(anon.get(`/notices/${ids[0]}`));
    expect(first).toEqual({
      seq: expect.any(Number),
      kind: 'published',
      noticeId: ids[0],
      indexNo: detail.indexNo,
      changedAt: detail.publishedAt,
      notice: expect.objectContaining({ id: ids[0], title: '变更流测试1', indexNo: detail.indexNo, bodyHtml: '<p>正文内容</p>', url: `${BASE}/gk/notices/${ids[0]}`, portalUrl: null, corrections: [], updatedAt: detail.publishedAt }),
      reason: null,
    });
    expect([...p1.changes, ...p2.changes, ...resumed.changes].map((c: any) => c.seq)).toEqual([...Array(6).keys()].map((i) => first.seq + i));

    // At the end: nothing more, and the cursor stays where it was.
    const end = await ok(portal.get(`/sync/changes?since=${resumed.cursor}`));
    expect(end).toEqual({ changes: [], cursor: resumed.cursor, hasMore: false });
  });

  it('gives a withdrawal as withdrawn without content, and the notice once, at its latest position', async () => {
    const portal = await newKey('撤回门户');
    const id = await throughChain(s, 'published', '将被撤回的通知');
    const indexNo = (await ok(anon.get(`/notices/${id}`))).indexNo;
    const { cursor } = await readAll(portal, null);
    await ok(s.leader.post(`/staff/notices/${id}/withdraw`, { version: await version(s.leader, id), reason: '内容有误' }));

    const after = await ok(portal.get(`/sync/changes?since=${cursor}`));
    expect(after.changes).toEqual([{ seq: expect.any(Number), kind: 'withdrawn', noticeId: id, indexNo, changedAt: expect.any(String), notice: null, reason: null }]);
    // A new mirror reading from the start sees it once, as withdrawn (never its publication).
    const fromStart = (await readAll(portal, null)).changes.filter((c: any) => c.noticeId === id);
    expect(fromStart.map((c: any) => c.kind)).toEqual(['withdrawn']);
  });

  it('gives a correction as updated, with the corrected text and the same 索引号', async () => {
    const portal = await newKey('更正门户');
    const id = await throughChain(s, 'published', '关于中考报名时间的通知');
    const original = await ok(anon.get(`/notices/${id}`));
    const { cursor } = await readAll(portal, null);

    await correctNotice(s, id, { note: '报名截止时间由5月10日更正为5月20日', bodyHtml: '<p>报名截止时间为5月20日。</p>' });
    const after = await ok(portal.get(`/sync/changes?since=${cursor}`));
    expect(after.changes).toHaveLength(1);
    expect(after.changes[0]).toMatchObject({ kind: 'updated', noticeId: id, indexNo: original.indexNo, reason: null });
    expect(after.changes[0].notice).toMatchObject({
      title: '关于中考报名时间的通知',
      indexNo: original.indexNo,
      publishedAt: original.publishedAt,
      bodyHtml: '<p>报名截止时间为5月20日。</p>',
      corrections: [{ correctedAt: after.changes[0].changedAt, note: '报名截止时间由5月10日更正为5月20日' }],
      updatedAt: after.changes[0].changedAt,
    });
  });

  it('takes the portal’s own address of a public notice: the detail and the page name it, no change is logged', async () => {
    const portal = await newKey('县政府门户网站');
    const id = await throughChain(s, 'published', '门户地址测试');
    const staffVersion = await version(s.editor, id);
    const { cursor } = await readAll(portal, null);
    const url = 'https://www.example.gov.cn/jyj/zfxxgk/202609/t20260901_1234.html';

    expect(await ok(portal.put(`/sync/notices/${id}/portal-url`, { url }))).toEqual({ noticeId: id, portalUrl: url });
    expect((await ok(anon.get(`/notices/${id}`))).portalUrl).toBe(url);
    const page = await fetch(`${server.baseUrl}/gk/notices/${id}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`<link rel="canonical" href="${url}">`);
    // The portal's data, not an edit: no change in the feed, staff's version unchanged.
    expect(await ok(portal.get(`/sync/changes?since=${cursor}`))).toMatchObject({ changes: [], hasMore: false });
    expect(await version(s.editor, id)).toBe(staffVersion);
    const audit = await ok(admin.get(`/staff/audit?entityType=notice&entityId=${id}`));
    expect(audit.items[0]).toMatchObject({ action: 'notice.portal_url', actorId: null, before: { portalUrl: null }, after: { portalUrl: url, portalClient: '县政府门户网站' } });

    // Host lower-cased and spaces escaped, as the parser writes them; null clears it.
    expect((await ok(portal.put(`/sync/notices/${id}/portal-url`, { url: 'HTTP://WWW.Example.gov.cn/a b.html' }))).portalUrl).toBe('http://www.example.gov.cn/a%20b.html');
    expect((await ok(portal.put(`/sync/notices/${id}/portal-url`, { url: null }))).portalUrl).toBeNull();
    expect((await ok(anon.get(`/notices/${id}`))).portalUrl).toBeNull();

    // Only public notices; only http(s) addresses up to 500 characters.
    const draft = await aNotice().titled('草稿').create(s.editor);
    const withdrawn = await throughChain(s, 'published', '撤回后不接受门户地址');
    await ok(s.leader.post(`/staff/notices/${withdrawn}/withdraw`, { version: await version(s.leader, withdrawn), reason: '过期' }));
    for (const target of [draft, withdrawn, 99999, 'abc']) {
      const res = await portal.put(`/sync/notices/${target}/portal-url`, { url });
      expect({ target, status: res.status, code: res.body.code }).toEqual({ target, status: 404, code: 'NOT_FOUND' });
    }
    const bad: [unknown, string][] = [
      [{ url: 'ftp://www.example.gov.cn/a.html' }, 'url'],
      [{ url: 'javascript:alert(1)' }, 'url'],
      [{ url: '/jyj/a.html' }, 'url'],
      [{ url: `https://www.example.gov.cn/${'a'.repeat(480)}` }, 'url'],
      [{ url: ['https://www.example.gov.cn/a.html'] }, 'url'],
      [{}, 'url'],
      [{ url, extra: 1 }, 'extra'],
    ];
    for (const [body, field] of bad) {
      const res = await portal.put(`/sync/notices/${id}/portal-url`, body);
      expect({ body, status: res.status, field: res.body.details?.[0]?.field }).toEqual({ body, status: 400, field });
    }
    expect((await ok(anon.get(`/notices/${id}`))).portalUrl).toBeNull();
  });

  it('refuses bad cursors and query shapes with a 400', async () => {
    const portal = await newKey('参数门户');
    const { cursor } = await readAll(portal, null);
    const beyond = Buffer.from(JSON.stringify({ after: 99_999 })).toString('base64url');
    const listCursor = Buffer.from(JSON.stringify([1])).toString('base64url');
    for (const since of ['garbage', '%00', listCursor, beyond, Buffer.from('{"after":-1}').toString('base64url'), Buffer.from('{"after":1.5}').toString('base64url')]) {
      const res = await portal.get(`/sync/changes?since=${since}`);
      expect({ since, status: res.status, code: res.body.code }).toEqual({ since, status: 400, code: 'INVALID_CURSOR' });
    }
    for (const query of ['limit=0', 'limit=501', 'limit=abc', 'limit=1.5', 'limit=1&limit=2', `since=${cursor}&since=${cursor}`, `since=${'x'.repeat(10_000)}`, 'since[a]=1', 'other=1']) {
      const res = await portal.get(`/sync/changes?${query}`);
      expect({ query, status: res.status, code: res.body.code }).toEqual({ query, status: 400, code: 'VALIDATION_FAILED' });
      expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    // Empty `since` is the start, as no `since` is; 500 a page is allowed.
    expect((await ok(portal.get('/sync/changes?since=&limit=500'))).changes.length).toBe((await ok(portal.get('/sync/changes?limit=500'))).changes.length);
  });
});
