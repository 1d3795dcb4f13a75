import { create as contentDisposition } from 'content-disposition';
import type { FastifyReply, FastifyRequest } from 'fastify';
import parseRange from 'range-parser';
import type { StoredFile } from './entities/stored-file.entity';
import { Logger } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { ApiError } from '../common/errors/api-error';
import type { FilesService } from './files.service';
import { ObjectMissing, type ByteRange } from './object-store';

const logger = new Logger('Files');

export interface FileResponseOptions {
  /** `attachment` (download with the original name) or `inline` (shown in place: images). */
  disposition: 'attachment' | 'inline';
  /** The Cache-Control header: `public, max-age=…` for public files, `private, no-store` otherwise. */
  cacheControl: string;
  /** The 404's message when the file's bytes are missing from storage (logged as an error). */
  notFound: string;
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
  const answer = answerOf(request, file, etag);
  // The bytes are opened before any header is set: when they are missing (ObjectMissing), the
  // caller's error answer goes out clean.
  let body: Readable | null = null;
  try {
    if (answer.status === 200 || answer.status === 206) body = await files.open(file, answer.status === 206 ? answer.range : undefined);
  } catch (error) {
    if (!(error instanceof ObjectMissing)) throw error;
    logger.error(`a ${file.purpose} file's bytes are missing from storage (${file.id})`);
    throw ApiError.notFound(options.notFound);
  }
  reply
    .code(answer.status)
    .header('etag', etag)
    .header('cache-control', options.cacheControl)
    .header('accept-ranges', 'bytes')
    .header('content-type', file.contentType)
    .header('content-disposition', contentDisposition(options.name ?? file.name, { type: options.disposition }));
  if (answer.status === 416) reply.header('content-range', `bytes */${file.size}`);
  if (answer.status === 206) reply.header('content-range', `bytes ${answer.range.start}-${answer.range.end}/${file.size}`).header('content-length', String(answer.range.end - answer.range.start + 1));
  if (answer.status === 200) reply.header('content-length', String(file.size));
  await reply.send(body ?? undefined);
}

type Answer = { status: 200 | 304 | 416 } | { status: 206; range: ByteRange };

/** What the request asks of the file: all of it, one range of it, nothing new (304), or an impossible range (416). */
function answerOf(request: FastifyRequest, file: StoredFile, etag: string): Answer {
  if (matches(request.headers['if-none-match'], etag)) return { status: 304 };
  const rangeHeader = request.headers.range;
  const ifRange = request.headers['if-range'];
  // If-Range with another version (or a date: we keep none) means "send it whole".
  if (typeof rangeHeader !== 'string' || (ifRange !== undefined && ifRange !== etag) || file.size === 0) return { status: 200 };
  const ranges = parseRange(file.size, rangeHeader, { combine: true });
  if (ranges === -1) return { status: 416 };
  // -2 (malformed) or several ranges: the whole file.
  if (!Array.isArray(ranges) || ranges.type !== 'bytes' || ranges.length !== 1) return { status: 200 };
  return { status: 206, range: { start: ranges[0]!.start, end: ranges[0]!.end } };
}

function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.trim() === '*' || header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
