import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

/**
 * The reference point: bare node:http answering fixed paths with bytes held in memory. It is the
 * fastest a Node server can answer these requests on this machine, so the real server's req/s
 * is read as a ratio to it. Run as its own process: `node baseline-server.ts <manifest.json>`.
 */
export interface BaselineManifest {
  port: number;
  routes: { path: string; contentType: string; etag: string; bodyFile: string; headers?: Record<string, string> }[];
}

/**
 * Headers of the exchange itself, which node:http writes on its own, and Server-Timing: the
 * captured (built) answer's own time, which the answers from memory being compared do not carry.
 */
const HOP_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'server-timing']);

/**
 * The headers of a captured answer to replay (security headers, Vary, Content-Encoding…), so the
 * baseline writes the same bytes the server does, headers included.
 */
export function replayHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!HOP_HEADERS.has(name) && typeof value === 'string') out[name] = value;
  }
  return out;
}

if (require.main === module) {
  const manifestFile = process.argv[2];
  if (!manifestFile) throw new Error('usage: baseline-server <manifest.json>');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as BaselineManifest;
  const routes = new Map(
    manifest.routes.map((r) => {
      const body = readFileSync(r.bodyFile);
      // content-length set explicitly: with writeHead() Node would otherwise fall back to chunked.
      return [r.path, { body, headers: { ...r.headers, 'content-type': r.contentType, etag: r.etag, 'content-length': String(body.length) } }] as const;
    }),
  );
  createServer((req, res) => {
    const route = routes.get(req.url ?? '');
    if (!route) {
      res.writeHead(404, { 'content-length': '0' }).end();
      return;
    }
    res.writeHead(200, route.headers).end(route.body);
  }).listen(manifest.port, '127.0.0.1');
}
