import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { ApiError } from '../errors/api-error';

export interface UploadedPart {
  /** The file name as the browser sent it (UTF-8: Chinese kept), trimmed; '' when none was given. */
  filename: string;
  /** The declared type: a hint only, never trusted. */
  mimetype: string;
  /** The bytes as they arrive; errors with FST_REQ_FILE_TOO_LARGE past `maxBytes` (see uploadError). */
  stream: Readable;
}

/**
 * The single file of a multipart/form-data upload (field `file`), as a stream: nothing is read
 * into memory or onto disk here. `what` names the thing in messages (附件, Word 文档).
 */
export async function takeUpload(request: FastifyRequest, limits: { maxBytes: number; what: string }): Promise<UploadedPart> {
  // A declared length past the limit is refused before a byte is read.
  if (Number(request.headers['content-length']) > limits.maxBytes + MULTIPART_OVERHEAD) throw closingConnection(uploadError({ code: 'FST_REQ_FILE_TOO_LARGE' }, limits));
  if (!request.isMultipart()) throw ApiError.field('file', `请以 multipart/form-data 上传${limits.what}（字段 file）`);
  let part;
  try {
    part = await request.file({ limits: { fileSize: limits.maxBytes, files: 1, fields: 5, parts: 6 } });
  } catch (error) {
    throw uploadError(error, limits);
  }
  if (!part || part.fieldname !== 'file') throw ApiError.field('file', `请上传${limits.what}（字段 file）`);
  const stream = part.file;
  // busboy ends a file cut at the limit like a whole one (only `truncated` tells): fail it instead, so no consumer keeps a cut file.
  stream.once('limit', () => stream.destroy(Object.assign(new Error('file too large'), { code: 'FST_REQ_FILE_TOO_LARGE' })));
  // busboy gives no filename at all for `filename=""`.
  return { filename: (part.filename ?? '').normalize('NFC').trim(), mimetype: part.mimetype, stream };
}

/** Room for the multipart framing around the file (boundaries, part headers) when judging Content-Length. */
const MULTIPART_OVERHEAD = 64 * 1024;

/** Answers, then closes the connection instead of reading the rest of an upload refused part-way (or before it was read). */
export function closingConnection(error: ApiError): ApiError {
  return new ApiError(error.getStatus(), error.code, error.message, error.details, { ...error.headers, connection: 'close' });
}

/** An error while a multipart upload was read, in words for the uploader: 413 past the limit, else 400. */
export function uploadError(error: unknown, limits: { maxBytes: number; what: string }): ApiError {
  if (error instanceof ApiError) return error;
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE' || (error as Error).name === 'FileTooLarge') {
    return new ApiError(413, 'PAYLOAD_TOO_LARGE', `${limits.what}不能超过 ${formatBytes(limits.maxBytes)}`);
  }
  // Anything else is the client's malformed multipart body (no boundary, cut short, too many parts): busboy's errors carry no status.
  return ApiError.field('file', `上传的内容有误，请重新选择${limits.what}`);
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  return `${Math.round(bytes / 1024)} KB`;
}
