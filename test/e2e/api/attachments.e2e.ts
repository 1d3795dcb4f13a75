import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import sharp from 'sharp';
import { request as httpRequest } from 'node:http';
import { SettableClock } from '../../../server/src/common/clock/clock';
import { FilesService } from '../../../server/src/storage/files.service';
import { StoredFile } from '../../../server/src/storage/entities/stored-file.entity';
import { contractOf, ContractError } from '../../contract/contract-check';
import { ApiClient, type ApiResponse } from '../../support/api-client';
import { aNotice, aStaff, aUnit, bootstrapAdmin } from '../../support/builders';
import { aZip } from '../../support/docx';
import { png } from '../../support/inquiry-builders';
import { PROACTIVE, ok, version, type Chain } from '../../support/review-chain';
import { readStored, storedKeys } from '../../support/storage';
import { startTestServer, type TestServer } from '../../support/test-server';

const UNIT = 'JCJY00000000000001';
const CENTER = 'XXFB00000000000001';
const MB = 1024 * 1024;
const START = new Date('2026-09-01T09:00:00+08:00');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ACCEPTED = 'PDF、OFD、Word（doc/docx）、Excel（xls/xlsx）、PowerPoint（ppt/pptx）、WPS（wps/et/dps）、ZIP 及图片（jpg/png/gif/webp）';

/** A small PDF as a scanner would write it (the server looks only at how it starts). */
const PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n', 'latin1'),
  randomBytes(3000),
  Buffer.from('\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1'),
]);


const XLSX_FILE = aZip({ '[Content_Types].xml': '<?xml version="1.0"?><Types/>', 'xl/workbook.xml': '<workbook/>' });
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Checks an answer against the server's OpenAPI document, as ApiClient does for JSON requests. */
async function checked<T extends { status: number; headers: Headers; text: string; body: unknown }>(baseUrl: string, method: string, path: string, res: T): Promise<T> {
  const violation = (await contractOf(baseUrl)).check(method, path.split('?')[0]!, res.status, res.headers.get('content-type'), res.text, res.body);
  if (violation) throw new ContractError(violation);
  return res;
}

/** POST /staff/attachments as the browser's file chooser sends it. */
async function upload(client: ApiClient, bytes: Buffer, filename: string, type = 'application/octet-stream'): Promise<ApiResponse> {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type }), filename);
  const headers: Record<string, string> = client.token ? { authorization: `Bearer ${client.token}` } : {};
  const res = await fetch(`${client.baseUrl}/api/v1/staff/attachments`, { method: 'POST', body: form, headers });
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return checked(client.baseUrl, 'POST', '/api/v1/staff/attachments', { status: res.status, headers: res.headers, body, text });
}

async function uploaded(client: ApiClient, bytes: Buffer, filename: string): Promise<{ fileId: string; url: string; name: string; size: number }> {
  const res = await upload(client, bytes, filename);
  if (res.status !== 201) throw new Error(`upload ${filename}: ${res.status} ${res.text}`);
  return res.body;
}

/** A download, as a browser or wx.downloadFile makes it (no token). */
async function download(baseUrl: string, url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; bytes: Buffer; text: string; body: any }> {
  const res = await fetch(`${baseUrl}${url}`, { headers });
  const bytes = Buffer.from(await res.arrayBuffer());
  const text = bytes.toString('utf8');
  let body: unknown;
  if (res.headers.get('content-type')?.includes('application/json')) body = JSON.parse(text);
  return checked(baseUrl, 'GET', url, { status: res.status, headers: res.headers, bytes, text, body });
}

/**
 * A multipart upload of `total` bytes of file streamed from a generator over a raw HTTP request,
 * honouring backpressure and stopping when the answer arrives (as a browser does). `declare`: send
 * a Content-Length for it and no body at all.
 */
async function streamedUpload(baseUrl: string, token: string, total: number, declare = false): Promise<{ status: number; body: any; sent: number }> {
  const boundary = `----gongkai${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="全县学校汇总.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const chunk = Buffer.alloc(MB, 0x41);
  function* body(): Generator<Buffer> {
    yield head;
    for (let sent = 0; sent < total; sent += chunk.length) yield chunk;
    yield tail;
  }
  const req = httpRequest(`${baseUrl}/api/v1/staff/attachments`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      ...(declare ? { 'content-length': String(head.length + total + tail.length) } : {}),
    },
  });
  let answered = false;
  const answer = new Promise<{ status: number; body: any }>((resolve, reject) => {
    req.on('response', (res) => {
      answered = true;
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(Buffer.concat(parts).toString('utf8')) }));
      res.on('error', reject);
    });
    // Writing into a connection the server closed after answering fails: that is expected then.
    req.on('error', (error) => (answered ? undefined : reject(error)));
  });
  let sent = 0;
  if (declare) req.flushHeaders();
  else {
    for (const piece of body()) {
      if (answered) break;
      sent += piece.length;
      if (!req.write(piece)) await Promise.race([once(req, 'drain'), answer.catch(() => undefined)]);
    }
    if (!answered) req.end();
  }
  const result = await answer;
  req.destroy();
  return { ...result, sent };
}

describe('notice attachments: upload, attach, download (following the notice status)', () => {
  let server: TestServer;
  let admin: ApiClient;
  let anon: ApiClient;
  let c: Chain & { colleague: ApiClient };
  const rows = () => server.dataSource.getRepository(StoredFile);

  beforeAll(async () => {
    // Sessions outlive the clock moves of the clean-up checks (a day and more).
    server = await startTestServer({ UPLOAD_MAX_BYTES: String(20 * MB), SCHEDULE_POLL_MS: '3600000', TOKEN_TTL_SECONDS: String(30 * 24 * 3600) }, new SettableClock(START));
    ({ admin, anonymous: anon } = await bootstrapAdmin(server));
    await aUnit(admin, UNIT, '基础教育科');
    await aUnit(admin, CENTER, '信息发布中心');
    c = {
      editor: await aStaff(admin, 'editor1', UNIT, ['editor']),
      colleague: await aStaff(admin, 'editor2', UNIT, ['editor']),
      unitHead: await aStaff(admin, 'head1', UNIT, ['unit_head']),
      secrecy: await aStaff(admin, 'secrecy1', CENTER, ['secrecy_reviewer']),
      leader: await aStaff(admin, 'leader1', CENTER, ['leader']),
      publisher: await aStaff(admin, 'publisher1', CENTER, ['publisher']),
    };
  });

  afterAll(() => server?.destroy());

  /** Submit, the three approvals and registration: the notice is public afterwards. */
  async function publish(id: number): Promise<void> {
    let n = await ok(c.editor.post(`/staff/notices/${id}/submit`, { version: await version(c.editor, id) }));
    n = await ok(c.unitHead.post(`/staff/notices/${id}/review`, { action: 'approve', version: n.version }));
    n = await ok(c.secrecy.post(`/staff/notices/${id}/review`, { action: 'approve', version: n.version, secrecy: PROACTIVE }));
    n = await ok(c.leader.post(`/staff/notices/${id}/review`, { action: 'approve', version: n.version }));
    await ok(c.publisher.post(`/staff/notices/${id}/registration`, { version: n.version }));
  }

  it('stores an upload as a pending file with its name, type and hash, openable by its signed link only', async () => {
    const res = await upload(c.editor, PDF, '招生计划表.pdf', 'application/pdf');
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      fileId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: '招生计划表.pdf',
      size: PDF.length,
      contentType: 'application/pdf',
      sha256: sha256(PDF),
      url: expect.stringMatching(/^\/api\/v1\/attachments\/[0-9a-f-]{36}\?exp=\d+&sig=[\w-]{43}$/),
    });
    expect(await rows().findOneBy({ id: res.body.fileId })).toMatchObject({ purpose: 'attachment', state: 'pending', name: '招生计划表.pdf', size: PDF.length });
    const signed = await download(server.baseUrl, res.body.url);
    expect(signed.status).toBe(200);
    expect(signed.bytes.equals(PDF)).toBe(true);
    expect(signed.headers.get('cache-control')).toBe('private, no-store');
    // Without the signature: as if it did not exist.
    expect((await download(server.baseUrl, `/api/v1/attachments/${res.body.fileId}`)).status).toBe(404);
    // A changed signature or expiry is no signature.
    expect((await download(server.baseUrl, res.body.url.replace(/exp=(\d+)/, (_: string, e: string) => `exp=${Number(e) + 600}`))).status).toBe(404);
    // A path in the name is dropped, Chinese kept.
    expect((await uploaded(c.editor, XLSX_FILE, 'C:\\Users\\张三\\桌面\\划片范围.xlsx')).name).toBe('划片范围.xlsx');
  });

  it('judges the type by content: refuses HTML named .pdf, an .exe, a PDF named .docx and an empty file, storing nothing', async () => {
    const before = await rows().count();
    const keys = await storedKeys(server);
    const html = await upload(c.editor, Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>'), '通知.pdf', 'application/pdf');
    expect(html.status).toBe(400);
    expect(html.body).toEqual({ statusCode: 400, code: 'UNSUPPORTED_FILE_TYPE', message: `文件内容与扩展名（.pdf）不符，请确认文件未被改名或损坏后重新上传。可上传：${ACCEPTED}` });
    const exe = await upload(c.editor, Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), randomBytes(200)]), 'setup.exe');
    expect(exe.status).toBe(400);
    expect(exe.body).toEqual({ statusCode: 400, code: 'UNSUPPORTED_FILE_TYPE', message: `不支持上传该类型的文件。可上传：${ACCEPTED}` });
    const renamed = await upload(c.editor, PDF, '报名表.docx');
    expect(renamed.status).toBe(400);
    expect(renamed.body.message).toMatch(/^文件内容与扩展名（\.docx）不符/);
    const empty = await upload(c.editor, Buffer.alloc(0), '空.pdf');
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ code: 'VALIDATION_FAILED', message: '文件是空的，请重新选择' });
    const noExtension = await upload(c.editor, PDF, '招生计划表');
    expect(noExtension.body.code).toBe('UNSUPPORTED_FILE_TYPE');
    expect(await rows().count()).toBe(before);
    expect(await storedKeys(server)).toEqual(keys);
  });

  it('lets only those who write notices upload', async () => {
    expect((await upload(anon, PDF, 'a.pdf')).status).toBe(401);
    const denied = await upload(c.unitHead, PDF, 'a.pdf');
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('FORBIDDEN');
  });

  it('attaches uploads and links to a draft; 404 until the notice is public, staff open the files by signed links; then anyone downloads', async () => {
    const pdf = await uploaded(c.editor, PDF, '招生计划表.pdf');
    const xlsx = await uploaded(c.editor, XLSX_FILE, '划片范围.xlsx');
    const image = png(4, 3);
    const picture = await uploaded(c.editor, image, '划片示意图.png');
    const link = { name: '附件3：报名表（省平台）.docx', url: 'https://www.example.gov.cn/uploads/bmb.docx', size: 24576 };
    const created = await c.editor.post('/staff/notices', aNotice().titled('关于2026年城区小学招生的通知').inCategory('ZSKS').with({
      bodyHtml: `<p>划片范围见下图：</p><p><img src="/api/v1/attachments/${picture.fileId}" alt="划片示意图" /></p>`,
      attachments: [{ fileId: pdf.fileId }, { fileId: xlsx.fileId, name: '附件2：划片范围' }, { fileId: picture.fileId }, link],
    }).build());
    expect(created.status).toBe(201);
    const id: number = created.body.id;
    const signedUrl = (fileId: string) => expect.stringMatching(new RegExp(`^/api/v1/attachments/${fileId}\\?exp=\\d+&sig=[\\w-]{43}$`));
    expect(created.body.attachments).toEqual([
      { name: '招生计划表.pdf', url: signedUrl(pdf.fileId), size: PDF.length, fileId: pdf.fileId, contentType: 'application/pdf' },
      { name: '附件2：划片范围.xlsx', url: signedUrl(xlsx.fileId), size: XLSX_FILE.length, fileId: xlsx.fileId, contentType: XLSX },
      { name: '划片示意图.png', url: signedUrl(picture.fileId), size: picture.size, fileId: picture.fileId, contentType: 'image/png' },
      { ...link, fileId: null, contentType: null },
    ]);
    // The body's uploaded picture is signed for staff too.
    expect(created.body.bodyHtml).toMatch(new RegExp(`<img src="/api/v1/attachments/${picture.fileId}\\?exp=\\d+&amp;sig=[\\w-]{43}" alt="划片示意图" />`));
    expect((await rows().findBy({ state: 'in_use' })).map((f) => f.id).sort()).toEqual([pdf.fileId, xlsx.fileId, picture.fileId].sort());
    // Saving the body back as staff received it stores the plain address again.
    const resaved = await ok(c.editor.patch(`/staff/notices/${id}`, { bodyHtml: created.body.bodyHtml }));
    const stored = await server.dataSource.query('SELECT body_html FROM notice WHERE id = ?', [id]);
    expect(stored[0].body_html).toBe(`<p>划片范围见下图：</p><p><img src="/api/v1/attachments/${picture.fileId}" alt="划片示意图" /></p>`);
    expect(resaved.attachments).toHaveLength(4);

    const plain = `/api/v1/attachments/${pdf.fileId}`;
    expect((await download(server.baseUrl, plain)).status).toBe(404);
    // In review: the secrecy reviewer opens the file from their own view of the notice.
    let n = await ok(c.editor.post(`/staff/notices/${id}/submit`, { version: await version(c.editor, id) }));
    n = await ok(c.unitHead.post(`/staff/notices/${id}/review`, { action: 'approve', version: n.version }));
    const reviewed = await ok(c.secrecy.get(`/staff/notices/${id}`));
    const inReview = await download(server.baseUrl, reviewed.attachments[0].url);
    expect(inReview.status).toBe(200);
    expect(inReview.bytes.equals(PDF)).toBe(true);
    const notFound = await download(server.baseUrl, plain);
    expect(notFound.status).toBe(404);
    expect(notFound.body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: '未找到该附件，可能已删除或所属信息尚未公开' });
    n = await ok(c.secrecy.post(`/staff/notices/${id}/review`, { action: 'approve', version: n.version, secrecy: PROACTIVE }));
    n = await ok(c.leader.post(`/staff/notices/${id}/review`, { action: 'approve', version: n.version }));
    await ok(c.publisher.post(`/staff/notices/${id}/registration`, { version: n.version }));

    // Public: plain addresses, the link as it was typed.
    const detail = await ok(anon.get(`/notices/${id}`));
    expect(detail.attachments).toEqual([
      { name: '招生计划表.pdf', url: plain, size: PDF.length, fileId: pdf.fileId, contentType: 'application/pdf' },
      { name: '附件2：划片范围.xlsx', url: `/api/v1/attachments/${xlsx.fileId}`, size: XLSX_FILE.length, fileId: xlsx.fileId, contentType: XLSX },
      { name: '划片示意图.png', url: `/api/v1/attachments/${picture.fileId}`, size: picture.size, fileId: picture.fileId, contentType: 'image/png' },
      { ...link, fileId: null, contentType: null },
    ]);
    expect(detail.bodyHtml).toContain(`<img src="/api/v1/attachments/${picture.fileId}" alt="划片示意图" />`);

    const file = await download(server.baseUrl, plain);
    expect(file.status).toBe(200);
    expect(file.bytes.equals(PDF)).toBe(true);
    expect(Object.fromEntries(['content-type', 'content-disposition', 'content-length', 'cache-control', 'etag', 'accept-ranges'].map((h) => [h, file.headers.get(h)]))).toEqual({
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="?????.pdf"; filename*=UTF-8''%E6%8B%9B%E7%94%9F%E8%AE%A1%E5%88%92%E8%A1%A8.pdf`,
      'content-length': String(PDF.length),
      'cache-control': 'public, max-age=300',
      etag: `"${sha256(PDF)}"`,
      'accept-ranges': 'bytes',
    });
    const head = await download(server.baseUrl, plain, { range: 'bytes=0-3' });
    expect({ status: head.status, text: head.text, range: head.headers.get('content-range') }).toEqual({ status: 206, text: '%PDF', range: `bytes 0-3/${PDF.length}` });
    const unchanged = await download(server.baseUrl, plain, { 'if-none-match': `"${sha256(PDF)}"` });
    expect({ status: unchanged.status, length: unchanged.bytes.length }).toEqual({ status: 304, length: 0 });
    const outside = await download(server.baseUrl, plain, { range: `bytes=${PDF.length + 10}-${PDF.length + 20}` });
    expect({ status: outside.status, range: outside.headers.get('content-range') }).toEqual({ status: 416, range: `bytes */${PDF.length}` });

    const sheet = await download(server.baseUrl, `/api/v1/attachments/${xlsx.fileId}`);
    expect(sheet.bytes.equals(XLSX_FILE)).toBe(true);
    expect(sheet.headers.get('content-type')).toBe(XLSX);
    expect(sheet.headers.get('content-disposition')).toBe(`attachment; filename="??2?????.xlsx"; filename*=UTF-8''%E9%99%84%E4%BB%B62%EF%BC%9A%E5%88%92%E7%89%87%E8%8C%83%E5%9B%B4.xlsx`);
    // A picture is shown in place.
    const shown = await download(server.baseUrl, `/api/v1/attachments/${picture.fileId}`);
    expect(shown.headers.get('content-disposition')).toBe(`inline; filename="?????.png"; filename*=UTF-8''%E5%88%92%E7%89%87%E7%A4%BA%E6%84%8F%E5%9B%BE.png`);
    // Stored as decoded and encoded again (no metadata can ride along): the same 4 × 3 PNG, the size the views gave.
    expect(await sharp(shown.bytes).metadata()).toMatchObject({ format: 'png', width: 4, height: 3 });
    expect(shown.bytes.length).toBe(picture.size);

    // Withdrawn: gone for the public (410), still open to staff by signed link.
    await ok(c.leader.post(`/staff/notices/${id}/withdraw`, { version: await version(c.leader, id), reason: '招生范围调整，另行发布' }));
    const gone = await download(server.baseUrl, plain);
    expect(gone.status).toBe(410);
    expect(gone.body).toEqual({ statusCode: 410, code: 'GONE', message: '该信息已撤回，附件不再提供下载' });
    const staffView = await ok(c.editor.get(`/staff/notices/${id}`));
    expect((await download(server.baseUrl, staffView.attachments[0].url)).status).toBe(200);
    // The staff link works about two hours: after three it is a plain (refused) request.
    server.clock.advance(3 * 3600_000);
    expect((await download(server.baseUrl, staffView.attachments[0].url)).status).toBe(410);
  });

  it('refuses an unknown file, another person’s upload, a file on another notice and a body picture not attached, writing nothing', async () => {
    const mine = await uploaded(c.editor, PDF, '我的.pdf');
    const theirs = await uploaded(c.colleague, PDF, '同事的.pdf');
    const notices = (await ok(c.editor.get('/staff/notices'))).items.length;
    const attempt = (attachments: unknown[], bodyHtml = '<p>正文</p>') => c.editor.post('/staff/notices', aNotice().with({ bodyHtml, attachments: attachments as never }).build());

    const unknown = await attempt([{ fileId: mine.fileId }, { fileId: '0b8f3c2e-1111-4222-8333-444455556666' }]);
    expect(unknown.status).toBe(400);
    expect(unknown.body.details).toEqual([{ field: 'attachments.1.fileId', message: '附件文件不存在或已过期（上传后 24 小时内未保存），请重新上传' }]);
    const others = await attempt([{ fileId: theirs.fileId }]);
    expect(others.status).toBe(400);
    expect(others.body.details).toEqual([{ field: 'attachments.0.fileId', message: '附件文件不存在或已过期（上传后 24 小时内未保存），请重新上传' }]);
    const twice = await attempt([{ fileId: mine.fileId }, { fileId: mine.fileId, name: '再一次' }]);
    expect(twice.body.details).toEqual([{ field: 'attachments.1.fileId', message: '同一文件不能重复添加为附件' }]);
    const notAttached = await attempt([], `<p><img src="/api/v1/attachments/${mine.fileId}" /></p>`);
    expect(notAttached.status).toBe(400);
    expect(notAttached.body.details).toEqual([{ field: 'bodyHtml', message: '正文中上传的图片须同时保留在附件中（删除附件前请先删除正文中的该图片）' }]);
    const withUrl = await attempt([{ fileId: mine.fileId, url: 'https://x.gov.cn/a.pdf' }]);
    expect(withUrl.body.details).toEqual([{ field: 'attachments.0.url', message: '上传的文件不需填写附件地址' }]);
    // Nothing was written: no notice, my upload still waits to be used.
    expect((await ok(c.editor.get('/staff/notices'))).items).toHaveLength(notices);
    expect(await rows().findOneBy({ id: mine.fileId })).toMatchObject({ state: 'pending' });

    const first = await aNotice().titled('先用').with({ attachments: [{ fileId: mine.fileId }] }).create(c.editor);
    const taken = await attempt([{ fileId: mine.fileId }]);
    expect(taken.body.details).toEqual([{ field: 'attachments.0.fileId', message: '该文件已是其他信息的附件，请重新上传' }]);
    expect((await ok(c.editor.get(`/staff/notices/${first}`))).attachments).toHaveLength(1);
  });

  it('releases a file dropped by an edit or with a deleted draft; the clean-up deletes them and unused uploads after 24 hours', async () => {
    const kept = await uploaded(c.editor, PDF, '保留.pdf');
    const dropped = await uploaded(c.editor, XLSX_FILE, '删去.xlsx');
    const withDraft = await uploaded(c.editor, PDF, '随草稿删除.pdf');
    const unused = await uploaded(c.editor, PDF, '未使用.pdf');
    const id = await aNotice().titled('附件变更').with({ attachments: [{ fileId: kept.fileId }, { fileId: dropped.fileId }] }).create(c.editor);
    const edited = await ok(c.editor.patch(`/staff/notices/${id}`, { attachments: [{ fileId: kept.fileId, name: '保留（改名）' }] }));
    expect(edited.attachments.map((a: { name: string }) => a.name)).toEqual(['保留（改名）.pdf']);
    expect(await rows().findOneBy({ id: dropped.fileId })).toMatchObject({ state: 'released' });
    expect((await download(server.baseUrl, dropped.url)).status).toBe(404);
    const draft = await aNotice().titled('将删除').with({ attachments: [{ fileId: withDraft.fileId }] }).create(c.editor);
    expect((await c.editor.delete(`/staff/notices/${draft}`)).status).toBe(204);
    expect(await rows().findOneBy({ id: withDraft.fileId })).toMatchObject({ state: 'released' });

    const hasBytes = async (fileId: string) => (await storedKeys(server)).some((k) => k.endsWith(fileId));
    expect(await hasBytes(dropped.fileId)).toBe(true);
    await server.tasks.run('storage-cleanup');
    for (const fileId of [dropped.fileId, withDraft.fileId]) {
      expect({ fileId, row: await rows().findOneBy({ id: fileId }), bytes: await hasBytes(fileId) }).toEqual({ fileId, row: null, bytes: false });
    }
    // The unused upload waits a day.
    expect(await rows().findOneBy({ id: unused.fileId })).toMatchObject({ state: 'pending' });
    server.clock.advance(24 * 3600_000 + 60_000);
    await server.tasks.run('storage-cleanup');
    expect({ row: await rows().findOneBy({ id: unused.fileId }), bytes: await hasBytes(unused.fileId) }).toEqual({ row: null, bytes: false });
    // What a notice holds stays.
    expect(await rows().findOneBy({ id: kept.fileId })).toMatchObject({ state: 'in_use' });
    expect(await hasBytes(kept.fileId)).toBe(true);
  });

  it('keeps a link attachment working as before', async () => {
    const link = { name: '招生简章.pdf', url: 'https://www.example.gov.cn/zsjz.pdf', size: 102400 };
    const id = await aNotice().titled('只有链接').inCategory('ZSKS').with({ attachments: [link] }).create(c.editor);
    expect((await ok(c.editor.get(`/staff/notices/${id}`))).attachments).toEqual([{ ...link, fileId: null, contentType: null }]);
    await publish(id);
    expect((await ok(anon.get(`/notices/${id}`))).attachments).toEqual([{ ...link, fileId: null, contentType: null }]);
  });

  it('serves only attachments: an inquiry photo’s or any other file’s id is not found', async () => {
    const photo = await server.app.get(FilesService).storeBuffer(png(2, 2), { purpose: 'inquiry_photo', name: 'photo.png', contentType: 'image/png', maxBytes: MB, parentId: 1 });
    expect((await download(server.baseUrl, `/api/v1/attachments/${photo.id}`)).status).toBe(404);
    for (const path of ['not-a-uuid', '..%2F..%2Fetc%2Fpasswd', 'ABCDEF00-1111-4222-8333-444455556666']) {
      const res = await download(server.baseUrl, `/api/v1/attachments/${path}`);
      expect({ path, status: res.status, code: res.body?.code }).toEqual({ path, status: 404, code: 'NOT_FOUND' });
    }
  });

  it('stores pictures without their metadata (no GPS location on a public page), and refuses a broken one', async () => {
    // 64 × 32 pixels the camera says to turn 90° clockwise, with where it was taken.
    const taken = await sharp({ create: { width: 64, height: 32, channels: 3, background: { r: 200, g: 10, b: 10 } } })
      .jpeg()
      .withExif({ IFD0: { Make: 'GongkaiPhone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '36/1 42/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '118/1 50/1 0/1' } })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect(taken.includes(Buffer.from('GongkaiPhone'))).toBe(true);
    const picture = await uploaded(c.editor, taken, '开学典礼.jpg');
    const stored = await readStored(server.app.get(FilesService), (await rows().findOneByOrFail({ id: picture.fileId })));
    const meta = await sharp(stored).metadata();
    // Upright (turned by the orientation, then the tag dropped), and nothing of the camera left.
    expect({ format: meta.format, width: meta.width, height: meta.height, exif: meta.exif, orientation: meta.orientation }).toEqual({ format: 'jpeg', width: 32, height: 64, exif: undefined, orientation: undefined });
    expect(stored.includes(Buffer.from('GongkaiPhone'))).toBe(false);

    const broken = await upload(c.editor, png(2, 2).subarray(0, 40), '坏图.png');
    expect({ status: broken.status, details: broken.body.details }).toEqual({ status: 400, details: [{ field: 'file', message: '图片已损坏或无法识别，请重新选择' }] });
  });

  it('caps the uploads a person holds unused', async () => {
    const waiting = await server.app.get(FilesService).pendingCount('attachment', (await ok(c.colleague.get('/auth/me'))).id);
    for (let i = waiting; i < 50; i++) await uploaded(c.colleague, PDF, `第${i + 1}份.pdf`);
    const refused = await upload(c.colleague, PDF, '第51份.pdf');
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ statusCode: 429, code: 'TOO_MANY_REQUESTS', message: '未保存到信息中的附件已有 50 个，请先保存草稿或稍后再试' });
  });

  it('refuses a 200 MB upload at the 20 MB limit without holding it in memory, keeping nothing', async () => {
    const files = await rows().count();
    const keys = await storedKeys(server);
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    let streamed;
    try {
      streamed = await streamedUpload(server.baseUrl, c.editor.token!, 200 * MB);
    } finally {
      clearInterval(sampler);
    }
    const growth = Math.round((Math.max(peak, process.memoryUsage().rss) - before) / MB);
    // eslint-disable-next-line no-console
    console.log(`200 MB upload: refused after ${Math.round(streamed.sent / MB)} MB sent; RSS grew by ${growth} MB`);
    expect(streamed.status).toBe(413);
    expect(streamed.body).toEqual({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: '附件不能超过 20 MB' });
    expect(streamed.sent).toBeLessThan(100 * MB);
    expect(growth).toBeLessThan(100);
    // Declared up front: refused before a byte of the file is read.
    const declared = await streamedUpload(server.baseUrl, c.editor.token!, 200 * MB, true);
    expect(declared).toEqual({ status: 413, body: { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: '附件不能超过 20 MB' }, sent: 0 });
    // One byte over: refused, not kept cut off at the limit as if it were the whole file.
    const atLimit = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(20 * MB - 9, 0x41)]);
    const over = await upload(c.editor, Buffer.concat([atLimit, Buffer.from('A')]), '多一字节.pdf');
    expect({ status: over.status, code: over.body.code }).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(await rows().count()).toBe(files);
    expect(await storedKeys(server)).toEqual(keys);
    // The server goes on serving; exactly at the limit is taken.
    const whole = await upload(c.editor, atLimit, '正好二十兆.pdf');
    expect({ status: whole.status, size: whole.body.size, sha256: whole.body.sha256 }).toEqual({ status: 201, size: 20 * MB, sha256: sha256(atLimit) });
  });
});
