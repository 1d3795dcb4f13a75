import { AuditLog } from '../../../server/src/common/audit/audit-log.entity';
import { SettableClock } from '../../../server/src/common/clock/clock';
import type { ApiClient, ApiResponse } from '../../support/api-client';
import { aStaff, bootstrapAdmin } from '../../support/builders';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * The synonym groups staff edit for search (/staff/search/synonyms): the county's usual pairs
 * seeded, groups added, replaced and deleted under their version, a term in one group only (also
 * when two staff add it at the same moment), each change audited, every odd input refused in Chinese.
 */
const START = new Date('2026-12-09T10:00:00+08:00');
/** Filling 500 groups through the API takes a while on MariaDB (the last test). */
jest.setTimeout(120_000);

describe('search synonyms', () => {
  let server: TestServer;
  let admin: ApiClient;
  let anon: ApiClient;
  /** Editors hold search.manage. */
  let editor: ApiClient;
  let editor2: ApiClient;
  /** A publisher does not. */
  let publisher: ApiClient;
  /** The seeded first group's terms (学区 ~ 划片 ~ 招生范围 …), as listed before any change. */
  let firstGroup: string[];

  const audits = (entityId: number) =>
    server.dataSource.getRepository(AuditLog).find({ where: { entityType: 'search_synonym_group', entityId: String(entityId) }, order: { id: 'ASC' } });
  const refusal = (res: ApiResponse) => ({ status: res.status, code: res.body?.code, fields: (res.body?.details ?? []).map((d: { field: string }) => d.field), chinese: /[\u4e00-\u9fa5]/.test(res.body?.message ?? '') });
  const termsOf = async (client: ApiClient) => ((await client.get('/staff/search/synonyms')).body as { id: number; terms: string[] }[]).map((g) => g.terms);

  beforeAll(async () => {
    server = await startTestServer({}, new SettableClock(START));
    const boot = await bootstrapAdmin(server);
    admin = boot.admin;
    anon = boot.anonymous;
    editor = await aStaff(admin, 'editor1', boot.unitCode, ['editor']);
    editor2 = await aStaff(admin, 'editor2', boot.unitCode, ['editor']);
    publisher = await aStaff(admin, 'publisher1', boot.unitCode, ['publisher']);
  });

  afterAll(async () => {
    await server?.destroy();
  });

  it('starts with the county’s usual groups, in order', async () => {
    const res = await editor.get('/staff/search/synonyms');
    expect(res.status).toBe(200);
    expect(res.body.map((g: { id: number }) => g.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(res.body[0]).toMatchObject({ id: 1, terms: expect.arrayContaining(['学区', '划片', '招生范围']), version: 1, updatedBy: null });
    firstGroup = res.body[0].terms;
    expect(res.body.map((g: { updatedBy: string | null }) => g.updatedBy)).toEqual([null, null, null, null, null, null, null, null]);
  });

  it('adds, replaces and deletes a group under its version; each change audited', async () => {
    // Stored folded: full-width to half-width, lower case, spaces removed.
    const created = await editor.post('/staff/search/synonyms', { terms: ['校车', ' 接送 车 ', 'ＢＵＳ'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ terms: ['校车', '接送车', 'bus'], version: 1, updatedBy: 'editor1', updatedAt: expect.stringMatching(/^2026-12-09T02:00:/) });
    const id: number = created.body.id;
    expect(id).toBe(9);
    expect((await termsOf(editor)).at(-1)).toEqual(['校车', '接送车', 'bus']);

    server.clock.advance(60_000);
    const replaced = await editor2.put(`/staff/search/synonyms/${id}`, { terms: ['校车', '接送车', '学生专用校车'], version: 1 });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ id, terms: ['校车', '接送车', '学生专用校车'], version: 2, updatedBy: 'editor2', updatedAt: expect.stringMatching(/^2026-12-09T02:01:/) });
    // The term the group gave up is free for another group.
    const bus = await editor.post('/staff/search/synonyms', { terms: ['bus', '公交'] });
    expect(bus.status).toBe(201);

    const stale = await editor.put(`/staff/search/synonyms/${id}`, { terms: ['校车', '班车'], version: 1 });
    expect({ status: stale.status, code: stale.body.code }).toEqual({ status: 409, code: 'CONFLICT' });
    const staleDelete = await editor.delete(`/staff/search/synonyms/${id}?version=1`);
    expect({ status: staleDelete.status, code: staleDelete.body.code }).toEqual({ status: 409, code: 'CONFLICT' });
    expect((await termsOf(editor)).find((t) => t[0] === '校车')).toEqual(['校车', '接送车', '学生专用校车']);

    expect((await editor.delete(`/staff/search/synonyms/${id}?version=2`)).status).toBe(204);
    expect((await termsOf(editor)).find((t) => t[0] === '校车')).toBeUndefined();
    // Its terms are free again.
    const again = await editor.post('/staff/search/synonyms', { terms: ['校车', '班车'] });
    expect(again.status).toBe(201);

    const gone = await editor.delete(`/staff/search/synonyms/${id}?version=2`);
    expect({ status: gone.status, code: gone.body.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect((await editor.put(`/staff/search/synonyms/${id}`, { terms: ['校车', '班车'], version: 2 })).status).toBe(404);
    expect((await editor.put('/staff/search/synonyms/abc', { terms: ['校车', '班车'], version: 2 })).status).toBe(404);

    const audit = await audits(id);
    expect(audit.map((a) => [a.action, a.actorUsername, a.before, a.after])).toEqual([
      ['search.synonyms_create', 'editor1', null, { terms: ['校车', '接送车', 'bus'] }],
      ['search.synonyms_update', 'editor2', { terms: ['校车', '接送车', 'bus'] }, { terms: ['校车', '接送车', '学生专用校车'] }],
      ['search.synonyms_delete', 'editor1', { terms: ['校车', '接送车', '学生专用校车'] }, null],
    ]);
  });

  it('edits a seeded group, keeping its own terms', async () => {
    const res = await admin.put('/staff/search/synonyms/1', { terms: [...firstGroup, '片区'], version: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: 1, terms: [...firstGroup, '片区'], version: 2, updatedBy: '测试管理员' });
    const back = await admin.put('/staff/search/synonyms/1', { terms: firstGroup, version: 2 });
    expect(back.body).toMatchObject({ terms: firstGroup, version: 3 });
  });

  it('refuses a term another group holds, naming it', async () => {
    const taken = await editor.post('/staff/search/synonyms', { terms: ['片区', '划片'] });
    expect(refusal(taken)).toEqual({ status: 409, code: 'SYNONYM_DUPLICATE', fields: ['terms'], chinese: true });
    expect(taken.body.message).toContain('“划片”');
    // Folded first: “学 区” is 学区.
    const folded = await editor.post('/staff/search/synonyms', { terms: ['片区', '学 区'] });
    expect({ status: folded.status, code: folded.body.code }).toEqual({ status: 409, code: 'SYNONYM_DUPLICATE' });
    expect(folded.body.message).toContain('“学区”');
    // Moving a term into another group by editing: refused, and that group is left as it was.
    type Group = { id: number; terms: string[]; version: number };
    const second = ((await editor.get('/staff/search/synonyms')).body as Group[]).find((g) => g.id === 2)!;
    expect(second.terms[0]).toBe('幼升小');
    const moved = await editor.put('/staff/search/synonyms/2', { terms: ['幼升小', '学区'], version: 1 });
    expect({ status: moved.status, code: moved.body.code }).toEqual({ status: 409, code: 'SYNONYM_DUPLICATE' });
    const groups = (await editor.get('/staff/search/synonyms')).body as Group[];
    expect(groups.find((g) => g.id === 2)).toEqual(second);
    expect(groups.filter((g) => g.terms.includes('片区'))).toEqual([]);
    expect(groups.filter((g) => g.terms.includes('学区')).map((g) => g.id)).toEqual([1]);
  });

  it('lets one of two staff adding the same term at the same moment have it', async () => {
    const [a, b] = await Promise.all([
      editor.post('/staff/search/synonyms', { terms: ['接驳车', '通勤车'] }),
      editor2.post('/staff/search/synonyms', { terms: ['接驳车', '摆渡车'] }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect([a, b].find((r) => r.status === 409)!.body.code).toBe('SYNONYM_DUPLICATE');
    const holding = (await termsOf(editor)).filter((t) => t.includes('接驳车'));
    expect(holding).toHaveLength(1);
    // Nothing of the refused group was kept.
    expect((await termsOf(editor)).filter((t) => t.includes('通勤车') || t.includes('摆渡车'))).toEqual(holding);
  });

  it('is for staff who manage search only', async () => {
    expect((await publisher.get('/staff/search/synonyms')).status).toBe(403);
    expect((await publisher.post('/staff/search/synonyms', { terms: ['甲方', '乙方'] })).status).toBe(403);
    expect((await publisher.put('/staff/search/synonyms/1', { terms: ['学区', '划片'], version: 1 })).status).toBe(403);
    expect((await publisher.delete('/staff/search/synonyms/1?version=1')).status).toBe(403);
    expect((await anon.get('/staff/search/synonyms')).status).toBe(401);
    expect((await anon.post('/staff/search/synonyms', { terms: ['甲方', '乙方'] })).status).toBe(401);
    expect((await termsOf(editor))[0]).toEqual(firstGroup);
  });

  it('refuses odd shapes with a Chinese message', async () => {
    const cases: [string, unknown, string[]][] = [
      ['no terms', {}, ['terms']],
      ['null terms', { terms: null }, ['terms']],
      ['terms as one string', { terms: '学区,划片' }, ['terms']],
      ['nested lists', { terms: [['学区', '划片']] }, ['terms']],
      ['numbers', { terms: [2026, 2025] }, ['terms']],
      ['objects', { terms: [{ term: '甲' }, { term: '乙' }] }, ['terms']],
      ['one term', { terms: ['托管'] }, ['terms']],
      ['13 terms', { terms: Array.from({ length: 13 }, (_, i) => `托管${i}`) }, ['terms']],
      ['an empty term', { terms: ['', '托管'] }, ['terms']],
      ['a term of spaces', { terms: ['　 ', '托管'] }, ['terms']],
      ['a term of 21 characters', { terms: ['托'.repeat(21), '托管'] }, ['terms']],
      ['a term of 21 astral characters', { terms: ['𠀀'.repeat(21), '托管'] }, ['terms']],
      ['a very long term', { terms: ['托'.repeat(5000), '托管'] }, ['terms']],
      ['the same term twice once folded', { terms: ['ＡＢ班', 'ab班'] }, ['terms']],
      ['a version on create', { terms: ['托管', '午托'], version: 1 }, ['version']],
      ['an unknown field', { terms: ['托管', '午托'], note: '说明' }, ['note']],
      ['a list for a body', [['托管', '午托']], []],
    ];
    for (const [label, body, fields] of cases) {
      const res = await editor.post('/staff/search/synonyms', body);
      expect({ label, ...refusal(res) }).toEqual({ label, status: 400, code: 'VALIDATION_FAILED', fields, chinese: true });
    }
    const duplicate = await editor.post('/staff/search/synonyms', { terms: ['ＡＢ班', 'ab班'] });
    expect(duplicate.body.message).toContain('“ab班”');

    const updates: [string, unknown, string[]][] = [
      ['no version', { terms: ['学区', '划片'] }, ['version']],
      ['a version as text', { terms: ['学区', '划片'], version: '1' }, ['version']],
      ['version 0', { terms: ['学区', '划片'], version: 0 }, ['version']],
      ['a fractional version', { terms: ['学区', '划片'], version: 1.5 }, ['version']],
      ['null terms', { terms: null, version: 1 }, ['terms']],
    ];
    for (const [label, body, fields] of updates) {
      const res = await editor.put('/staff/search/synonyms/1', body);
      expect({ label, ...refusal(res) }).toEqual({ label, status: 400, code: 'VALIDATION_FAILED', fields, chinese: true });
    }
    for (const query of ['', '?version=abc', '?version=1.5', '?version=0', '?version=1&version=1']) {
      const res = await editor.delete(`/staff/search/synonyms/1${query}`);
      expect({ query, ...refusal(res) }).toEqual({ query, status: 400, code: 'VALIDATION_FAILED', fields: ['version'], chinese: true });
    }
    // Twenty characters are fine, astral ones counted as one each.
    const longest = await editor.post('/staff/search/synonyms', { terms: ['𠀀'.repeat(20), '托'.repeat(20)] });
    expect(longest.status).toBe(201);
    expect(longest.body.terms).toEqual(['𠀀'.repeat(20), '托'.repeat(20)]);
    expect((await editor.delete(`/staff/search/synonyms/${longest.body.id}?version=1`)).status).toBe(204);
    // Nothing refused was kept.
    expect((await termsOf(editor)).filter((t) => t.some((term) => term.startsWith('托')))).toEqual([]);
  });

  it('keeps at most 500 groups, also when several are added at once', async () => {
    const count = ((await editor.get('/staff/search/synonyms')).body as unknown[]).length;
    const fill = Array.from({ length: 499 - count }, (_, k) => count + k);
    // Eight at a time: the groups take turns in the database anyway.
    for (let i = 0; i < fill.length; i += 8) {
      await Promise.all(
        fill.slice(i, i + 8).map(async (n) => {
          const res = await editor.post('/staff/search/synonyms', { terms: [`组${n}甲`, `组${n}乙`] });
          if (res.status !== 201) throw new Error(`group ${n}: ${res.status} ${res.text}`);
        }),
      );
    }
    // 499 groups: of three added at the same moment, one is the 500th.
    const last = await Promise.all(['甲', '乙', '丙'].map((x) => editor.post('/staff/search/synonyms', { terms: [`最后一组${x}`, `末组${x}`] })));
    expect(last.map((r) => r.status).sort()).toEqual([201, 400, 400]);
    for (const over of last.filter((r) => r.status === 400)) expect(refusal(over)).toEqual({ status: 400, code: 'VALIDATION_FAILED', fields: [], chinese: true });
    expect(((await editor.get('/staff/search/synonyms')).body as unknown[]).length).toBe(500);
  });
});
