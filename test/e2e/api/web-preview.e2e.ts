import { SettableClock } from '../../../server/src/common/clock/clock';
import type { ApiClient } from '../../support/api-client';
import { aNotice, aStaff, aUnit, bootstrapAdmin } from '../../support/builders';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * 网页预览 (GET /staff/notices/:id/web-preview): the public web page's template filled with a
 * notice as saved, for the staff who may read it (the staff read's rule), as an HTML document that
 * carries its stylesheet and no script; the staff pages show it in a sandboxed iframe.
 */
describe('web preview of a notice (staff)', () => {
  let server: TestServer;
  let admin: ApiClient;
  let anonymous: ApiClient;
  let editor: ApiClient;
  let otherEditor: ApiClient;
  let draftId = 0;
  let publishedId = 0;

  beforeAll(async () => {
    server = await startTestServer({}, new SettableClock(new Date('2026-09-01T10:00:00+08:00')));
    ({ admin, anonymous } = await bootstrapAdmin(server));
    await aUnit(admin, 'JCJYK0000000000001', '基础教育科');
    await aUnit(admin, 'XQJYK0000000000001', '学前教育科');
    editor = await aStaff(admin, 'editor1', 'JCJYK0000000000001', ['editor']);
    otherEditor = await aStaff(admin, 'editor2', 'XQJYK0000000000001', ['editor']);
    draftId = await aNotice()
      .titled('关于<script>开展</script>秋季开学安全检查的通知')
      .inCategory('JCJY')
      .withTopics('zoning')
      .withBody('<h3>一、检查范围</h3><p>全县中小学。</p>')
      .with({ documentNo: '某教发〔2026〕7号', attachments: [{ name: '检查表.xlsx', url: 'https://files.example.cn/jc.xlsx', size: 2048 }] })
      .create(editor);
    publishedId = await aNotice().titled('2026年秋季开学时间的通知').inCategory('JCJY').published().create(editor, admin);
  });

  afterAll(() => server?.destroy());

  it('renders a draft with the public page’s layout: its title escaped, names for its codes, the 索引号 to come, dated today', async () => {
    const res = await editor.get(`/staff/notices/${draftId}/web-preview`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const page = res.text;
    expect(page).toContain('<h1>关于&lt;script&gt;开展&lt;/script&gt;秋季开学安全检查的通知</h1>');
    expect(page).toContain('<div><dt>索引号</dt><dd>发布时生成</dd></div>');
    expect(page).toContain('<div><dt>文号</dt><dd>某教发〔2026〕7号</dd></div>');
    expect(page).toContain('<div><dt>发布机构</dt><dd>基础教育科</dd></div>');
    expect(page).toContain('<time datetime="2026-09-01">2026-09-01</time>');
    expect(page).toContain('<a href="/gk/categories/JCJY">基础教育</a>');
    expect(page).toContain('<a href="/gk/topics/zoning">义务教育划片</a>');
    // The body continues the page's outline from h2, as on the public page.
    expect(page).toContain('<h2>一、检查范围</h2><p>全县中小学。</p>');
    expect(page).toContain('<li><a href="https://files.example.cn/jc.xlsx">检查表.xlsx</a> <span class="muted">（Excel 表格，2 KB）</span></li>');
  });

  it('carries its stylesheet inline and no script, is not for search engines, and is sandboxed when opened on its own', async () => {
    const res = await editor.get(`/staff/notices/${draftId}/web-preview`);
    expect(res.text).toMatch(/<style>[^<]*\.site-header/);
    expect(res.text).not.toContain('<link rel="stylesheet"');
    expect(res.text).not.toContain('<script>');
    expect(res.text).toContain('<meta name="robots" content="noindex">');
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data: https: http:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox",
    );
  });

  it('shows a published notice as the public reads it, with its 索引号', async () => {
    const pub = await anonymous.get(`/notices/${publishedId}`);
    const res = await editor.get(`/staff/notices/${publishedId}/web-preview`);
    expect(res.status).toBe(200);
    expect(res.text).toContain(`<div><dt>索引号</dt><dd>${pub.body.indexNo}</dd></div>`);
    expect(res.text).toContain('<h1>2026年秋季开学时间的通知</h1>');
  });

  it('is refused as the staff read is: another unit’s editor gets 404, no token 401', async () => {
    const other = await otherEditor.get(`/staff/notices/${draftId}/web-preview`);
    expect(other.status).toBe(404);
    expect(other.body.message).toBe('未找到该信息');
    expect((await otherEditor.get(`/staff/notices/${draftId}`)).status).toBe(404);
    expect((await anonymous.get(`/staff/notices/${draftId}/web-preview`)).status).toBe(401);
    expect((await editor.get('/staff/notices/999999/web-preview')).status).toBe(404);
  });

  it('answers an id that is not a notice number with 404 and a message, never a 500', async () => {
    for (const id of ['abc', '1.5', '-1', '99999999999999999999999', '%E4%B8%AD']) {
      const res = await editor.get(`/staff/notices/${id}/web-preview`);
      expect([id, res.status]).toEqual([id, 404]);
      expect(res.body.message).toBe('未找到该信息');
    }
  });
});
