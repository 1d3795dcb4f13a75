import { PRIVACY_NOTICE, STAFF_ROLES } from '@gongkai/shared';
import { FakeWechat } from '../../fakes/wechat/fake-wechat';
import { ApiClient, type ApiResponse } from '../../support/api-client';
import { PASSWORD, aNotice, aParent, aStaff, aUnit, bootstrapAdmin, login } from '../../support/builders';
import { anInquiry, submitted } from '../../support/inquiry-builders';
import { PUSH_ENV } from '../../support/push-builders';
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
    ['POST', '/staff/notices/import-word'],
    ['POST', '/staff/attachments'],
    ['POST', '/staff/notices/DRAFT/corrections'],
    ['POST', '/staff/notices/DRAFT/correction/submit'],
    ['POST', '/staff/notices/DRAFT/correction/review'],
    ['POST', '/staff/notices/DRAFT/correction/registration'],
    ['POST', '/staff/notices/DRAFT/correction/cancel'],
    ['POST', '/staff/portal/clients'],
    ['POST', '/staff/portal/endpoints'],
    ['POST', '/staff/zoning/tables/1/rules'],
    ['POST', '/staff/zoning/tables/1/attach'],
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

  it('answers malformed uploads to the Word import in the error shape', async () => {
    const post = (body: FormData | string, contentType?: string) =>
      fetch(`${editor.baseUrl}/api/v1/staff/notices/import-word`, { method: 'POST', body, headers: { authorization: `Bearer ${editor.token}`, ...(contentType ? { 'content-type': contentType } : {}) } });
    const wrongField = new FormData();
    wrongField.append('upload', new Blob([Buffer.from('PK')]), 'a.docx');
    const textOnly = new FormData();
    textOnly.append('file', '不是文件');
    const cutShort = '--x\r\ncontent-disposition: form-data; name="file"; filename="a.docx"\r\ncontent-type: application/octet-stream\r\n\r\nPK\u0003\u0004';
    for (const res of [await post(wrongField), await post(textOnly), await post(cutShort, 'multipart/form-data; boundary=x'), await post('x', 'multipart/form-data')]) {
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ statusCode: 400, code: expect.stringMatching(/^[A-Z_]+$/), message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
    }
  });

  it('answers malformed attachment uploads in the error shape', async () => {
    const post = (body: string | FormData, contentType?: string) =>
      fetch(`${editor.baseUrl}/api/v1/staff/attachments`, { method: 'POST', body, headers: { authorization: `Bearer ${editor.token}`, ...(contentType ? { 'content-type': contentType } : {}) } });
    const form = (...parts: [field: string, value: Blob | string, filename?: string][]) => {
      const data = new FormData();
      for (const [field, value, filename] of parts) {
        if (typeof value === 'string') data.append(field, value);
        else data.append(field, value, filename);
      }
      return data;
    };
    const pdf = new Blob([Buffer.from('%PDF-1.4\n%%EOF\n')]);
    const cases: [string, () => Promise<Response>][] = [
      ['no file field', () => post(form(['other', pdf, 'a.pdf']))],
      ['only a text field', () => post(form(['file', '不是文件']))],
      ['no file name', () => post(form(['file', pdf, '']))],
      ['a name of dots and slashes', () => post(form(['file', pdf, '../..']))],
      ['no boundary', () => post('--x\r\n', 'multipart/form-data')],
      ['cut off', () => post('--b\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4', 'multipart/form-data; boundary=b')],
      ['plain text', () => post('hello', 'text/plain')],
    ];
    for (const [label, send] of cases) {
      const res = await send();
      const body = (await res.json()) as { statusCode: number; code: string; message: string };
      expect({ label, status: res.status, shape: body.statusCode === res.status && /^[A-Z_]+$/.test(body.code) && /[\u4e00-\u9fa5]/.test(body.message) }).toEqual({ label, status: expect.any(Number), shape: true });
      expect({ label, clientError: res.status >= 400 && res.status < 500 }).toEqual({ label, clientError: true });
    }
  });

  it('says plainly when the body is not JSON', async () => {
    const res = await editor.request('POST', '/staff/notices', '{not json');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ statusCode: 400, code: 'VALIDATION_FAILED', message: '请求内容不是有效的 JSON' });
  });

  it('refuses JSON nested 20,000 deep before sign-in with a 400, and takes 32 levels', async () => {
    const deepBody = `{"username":${'['.repeat(20_000)}${']'.repeat(20_000)},"password":"x"}`;
    const res = await anon.request('POST', '/auth/staff', deepBody);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ statusCode: 400, code: 'VALIDATION_FAILED', message: '提交的内容层级过深（最多 32 层）' });
    // 32 levels in all (the body object and 31 arrays) is still JSON the validator answers.
    const atLimit = await anon.request<any>('POST', '/auth/staff', `{"username":${'['.repeat(31)}${']'.repeat(31)},"password":"x"}`);
    expect(atLimit.status).toBe(400);
    expect(atLimit.body.details).toEqual([{ field: 'username', message: expect.stringMatching(/用户名/) }]);
  });

  it('answers odd query strings and unknown routes in the error shape', async () => {
    for (const path of ['/notices?limit=0', '/notices?limit=-5', '/notices?limit=abc', '/notices?year=99999', '/notices?cursor=%00', '/notices?q=' + 'x'.repeat(51), '/notices?category=a&category=b', '/nothing-here', '/staff/notices?status=lost', '/staff/notices/abc/views', '/staff/notices/99999999999999999999/views', '/staff/notices/%00/views', '/attachments/not-a-uuid', '/attachments/%00', '/attachments/0b8f3c2e-1111-4222-8333-444455556666?exp=abc&sig=%00', '/attachments/0b8f3c2e-1111-4222-8333-444455556666?exp=1&exp=2&sig[a]=1', '/zoning/lookup?q=' + 'x'.repeat(101), '/zoning/lookup', '/zoning/lookup?q=a&year=abc', '/zoning/lookup?town=a&number=1e3', '/zoning/lookup?q=%00&applicant=all', '/zoning/lookup?q=a&q=b', '/zoning/lookup?q[a]=1', '/zoning/lookup?q=%00', '/zoning/places?town[a]=1', '/zoning/years?x=1', '/staff/zoning/misses?limit=0', '/staff/zoning/misses?cursor=%00', '/staff/zoning/misses?year=1e3', '/staff/zoning/compare?from=abc&to=2026', '/staff/zoning/tables/abc', '/staff/zoning/tables/1/rules?limit=0', '/staff/zoning/tables/1/diff?against=-1', '/disclosure/fee', '/disclosure/fee?method=piece&count=1e3', '/disclosure/fee?method=volume&count=5&priorPiecesThisMonth=2', '/disclosure/fee?method[a]=1&count=1', '/disclosure/fee?method=piece&count=1&count=2', '/disclosure/lookup/%00/letter.pdf', '/disclosure/lookup/1.1.x/fee-notice', '/parents/me/disclosure-requests/abc', '/staff/disclosure/requests?scope=lost', '/staff/disclosure/requests?cursor=%00', '/staff/disclosure/requests/abc/letter.pdf', '/staff/disclosure/challenges?year=abc']) {
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

describe('every write route, every bad shape', () => {
  // The routes come from the app's own OpenAPI document, so a route added later is fuzzed too.
  const wechat = new FakeWechat();
  let server: TestServer;
  let anon: ApiClient;
  let staff: ApiClient;
  let parent: ApiClient;
  /** Holds a portal key: the /sync routes' shapes are fuzzed past their key check. */
  let portal: ApiClient;
  let bureau: string;
  let doc: OpenApi;
  /** Ids of real objects, so a path parameter names something that exists. */
  const ids: Record<string, string> = {};
  let serial = 0;
  const unique = () => `${Date.now() % 100_000}${++serial}`;
  const problems: string[] = [];

  beforeAll(async () => {
    await wechat.start();
    server = await startTestServer({ ...wechat.env(), ...PUSH_ENV });
    let admin: ApiClient;
    ({ admin, anonymous: anon, unitCode: bureau } = await bootstrapAdmin(server));
    // One account holding every role passes every staff route's role check.
    staff = await aStaff(admin, 'fuzzer', bureau, [...STAFF_ROLES]);
    parent = await aParent(anon, wechat, { openid: 'o-fuzz-parent' });
    ids.notices = String(await aNotice().create(staff));
    ids.accounts = String((await admin.get('/staff/accounts')).body.find((a: { username: string }) => a.username === 'fuzzer').id);
    ids.categories = 'JCJY';
    ids.topics = (await staff.post('/staff/topics', { code: 'fuzz-topic', name: '专题' })).body.code ?? 'fuzz-topic';
    ids.units = bureau;
    ids['keyword-replies'] = String((await staff.post('/staff/oa/keyword-replies', { keyword: '划片', match: 'exact', reply: '见公告' })).body.id ?? 1);
    const inquiry = await submitted(parent, { phone: '13812345678' });
    ids.inquiries = String(inquiry.id);
    ids.calendar = '2027';
    ids['auto-push'] = 'JCJY';
    ids['rights-requests'] = String((await parent.post('/parents/me/rights-requests', { kind: 'access', content: '请提供我的信息' })).body.id);
    portal = anon.as((await admin.post('/staff/portal/clients', { name: '模糊测试门户' })).body.key);
    ids.clients = String((await admin.post('/staff/portal/clients', { name: '待撤销的门户密钥' })).body.id);
    // Port 9 (discard) refuses at once: nothing waits on a push the fuzzing might cause.
    ids.endpoints = String((await admin.post('/staff/portal/endpoints', { name: '模糊测试端点', url: 'http://127.0.0.1:9/fuzz', secret: 'fuzz-endpoint-secret-0123' })).body.id);
    doc = (await anon.get('/api/docs/openapi.json')).body;
  });

  afterAll(async () => {
    await server?.destroy();
    await wechat.stop();
  });

  /** Valid bodies for routes whose writes reach the database only when everything else is right. */
  const valid: Record<string, () => Record<string, unknown>> = {
    'POST /auth/staff': () => ({ username: 'fuzzer', password: PASSWORD }),
    'POST /staff/accounts': () => ({ username: `fz${unique()}`, displayName: '张三', password: PASSWORD, unitCode: bureau, roles: ['editor'] }),
    'PATCH /staff/accounts/{id}': () => ({ displayName: '张三' }),
    'POST /staff/notices': () => ({ ...aNotice().build(), title: `通知${unique()}` }),
    'PATCH /staff/notices/{id}': () => ({ title: '通知' }),
    'PUT /staff/notices/{id}': () => ({ title: '通知' }),
    'POST /staff/notices/{id}/corrections': () => ({ note: '更正报名截止时间' }),
    'PATCH /staff/notices/{id}/correction': () => ({ note: '更正报名截止时间', version: 1 }),
    'PUT /staff/notices/{id}/correction': () => ({ note: '更正报名截止时间', version: 1 }),
    'PATCH /staff/categories/{code}': () => ({ name: '基础教育' }),
    'PUT /staff/push/auto-push/{categoryCode}': () => ({ autoPush: null }),
    'POST /staff/topics': () => ({ code: `fz-${unique()}`, name: '专题' }),
    'PATCH /staff/topics/{code}': () => ({ name: '专题' }),
    'POST /staff/units': () => ({ code: `FZ${unique()}`, name: '学校', kind: 'school' }),
    'PATCH /staff/units/{code}': () => ({ name: '学校' }),
    'POST /staff/oa/keyword-replies': () => ({ keyword: `词${unique()}`, match: 'exact', reply: '回复' }),
    'PATCH /staff/oa/keyword-replies/{id}': () => ({ reply: '回复' }),
    'PUT /staff/oa/keyword-replies/{id}': () => ({ reply: '回复' }),
    'PATCH /parents/me': () => ({ displayName: '王女士' }),
    'PUT /parents/me': () => ({ displayName: '王女士' }),
    'PUT /parents/me/subscriptions': () => ({ items: [{ kind: 'category', code: 'JCJY' }] }),
    'POST /parents/me/subscribe-results': () => ({ results: { SUB_NOTICE: 'accept' } }),
    'PUT /staff/calendar/{year}': () => ({ days: [{ date: '2027-10-01', kind: 'holiday', name: '国庆节' }], complete: false, note: '通知' }),
    'POST /inquiries': () => anInquiry({ phone: '13812345678' }),
    'POST /staff/inquiries/{id}/notes': () => ({ text: '备注' }),
    'POST /parents/me/consents': () => ({ kind: 'privacy_notice', granted: true, version: PRIVACY_NOTICE.version, channel: 'weapp' }),
    'POST /parents/me/rights-requests': () => ({ kind: 'access', content: '请提供我的信息' }),
    'POST /staff/privacy/rights-requests/{id}/reply': () => ({ status: 'done', reply: '已办理' }),
    'POST /staff/portal/clients': () => ({ name: `门户${unique()}` }),
    'PUT /sync/notices/{id}/portal-url': () => ({ url: 'https://www.example.gov.cn/jyj/a.html' }),
    'POST /staff/portal/endpoints': () => ({ name: `端点${unique()}`, url: 'http://127.0.0.1:9/fuzz', secret: 'fuzz-endpoint-secret-0123' }),
    'PATCH /staff/portal/endpoints/{id}': () => ({ name: '端点' }),
    'PUT /staff/portal/endpoints/{id}': () => ({ name: '端点' }),
    'POST /staff/portal/endpoints/{id}/resend': () => ({}),
  };

  const routes = () => {
    const out: Route[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (!['post', 'put', 'patch', 'delete'].includes(method)) continue;
        const ref = op.requestBody?.content?.['application/json']?.schema;
        out.push({ method: method.toUpperCase(), template: path.replace(/^\/api\/v1/, ''), schema: ref ? resolve(ref) : undefined });
      }
    }
    // Deletes last: the shapes before them keep their targets.
    return out.sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
  };

  const resolve = (schema: Schema): Schema => {
    if (schema.$ref) return resolve(doc.components.schemas[schema.$ref.split('/').pop()!]);
    if (schema.allOf?.length === 1) return { ...resolve(schema.allOf[0]), nullable: schema.nullable };
    return schema;
  };

  /** Every field path of a body schema: `title`, `attachments.0.name`, … with its schema. */
  const fields = (schema: Schema | undefined, prefix = ''): [string, Schema][] => {
    const out: [string, Schema][] = [];
    for (const [name, raw] of Object.entries(schema?.properties ?? {})) {
      const field = resolve(raw);
      const path = prefix ? `${prefix}.${name}` : name;
      out.push([path, field]);
      if (field.properties) out.push(...fields(field, path));
      if (field.type === 'array' && field.items && resolve(field.items).properties) out.push(...fields(resolve(field.items), `${path}.0`));
    }
    return out;
  };

  /** A body from the schema's examples and enums, under the known valid one. */
  const baseBody = (route: Route): Record<string, unknown> => {
    const example = (schema: Schema): unknown => {
      if (schema.example !== undefined) return schema.example;
      if (schema.enum) return schema.enum[0];
      if (schema.properties) return Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, example(resolve(v))]));
      if (schema.type === 'array') return schema.items && resolve(schema.items).properties ? [example(resolve(schema.items))] : [];
      return { string: '文字', number: 1, integer: 1, boolean: true, object: {} }[schema.type ?? 'object'] ?? null;
    };
    const known = valid[`${route.method} ${route.template}`];
    return { ...(route.schema ? (example(route.schema) as Record<string, unknown>) : {}), ...(known ? known() : {}) };
  };

  const withField = (body: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> => {
    const copy = structuredClone(body);
    const keys = path.split('.');
    let at: Record<string, unknown> = copy;
    for (const key of keys.slice(0, -1)) {
      if (typeof at[key] !== 'object' || at[key] === null) at[key] = /^\d+$/.test(key) ? [] : {};
      at = at[key] as Record<string, unknown>;
    }
    at[keys[keys.length - 1]] = value;
    return copy;
  };

  const pathOf = (route: Route, missing = false) =>
    route.template.replace(/\{(\w+)\}/g, (_, _name: string, offset: number) => {
      if (missing) return '999999';
      const collection = route.template.slice(0, offset).split('/').filter(Boolean).pop()!;
      return ids[collection] ?? '1';
    });

  /** The client a route lets through: tried on a missing target, so the probe changes nothing. */
  const clientFor = async (route: Route): Promise<ApiClient> => {
    for (const client of [staff, parent, portal, anon]) {
      const res = await client.request(route.method, pathOf(route, true), route.schema ? {} : undefined);
      if (res.status !== 401 && res.status !== 403) return client;
    }
    return anon;
  };

  /** Clients whose session a day's jump of the clock ended, and the one signed in afresh for it. */
  const renewed = new Map<ApiClient, ApiClient>();
  const nextDay = async () => {
    server.clock.advance(25 * 3600_000);
    const [oldStaff, oldParent] = [staff, parent];
    staff = anon.as(await login(anon, 'fuzzer'));
    parent = await aParent(anon, wechat, { openid: 'o-fuzz-parent' });
    const fresh = (c: ApiClient) => (c === oldStaff ? staff : c === oldParent ? parent : c);
    for (const [old, current] of renewed) renewed.set(old, fresh(current));
    renewed.set(oldStaff, staff).set(oldParent, parent);
  };

  const send = async (given: ApiClient, route: Route, body: unknown, label: string) => {
    let client = renewed.get(given) ?? given;
    let res = await client.request<any>(route.method, pathOf(route), body);
    // A daily limit reached by the fuzzing itself: the next day (signed in again), try again.
    if (res.status === 429) {
      await nextDay();
      client = renewed.get(given) ?? given;
      res = await client.request<any>(route.method, pathOf(route), body);
    }
    const where = `${route.method} ${route.template} ${label}`;
    if (res.status >= 500) problems.push(`${where} → ${res.status} ${res.text.slice(0, 120)}`);
    else if (res.status >= 400 && !(res.body?.statusCode === res.status && /^[A-Z_]+$/.test(res.body?.code) && /[\u4e00-\u9fa5]/.test(res.body?.message))) {
      problems.push(`${where} → ${res.status} not in the error shape: ${res.text.slice(0, 120)}`);
    }
    return res;
  };

  /** Whether the validator refuses this field (and not something else about the request). */
  const refusesField = (res: ApiResponse, field: string) => res.status === 400 && (res.body?.details ?? []).some((d: { field: string }) => d.field === field);

  /** About the longest run of `a` the validator lets through in a field (0: none; capped). */
  const acceptedLength = async (client: ApiClient, route: Route, base: Record<string, unknown>, field: string): Promise<number> => {
    const CAP = 200_000;
    const accepted = async (n: number) => !refusesField(await send(client, route, withField(base, field, 'a'.repeat(n)), `${field}=a×${n}`), field);
    if (!(await accepted(1))) return 0;
    let lo = 1;
    let hi = 2;
    while (hi <= CAP && (await accepted(hi))) [lo, hi] = [hi, hi * 2];
    if (hi > CAP) return CAP;
    // Near enough: doubled by variation selectors, anything above 3/4 of the limit overflows a column that size.
    while (hi - lo > Math.max(1, lo / 8)) {
      const mid = Math.floor((lo + hi) / 2);
      if (await accepted(mid)) lo = mid;
      else hi = mid;
    }
    return lo;
  };

  const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
  const RAW = ['{not json', '[]', '"a string"', '123', 'null', '{}', deep(20_000), `{"a":${deep(20_000)}}`, '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000), `{"x":"${'\\u0000'.repeat(10)}"}`];
  const WRONG: unknown[] = [123, -1, 1.5, 2 ** 31, 1e300, true, '', [], [null], { a: { b: 1 } }];

  it('derives the write routes from the app', () => {
    const list = routes().map((r) => `${r.method} ${r.template}`);
    expect(list).toEqual(expect.arrayContaining(['POST /auth/staff', 'POST /staff/notices', 'PATCH /staff/notices/{id}', 'POST /inquiries', 'PUT /staff/calendar/{year}', 'POST /staff/oa/keyword-replies']));
    expect(list.length).toBeGreaterThan(30);
  });

  it('answers every bad shape on every write route without a 500, in the error shape', async () => {
    let requests = 0;
    for (const route of routes()) {
      const client = await clientFor(route);
      for (const raw of RAW) {
        await send(client, route, raw, raw.slice(0, 20));
        requests++;
      }
      const base = baseBody(route);
      for (const [field, schema] of fields(route.schema)) {
        const nulled = await send(client, route, withField(base, field, null), `${field}=null`);
        // null is refused wherever the field cannot hold it.
        if (!schema.nullable && !refusesField(nulled, field)) problems.push(`${route.method} ${route.template} ${field}=null → ${nulled.status}, not refused`);
        await send(client, route, withField(base, field, JSON.parse(deep(40))), `${field}=[[…40]]`);
        for (const value of WRONG) await send(client, route, withField(base, field, value), `${field}=${JSON.stringify(value)}`);
        requests += WRONG.length + 2;
        if (schema.type !== 'string' && schema.type !== 'object') continue;
        // Lengths as the column counts them: at the longest the validator lets through, every
        // character that it might count differently (variation selectors, astral, emoji).
        const n = await acceptedLength(client, route, base, field);
        for (const unit of ['a\uFE0F', '\u{20000}', '👍🏽', '\uD800']) {
          await send(client, route, withField(base, field, unit.repeat(Math.max(n, 1))), `${field}=${JSON.stringify(unit)}×${n}`);
          requests++;
        }
      }
    }
    expect(problems).toEqual([]);
    expect(requests).toBeGreaterThan(1000);
  }, 600_000);
});

interface Schema {
  $ref?: string;
  type?: string;
  nullable?: boolean;
  example?: unknown;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
  required?: string[];
}
interface OpenApi {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
  components: { schemas: Record<string, Schema> };
}
interface Route {
  method: string;
  template: string;
  schema?: Schema;
}

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
