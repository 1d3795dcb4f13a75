import { Inject, Injectable } from '@nestjs/common';
import type { UploadedFileView, WordImportResult } from '@gongkai/shared';
import { Semaphore } from 'async-mutex';
import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { ApiError } from '../../common/errors/api-error';
import { closingConnection, takeUpload, uploadError } from '../../common/http/multipart-upload';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { FilesService } from '../../storage/files.service';
import { ImageRefused } from '../../storage/images/image-reencode';
import { FileTooLarge } from '../../storage/metered-stream';
import { AttachmentLinks } from '../attachments/attachment-links';
import { PENDING_UPLOADS_MAX, TOO_MANY_PENDING } from '../attachments/attachments.service';
import { DOCX_UNPACKED_MAX, DocxRefused, checkDocx, type DocxRefusal } from './docx-container';
import { convertDocx } from './docx-html';

/** The largest .docx taken (or UPLOAD_MAX_BYTES when lower): it is read into memory whole, as mammoth needs. */
const WORD_UPLOAD_MAX = 20 * 1024 * 1024;
/** Documents converted at once per process (mammoth works on the event loop and holds the unpacked parts), and how many may wait. */
const CONVERTING = 1;
const WAITING_MAX = 4;

const WHAT = 'Word 文档';
const BUSY = () => new ApiError(429, 'TOO_MANY_REQUESTS', '正在导入的文档较多，请稍后再试', undefined, { 'retry-after': '5' });
const REFUSALS: Record<DocxRefusal, () => ApiError> = {
  doc: () => new ApiError(400, 'WORD_DOC_UNSUPPORTED', '暂不支持 .doc 格式，请在 Word 或 WPS 中另存为 .docx 后再导入'),
  not_docx: () => new ApiError(400, 'UNSUPPORTED_FILE_TYPE', '请上传 Word 文档（.docx）'),
  encrypted: () => ApiError.field('file', '文档设有打开密码，请在 Word 或 WPS 中取消密码后再导入'),
  corrupt: () => ApiError.field('file', 'Word 文档已损坏或无法读取，请在 Word 或 WPS 中打开后另存为 .docx 再导入'),
  too_large: () => ApiError.field('file', `Word 文档解压后超过 ${DOCX_UNPACKED_MAX / 1024 / 1024} MB（多为图片过大），请在 Word 中压缩图片后再导入`),
};

/**
 * Word in (POST /staff/notices/import-word): a .docx becomes a body for the compose form. The
 * file is checked by its bytes and its ZIP directory (docx-container), converted by mammoth
 * (docx-html), its pictures stored as the staff member's pending attachment uploads, which the
 * draft claims when it is saved with them. Nothing else is written: the form gets the result.
 */
@Injectable()
export class WordImportService {
  private readonly turns = new Semaphore(CONVERTING);
  private waiting = 0;

  constructor(
    private readonly files: FilesService,
    private readonly links: AttachmentLinks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async import(staff: StaffPrincipal, request: FastifyRequest): Promise<WordImportResult> {
    // The pictures become pending uploads: the same cap as uploading them one by one.
    if ((await this.files.pendingCount('attachment', staff.id)) >= PENDING_UPLOADS_MAX) {
      throw closingConnection(TOO_MANY_PENDING());
    }
    const limits = { maxBytes: Math.min(this.config.storage.uploadMaxBytes, WORD_UPLOAD_MAX), what: WHAT };
    const part = await takeUpload(request, limits);
    let bytes: Buffer;
    try {
      bytes = await readWhole(part.stream, limits.maxBytes);
    } catch (error) {
      throw closingConnection(uploadError(error, limits));
    }
    if (this.waiting >= WAITING_MAX) throw BUSY();
    this.waiting++;
    try {
      return await this.turns.runExclusive(() => this.convert(staff, bytes));
    } finally {
      this.waiting--;
    }
  }

  private async convert(staff: StaffPrincipal, bytes: Buffer): Promise<WordImportResult> {
    const images: UploadedFileView[] = [];
    const maxBytes = this.config.storage.uploadMaxBytes;
    try {
      await checkDocx(bytes);
      const converted = await convertDocx(bytes, {
        maxBytes,
        store: async (image) => {
          const file = await this.files.storeBuffer(image.bytes, { purpose: 'attachment', name: image.name, contentType: image.contentType, maxBytes, staffId: staff.id });
          images.push({ fileId: file.id, name: file.name, size: file.size, contentType: file.contentType, sha256: file.sha256, url: this.links.signedUrl(file.id) });
          // The body keeps the plain link, as a saved body does; staff views sign it.
          return this.links.publicUrl(file.id);
        },
      });
      return { title: converted.title, documentNo: converted.documentNo, bodyHtml: converted.bodyHtml, images, warnings: converted.warnings };
    } catch (error) {
      // Pictures stored before a failure stay pending and expire with the other unused uploads.
      if (error instanceof DocxRefused) throw REFUSALS[error.reason]();
      if (error instanceof ImageRefused) throw BUSY(); // the only refusal that fails an import: decoders taken
      throw error;
    }
  }
}


/** The upload as one Buffer, at most `maxBytes` (busboy ends a longer file early and marks it truncated). */
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

