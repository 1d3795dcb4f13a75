import { createHash } from 'node:crypto';
import { InquiryPhoto } from '../../../server/src/inquiries/entities/inquiry-photo.entity';
import { FakeWechat } from '../../fakes/wechat/fake-wechat';
import { ApiClient } from '../../support/api-client';
import { aParent, aStaff, aUnit, bootstrapAdmin } from '../../support/builders';
import { anInquiry, download, jpeg, png, submitted, upload } from '../../support/inquiry-builders';
import { startTestServer, type TestServer } from '../../support/test-server';

describe('inquiry photos', () => {
  const wechat = new FakeWechat();
  let server: TestServer;
  let admin: ApiClient;
  let anon: ApiClient;
  let owner: ApiClient;
  let stranger: ApiClient;
  let handler: ApiClient;
  let otherHandler: ApiClient;

  beforeAll(async () => {
    await wechat.start();
    server = await startTestServer(wechat.env());
    let bureau: string;
    ({ admin, anonymous: anon, unitCode: bureau } = await bootstrapAdmin(server));
    await aUnit(admin, 'PHOTO0000000000001', '学前教育科');
    handler = await aStaff(admin, 'handler', bureau, ['inquiry_handler']);
    otherHandler = await aStaff(admin, 'handler2', 'PHOTO0000000000001', ['inquiry_handler']);
    owner = await aParent(anon, wechat, { openid: 'o-owner' });
    stranger = await aParent(anon, wechat, { openid: 'o-stranger' });
  });

  afterAll(async () => {
    await server?.destroy();
    await wechat.stop();
  });

  it('accepts a PNG and a JPEG, by their content, and stores them in the database', async () => {
    const image = png(4, 3);
    const res = await upload(owner, image, 'photo.png', 'image/png');
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), contentType: 'image/png', bytes: image.length });
    const row = await server.dataSource.getRepository(InquiryPhoto).findOne({ where: { id: res.body.id }, select: { id: true, parentId: true, contentType: true, size: true, sha256: true, data: true, inquiryId: true } });
    expect(row).toMatchObject({ contentType: 'image/png', size: image.length, sha256: createHash('sha256').update(image).digest('hex'), inquiryId: null });
    expect(Buffer.from(row!.data).equals(image)).toBe(true);

    // The declared name and type do not matter: a JPEG sent as "a.txt" with text/plain is a JPEG.
    const j = await upload(owner, jpeg(), 'a.txt', 'text/plain');
    expect(j.status).toBe(201);
    expect(j.body.contentType).toBe('image/jpeg');
  });

  it('refuses what is not an image, whatever its name says, and anything over 5 MB', async () => {
    for (const [bytes, name, type] of [
      [Buffer.from('这不是图片，只是一段文字。'.repeat(10)), 'photo.jpg', 'image/jpeg'],
      [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'x.png', 'image/png'],
      [Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(40)]), 'fake.png', 'image/png'],
      [Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'doc.jpg', 'image/jpeg'],
    ] as const) {
      const res = await upload(owner, bytes, name, type);
      expect({ name, status: res.status }).toEqual({ name, status: 400 });
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', message: '只能上传 JPEG、PNG、GIF 或 WebP 格式的图片' });
    }
    const big = await upload(owner, png(2, 2, 5 * 1024 * 1024 + 1), 'big.png', 'image/png');
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: '照片不能超过 5 MB' });
    const justFits = await upload(owner, png(2, 2, 5 * 1024 * 1024), 'fits.png', 'image/png');
    expect(justFits.status).toBe(201);
    expect((await upload(owner, png(), 'p.png', 'image/png', 'photo')).status).toBe(400);
    const json = await owner.post('/inquiries/photos', { file: 'x' });
    expect(json.status).toBe(400);
    expect(json.body.message).toMatch(/multipart/);
    // Malformed multipart bodies: refused, never a 500.
    for (const [body, type] of [
      ['--abc\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nhello', 'multipart/form-data; boundary=abc'],
      ['garbage', 'multipart/form-data'],
      ['--abc--\r\n', 'multipart/form-data; boundary=abc'],
    ]) {
      const res = await fetch(`${owner.baseUrl}/api/v1/inquiries/photos`, { method: 'POST', headers: { authorization: `Bearer ${owner.token}`, 'content-type': type! }, body });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { message: string }).message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await upload(anon, png(), 'p.png', 'image/png')).status).toBe(401);
    expect((await upload(handler, png(), 'p.png', 'image/png')).status).toBe(401);
  });

  it('attaches only the parent’s own unused photos, at most three', async () => {
    const ids = [] as string[];
    for (let i = 0; i < 4; i++) ids.push((await upload(owner, png(i + 1, 1), `p${i}.png`, 'image/png')).body.id);
    const strangers = (await upload(stranger, png(), 's.png', 'image/png')).body.id;
    const theirs = await owner.post('/inquiries', anInquiry({ photoIds: [ids[0], strangers] }));
    expect(theirs.status).toBe(400);
    expect(theirs.body.details).toEqual([{ field: 'photoIds', message: '照片不存在，请重新上传' }]);
    expect((await owner.post('/inquiries', anInquiry({ photoIds: ids }))).status).toBe(400);
    const made = await submitted(owner, { photoIds: ids.slice(0, 3) });
    expect(made.photos).toHaveLength(3);
    for (const id of ids.slice(0, 3)) expect(made.photos).toContainEqual({ id, url: `/api/v1/inquiries/photos/${id}` });
    const reused = await owner.post('/inquiries', anInquiry({ photoIds: [ids[0]] }));
    expect(reused.status).toBe(400);
    expect(reused.body.details[0].message).toBe('照片已用于其他事项，请重新上传');
    // The photo the failed submission named is still free to use.
    expect((await submitted(owner, { photoIds: [ids[3]] })).photos).toHaveLength(1);
  });

  it('caps the photos a parent holds without an inquiry', async () => {
    const hoarder = await aParent(anon, wechat, { openid: 'o-hoarder' });
    const ids = [] as string[];
    for (let i = 0; i < 20; i++) ids.push((await upload(hoarder, png(), `p${i}.png`, 'image/png')).body.id);
    const over = await upload(hoarder, png(), 'more.png', 'image/png');
    expect(over.status).toBe(429);
    expect(over.body).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: expect.stringMatching(/照片过多/) });
    await submitted(hoarder, { photoIds: ids.slice(0, 3) });
    expect((await upload(hoarder, png(), 'again.png', 'image/png')).status).toBe(201);
  });

  it('serves a photo to its parent and to staff who see the inquiry, to nobody else', async () => {
    const image = png(5, 5);
    const id = (await upload(owner, image, 'p.png', 'image/png')).body.id;
    const url = `/api/v1/inquiries/photos/${id}`;
    // Not yet attached: only its parent.
    expect((await download(handler, url)).status).toBe(404);
    const made = await submitted(owner, { photoIds: [id] });
    const got = await download(owner, url);
    expect(got).toMatchObject({ status: 200, type: 'image/png' });
    expect(got.bytes.equals(image)).toBe(true);
    const staff = await download(handler, url);
    expect(staff.status).toBe(200);
    expect(staff.bytes.equals(image)).toBe(true);
    expect((await download(admin, url)).status).toBe(200);
    expect((await download(stranger, url)).status).toBe(404);
    expect((await download(otherHandler, url)).status).toBe(404);
    expect((await download(anon, url)).status).toBe(401);
    expect((await download(owner, '/api/v1/inquiries/photos/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await download(owner, '/api/v1/inquiries/photos/..%2F..%2Fetc')).status).toBe(404);
    // The staff view lists it with the same URL.
    expect((await handler.get(`/staff/inquiries/${made.id}`)).body.photos).toEqual([{ id, url }]);
  });
});
