import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { negotiate, representationOf, type LiveRepresentation, type Representation } from './compression';

export function weakEtag(content: string): string {
  return `W/"${createHash('sha1').update(content).digest('base64url')}"`;
}

/** If-None-Match matches when any listed tag equals ours, weakly compared (RFC 9110 §13.1.2). */
export function matchesEtag(request: Pick<FastifyRequest, 'headers'>, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (!header) return false;
  if (header === etag) return true;
  const ours = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === ours;
  });
}

export const JSON_TYPE = 'application/json; charset=utf-8';

/** Sends a prebuilt JSON body with its ETag, or 304 when the client already has it. */
export function sendJson(request: FastifyRequest, reply: FastifyReply, body: string, etag: string, cacheControl = 'no-cache'): void {
  sendPrebuilt(request, reply, body, etag, JSON_TYPE, cacheControl);
}

/** Sends any prebuilt body (feeds, sitemaps, pages) with its ETag and type, or 304 when the client already has it. */
export function sendPrebuilt(request: FastifyRequest, reply: FastifyReply, body: string | Buffer, etag: string, contentType: string, cacheControl = 'no-cache'): void {
  sendRepresentation(request, reply, representationOf(body, etag, contentType), cacheControl);
}

/**
 * Sends a prebuilt representation in the coding the client accepts best (br, gzip, identity; see
 * `negotiate`), with its ETag, or 304 when the client already has it (one weak ETag for every
 * coding). `Vary: Accept-Encoding` on every answer, 304 and identity included, so a shared cache
 * never hands one client's coding to another. `tail`: the live end of a LiveRepresentation.
 */
export function sendRepresentation(request: FastifyRequest, reply: FastifyReply, representation: Representation | LiveRepresentation, cacheControl: string, tail = ''): void {
  reply.header('etag', representation.etag).header('cache-control', cacheControl).header('vary', 'Accept-Encoding');
  // The coding is ours (identity included, e.g. for `gzip;q=0.5, identity`): the on-the-fly compression must not redo it.
  request.headers['x-no-compression'] = '1';
  if (matchesEtag(request, representation.etag)) {
    void reply.status(304).send();
    return;
  }
  const coding = representation.small ? 'identity' : negotiate(request.headers['accept-encoding']);
  if (coding !== 'identity') reply.header('content-encoding', coding);
  void reply.type(representation.contentType).send(representation.body(coding, tail));
}
