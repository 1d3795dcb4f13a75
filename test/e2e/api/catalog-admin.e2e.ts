import { ApiClient } from '../../support/api-client';
import { aNotice, aStaff, aUnit, bootstrapAdmin } from '../../support/builders';
import { startTestServer, type TestServer } from '../../support/test-server';

describe('admin edits of the 公开目录', () => {
  let server: TestServer;
  let admin: ApiClient;
  let anon: ApiClient;
  let editor: ApiClient;

  beforeAll(async () => {
    server = await startTestServer();
    ({ admin, anonymous: anon } = await bootstrapAdmin(server));
    await aUnit(admin, 'JCJY00000000000001', '基础教育科');
    editor = await aStaff(admin, 'editor1', 'JCJY00000000000001', ['editor']);
  });

  afterAll(() => server?.destroy());

  it('renames a category and the public sees it at once, in lists and notices too', async () => {
    const id = await aNotice().inCategory('JYHM').published().create(editor, admin);
    const before = await anon.get('/categories');
    await anon.get(`/notices/${id}`);
    const res = await admin.patch('/staff/categories/JYHM', { name: '教育惠民政策', sortOrder: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ code: 'JYHM', name: '教育惠民政策', sortOrder: 1 });
    const after = await anon.get('/categories', { 'if-none-match': before.headers.get('etag')! });
    expect(after.status).toBe(200);
    expect(after.body[0]).toMatchObject({ code: 'JYHM', name: '教育惠民政策' });
    expect((await anon.get(`/notices/${id}`)).body.category).toEqual({ code: 'JYHM', name: '教育惠民政策' });
  });

  it('adds topics and units, refusing taken codes and bad kinds', async () => {
    const topic = await admin.post('/staff/topics', { code: 'safety', name: '校园安全' });
    expect(topic.status).toBe(201);
    expect((await anon.get('/topics')).body.map((t: { code: string }) => t.code)).toContain('safety');
    expect((await admin.post('/staff/topics', { code: 'safety', name: '重复' })).body.code).toBe('CODE_TAKEN');
    const unit = await admin.post('/staff/units', { code: 'SCHOOL000000000009', name: '新建学校', kind: 'school' });
    expect(unit.status).toBe(201);
    const bad = await admin.post('/staff/units', { code: 'lowercase', name: '', kind: 'company' });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(['code', 'name', 'kind']);
    const renamed = await admin.patch('/staff/units/SCHOOL000000000009', { name: '新建学校（更名）' });
    expect(renamed.body.name).toBe('新建学校（更名）');
    expect((await admin.patch('/staff/units/NOPE', { name: 'x' })).status).toBe(404);
  });

  it('is for admins only, and every change is audited', async () => {
    expect((await editor.patch('/staff/categories/JYHM', { name: 'x' })).status).toBe(403);
    expect((await editor.post('/staff/topics', { code: 'x-x', name: 'x' })).status).toBe(403);
    expect((await anon.post('/staff/units', { code: 'AAA', name: 'x', kind: 'school' })).status).toBe(401);
    const audit = await admin.get('/staff/audit?entityType=category&entityId=JYHM');
    expect(audit.body.items[0]).toMatchObject({ action: 'category.update', before: { name: '教育惠民' }, after: { name: '教育惠民政策' } });
  });
});
