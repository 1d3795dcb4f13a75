import { PRIVACY_NOTICE } from '@gongkai/shared';
import { SettableClock } from '../../../server/src/common/clock/clock';
import { FakeWechat } from '../../fakes/wechat/fake-wechat';
import { ApiClient } from '../../support/api-client';
import { aParent, aStaff, bootstrapAdmin, login } from '../../support/builders';
import { anInquiry, download, png, submitted, upload } from '../../support/inquiry-builders';
import { startTestServer, type TestServer } from '../../support/test-server';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** Monday 7 December 2026, 09:00 in Shanghai: the day after the notice's version took effect. */
const START = new Date('2026-12-07T01:00:00Z');
const CHILD_MESSAGE = '内容涉及未满十四周岁子女的信息，需要您作为监护人单独同意';
const REDACTED = '（监护人已撤回对儿童个人信息的同意，内容已删除）';

/** Inquiries under the privacy rules (issue 12): consent before collecting, a child's information, withdrawn consents, retention, access records. */
describe('inquiries and personal information', () => {
  const wechat = new FakeWechat();
  const clock = new SettableClock(START);
  let server: TestServer;
  let admin: ApiClient;
  let anon: ApiClient;
  let handler: ApiClient;
  let parents = 0;

  const newParent = async () => {
    const openid = `o-privacy-inquirer-${++parents}`;
    const client = await aParent(anon, wechat, { openid });
    return { openid, client, id: (await client.get('/parents/me')).body.id as number };
  };
  const staffView = async (id: number, as = handler) => {
    const res = await as.get(`/staff/inquiries/${id}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const act = async (id: number, action: string, body: Record<string, unknown> = {}) => {
    const res = await handler.post(`/staff/inquiries/${id}/${action}`, { version: (await staffView(id)).version, ...body });
    expect({ status: res.status, text: res.text }).toEqual({ status: 200, text: expect.any(String) });
    return res.body;
  };
  const answered = async (id: number) => {
    await act(id, 'accept');
    return act(id, 'reply', { text: '您好，已按规定办理。' });
  };
  const erasures = async (reason: string) =>
    ((await admin.get('/staff/privacy/erasures?limit=50')).body.items as { reason: string; kind: string; count: number }[]).filter((e) => e.reason === reason).map((e) => ({ kind: e.kind, count: e.count }));

  beforeAll(async () => {
    await wechat.start();
    server = await startTestServer({ ...wechat.env(), TOKEN_TTL_SECONDS: String(30 * 24 * 3600) }, clock);
    let bureau: string;
    ({ admin, anonymous: anon, unitCode: bureau } = await bootstrapAdmin(server));
    handler = await aStaff(admin, 'handler', bureau, ['inquiry_handler']);
  });

  afterAll(async () => {
    await server?.destroy();
    await wechat.stop();
  });

  it('collects nothing before the parent agreed to the privacy notice in force', async () => {
    const client = await aParent(anon, wechat, { openid: 'o-not-agreed' }, { agree: false });
    const refusal = { code: 'PRIVACY_CONSENT_REQUIRED', message: '请先阅读并同意个人信息保护政策' };
    const submit = await client.post('/inquiries', anInquiry({ phone: '13800138000' }));
    expect({ status: submit.status, body: submit.body }).toEqual({ status: 403, body: expect.objectContaining(refusal) });
    const photo = await upload(client, png(4, 3), 'a.png', 'image/png');
    expect({ status: photo.status, body: photo.body }).toEqual({ status: 403, body: expect.objectContaining(refusal) });
    expect((await client.get('/parents/me/inquiries')).body.items).toEqual([]);

    const agreed = await client.post('/parents/me/consents', { kind: 'privacy_notice', granted: true, version: PRIVACY_NOTICE.version, channel: 'weapp' });
    expect(agreed.status).toBe(200);
    expect((await client.post('/inquiries', anInquiry())).status).toBe(201);
    expect((await upload(client, png(4, 3), 'a.png', 'image/png')).status).toBe(201);
    // Withdrawing the notice's consent stops new collection again; what was submitted stays.
    expect((await client.post('/parents/me/consents', { kind: 'privacy_notice', granted: false, channel: 'weapp' })).status).toBe(200);
    expect((await client.post('/inquiries', anInquiry())).body.code).toBe('PRIVACY_CONSENT_REQUIRED');
    expect((await client.get('/parents/me/inquiries')).body.items).toHaveLength(1);
  });

  it('asks the guardian’s separate consent for a child’s information, and records it with the submission', async () => {
    const { client } = await newParent();
    for (const childConsent of [undefined, false]) {
      const res = await client.post('/inquiries', anInquiry({ involvesChild: true, ...(childConsent === undefined ? {} : { childConsent }) }));
      expect({ status: res.status, code: res.body.code, message: res.body.message }).toEqual({ status: 400, code: 'CHILD_CONSENT_REQUIRED', message: CHILD_MESSAGE });
    }
    expect((await client.get('/parents/me/inquiries')).body.items).toEqual([]);

    const res = await client.post('/inquiries', anInquiry({ content: '孩子今年五岁，有哮喘，幼儿园能否照顾？', involvesChild: true, childConsent: true, allowPublish: true }), { 'x-client-channel': 'h5' });
    expect(res.status).toBe(201);
    const plain = await submitted(client);
    expect(res.body.trackingNo).toBe('ZX20261207-0002');

    const consents = (await client.get('/parents/me/consents')).body;
    expect(consents.history.map((r: Record<string, unknown>) => ({ kind: r.kind, granted: r.granted, channel: r.channel, subject: r.subject }))).toEqual([
      { kind: 'public_qa', granted: true, channel: 'h5', subject: '咨询 ZX20261207-0002' },
      { kind: 'child_information', granted: true, channel: 'h5', subject: '咨询 ZX20261207-0002' },
      { kind: 'privacy_notice', granted: true, channel: 'weapp', subject: null },
    ]);
    expect(consents.current.filter((c: { granted: boolean }) => c.granted).map((c: { kind: string }) => c.kind)).toEqual(['privacy_notice', 'public_qa', 'child_information']);

    expect((await staffView(res.body.id)).involvesChild).toBe(true);
    expect((await staffView(plain.id)).involvesChild).toBe(false);
  });

  it('takes the parent’s Q&A down when they withdraw the public_qa consent', async () => {
    const { client, id: parentId } = await newParent();
    const inquiry = await submitted(client, { allowPublish: true, content: '课后服务怎么收费？' });
    await answered(inquiry.id);
    const qa = await handler.post(`/staff/inquiries/${inquiry.id}/publish-qa`, { question: '课后服务如何收费？', answer: '每生每学期不超过300元。' });
    expect(qa.status).toBe(201);
    expect((await anon.get('/qa')).body.items.map((i: { id: number }) => i.id)).toContain(qa.body.id);

    const withdrawn = await client.post('/parents/me/consents', { kind: 'public_qa', granted: false, channel: 'weapp' });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.current.find((c: { kind: string }) => c.kind === 'public_qa')).toMatchObject({ granted: false, channel: 'weapp' });
    expect((await anon.get('/qa')).body.items.map((i: { id: number }) => i.id)).not.toContain(qa.body.id);
    expect((await anon.get(`/qa/${qa.body.id}`)).status).toBe(404);
    const view = await staffView(inquiry.id);
    expect(view).toMatchObject({ allowPublish: false, publishedQaId: null });
    expect(view.timeline.at(-1)).toMatchObject({ action: 'note', label: '家长撤回公开同意，已撤下公开问答', by: '系统' });
    const again = await handler.post(`/staff/inquiries/${inquiry.id}/publish-qa`, { question: '课后服务如何收费？', answer: '每生每学期不超过300元。' });
    expect(again.body).toMatchObject({ code: 'INQUIRY_NOT_ALLOWED', message: '提问人未同意公开，不能发布为问答' });
    const log = ((await admin.get(`/staff/privacy/erasures?parentId=${parentId}`)).body.items as { reason: string; kind: string; count: number }[]).map((e) => ({ reason: e.reason, kind: e.kind, count: e.count }));
    expect(log).toEqual([{ reason: 'consent_withdrawn', kind: 'inquiry_qa', count: 1 }]);
  });

  it('deletes a child’s content and photos when the guardian withdraws that consent: finished inquiries at once, open ones when they finish', async () => {
    const { client } = await newParent();
    const photoId = (await upload(client, png(4, 3), 'child.png', 'image/png')).body.id as string;
    const child = { involvesChild: true, childConsent: true };
    const finished = await submitted(client, { ...child, content: '孩子在校摔伤，想了解保险理赔。', photoIds: [photoId] });
    const open = await submitted(client, { ...child, content: '孩子需要随班就读，请问如何申请？' });
    const other = await submitted(client, { content: '与子女无关的咨询。' });
    await answered(finished.id);
    expect((await download(handler, `/api/v1/inquiries/photos/${photoId}`)).status).toBe(200);

    expect((await client.post('/parents/me/consents', { kind: 'child_information', granted: false, channel: 'weapp' })).status).toBe(200);
    expect(await staffView(finished.id)).toMatchObject({ content: REDACTED, photos: [], reply: { text: '您好，已按规定办理。' } });
    expect((await client.get(`/parents/me/inquiries/${finished.id}`)).body.content).toBe(REDACTED);
    expect((await download(client, `/api/v1/inquiries/photos/${photoId}`)).status).toBe(404);
    expect((await staffView(other.id)).content).toBe('与子女无关的咨询。');
    // Still being handled: the handler is told, the content stays until it is finished.
    const still = await staffView(open.id);
    expect(still.content).toBe('孩子需要随班就读，请问如何申请？');
    expect(still.timeline.at(-1)).toMatchObject({ action: 'note', label: '监护人已撤回对儿童个人信息的同意', text: '办结时将删除本事项中的内容和照片；办理中请仅在必要范围内使用', by: '系统' });
    expect((await client.get(`/parents/me/inquiries/${open.id}`)).body.timeline.map((e: { label: string }) => e.label)).toEqual(['提交']);

    const reply = await answered(open.id);
    expect(reply).toMatchObject({ status: 'replied', content: REDACTED });
  });

  it('records staff reading an inquiry’s personal data (detail and photo), not the list, not the parent', async () => {
    const { client, id: parentId } = await newParent();
    const photoId = (await upload(client, png(4, 3), 'p.png', 'image/png')).body.id as string;
    const inquiry = await submitted(client, { phone: '13912345678', photoIds: [photoId] });
    const log = async () => (await admin.get(`/staff/privacy/access-log?parentId=${parentId}`)).body.items;

    await handler.get('/staff/inquiries?scope=all');
    await client.get(`/parents/me/inquiries/${inquiry.id}`);
    await download(client, `/api/v1/inquiries/photos/${photoId}`);
    expect(await log()).toEqual([]);

    expect((await staffView(inquiry.id)).phone).toBe('139****5678');
    expect(await log()).toEqual([
      {
        id: expect.any(Number),
        actorId: expect.any(Number),
        actorUsername: 'handler',
        action: 'personal_data.view',
        entityType: 'inquiry',
        entityId: String(inquiry.id),
        parentId,
        fields: ['content', 'phone', 'photos'],
        purpose: '办理咨询投诉',
        ip: '127.0.0.1',
        createdAt: expect.any(String),
      },
    ]);
    expect((await download(handler, `/api/v1/inquiries/photos/${photoId}`)).status).toBe(200);
    const [photoRead] = await log();
    expect(photoRead).toMatchObject({ actorUsername: 'handler', entityType: 'inquiry', entityId: String(inquiry.id), parentId, fields: ['photo'], purpose: '办理咨询投诉' });
    // Only the admin reviews them.
    expect((await handler.get('/staff/privacy/access-log')).status).toBe(403);
  });

  it('exports the parent’s inquiries in full, and on cancellation keeps them as the archive without phone, photos or applicant', async () => {
    const { client, id: parentId } = await newParent();
    const photoId = (await upload(client, png(4, 3), 'p.png', 'image/png')).body.id as string;
    const inquiry = await submitted(client, { phone: '0536-6212345', photoIds: [photoId], content: '学区划分咨询' });
    await handler.post(`/staff/inquiries/${inquiry.id}/notes`, { text: '内部备注，家长看不到' });
    await answered(inquiry.id);

    const section = (await client.get('/parents/me/data')).body.sections.find((s: { key: string }) => s.key === 'inquiries');
    expect(section.label).toBe('咨询投诉');
    expect(section.records).toEqual([
      expect.objectContaining({ record: 'inquiry', id: inquiry.id, trackingNo: inquiry.trackingNo, subject: '入学咨询', content: '学区划分咨询', phone: '0536-6212345', involvesChild: false, status: 'replied', reply: expect.objectContaining({ text: '您好，已按规定办理。' }) }),
      { record: 'photo', id: photoId, inquiryId: inquiry.id, contentType: 'image/png', bytes: expect.any(Number), createdAt: expect.any(String), url: `/api/v1/inquiries/photos/${photoId}` },
    ]);
    // What the parent's own view shows of the handling: never internal notes.
    expect(section.records[0].timeline.map((e: { label: string }) => e.label)).toEqual(['提交', '受理', '答复']);

    const cancelled = await client.delete('/parents/me');
    expect(cancelled.status).toBe(200);
    const view = await staffView(inquiry.id);
    expect(view).toMatchObject({ applicantNote: '申请人已注销', phone: null, photos: [], subject: '入学咨询', content: '学区划分咨询', status: 'replied', reply: { text: '您好，已按规定办理。' } });
    expect(view.timeline.map((e: { label: string }) => e.label)).toEqual(['提交', '内部备注', '受理', '答复']);
    expect((await download(handler, `/api/v1/inquiries/photos/${photoId}`)).status).toBe(404);
    const [row] = (await server.dataSource.query('SELECT phone, phone_hash FROM inquiry WHERE id = ?', [inquiry.id])) as { phone: unknown; phone_hash: unknown }[];
    expect(row).toEqual({ phone: null, phone_hash: null });
    expect((await server.dataSource.query('SELECT id FROM inquiry_photo WHERE parent_id = ?', [parentId])) as unknown[]).toEqual([]);
    // Another parent's inquiry is untouched.
    const { client: other } = await newParent();
    const kept = await submitted(other, { phone: '13511112222' });
    expect(await staffView(kept.id)).toMatchObject({ applicantNote: null, phone: '135****2222' });
  });

  it('deletes uploads never attached to an inquiry after a day', async () => {
    const { client } = await newParent();
    const photoId = (await upload(client, png(4, 3), 'draft.png', 'image/png')).body.id as string;
    expect(await erasures('retention')).toEqual([]);
    clock.advance(23 * HOUR);
    await server.tasks.run('privacy-retention');
    expect((await download(client, `/api/v1/inquiries/photos/${photoId}`)).status).toBe(200);
    clock.advance(2 * HOUR);
    await server.tasks.run('privacy-retention');
    expect((await download(client, `/api/v1/inquiries/photos/${photoId}`)).status).toBe(404);
    // The first test's photo, never attached either, went in the same round.
    expect(await erasures('retention')).toEqual([{ kind: 'inquiry_photo', count: 2 }]);
  });

  it('erases the phone and photos of an inquiry 180 days after it was closed, not a day before', async () => {
    const first = await newParent();
    let parent = first.client;
    const photoId = (await upload(parent, png(4, 3), 'kept.png', 'image/png')).body.id as string;
    const inquiry = await submitted(parent, { phone: '13700001111', photoIds: [photoId] });
    await answered(inquiry.id);
    expect((await parent.post(`/parents/me/inquiries/${inquiry.id}/rating`, { rating: 'satisfied' })).body.status).toBe('closed');
    const before = await erasures('retention');

    // Tokens live 30 days: sign in again after moving the clock.
    const signIn = async () => {
      handler = anon.as(await login(anon, 'handler'));
      admin = anon.as(await login(anon, 'root'));
      // The same WeChat user signing in again: the same account (agreeing again changes nothing).
      parent = await aParent(anon, wechat, { openid: first.openid });
    };
    clock.advance(179 * DAY);
    await signIn();
    await server.tasks.run('privacy-retention');
    expect((await staffView(inquiry.id)).phone).toBe('13700001111');
    expect((await download(handler, `/api/v1/inquiries/photos/${photoId}`)).status).toBe(200);
    expect(await erasures('retention')).toEqual(before);

    clock.advance(DAY + 60_000);
    await signIn();
    await server.tasks.run('privacy-retention');
    const view = await staffView(inquiry.id);
    expect(view).toMatchObject({ phone: null, photos: [], status: 'closed', content: anInquiry().content, reply: { text: '您好，已按规定办理。' } });
    const [row] = (await server.dataSource.query('SELECT phone, phone_hash FROM inquiry WHERE id = ?', [inquiry.id])) as { phone: unknown; phone_hash: unknown }[];
    expect(row).toEqual({ phone: null, phone_hash: null });
    expect((await download(handler, `/api/v1/inquiries/photos/${photoId}`)).status).toBe(404);
    expect((await download(parent, `/api/v1/inquiries/photos/${photoId}`)).status).toBe(404);
    expect((await parent.get(`/parents/me/inquiries/${inquiry.id}`)).body).toMatchObject({ phone: null, photos: [] });
    expect((await erasures('retention')).slice(0, -before.length)).toEqual([
      { kind: 'inquiry_photo', count: 1 },
      { kind: 'inquiry_phone', count: 1 },
    ]);
  });
});
