import { DataSource } from 'typeorm';
import { NoticeTopic } from '../../../server/src/catalog/entities/notice-topic.entity';
import { loadConfig } from '../../../server/src/config/app-config';
import { MIGRATIONS, dataSourceOptions } from '../../../server/src/database/data-source';
import { TopicFeed1804000000000 } from '../../../server/src/database/migrations/1804000000000-topic-feed';
import { ENTITIES } from '../../../server/src/entities';
import { ApiClient } from '../../support/api-client';
import { aNotice, aStaff, aUnit, bootstrapAdmin } from '../../support/builders';
import { TEST_ENV, freshDatabase, startServer, type TestDatabase, type TestServer } from '../../support/test-server';

/** Each notice–topic link as the database holds it: `notice id:topic code` → whether public_at is set. */
async function links(ds: DataSource): Promise<Record<string, boolean>> {
  const rows = (await ds.query('SELECT nt.notice_id AS notice, t.code AS code, nt.public_at AS public_at FROM notice_topic nt JOIN topic t ON t.id = nt.topic_id')) as { notice: number; code: string; public_at: unknown }[];
  return Object.fromEntries(rows.map((r) => [`${Number(r.notice)}:${r.code}`, r.public_at !== null]));
}

describe('topic pages of notices published before the upgrade (migration 1804000000000)', () => {
  let db: TestDatabase;
  let server: TestServer | undefined;
  const ids: Record<'live' | 'withdrawn' | 'draft' | 'onRequest', number> = { live: 0, withdrawn: 0, draft: 0, onRequest: 0 };

  beforeAll(async () => {
    db = await freshDatabase();
    server = await startServer(db);
    const { admin } = await bootstrapAdmin(server);
    await aUnit(admin, 'TOPICFEED000000001', '基础教育科');
    const editor = await aStaff(admin, 'feededitor', 'TOPICFEED000000001', ['editor']);
    const leader = await aStaff(admin, 'feedleader', 'TOPICFEED000000001', ['leader']);
    ids.live = await aNotice().titled('城区小学划片范围').withTopics('zoning', 'zhongkao').published().create(editor, admin);
    ids.withdrawn = await aNotice().titled('已撤回的划片通知').withTopics('zoning').published().create(editor, admin);
    const version = (await leader.get(`/staff/notices/${ids.withdrawn}`)).body.version;
    expect((await leader.post(`/staff/notices/${ids.withdrawn}/withdraw`, { version, reason: '内容有误，需重新发布' })).status).toBe(200);
    ids.draft = await aNotice().titled('划片草稿').withTopics('zoning').create(editor);
    ids.onRequest = await aNotice().titled('依申请公开的划片材料').withTopics('zoning').disclosed('on_request', '涉及个人信息').published().create(editor, admin);
    await server.stop();
    server = undefined;
  });

  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  it('fills each link of a public notice with its publication time, leaves the others empty, and goes back down', async () => {
    expect(MIGRATIONS[MIGRATIONS.length - 1]).toBe(TopicFeed1804000000000);
    const ds = await new DataSource(dataSourceOptions(loadConfig({ ...TEST_ENV, ...db.env }), ENTITIES)).initialize();
    try {
      // As before the upgrade: the column is not there.
      await ds.undoLastMigration({ transaction: 'each' });
      const runner = ds.createQueryRunner();
      expect((await runner.getTable('notice_topic'))!.columns.map((c) => c.name).sort()).toEqual(['notice_id', 'topic_id']);
      await runner.release();
    } finally {
      await ds.destroy();
    }

    // The server runs the migration as it starts.
    server = await startServer(db);
    expect(await links(server.dataSource)).toEqual({
      [`${ids.live}:zoning`]: true,
      [`${ids.live}:zhongkao`]: true,
      [`${ids.withdrawn}:zoning`]: false,
      [`${ids.draft}:zoning`]: false,
      [`${ids.onRequest}:zoning`]: false,
    });
    const anon = new ApiClient(server.baseUrl);
    const link = await server.dataSource.getRepository(NoticeTopic).findOneByOrFail({ noticeId: ids.live });
    expect(link.publicAt?.toISOString()).toBe((await anon.get(`/notices/${ids.live}`)).body.publishedAt);
    for (const topic of ['zoning', 'zhongkao']) expect((await anon.get(`/notices?topic=${topic}`)).body.items.map((n: { id: number }) => n.id)).toEqual([ids.live]);
  });
});
