import { ZONING_LIMITS } from '@gongkai/shared';
import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { ApiError } from '../../common/errors/api-error';
import { closingConnection, uploadError } from '../../common/http/multipart-upload';
import { FileTooLarge } from '../../storage/metered-stream';
import type { ZoningUpload } from '../import/zoning-workbook';

const WHAT = '划片表文件';
const LIMITS = { maxBytes: ZONING_LIMITS.fileBytes, what: WHAT };
/** Room for the multipart framing around the files when judging Content-Length. */
const FRAMING = 64 * 1024;
/** The multipart fields an import takes: the table, and for a CSV table the schools' CSV. */
const FIELDS = { file: 'file', schools: 'schoolsFile' } as const;

/**
 * The files of POST /staff/zoning/years/:year/import (multipart: `file`, optional `schools`),
 * each read whole into memory up to ZONING_LIMITS.fileBytes (the parsers need them whole): 413
 * PAYLOAD_TOO_LARGE beyond, 400 for anything that is not such a form. Nothing is stored.
 */
export async function readZoningUpload(request: FastifyRequest): Promise<ZoningUpload> {
  // A declared length past both files' limits is refused before a byte is read.
  if (Number(request.headers['content-length']) > 2 * ZONING_LIMITS.fileBytes + FRAMING) throw closingConnection(uploadError({ code: 'FST_REQ_FILE_TOO_LARGE' }, LIMITS));
  if (!request.isMultipart()) throw ApiError.field('file', `请以 multipart/form-data 上传${WHAT}（字段 file；CSV 的学校信息用字段 schools）`);
  const upload: Partial<ZoningUpload> = {};
  try {
    for await (const part of request.parts({ limits: { fileSize: ZONING_LIMITS.fileBytes, files: 2, fields: 2, parts: 4 } })) {
      if (part.type !== 'file') throw ApiError.field(part.fieldname, `不支持的字段：${part.fieldname}（只接受文件字段 file 和 schools）`);
      const key = FIELDS[part.fieldname as keyof typeof FIELDS];
      if (!key) throw ApiError.field(part.fieldname, `不支持的字段：${part.fieldname}（只接受文件字段 file 和 schools）`);
      if (upload[key]) throw ApiError.field(part.fieldname, `字段 ${part.fieldname} 只能上传一个文件`);
      const name = (part.filename ?? '').normalize('NFC').trim();
      const bytes = await readWhole(part.file, ZONING_LIMITS.fileBytes);
      if (!name) throw ApiError.field(part.fieldname, '文件须有名称（含扩展名 .xlsx 或 .csv）');
      upload[key] = { name, bytes };
    }
  } catch (error) {
    // The rest of the body may still be on its way: answer, then close the connection instead of reading it.
    throw closingConnection(uploadError(error, LIMITS));
  }
  if (!upload.file) throw ApiError.field('file', `请上传${WHAT}（字段 file）`);
  if (!upload.file.bytes.length) throw ApiError.field('file', '文件是空的，请重新选择');
  return upload as ZoningUpload;
}

async function readWhole(stream: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new FileTooLarge(maxBytes);
    chunks.push(chunk as Buffer);
  }
  if ((stream as Readable & { truncated?: boolean }).truncated) throw new FileTooLarge(maxBytes);
  return Buffer.concat(chunks, size);
}
