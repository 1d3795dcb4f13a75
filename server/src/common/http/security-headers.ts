import helmet from '@fastify/helmet';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';

/**
 * One year; without includeSubDomains, since other hosts of the bureau's domain are not ours to
 * pin to HTTPS.
 */
export const HSTS = 'max-age=31536000';

/** Headers of an HTTP exchange itself, not set by helmet. */
const NOT_SECURITY_HEADERS = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive']);

/**
 * `'sha256-…'` sources for the inline scripts of the served H5 page (Taro's root font-size script),
 * read from the built index.html at start, so a rebuild that changes the script keeps working.
 * The file is our own build output, a few KB; the scan is a lazy match between literal tags.
 */
export function inlineScriptHashes(indexHtmlPath: string): string[] {
  if (!existsSync(indexHtmlPath)) return [];
  const html = readFileSync(indexHtmlPath, 'utf8');
  const hashes: string[] = [];
  for (const match of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/gi)) {
    const [, attributes = '', body = ''] = match;
    if (/\ssrc\s*=/i.test(attributes) || body === '') continue;
    hashes.push(sha256Source(body));
  }
  return hashes;
}

/**
 * Taro's H5 tab bar items are `<a href="javascript:;">` (a no-op; the click handler navigates).
 * 'unsafe-hashes' lets exactly that URL run, by its hash; inline event-handler attributes stay
 * refused by script-src-attr 'none'.
 */
const NOOP_JAVASCRIPT_URL = 'javascript:;';
const sha256Source = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The policy for the H5 app, the API and the docs UI (what each needs is noted). */
function helmetOptions(scriptHashes: string[]) {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'base-uri': ["'self'"],
        'object-src': ["'none'"],
        'frame-ancestors': ["'none'"],
        'form-action': ["'self'"],
        // Our bundles, and the H5 page's inline script by its hash: no other inline script, no eval.
        'script-src': ["'self'", ...scriptHashes, "'unsafe-hashes'", sha256Source(NOOP_JAVASCRIPT_URL)],
        'script-src-attr': ["'none'"],
        // Swagger UI's page has <style> blocks and style attributes; the H5 components set style attributes.
        'style-src': ["'self'", "'unsafe-inline'"],
        // Notice bodies show images from other sites (http/https, sanitised on write); inquiry photos
        // are downloaded with the token and shown as blob: URLs; Swagger UI's icons are data: URLs.
        'img-src': ["'self'", 'data:', 'blob:', 'https:', 'http:'],
        'font-src': ["'self'", 'data:'],
        // Taro's H5 uploadFile reads the chosen photo back from its blob: URL (an XHR) before posting it.
        'connect-src': ["'self'", 'blob:'],
      },
    },
    frameguard: { action: 'deny' as const },
    referrerPolicy: { policy: 'no-referrer' as const },
    // Only over TLS (see registerSecurityHeaders).
    strictTransportSecurity: false,
  };
}

/**
 * The header set @fastify/helmet produces for this policy. The set is the same for every request,
 * while the plugin rebuilds helmet's middleware per request (about 9 µs, a third of the
 * throughput of a cached public list here); so it runs once, on a private instance, at start.
 */
export async function securityHeaders(scriptHashes: string[]): Promise<Record<string, string>> {
  const probe = new FastifyAdapter({ logger: false }).getInstance();
  await probe.register(helmet, helmetOptions(scriptHashes));
  probe.get('/', (_request, reply) => reply.send(''));
  const response = await probe.inject({ method: 'GET', url: '/' });
  await probe.close();
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (!NOT_SECURITY_HEADERS.has(name) && typeof value === 'string') headers[name] = value;
  }
  if (!headers['content-security-policy']) throw new Error('helmet produced no Content-Security-Policy');
  return headers;
}

/**
 * Every answer (H5 files, API, docs, errors) carries the headers (returned for the lean read path); HSTS only when the request came
 * over TLS: `request.protocol` is https on a TLS socket or, behind a trusted proxy (TRUST_PROXY),
 * from X-Forwarded-Proto, which an untrusted client cannot set.
 */
export async function registerSecurityHeaders(fastify: FastifyInstance, h5IndexHtml: string): Promise<Record<string, string>> {
  const headers = await securityHeaders(inlineScriptHashes(h5IndexHtml));
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.headers(headers);
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
    done();
  });
  // The lean read path (lean-read.ts) sends the same set.
  return headers;
}
