import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * Security headers on the three faces of the server: the H5 app at `/`, the API and the docs.
 * The H5 page here is a stand-in build (H5_DIR) with an inline script of its own, so the test shows
 * the CSP allows exactly the inline script of the index.html being served, by its hash.
 */
const INLINE_SCRIPT = '!function(n){n.document.documentElement.style.fontSize="20px"}(window);';
const INDEX_HTML = `<!doctype html><html><head><meta charset="utf-8"><title>教育公开</title><script>${INLINE_SCRIPT}</script><script defer="defer" src="/js/app.js"></script></head><body><div id="app"></div></body></html>`;
// sha256 of INLINE_SCRIPT, as `echo -n '<script>' | openssl dgst -sha256 -binary | base64` prints it.
const INLINE_HASH = "'sha256-nPMpMR2W4US9xpJSJ64U/qxTVQfFbnHdmHKEIz2Tm54='";
// sha256 of `javascript:;`, the no-op href of Taro's H5 tab bar links.
const NOOP_URL_HASH = "'sha256-lfXlPY3+MCPOPb4mrw1Y961+745U3WlDQVcOXdchSQc='";

const PATHS = ['/', '/api/v1/notices', '/api/docs', '/api/docs/openapi.json', '/api/v1/notices/999999'];

describe('security headers', () => {
  const h5Dir = mkdtempSync(join(tmpdir(), 'gongkai-h5-'));
  let server: TestServer;
  let proxied: TestServer;

  beforeAll(async () => {
    writeFileSync(join(h5Dir, 'index.html'), INDEX_HTML);
    server = await startTestServer({ H5_DIR: h5Dir });
    proxied = await startTestServer({ H5_DIR: h5Dir, TRUST_PROXY: 'true' });
  });

  afterAll(async () => {
    await server?.destroy();
    await proxied?.destroy();
    rmSync(h5Dir, { recursive: true, force: true });
  });

  const directives = (csp: string | null): Map<string, string[]> =>
    new Map((csp ?? '').split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name!, values]));

  it.each(PATHS)('%s carries the CSP, nosniff, frame and referrer headers', async (path) => {
    const res = await fetch(server.baseUrl + path);
    expect(res.status).toBe(path.endsWith('999999') ? 404 : 200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const csp = directives(res.headers.get('content-security-policy'));
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'self'"]);
    // Scripts: our own files, the H5 page's one inline script and the tab bar's no-op URL by their
    // hashes; nothing inline else, no eval.
    expect(csp.get('script-src')).toEqual(["'self'", INLINE_HASH, "'unsafe-hashes'", NOOP_URL_HASH]);
    expect(csp.get('script-src-attr')).toEqual(["'none'"]);
    // Plain HTTP: no HSTS.
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('serves the H5 page whose inline script the CSP names', async () => {
    const res = await fetch(server.baseUrl + '/');
    expect(await res.text()).toContain(`<script>${INLINE_SCRIPT}</script>`);
  });

  it('sends HSTS when the request came over TLS through a trusted proxy, and not on a forged X-Forwarded-Proto', async () => {
    // The list twice: the second time it is a cached answer, sent by the lean read path before Fastify.
    for (const path of ['/', '/api/v1/notices', '/api/v1/notices', '/api/docs']) {
      const viaProxy = await fetch(proxied.baseUrl + path, { headers: { 'x-forwarded-proto': 'https' } });
      expect(viaProxy.headers.get('strict-transport-security')).toBe('max-age=31536000');
      const plainViaProxy = await fetch(proxied.baseUrl + path, { headers: { 'x-forwarded-proto': 'http' } });
      expect(plainViaProxy.headers.get('strict-transport-security')).toBeNull();
      // Without TRUST_PROXY the header is anyone's to write: it proves nothing.
      const forged = await fetch(server.baseUrl + path, { headers: { 'x-forwarded-proto': 'https' } });
      expect(forged.headers.get('strict-transport-security')).toBeNull();
    }
  });
});
