import { ApiClient } from '../../support/api-client';
import { aNotice, aStaff, aUnit, bootstrapAdmin } from '../../support/builders';
import { SettableClock } from '../../../server/src/common/clock/clock';
import { startTestServer, type TestServer } from '../../support/test-server';

describe('staff notice drafts', () => {
  let server: TestServer;
  let admin: ApiClient;
  let anon: ApiClient;
  let editor: ApiClient;
  let colleague: ApiClient;
  let outsider: ApiClient;
  let handler: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({}, new SettableClock(new Date('2026-09-01T09:00:00+08:00')));
    ({ admin, anonymous: anon } = await bootstrapAdmin(server));
    await aUnit(admin, 'JCJY00000000000001', '基础教育科');
    await aUnit(admin, 'RSK000000000000001', '人事科');
    editor = await aStaff(admin, 'editor1', 'JCJY00000000000001', ['editor']);
    colleague = await aStaff(admin, 'editor2', 'JCJY00000000000001', ['editor']);
    outsider = await aStaff(admin, 'editor3', 'RSK000000000000001', ['editor']);
    handler = await aStaff(admin, 'handler', 'JCJY00000000000001', ['inquiry_handler']);
  });

  afterAll(() => server?.destroy());

  it('creates a draft in the author’s unit with every field kept', async () => {
    const res = await editor.post('/staff/notices', {
      title: '  关于做好2026年秋季学期开学工作的通知 ',
      categoryCode: 'JCJY',
      topicCodes: ['zoning', 'migrant-children'],
      documentNo: '乐教发〔2026〕12号',
      infoType: 'policy',
      normative: true,
      normativeIssuedOn: '2026-08-20',
      normativeRepealedOn: '2031-08-19',
      summary: '开学工作安排',
      bodyHtml: '<h3>一、总体要求</h3><p>各学校要<strong>高度重视</strong>。</p><ul><li>安全检查</li></ul>',
      attachments: [{ name: '附件1.xlsx', url: 'https://www.changle.gov.cn/a.xlsx', size: 2048 }],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'draft',
      title: '关于做好2026年秋季学期开学工作的通知',
      unitCode: 'JCJY00000000000001',
      topicCodes: ['zoning', 'migrant-children'],
      normative: true,
      normativeIssuedOn: '2026-08-20',
      indexNo: null,
      publishedAt: null,
      disclosure: 'proactive',
      attachments: [{ name: '附件1.xlsx', url: 'https://www.changle.gov.cn/a.xlsx', size: 2048 }],
    });
    const again = await editor.get(`/staff/notices/${res.body.id}`);
    expect(again.body).toEqual(res.body);
  });

  it('strips scripts, event handlers and javascript: links from bodies on write', async () => {
    const res = await editor.post(
      '/staff/notices',
      aNotice()
        .withBody(
          '<p onclick="steal()">你好<script>alert(1)</script></p><img src="x" onerror="alert(2)"><a href="javascript:alert(3)">链接</a>' +
            '<a href="https://example.gov.cn/x">政府网站</a><iframe src="https://evil"></iframe><p style="color:red">样式</p><img src="data:image/png;base64,AAA">',
        )
        .build(),
    );
    expect(res.status).toBe(201);
    const html: string = res.body.bodyHtml;
    expect(html).not.toMatch(/script|onerror|onclick|javascript:|iframe|style=|data:/i);
    expect(html).toContain('<p>你好</p>');
    expect(html).toContain('<a href="https://example.gov.cn/x" rel="noopener noreferrer" target="_blank">政府网站</a>');
    const published = await aNotice().withBody('<p onclick="steal()">你好<script>alert(1)</script></p>').published().create(editor, admin);
    const pub = await anon.get(`/notices/${published}`);
    expect(pub.body.bodyHtml).toBe('<p>你好</p>');
  });

  it('lists each bad field with a Chinese message and refuses unknown fields', async () => {
    const res = await editor.post('/staff/notices', {
      title: '',
      categoryCode: 'JCJY',
      infoType: 'gossip',
      bodyHtml: '<p>x</p>',
      attachments: [{ name: 'a', url: 'ftp://x', size: -1 }],
      status: 'published',
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const fields = res.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['title', 'infoType', 'attachments.0.url', 'attachments.0.size', 'status']));
    for (const d of res.body.details) expect(d.message).toMatch(/[\u4e00-\u9fa5]/);
    const codes = await editor.post('/staff/notices', aNotice().inCategory('NOPE').withTopics('nope').build());
    expect(codes.status).toBe(400);
    expect(codes.body.details.map((d: { field: string }) => d.field)).toEqual(['categoryCode', 'topicCodes']);
    const onlyScript = await editor.post('/staff/notices', aNotice().withBody('<script>x</script>').build());
    expect(onlyScript.body.details).toEqual([{ field: 'bodyHtml', message: '正文不能为空' }]);
  });

  it('requires a reason for 依申请公开 and a legal one for 不予公开', async () => {
    const noReason = await editor.post('/staff/notices', aNotice().disclosed('on_request').build());
    expect(noReason.status).toBe(400);
    expect(noReason.body.details[0]).toEqual({ field: 'disclosureReason', message: '依申请公开须说明理由' });
    const badReason = await editor.post('/staff/notices', aNotice().disclosed('withheld', '不想公开').build());
    expect(badReason.body.details[0].message).toMatch(/^不予公开的理由须为法定情形之一/);
    const ok = await editor.post('/staff/notices', aNotice().disclosed('withheld', '国家秘密').build());
    expect(ok.status).toBe(201);
  });

  it('keeps writing to authors and units: roles, other units, other authors', async () => {
    const denied = await handler.post('/staff/notices', aNotice().build());
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('信息编辑') });
    const foreignUnit = await editor.post('/staff/notices', aNotice().byUnit('RSK000000000000001').build());
    expect(foreignUnit.body.details[0]).toEqual({ field: 'unitCode', message: '只能以本单位名义撰写信息' });

    const id = await aNotice().titled('本科室草稿').create(editor);
    expect((await outsider.get(`/staff/notices/${id}`)).status).toBe(404);
    expect((await outsider.patch(`/staff/notices/${id}`, { title: '改' })).status).toBe(404);
    expect((await outsider.get('/staff/notices')).body.items.map((n: { id: number }) => n.id)).not.toContain(id);
    expect((await colleague.get(`/staff/notices/${id}`)).status).toBe(200);
    const notMine = await colleague.patch(`/staff/notices/${id}`, { title: '改' });
    expect(notMine.status).toBe(403);
    expect((await colleague.delete(`/staff/notices/${id}`)).status).toBe(403);
    expect((await anon.get(`/staff/notices/${id}`)).status).toBe(401);
  });

  it('edits a draft, refuses a stale version, and replaces topics and attachments', async () => {
    const id = await aNotice().withTopics('zoning').create(editor);
    const current = (await editor.get(`/staff/notices/${id}`)).body;
    const res = await editor.patch(`/staff/notices/${id}`, { title: '新标题', topicCodes: ['zhongkao'], version: current.version });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ title: '新标题', topicCodes: ['zhongkao'], version: current.version + 1 });
    const stale = await editor.patch(`/staff/notices/${id}`, { title: '又改', version: current.version });
    // PUT is the same edit (the mini-program's wx.request has no PATCH).
    const put = await editor.request('PUT', `/staff/notices/${id}`, { summary: '用 PUT 修改', version: current.version + 1 });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ title: '新标题', summary: '用 PUT 修改' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('CONFLICT');
    expect((await editor.get(`/staff/notices/${id}`)).body.title).toBe('新标题');
  });

  it('has no route around the review chain: publish-direct answers 404, even to an admin', async () => {
    const id = await aNotice().titled('想直接发布').inCategory('ZSKS').create(editor);
    for (const client of [admin, editor]) {
      const res = await client.post(`/staff/notices/${id}/publish-direct`);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
    }
    expect((await editor.get(`/staff/notices/${id}`)).body.status).toBe('draft');
    expect((await anon.get(`/notices/${id}`)).status).toBe(404);
  });

  it('gives sequential 索引号 when the chain publishes, and freezes published notices', async () => {
    const a = await aNotice().titled('甲').inCategory('ZSKS').published().create(editor, admin);
    const b = await aNotice().titled('乙').inCategory('ZSKS').published().create(editor, admin);
    const pa = await editor.get(`/staff/notices/${a}`);
    const pb = await editor.get(`/staff/notices/${b}`);
    expect(pa.body.indexNo).toBe('JCJY00000000000001/ZSKS-2026-00001');
    expect(pb.body.indexNo).toBe('JCJY00000000000001/ZSKS-2026-00002');
    const twice = await admin.post(`/staff/notices/${a}/registration`, { version: pa.body.version });
    expect(twice.status).toBe(403);
    expect(twice.body).toMatchObject({ code: 'REVIEW_NOT_ALLOWED', message: '当前状态不能执行“登记发布”' });
    const edit = await editor.patch(`/staff/notices/${a}`, { title: '改已发布' });
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('NOTICE_NOT_EDITABLE');
    expect((await editor.delete(`/staff/notices/${a}`)).body.code).toBe('NOTICE_NOT_EDITABLE');
    expect((await anon.get(`/notices/${a}`)).body.title).toBe('甲');
  });

  it('deletes a draft and keeps what it was in the audit log', async () => {
    const id = await aNotice().titled('将删除的草稿').create(editor);
    expect((await editor.delete(`/staff/notices/${id}`)).status).toBe(204);
    expect((await editor.get(`/staff/notices/${id}`)).status).toBe(404);
    const audit = await admin.get(`/staff/audit?entityType=notice&entityId=${id}`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['notice.delete', 'notice.create']);
    expect(audit.body.items[0]).toMatchObject({ actorUsername: 'editor1', before: { title: '将删除的草稿' }, after: null });
  });

  it('audits every staff write with before and after, and offers no way to change the log', async () => {
    const id = await aNotice().titled('审计前').create(editor);
    await editor.patch(`/staff/notices/${id}`, { title: '审计后' });
    const version = (await editor.get(`/staff/notices/${id}`)).body.version;
    expect((await editor.post(`/staff/notices/${id}/submit`, { version })).status).toBe(200);
    const audit = await admin.get(`/staff/audit?entityType=notice&entityId=${id}`);
    const [submit, update, create] = audit.body.items;
    expect(create).toMatchObject({ action: 'notice.create', actorUsername: 'editor1', after: { title: '审计前' } });
    expect(update).toMatchObject({ action: 'notice.update', before: { title: '审计前' }, after: { title: '审计后' } });
    expect(submit).toMatchObject({ action: 'notice.submit', actorUsername: 'editor1', before: { status: 'draft' }, after: { status: 'unit_review' } });
    expect((await editor.get('/staff/audit')).status).toBe(403);
    for (const method of ['PATCH', 'PUT', 'DELETE'] as const) {
      const res = await admin.request(method, `/staff/audit/${submit.id}`, method === 'DELETE' ? undefined : { action: 'x' });
      expect(res.status).toBe(404);
    }
    const after = await admin.get(`/staff/audit?entityType=notice&entityId=${id}`);
    expect(after.body.items).toEqual(audit.body.items);
  });
});
