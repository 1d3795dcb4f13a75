import { Inject, Injectable } from '@nestjs/common';
import {
  ATTACHMENT_TYPES_TEXT,
  attachmentTypeOf,
  fileExtensionOf,
  type AttachmentInput,
  type AttachmentView,
  type UploadedFileView,
} from '@gongkai/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { finished, type Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { ApiError } from '../../common/errors/api-error';
import { closingConnection, takeUpload, uploadError } from '../../common/http/multipart-upload';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { Db } from '../../database/db';
import { sendStoredFile } from '../../storage/file-response';
import { FilesService, type NewFile } from '../../storage/files.service';
import { IMAGE_PIXELS_MAX, ImageRefused, reencodeImage } from '../../storage/images/image-reencode';
import type { ImageType } from '../../storage/images/image-sniff';
import { FileTooLarge } from '../../storage/metered-stream';
import type { AttachmentRow } from '../staff-notices.repository';
import { cleanAttachmentName, renamedAttachment } from './attachment-name';
import { AttachmentLinks, bodyFileIds } from './attachment-links';
import { ContentRefused, SniffStream } from './attachment-sniff';
import { AttachmentsRepository } from './attachments.repository';

type StoredFileRecord = NonNullable<Awaited<ReturnType<FilesService['find']>>>;

/** Uploads a staff member may hold that no notice uses yet: plenty for a few drafts, not for filling the storage (they expire after 24 h). */
export const PENDING_UPLOADS_MAX = 50;

const WHAT = '附件';
const NOT_FOUND = '未找到该附件，可能已删除或所属信息尚未公开';
const FILE_GONE = '附件文件不存在或已过期（上传后 24 小时内未保存），请重新上传';
/** Pictures are re-encoded in memory: at most this large (other files stream, up to UPLOAD_MAX_BYTES). */
const IMAGE_UPLOAD_MAX = 20 * 1024 * 1024;
const IMAGE_REFUSALS: Record<ImageRefused['reason'], () => ApiError> = {
  undecodable: () => ApiError.field('file', '图片已损坏或无法识别，请重新选择'),
  too_many_pixels: () => ApiError.field('file', `图片尺寸过大（超过 ${IMAGE_PIXELS_MAX / 10_000} 万像素），请缩小后再上传（原图可打包为 ZIP 上传）`),
  busy: () => new ApiError(429, 'TOO_MANY_REQUESTS', '上传的人较多，请稍后再试', undefined, { 'retry-after': '5' }),
};
/** Past PENDING_UPLOADS_MAX (uploads and Word imports' pictures alike). */
export const TOO_MANY_PENDING = () => new ApiError(429, 'TOO_MANY_REQUESTS', `未保存到信息中的附件已有 ${PENDING_UPLOADS_MAX} 个，请先保存草稿或稍后再试`);
const unsupported = () => new ApiError(400, 'UNSUPPORTED_FILE_TYPE', `不支持上传该类型的文件。可上传：${ATTACHMENT_TYPES_TEXT}`);
const mismatch = (ext: string) => new ApiError(400, 'UNSUPPORTED_FILE_TYPE', `文件内容与扩展名（.${ext}）不符，请确认文件未被改名或损坏后重新上传。可上传：${ATTACHMENT_TYPES_TEXT}`);

/**
 * Staff's uploads for notices (type judged by content, streamed to storage, capped per person),
 * the files' place in a notice's attachments (claimed when attached, released when dropped or the
 * draft deleted), their links in views (plain for the public, signed for staff) and their download,
 * which follows the notice's status.
 */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly db: Db,
    private readonly files: FilesService,
    private readonly links: AttachmentLinks,
    private readonly repo: AttachmentsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async upload(staff: StaffPrincipal, request: FastifyRequest): Promise<UploadedFileView> {
    const maxBytes = this.config.storage.uploadMaxBytes;
    const limits = { maxBytes, what: WHAT };
    // Early refusal without reading the file; the cap itself is checked again once the file is stored.
    if ((await this.files.pendingCount('attachment', staff.id)) >= PENDING_UPLOADS_MAX) throw closingConnection(TOO_MANY_PENDING());
    const part = await takeUpload(request, limits);
    let stored: StoredFileRecord;
    let partError: unknown = null;
    try {
      const name = cleanAttachmentName(part.filename);
      if (!name) throw ApiError.field('file', '文件须有名称（含扩展名）');
      const type = attachmentTypeOf(name);
      if (!type) throw unsupported();
      const sniffer = new SniffStream(type.families);
      // pipe() does not pass errors on: a cut-off body or the size limit must fail the store. finished()
      // also reports an error the part met before this line (a body cut off while the cap was counted).
      finished(part.stream, { writable: false }, (error) => {
        if (!error) return;
        partError = error;
        sniffer.destroy(error);
      });
      try {
        const body = part.stream.pipe(sniffer);
        const file = { purpose: 'attachment' as const, name, contentType: type.contentType, maxBytes, staffId: staff.id };
        stored = type.image ? await this.storeImage(body, file) : await this.files.store(body, file);
      } catch (error) {
        if (error instanceof ContentRefused) throw error.reason === 'empty' ? ApiError.field('file', '文件是空的，请重新选择') : mismatch(fileExtensionOf(name));
        throw error;
      }
    } catch (error) {
      // The rest of the body may still be on its way: answer, then close the connection instead of reading it.
      if (error instanceof ApiError) throw closingConnection(error);
      if (error === partError || error instanceof FileTooLarge || (error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw closingConnection(uploadError(error, limits));
      throw error;
    }
    // The cap, counted after this file's row is in: of uploads racing past the early check, none
    // beyond the cap is kept (one counting after another's insert sees it), at worst one too many is refused.
    if ((await this.files.pendingCount('attachment', staff.id)) > PENDING_UPLOADS_MAX) {
      await this.files.discard([stored.id]);
      throw TOO_MANY_PENDING();
    }
    return { fileId: stored.id, name: stored.name, size: stored.size, contentType: stored.contentType, sha256: stored.sha256, url: this.links.signedUrl(stored.id) };
  }

  /**
   * A picture goes onto public pages: it is decoded and encoded again (reencodeImage), so only its
   * pixels are stored, never the camera's EXIF (GPS location), XMP or bytes hidden after it. That
   * needs it whole in memory, hence a lower limit than other files.
   */
  private async storeImage(body: Readable, file: NewFile & { contentType: string }): Promise<StoredFileRecord> {
    const maxBytes = Math.min(file.maxBytes, IMAGE_UPLOAD_MAX);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) throw new ApiError(413, 'PAYLOAD_TOO_LARGE', `图片不能超过 ${maxBytes / 1024 / 1024} MB，请压缩后再上传（原图可打包为 ZIP 上传）`);
      chunks.push(chunk as Buffer);
    }
    let clean: Buffer;
    try {
      clean = await reencodeImage(Buffer.concat(chunks, size), file.contentType as ImageType);
    } catch (error) {
      if (error instanceof ImageRefused) throw IMAGE_REFUSALS[error.reason]();
      throw error;
    }
    return this.files.storeBuffer(clean, file);
  }

  /**
   * A draft's attachments as rows to write, inside the notice's transaction: uploaded files new
   * to the notice must be the saving staff member's own pending uploads (claimed now), files no
   * longer listed are released; links are kept as given. The body's uploaded images must be among
   * the notice's files (else they would be deleted with the unused uploads, or never be public).
   * `currentFileIds`: the files the notice holds now (from the caller's snapshot). `inputs`
   * undefined: the list stays as it is (only the body is checked against it).
   */
  async resolveForNotice(m: EntityManager, staff: StaffPrincipal, currentFileIds: string[], inputs: AttachmentInput[] | undefined, bodyHtml: string): Promise<AttachmentRow[] | undefined> {
    const current = new Set(currentFileIds);
    if (inputs === undefined) {
      this.checkBodyImages(bodyHtml, current);
      return undefined;
    }
    const listed = inputs.flatMap((input, index) => (input.fileId ? [{ id: input.fileId, index }] : []));
    const seen = new Set<string>();
    for (const { id, index } of listed) {
      if (seen.has(id)) throw ApiError.field(`attachments.${index}.fileId`, '同一文件不能重复添加为附件');
      seen.add(id);
    }
    const files = new Map((await this.files.findMany([...seen], m)).map((f) => [f.id, f]));
    const fresh: string[] = [];
    for (const { id, index } of listed) {
      const file = files.get(id);
      const field = `attachments.${index}.fileId`;
      if (!file || file.purpose !== 'attachment' || file.state === 'released') throw ApiError.field(field, FILE_GONE);
      if (current.has(id)) continue;
      if (file.state !== 'pending') throw ApiError.field(field, '该文件已是其他信息的附件，请重新上传');
      // Another person's upload is as good as unknown here: ids are not shared between accounts.
      if (file.staffId !== staff.id) throw ApiError.field(field, FILE_GONE);
      fresh.push(id);
    }
    // Claimed only while still pending: a file attached meanwhile by another save is refused, and the transaction rolls back.
    if ((await this.files.claim(m, fresh)) !== fresh.length) throw ApiError.field('attachments', '附件已被其他操作使用，请刷新后重试');
    const dropped = [...current].filter((id) => !seen.has(id));
    await this.files.release(m, dropped);
    this.checkBodyImages(bodyHtml, seen);
    return inputs.map((input) => {
      if (!input.fileId) {
        const link = input as Extract<AttachmentInput, { url: string }>;
        return { name: link.name, url: link.url, size: link.size, fileId: null, contentType: null };
      }
      const file = files.get(input.fileId)!;
      return { name: renamedAttachment(input.name, file.name), url: this.links.publicUrl(file.id), size: file.size, fileId: file.id, contentType: file.contentType };
    });
  }

  /**
   * A file another module generated and stored (pending, purpose `attachment`) as an attachment
   * row, claimed inside the caller's transaction; null when it is not pending any more (used or
   * expired), so the caller refuses and its transaction rolls back.
   */
  async claimGenerated(m: EntityManager, fileId: string, name: string): Promise<AttachmentRow | null> {
    const [file] = await this.files.findMany([fileId], m);
    if (!file || file.purpose !== 'attachment' || file.state !== 'pending') return null;
    if ((await this.files.claim(m, [file.id])) !== 1) return null;
    return { name, url: this.links.publicUrl(file.id), size: file.size, fileId: file.id, contentType: file.contentType };
  }

  /** Files a notice no longer holds: their bytes go with the next clean-up round. Inside the caller's transaction. */
  async release(m: EntityManager, fileIds: string[]): Promise<void> {
    await this.files.release(m, fileIds);
  }

  /** A draft is deleted: its files go with the next clean-up round. Inside the deletion's transaction, before the rows go. */
  async releaseOfNotice(m: EntityManager, fileIds: string[]): Promise<void> {
    await this.files.release(m, fileIds);
  }

  /** An attachment as the public reads it: an uploaded file at its stable address. */
  publicView(row: AttachmentRow): AttachmentView {
    return { name: row.name, url: row.fileId ? this.links.publicUrl(row.fileId) : row.url, size: row.size, fileId: row.fileId, contentType: row.contentType };
  }

  /** An attachment as staff read it: an uploaded file with a signed link, which works before the notice is public. */
  signed(view: AttachmentView): AttachmentView {
    return view.fileId ? { ...view, url: this.links.signedUrl(view.fileId) } : view;
  }

  /** The body for staff: its uploaded images with signed links. */
  staffBody(html: string): string {
    return this.links.signBody(html);
  }

  /**
   * GET /attachments/:fileId. A valid signature (a staff view's link) opens the file whatever its
   * notice's status, never cached; otherwise the file must be on a notice the public may read
   * (published, 主动公开): a withdrawn one answers 410, anything else 404 as if it did not exist.
   * Only attachments are served here (never a photo or a generated file).
   */
  async download(fileId: string, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    await this.db.settled(); // SQLite: not a half-done transaction's rows
    const file = await this.files.find(fileId);
    if (!file || file.purpose !== 'attachment' || file.state === 'released') throw ApiError.notFound(NOT_FOUND);
    const query = (request.query ?? {}) as Record<string, unknown>;
    const holder = await this.repo.holderOf(file.id);
    const signed = this.links.verify(file.id, query.exp, query.sig);
    if (!signed) {
      if (!holder || file.state !== 'in_use' || holder.disclosure !== 'proactive') throw ApiError.notFound(NOT_FOUND);
      if (holder.status === 'withdrawn') throw new ApiError(410, 'GONE', '该信息已撤回，附件不再提供下载');
      if (holder.status !== 'published') throw ApiError.notFound(NOT_FOUND);
    }
    const image = attachmentTypeOf(file.name)?.image === true;
    await sendStoredFile(this.files, request, reply, file, {
      disposition: image ? 'inline' : 'attachment',
      // Public answers are cached briefly, so a withdrawal takes effect within minutes.
      cacheControl: signed ? 'private, no-store' : 'public, max-age=300',
      name: holder?.name ?? file.name,
      notFound: NOT_FOUND,
    });
  }

  private checkBodyImages(bodyHtml: string, fileIds: Set<string>): void {
    if (bodyFileIds(bodyHtml).some((id) => !fileIds.has(id))) {
      throw ApiError.field('bodyHtml', '正文中上传的图片须同时保留在附件中（删除附件前请先删除正文中的该图片）');
    }
  }
}
