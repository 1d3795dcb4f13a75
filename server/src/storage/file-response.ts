import { create as contentDisposition } from 'content-disposition';
import type { FastifyReply, FastifyRequest } from 'fastify';
import parseRange from 'range-parser';
import type { StoredFile } from './entities/stored-file.entity';
import type { FilesService } from './files.service';

export interface FileResponseOptions {
  /** `attachment` (download with the original name) or `inline` (shown in place: images). */
  disposition: 'attachment' | 'inline';
  /** The Cache-Control header: `public, max-age=…` for public files, `private, no-store` otherwise. */
  cacheControl: string;
  /** The name to give; the stored one by default. */
  name?: string;
}

/**
 * Sends a stored file as HTTP does it for static files: a strong ETag (its SHA-256) with 304 for
 * If-None-Match, one byte range (206, or 416 when it lies outside; several ranges get the whole
 * file, as RFC 9110 allows), If-Range, and the original name in Content-Disposition (RFC 6266 with RFC 8187's
 * `filename*=UTF-8''…`, an ASCII fallback beside it), so Chinese names survive.
 */
export async function sendStoredFile(files: FilesService, request: FastifyRequest, reply: FastifyReply, file: StoredFile, options: FileResponseOptions): Promise<void> {
  const etag = `"${file.sha256}"`;
  reply
    .header('etag', etag)
    .header('cache-control', options.cacheControl)
    .header('accept-ranges', 'bytes')
    .header('content-type', file.contentType)
    .header('content-disposition', contentDisposition(options.name ?? file.name, { type: options.disposition }));
  if (matches(request.headers['if-none-match'], etag)) {
    await reply.code(304).send();
    return;
  }
  const rangeHeader = request.headers.range;
  const ifRange = request.headers['if-range'];
  // If-Range with another version (or a date: we keep none) means "send it whole".
  const useRange = typeof rangeHeader === 'string' && (ifRange === undefined || ifRange === etag);
  if (useRange && file.size > 0) {
    const ranges = parseRange(file.size, rangeHeader, { combine: true });
    if (ranges === -1) {
      await reply.code(416).header('content-range', `bytes */${file.size}`).send();
      return;
    }
    if (Array.isArray(ranges) && ranges.type === 'bytes' && ranges.length === 1) {
      const { start, end } = ranges[0]!;
      const body = await files.open(file, { start, end });
      await reply
        .code(206)
        .header('content-range', `bytes ${start}-${end}/${file.size}`)
        .header('content-length', String(end - start + 1))
        .send(body);
      return;
    }
    // -2 (malformed) or several ranges: the whole file.
  }
  const body = await files.open(file);
  await reply.code(200).header('content-length', String(file.size)).send(body);
}

function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.trim() === '*' || header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
