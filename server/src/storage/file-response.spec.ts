import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { DiskObjectStore } from './disk-object-store';
import type { StoredFile } from './entities/stored-file.entity';
import { sendStoredFile } from './file-response';
import type { FilesService } from './files.service';

/** sendStoredFile on a bare Fastify instance, its bytes in a DiskObjectStore of a temp directory. */
describe('sendStoredFile', () => {
  const bytes = Buffer.from('0123456789abcdefghij'); // 20 bytes
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const file: StoredFile = {
    id: '3f2c9a4e-0b1d-4c6e-9f7a-2d5e8b1c4a70',
    storageKey: '3f/3f2c9a4e-0b1d-4c6e-9f7a-2d5e8b1c4a70',
    purpose: 'attachment',
    name: '招生计划表 (2026).xlsx',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    size: bytes.length,
    sha256,
    state: 'in_use',
    staffId: 1,
    parentId: null,
    createdAt: new Date('2026-03-01T00:00:00Z'),
    releasedAt: null,
  };
  let dir: string;
  let http: FastifyInstance;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gongkai-file-response-'));
    const store = new DiskObjectStore(dir);
    await store.put(file.storageKey, Readable.from([bytes]), file.contentType);
    // Only `open` is used to send a file.
    const files = { open: (f: StoredFile, range?: { start: number; end: number }) => store.get(f.storageKey, range) } as unknown as FilesService;
    http = new FastifyAdapter().getInstance() as unknown as FastifyInstance;
    http.get('/download', (request, reply) => sendStoredFile(files, request, reply, file, { disposition: 'attachment', cacheControl: 'public, max-age=300', notFound: '未找到' }));
    http.get('/inline', (request, reply) => sendStoredFile(files, request, reply, file, { disposition: 'inline', cacheControl: 'private, no-store', name: '划片范围.pdf', notFound: '未找到' }));
    await http.ready();
  });
  afterAll(async () => {
    await http.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the whole file with the original name in Content-Disposition (RFC 8187), its SHA-256 as ETag and the cache header', async () => {
    const response = await http.inject({ method: 'GET', url: '/download' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="????? (2026).xlsx"; filename*=UTF-8''%E6%8B%9B%E7%94%9F%E8%AE%A1%E5%88%92%E8%A1%A8%20%282026%29.xlsx`);
    // printf 0123456789abcdefghij | sha256sum
    expect(response.headers.etag).toBe('"6bc14bdc4517a7a682c6910de2e2946eb8e1ecd04090728fef6d092a7ceb62c5"');
    expect(response.headers['cache-control']).toBe('public, max-age=300');
    expect(response.headers['accept-ranges']).toBe('bytes');
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers['content-length']).toBe('20');
    expect(response.body).toBe('0123456789abcdefghij');
  });

  it('gives another name inline when asked', async () => {
    const response = await http.inject({ method: 'GET', url: '/inline' });
    expect(response.headers['content-disposition']).toBe(`inline; filename="????.pdf"; filename*=UTF-8''%E5%88%92%E7%89%87%E8%8C%83%E5%9B%B4.pdf`);
    expect(response.headers['cache-control']).toBe('private, no-store');
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const response = await http.inject({ method: 'GET', url: '/download', headers: { 'if-none-match': `W/"other", "${sha256}"` } });
    expect(response.statusCode).toBe(304);
    expect(response.body).toBe('');
  });

  it('sends one byte range as 206, and 416 for a range past the end', async () => {
    const part = await http.inject({ method: 'GET', url: '/download', headers: { range: 'bytes=10-14' } });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe('bytes 10-14/20');
    expect(part.headers['content-length']).toBe('5');
    expect(part.body).toBe('abcde');
    const tail = await http.inject({ method: 'GET', url: '/download', headers: { range: 'bytes=-3' } });
    expect([tail.statusCode, tail.headers['content-range'], tail.body]).toEqual([206, 'bytes 17-19/20', 'hij']);
    const outside = await http.inject({ method: 'GET', url: '/download', headers: { range: 'bytes=20-30' } });
    expect(outside.statusCode).toBe(416);
    expect(outside.headers['content-range']).toBe('bytes */20');
  });

  it('sends the whole file for several ranges, a malformed range, or an If-Range of another version', async () => {
    for (const headers of [{ range: 'bytes=0-1,5-6' }, { range: 'pages=1' }, { range: 'bytes=2-3', 'if-range': '"other"' }]) {
      const response = await http.inject({ method: 'GET', url: '/download', headers });
      expect([response.statusCode, response.body]).toEqual([200, '0123456789abcdefghij']);
    }
    const sameVersion = await http.inject({ method: 'GET', url: '/download', headers: { range: 'bytes=2-3', 'if-range': `"${sha256}"` } });
    expect([sameVersion.statusCode, sameVersion.body]).toEqual([206, '23']);
  });
});
