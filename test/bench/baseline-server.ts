import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

/**
 * The reference point: bare node:http answering fixed paths with bytes held in memory. It is the
 * fastest a Node server can answer these requests on this machine, so the real server's req/s
 * is read as a ratio to it. Run as its own process: `node baseline-server.ts <manifest.json>`.
 */
export interface BaselineManifest {
  port: number;
  routes: { path: string; contentType: string; etag: string; bodyFile: string }[];
}

if (require.main === module) {
  const manifestFile = process.argv[2];
  if (!manifestFile) throw new Error('usage: baseline-server <manifest.json>');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as BaselineManifest;
  const routes = new Map(
    manifest.routes.map((r) => {
      const body = readFileSync(r.bodyFile);
      // content-length set explicitly: with writeHead() Node would otherwise fall back to chunked.
      return [r.path, { body, headers: { 'content-type': r.contentType, etag: r.etag, 'content-length': String(body.length) } }] as const;
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
