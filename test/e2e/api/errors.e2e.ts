import { ApiClient } from '../../support/api-client';
import { aNotice, aStaff, aUnit, bootstrapAdmin } from '../../support/builders';
import { startTestServer, type TestServer } from '../../support/test-server';

/** No input, however bad, gets a 500: every refusal is the one error shape with a Chinese message. */
describe('error shape', () => {
  let server: TestServer;
  let admin: ApiClient;
  let editor: ApiClient;
  let anon: ApiClient;
  let draftId: number;

  beforeAll(async () => {
    server = await startTestServer();
    ({ admin, anonymous: anon } = await bootstrapAdmin(server));
    await aUnit(admin, 'ERR000000000000001', '办公室');
    editor = await aStaff(admin, 'editor1', 'ERR000000000000001', ['editor']);
    draftId = await aNotice().create(editor);
  });

  afterAll(() => server?.destroy());

  const bodies: unknown[] = [
    '{not json',
    '[]',
    '"a string"',
    '123',
    'null',
    {},
    { title: null, categoryCode: null, infoType: null, bodyHtml: null },
    { title: 123, categoryCode: ['JCJY'], infoType: {}, bodyHtml: 5, topicCodes: 'zoning', attachments: 'x' },
    { title: 'x'.repeat(100_000), categoryCode: 'JCJY', infoType: 'business', bodyHtml: '<p>x</p>' },
    { title: '标题', categoryCode: 'JCJY', infoType: 'business', bodyHtml: '<p>x</p>', attachments: [null, 1, 'a'] },
    { title: '标题', categoryCode: 'JCJY', infoType: 'business', bodyHtml: '<p>x</p>', normative: 'yes', normativeIssuedOn: '2026-13-45' },
    { title: '标题', categoryCode: 'JCJY', infoType: 'business', bodyHtml: '<p>x</p>', __proto__: { admin: true }, constructor: 'x' },
    { username: { $ne: '' }, password: ['x'] },
    { version: 'abc', active: 'no', roles: 'admin', sortOrder: 1e309 },
  ];
  const targets: [string, string][] = [
    ['POST', '/staff/notices'],
    ['PATCH', '/staff/notices/DRAFT'],
    ['POST', '/auth/staff'],
    ['POST', '/staff/accounts'],
    ['PATCH', '/staff/accounts/1'],
    ['PATCH', '/staff/categories/JCJY'],
    ['POST', '/staff/topics'],
    ['POST', '/staff/units'],
    ['POST', '/staff/inquiries/1/accept'],
    ['POST', '/staff/inquiries/1/transfer'],
    ['POST', '/staff/inquiries/1/reply'],
    ['POST', '/staff/inquiries/1/reply-review'],
    ['POST', '/staff/inquiries/1/notes'],
    ['POST', '/staff/inquiries/1/publish-qa'],
  ];

  it('answers malformed bodies on every write endpoint with a 4xx in the error shape', async () => {
    for (const [method, rawPath] of targets) {
      const path = rawPath.replace('DRAFT', String(draftId));
      const client = method === 'POST' && path === '/auth/staff' ? anon : path.startsWith('/staff/notices') ? editor : admin;
      for (const body of bodies) {
        const res = await client.request(method, path, body);
        const label = `${method} ${path} ${typeof body === 'string' ? body : JSON.stringify(body).slice(0, 60)}`;
        // `{}` is a valid no-op PATCH; everything else here is refused.
        const ok = JSON.stringify(body) === '{}' && method === 'PATCH' ? res.status === 200 : res.status >= 400 && res.status < 500;
        expect({ label, ok }).toEqual({ label, ok: true });
        if (res.status >= 400) expect(res.body).toMatchObject({ statusCode: res.status, code: expect.stringMatching(/^[A-Z_]+$/), message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
      }
    }
  });

  it('says plainly when the body is not JSON', async () => {
    const res = await editor.request('POST', '/staff/notices', '{not json');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ statusCode: 400, code: 'VALIDATION_FAILED', message: '请求内容不是有效的 JSON' });
  });

  it('answers odd query strings and unknown routes in the error shape', async () => {
    for (const path of ['/notices?limit=0', '/notices?limit=-5', '/notices?limit=abc', '/notices?year=99999', '/notices?cursor=%00', '/notices?q=' + 'x'.repeat(51), '/notices?category=a&category=b', '/nothing-here', '/staff/notices?status=lost']) {
      const res = await (path.startsWith('/staff') ? editor : anon).get(path);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('refuses oversized bodies with 413', async () => {
    const res = await editor.post('/staff/notices', aNotice().withBody(`<p>${'很长'.repeat(600_000)}</p>`).build());
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('serves the OpenAPI document generated from the code', async () => {
    const res = await anon.get('/api/docs/openapi.json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/v1/notices', '/api/v1/notices/{id}', '/api/v1/auth/staff', '/api/v1/staff/notices']));
    const listParams = res.body.paths['/api/v1/notices'].get.parameters.map((p: { name: string }) => p.name);
    expect(listParams).toEqual(expect.arrayContaining(['category', 'topic', 'unit', 'year', 'q', 'cursor', 'limit']));
    expect(res.body.components.schemas.NoticeDraftDto.required).toEqual(expect.arrayContaining(['title', 'categoryCode', 'infoType', 'bodyHtml']));
    const ui = await anon.get('/api/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });
});

describe('web page at /', () => {
  it('serves the H5 build when there is one, and otherwise says how to build it', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const h5 = mkdtempSync(join(tmpdir(), 'gongkai-h5-'));
    writeFileSync(join(h5, 'index.html'), '<!doctype html><title>H5 应用</title>');
    const withApp = await startTestServer({ H5_DIR: h5 });
    const without = await startTestServer({ H5_DIR: join(h5, 'missing') });
    try {
      const app = await fetch(`${withApp.baseUrl}/`);
      expect(app.headers.get('content-type')).toMatch(/text\/html/);
      expect(await app.text()).toContain('H5 应用');
      const hint = await fetch(`${without.baseUrl}/`);
      expect(hint.status).toBe(200);
      expect(await hint.text()).toContain('npm run build:h5');
      expect((await fetch(`${without.baseUrl}/api/v1/categories`)).status).toBe(200);
    } finally {
      await withApp.destroy();
      await without.destroy();
    }
  });
});
