import { SettableClock } from '../../../server/src/common/clock/clock';
import { ApiClient } from '../../support/api-client';
import { bootstrapAdmin, login } from '../../support/builders';
import { ok } from '../../support/review-chain';
import { startTestServer, type TestServer } from '../../support/test-server';
import { zoningXlsx } from '../../support/zoning-files';
import { publishZoningYear, zoningStaff } from '../../support/zoning-flow';

/**
 * A school year becomes current on its publish date (issue 15 item 1): the 2026 table rides on a
 * 划片 notice the release centre schedules; until then parents get 2025's answer, from then on 2026's,
 * without anyone touching the table.
 */

const RULE_HEADERS = ['学段', '学校', '镇街', '社区村', '小区道路', '起始号', '终止号', '单双', '备注'];
const SCHOOLS = [
  ['学校', '学段', '地址', '电话'],
  ['昌乐县实验小学', '小学', '昌乐县宝城街道新昌路88号', '0536-6212345'],
  ['昌乐县第一实验中学', '初中', '昌乐县宝城街道北海路1号', '0536-6234567'],
];
const SCHOOLS_2026 = [...SCHOOLS, ['昌乐县北城小学', '小学', '昌乐县宝城街道北岩路9号', '0536-6245678']];
const rules = (primary: string) => [
  RULE_HEADERS,
  ['小学', primary, '宝城街道', '北岩社区', '北辰花园', '', '', '全', ''],
  ['初中', '昌乐县第一实验中学', '宝城街道', '北岩社区', '北辰花园', '', '', '全', ''],
];

/** When the servers' clock starts: a week before the 2026 notice's scheduled time. */
const START = new Date('2026-06-09T09:00:00+08:00');
const PUBLISH_AT = '2026-06-16T09:00:00+08:00';

describe('a zoning year switching over on its publish date', () => {
  let server: TestServer;
  let admin: ApiClient;
  let anon: ApiClient;

  beforeAll(async () => {
    // The scheduler's timer waits an hour: its round here is the explicit one the test runs.
    server = await startTestServer({ SCHEDULE_POLL_MS: '3600000' }, new SettableClock(START));
    ({ admin, anonymous: anon } = await bootstrapAdmin(server));
  });

  afterAll(() => server?.destroy());

  it('answers from 2025 until the 2026 notice is published at its scheduled time, then from 2026', async () => {
    const y2025 = await publishZoningYear(admin, 2025, await zoningXlsx({ rules: rules('昌乐县实验小学'), schools: SCHOOLS }));
    const y2026 = await publishZoningYear(admin, 2026, await zoningXlsx({ rules: rules('昌乐县北城小学'), schools: SCHOOLS_2026 }), { publishAt: PUBLISH_AT });
    expect([y2025.status, y2026.status]).toEqual(['published', 'scheduled']);
    const editor = (await zoningStaff(admin)).editor;
    expect((await ok(editor.get(`/staff/zoning/tables/${y2026.tableId}`))).state).toBe('in_review');

    const q = `/zoning/lookup?q=${encodeURIComponent('北辰花园3号楼')}`;
    const before = await ok(anon.get(q));
    expect(before).toMatchObject({ status: 'matched', year: 2025, primary: { school: { name: '昌乐县实验小学', phone: '0536-6212345' } }, junior: { school: { name: '昌乐县第一实验中学' } } });
    expect(before.notice).toEqual({ id: y2025.noticeId, title: '2025年城区义务教育学校划片招生方案' });
    const early = await anon.get(`${q}&year=2026`);
    expect(early.status).toBe(404);
    expect(early.body).toEqual({ statusCode: 404, code: 'ZONING_YEAR_NOT_PUBLISHED', message: '2026年的划片范围尚未公布' });
    expect((await ok(anon.get('/zoning/years'))).map((y: any) => [y.year, y.current])).toEqual([[2025, true]]);

    // A minute past the scheduled time, the publisher's round publishes the notice.
    server.clock.set(new Date(new Date(PUBLISH_AT).getTime() + 60_000));
    await server.tasks.run('scheduled-publisher');

    const after = await ok(anon.get(q));
    expect(after).toMatchObject({ status: 'matched', year: 2026, primary: { school: { name: '昌乐县北城小学', phone: '0536-6245678', address: '昌乐县宝城街道北岩路9号' } } });
    expect(after.notice).toEqual({ id: y2026.noticeId, title: '2026年城区义务教育学校划片招生方案' });
    expect((await ok(anon.get(`${q}&year=2025`))).primary.school.name).toBe('昌乐县实验小学');
    expect((await ok(anon.get('/zoning/years'))).map((y: any) => [y.year, y.current])).toEqual([
      [2026, true],
      [2025, false],
    ]);
    // A week later the editor signs in again (their token expired with the moved clock).
    const again = anon.as(await login(new ApiClient(server.baseUrl), 'zoning-editor'));
    const table = await ok(again.get(`/staff/zoning/tables/${y2026.tableId}`));
    expect(table.state).toBe('published');
    expect(table.publishedAt >= '2026-06-16T01:00:00.000Z' && table.publishedAt < '2026-06-16T01:02:00.000Z').toBe(true);
  });
});
