import { createHash } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { InquiryPhoto } from '../../../server/src/inquiries/entities/inquiry-photo.entity';
import { StoredFile } from '../../../server/src/storage/entities/stored-file.entity';
import { FilesService } from '../../../server/src/storage/files.service';
import { ObjectMissing, ObjectStore } from '../../../server/src/storage/object-store';
import { FakeWechat } from '../../fakes/wechat/fake-wechat';
import { ApiClient } from '../../support/api-client';
import { aParent, aStaff, aUnit, bootstrapAdmin } from '../../support/builders';
import { anInquiry, download, png, submitted, upload } from '../../support/inquiry-builders';
import { readStored } from '../../support/storage';
import { startTestServer, type TestServer } from '../../support/test-server';

/** A real JPEG of `width` × `height`, made by sharp (the camera's side of things). */
function photo(width = 8, height = 6): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 30, g: 120, b: 200 } } }).jpeg().toBuffer();
}

/** A PNG chunk with its CRC. */
function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
function ihdr(width: number, height: number, bitDepth: number, colourType: number): Buffer {
  const data = Buffer.alloc(13);
  data.writeUInt32BE(width, 0);
  data.writeUInt32BE(height, 4);
  data[8] = bitDepth;
  data[9] = colourType;
  return pngChunk('IHDR', data);
}

/** Where a TIFF/EXIF block points to its GPS directory (tag 0x8825, either byte order). */
function hasGpsTag(exif: Buffer | undefined): boolean {
  return !!exif && (exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88])));
}

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

  it('accepts a PNG and a JPEG, by their content, and stores them re-encoded in storage', async () => {
    const image = png(4, 3);
    const res = await upload(owner, image, 'photo.png', 'image/png');
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), contentType: 'image/png', bytes: expect.any(Number) });
    const row = await server.dataSource.getRepository(InquiryPhoto).findOneByOrFail({ id: res.body.id });
    const file = await server.dataSource.getRepository(StoredFile).findOneByOrFail({ id: row.fileId! });
    const stored = await readStored(server.app.get(FilesService), file);
    const sha256 = createHash('sha256').update(stored).digest('hex');
    expect(row).toMatchObject({ contentType: 'image/png', size: res.body.bytes, sha256, inquiryId: null });
    // Named by the photo's id, never by the name the phone gave it.
    expect(file).toMatchObject({ purpose: 'inquiry_photo', name: `照片-${res.body.id.slice(0, 8)}.png`, contentType: 'image/png', size: res.body.bytes, sha256, state: 'in_use', parentId: row.parentId, staffId: null });
    expect(stored.length).toBe(res.body.bytes);
    expect(await sharp(stored).metadata()).toMatchObject({ format: 'png', width: 4, height: 3 });

    // The declared name and type do not matter: a JPEG sent as "a.txt" with text/plain is a JPEG.
    const j = await upload(owner, await photo(), 'a.txt', 'text/plain');
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

  it('refuses a file that starts like an image but does not decode as one', async () => {
    // A valid PNG signature and IHDR chunk, then 5 MB of zeros: the old check looked no further than the header.
    const zeros = Buffer.concat([PNG_SIGNATURE, ihdr(2, 2, 8, 2), Buffer.alloc(5 * 1024 * 1024 - 33)]);
    const res = await upload(owner, zeros, 'zeros.png', 'image/png');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', message: '照片已损坏或无法识别，请重新选择' });
    // A JPEG cut off half-way.
    const whole = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 30 } } }).jpeg().toBuffer();
    const cut = Buffer.concat([whole.subarray(0, Math.floor(whole.length / 2)), Buffer.from([0xff, 0xd9])]);
    expect((await upload(owner, cut, 'cut.jpg', 'image/jpeg')).body).toMatchObject({ code: 'VALIDATION_FAILED', message: '照片已损坏或无法识别，请重新选择' });
  });

  it('refuses a decompression bomb: a small file of huge dimensions', async () => {
    // 10,000 × 5,000 one-bit grey pixels (50 megapixels) in about 6 KB.
    const width = 10_000;
    const height = 5_000;
    const rows = Buffer.alloc(height * (1 + width / 8));
    const bomb = Buffer.concat([PNG_SIGNATURE, ihdr(width, height, 1, 0), pngChunk('IDAT', deflateSync(rows, { level: 9 })), pngChunk('IEND', Buffer.alloc(0))]);
    expect(bomb.length).toBeLessThan(10_000);
    const res = await upload(owner, bomb, 'bomb.png', 'image/png');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', message: '照片尺寸过大（超过 4000 万像素），请缩小后再上传' });
  });

  it('strips EXIF, the GPS location above all, and keeps the photo upright', async () => {
    // 64 × 32 pixels that the camera says to show turned 90° clockwise (orientation 6), with where it was taken.
    const taken = await sharp({ create: { width: 64, height: 32, channels: 3, background: { r: 200, g: 10, b: 10 } } })
      .jpeg()
      .withExif({ IFD0: { Make: 'GongkaiPhone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '36/1 42/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '118/1 50/1 0/1' } })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const sent = await sharp(taken).metadata();
    expect(sent).toMatchObject({ width: 64, height: 32, orientation: 6 });
    expect(hasGpsTag(sent.exif)).toBe(true);
    expect(taken.includes(Buffer.from('GongkaiPhone'))).toBe(true);

    const res = await upload(owner, taken, 'IMG_0001.jpg', 'image/jpeg');
    expect(res.status).toBe(201);
    const got = await download(owner, `/api/v1/inquiries/photos/${res.body.id}`);
    expect(got).toMatchObject({ status: 200, type: 'image/jpeg' });
    const served = await sharp(got.bytes).metadata();
    expect(served).toMatchObject({ format: 'jpeg', width: 32, height: 64 });
    expect(served.exif).toBeUndefined();
    expect(served.orientation).toBeUndefined();
    expect(got.bytes.includes(Buffer.from('GongkaiPhone'))).toBe(false);
  });

  it('keeps GIF and WebP in their format', async () => {
    const gif = await sharp({ create: { width: 3, height: 2, channels: 3, background: '#00ff00' } }).gif().toBuffer();
    const webp = await sharp({ create: { width: 2, height: 3, channels: 4, background: '#0000ff80' } }).webp().toBuffer();
    const g = await upload(owner, gif, 'a.gif', 'image/gif');
    const w = await upload(owner, webp, 'a.webp', 'image/webp');
    expect([g.status, g.body.contentType, w.status, w.body.contentType]).toEqual([201, 'image/gif', 201, 'image/webp']);
    expect(await sharp((await download(owner, `/api/v1/inquiries/photos/${g.body.id}`)).bytes).metadata()).toMatchObject({ format: 'gif', width: 3, height: 2 });
    expect(await sharp((await download(owner, `/api/v1/inquiries/photos/${w.body.id}`)).bytes).metadata()).toMatchObject({ format: 'webp', width: 2, height: 3 });
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

  it('holds the cap when 40 uploads arrive at once', async () => {
    const rusher = await aParent(anon, wechat, { openid: 'o-rusher' });
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => upload(rusher, png(1, i + 1, 1024 * 1024), `r${i}.png`, 'image/png')));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(20);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);
    const parentId = (await rusher.get('/parents/me')).body.id;
    expect(await server.dataSource.getRepository(InquiryPhoto).count({ where: { parentId } })).toBe(20);
    // The refused uploads' bytes went at once: only the 20 photos' files are left, all in use.
    const files = await server.dataSource.getRepository(StoredFile).find({ where: { parentId } });
    expect(files.map((f) => f.state)).toEqual(Array.from({ length: 20 }, () => 'in_use'));
  });

  it('serves a photo to its parent and to staff who see the inquiry, to nobody else', async () => {
    const id = (await upload(owner, png(5, 5), 'p.png', 'image/png')).body.id;
    const url = `/api/v1/inquiries/photos/${id}`;
    // Not yet attached: only its parent.
    expect((await download(handler, url)).status).toBe(404);
    const made = await submitted(owner, { photoIds: [id] });
    const got = await download(owner, url);
    expect(got).toMatchObject({ status: 200, type: 'image/png' });
    expect(await sharp(got.bytes).metadata()).toMatchObject({ format: 'png', width: 5, height: 5 });
    // Cached by the reader's own client only, revalidated by its SHA-256, shown in place.
    const sha256 = createHash('sha256').update(got.bytes).digest('hex');
    const res = await fetch(`${owner.baseUrl}${url}`, { headers: { authorization: `Bearer ${owner.token}` } });
    await res.arrayBuffer();
    expect({ cache: res.headers.get('cache-control'), etag: res.headers.get('etag'), nosniff: res.headers.get('x-content-type-options') }).toEqual({ cache: 'private, max-age=86400', etag: `"${sha256}"`, nosniff: 'nosniff' });
    // Named 照片-<the photo id's first 8 characters>, never by the name the phone gave it.
    expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^inline; .*filename\\*=UTF-8''%E7%85%A7%E7%89%87-${id.slice(0, 8)}\\.png$`));
    const again = await fetch(`${owner.baseUrl}${url}`, { headers: { authorization: `Bearer ${owner.token}`, 'if-none-match': `"${sha256}"` } });
    await again.arrayBuffer();
    expect(again.status).toBe(304);
    const staff = await download(handler, url);
    expect(staff.status).toBe(200);
    expect(staff.bytes.equals(got.bytes)).toBe(true);
    expect((await download(admin, url)).status).toBe(200);
    expect((await download(stranger, url)).status).toBe(404);
    expect((await download(otherHandler, url)).status).toBe(404);
    expect((await download(anon, url)).status).toBe(401);
    expect((await download(owner, '/api/v1/inquiries/photos/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await download(owner, '/api/v1/inquiries/photos/..%2F..%2Fetc')).status).toBe(404);
    // The staff view lists it with the same URL.
    expect((await handler.get(`/staff/inquiries/${made.id}`)).body.photos).toEqual([{ id, url }]);
  });

  // Last: it moves the clock a day on.
  it('deletes a photo’s bytes with the photo, at once: an upload never attached, a day later', async () => {
    const id = (await upload(owner, png(6, 6), 'late.png', 'image/png')).body.id;
    const { fileId } = await server.dataSource.getRepository(InquiryPhoto).findOneByOrFail({ id });
    const { storageKey } = await server.dataSource.getRepository(StoredFile).findOneByOrFail({ id: fileId! });
    const store = server.app.get(ObjectStore, { strict: false });
    (await store.get(storageKey)).destroy(); // there: get() rejects for a missing object
    server.clock.advance(24 * 3600_000 + 60_000);
    await server.tasks.run('privacy-retention');
    expect(await server.dataSource.getRepository(InquiryPhoto).findOneBy({ id })).toBeNull();
    expect(await server.dataSource.getRepository(StoredFile).findOneBy({ id: fileId! })).toBeNull();
    await expect(store.get(storageKey)).rejects.toThrow(ObjectMissing);
  });
});
