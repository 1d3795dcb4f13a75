import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export function weakEtag(content: string): string {
  return `W/"${createHash('sha1').update(content).digest('base64url')}"`;
}

/** If-None-Match matches when any listed tag equals ours, weakly compared (RFC 9110 §13.1.2). */
export function matchesEtag(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (!header) return false;
  const ours = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === ours;
  });
}

/** Sends a prebuilt JSON body with its ETag, or 304 when the client already has it. */
export function sendJson(request: FastifyRequest, reply: FastifyReply, body: string, etag: string, cacheControl = 'no-cache'): void {
  sendPrebuilt(request, reply, body, etag, 'application/json; charset=utf-8', cacheControl);
}

/** Sends any prebuilt body (feeds, sitemaps, pages) with its ETag and type, or 304 when the client already has it. */
export function sendPrebuilt(request: FastifyRequest, reply: FastifyReply, body: string | Buffer, etag: string, contentType: string, cacheControl = 'no-cache'): void {
  reply.header('etag', etag).header('cache-control', cacheControl);
  if (matchesEtag(request, etag)) {
    void reply.status(304).send();
    return;
  }
  void reply.type(contentType).send(body);
}
