import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { httpGet } from '../../support/processes';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * The H5 app's files as a phone gets them: the build's precompressed copies (`.br`, `.gz`, written
 * by compression-webpack-plugin) chosen by Accept-Encoding, hashed bundles cached for a year,
 * index.html revalidated, and the security headers on every file. The H5 folder here is a stand-in
 * build (H5_DIR) laid out as Taro writes it; plain node:http, so that the bytes are seen as sent.
 */
const INDEX_HTML = '<!doctype html><html><head><meta charset="utf-8"><title>教育公开</title><script defer="defer" src="/js/app.0a1b2c3d.js"></script></head><body><div id="app"></div></body></html>';
const APP_JS = `window.gk=${JSON.stringify({ title: '教育公开', items: Array.from({ length: 200 }, (_, i) => `第${i}条通知`) })};\n`;
const APP_JS_PATH = '/js/app.0a1b2c3d.js';
const YEAR_IMMUTABLE = 'public, max-age=31536000, immutable';
const SW_JS = "self.addEventListener('install', () => self.skipWaiting());\n";

describe('H5 static files', () => {
  const h5Dir = mkdtempSync(join(tmpdir(), 'gongkai-h5-static-'));
  let server: TestServer;

  beforeAll(async () => {
    mkdirSync(join(h5Dir, 'js'));
    mkdirSync(join(h5Dir, 'static/images'), { recursive: true });
    for (const [path, text] of [['index.html', INDEX_HTML], ['js/app.0a1b2c3d.js', APP_JS]] as const) {
      writeFileSync(join(h5Dir, path), text);
      writeFileSync(join(h5Dir, `${path}.br`), brotliCompressSync(Buffer.from(text)));
      writeFileSync(join(h5Dir, `${path}.gz`), gzipSync(Buffer.from(text)));
    }
    // The app's service worker: a browser checks it for updates against the server, whatever the header says.
    writeFileSync(join(h5Dir, 'sw.js'), SW_JS);
    // A file the build names without a hash (Taro copies tab bar icons as they are).
    writeFileSync(join(h5Dir, 'static/images/tab.png'), Buffer.from('89504e470d0a1a0a', 'hex'));
    // The build's own notes beside the app (the size check's chunk list, ensure-h5's source hash).
    writeFileSync(join(h5Dir, '.chunks.json'), '{"entry":{},"lazy":{}}');
    writeFileSync(join(h5Dir, '.chunks.json.br'), brotliCompressSync(Buffer.from('{"entry":{},"lazy":{}}')));
    writeFileSync(join(h5Dir, '.source-hash'), 'abc\n');
    server = await startTestServer({ H5_DIR: h5Dir });
  });

  afterAll(async () => {
    await server?.destroy();
    rmSync(h5Dir, { recursive: true, force: true });
  });

  it('sends the page brotli-compressed to a browser that accepts br, the same page once decoded', async () => {
    const plain = await httpGet(`${server.baseUrl}/`);
    expect(plain.body.toString('utf8')).toBe(INDEX_HTML);
    const res = await httpGet(`${server.baseUrl}/`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(res.body).equals(plain.body)).toBe(true);
  });

  it('sends gzip to a browser that accepts only gzip', async () => {
    const plain = await httpGet(`${server.baseUrl}${APP_JS_PATH}`);
    const res = await httpGet(`${server.baseUrl}${APP_JS_PATH}`, { 'accept-encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(gunzipSync(res.body).toString('utf8')).toBe(APP_JS);
    expect(res.body.length).toBeLessThan(plain.body.length);
  });

  it('sends the file as it is to a client that asks for no encoding', async () => {
    const res = await httpGet(`${server.baseUrl}${APP_JS_PATH}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.toString('utf8')).toBe(APP_JS);
    expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
  });

  it('lets browsers keep a hashed bundle for a year, compressed or not', async () => {
    for (const encoding of ['br', 'gzip', 'identity']) {
      const res = await httpGet(`${server.baseUrl}${APP_JS_PATH}`, { 'accept-encoding': encoding });
      expect(res.headers['cache-control']).toBe(YEAR_IMMUTABLE);
    }
  });

  it('has the page and files without a hash in their name revalidated on every visit', async () => {
    for (const path of ['/', '/index.html', '/static/images/tab.png', '/sw.js']) {
      const res = await httpGet(`${server.baseUrl}${path}`, { 'accept-encoding': 'br' });
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves the service worker as JavaScript from the root, so it may look after the whole app', async () => {
    const res = await httpGet(`${server.baseUrl}/sw.js`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(res.body.toString('utf8')).toBe(SW_JS);
  });

  it('does not serve the build\'s own dotfiles', async () => {
    for (const path of ['/.chunks.json', '/.source-hash']) {
      for (const encoding of ['br', 'identity']) {
        const res = await httpGet(`${server.baseUrl}${path}`, { 'accept-encoding': encoding });
        expect([path, encoding, res.status]).toEqual([path, encoding, 404]);
      }
    }
  });

  it('answers a revalidation with 304 when the page has not changed', async () => {
    const first = await httpGet(`${server.baseUrl}/`, { 'accept-encoding': 'br' });
    const etag = String(first.headers.etag);
    const again = await httpGet(`${server.baseUrl}/`, { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const byDate = await httpGet(`${server.baseUrl}${APP_JS_PATH}`, { 'if-modified-since': String((await httpGet(`${server.baseUrl}${APP_JS_PATH}`)).headers['last-modified']) });
    expect(byDate.status).toBe(304);
  });

  it('answers HEAD and a byte range', async () => {
    const head = await new Promise<{ status: number; length: string | undefined }>((resolve, reject) => {
      const req = request(`${server.baseUrl}${APP_JS_PATH}`, { method: 'HEAD' }, (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, length: res.headers['content-length'] });
      });
      req.on('error', reject);
      req.end();
    });
    expect(head).toEqual({ status: 200, length: String(Buffer.byteLength(APP_JS)) });
    const range = await httpGet(`${server.baseUrl}${APP_JS_PATH}`, { range: 'bytes=0-9' });
    expect(range.status).toBe(206);
    expect(range.body.toString('utf8')).toBe('window.gk=');
    expect(range.headers['content-range']).toBe(`bytes 0-9/${Buffer.byteLength(APP_JS)}`);
  });

  it('carries the security headers on the files, compressed or not', async () => {
    for (const [path, encoding] of [['/', 'br'], [APP_JS_PATH, 'gzip'], [APP_JS_PATH, 'identity']] as const) {
      const res = await httpGet(`${server.baseUrl}${path}`, { 'accept-encoding': encoding });
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
    }
  });
});
