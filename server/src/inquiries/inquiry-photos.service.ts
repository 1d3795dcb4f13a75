import { Injectable } from '@nestjs/common';
import { INQUIRY_LIMITS, type InquiryPhotoType, type InquiryPhotoUpload } from '@gongkai/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { ParentPrincipal } from '../common/auth/parent-auth.guard';
import type { StaffPrincipal } from '../common/auth/staff-principal';
import { StaffSessions } from '../common/auth/staff-session';
import { Tokens, type StaffTokenClaims } from '../common/auth/tokens';
import { Clock } from '../common/clock/clock';
import { ApiError } from '../common/errors/api-error';
import type { RequestMeta } from '../common/http/request-meta';
import { Db } from '../database/db';
import { ConsentsService } from '../privacy/consents.service';
import { PersonalDataAccessLog } from '../privacy/personal-data-access-log';
import { sendStoredFile } from '../storage/file-response';
import { FilesService, isFileId } from '../storage/files.service';
import { IMAGE_PIXELS_MAX, ImageRefused, reencodeImage } from '../storage/images/image-reencode';
import { sniffImage } from '../storage/images/image-sniff';
import { InquiriesRepository } from './inquiries.repository';
import { INQUIRY_ACCESS_PURPOSE, sees } from './inquiry-access';
import { InquiryPhotosRepository } from './inquiry-photos.repository';

const TOO_LARGE = `照片不能超过 ${INQUIRY_LIMITS.photoBytesMax / 1024 / 1024} MB`;
const NOT_FOUND = '未找到该照片';
const TOO_MANY = () => new ApiError(429, 'TOO_MANY_REQUESTS', '未提交的照片过多，请先提交或稍后再试');
const REFUSALS: Record<ImageRefused['reason'], () => ApiError> = {
  undecodable: () => ApiError.field('file', '照片已损坏或无法识别，请重新选择'),
  too_many_pixels: () => ApiError.field('file', `照片尺寸过大（超过 ${IMAGE_PIXELS_MAX / 10_000} 万像素），请缩小后再上传`),
  // Many uploads already waiting for a decoder on this instance.
  busy: () => new ApiError(429, 'TOO_MANY_REQUESTS', '上传的人较多，请稍后再试', undefined, { 'retry-after': '5' }),
};
/** Photos a parent may hold that are not attached to an inquiry yet: enough for a few drafts, not for filling the database. */
export const UNUSED_PHOTOS_MAX = 20;

const EXTENSIONS: Record<InquiryPhotoType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp' };
/** A stored photo's file name (the download's Content-Disposition): no trace of the name the phone gave it. */
function photoFileName(photoId: string, type: InquiryPhotoType): string {
  return `照片-${photoId.slice(0, 8)}.${EXTENSIONS[type]}`;
}

/**
 * Inquiry photos: one image per upload, its type decided by its bytes and proven by decoding it,
 * stored re-encoded (no EXIF) as a stored file (purpose inquiry_photo); served to the parent who
 * sent it and to staff who may see the inquiry it is attached to.
 */
@Injectable()
export class InquiryPhotosService {
  constructor(
    private readonly db: Db,
    private readonly repo: InquiriesRepository,
    private readonly photos: InquiryPhotosRepository,
    private readonly tokens: Tokens,
    private readonly staffSessions: StaffSessions,
    private readonly clock: Clock,
    private readonly consents: ConsentsService,
    private readonly accessLog: PersonalDataAccessLog,
    private readonly files: FilesService,
  ) {}

  async upload(parent: ParentPrincipal, request: FastifyRequest): Promise<InquiryPhotoUpload> {
    // A photo is personal data: not taken before the parent agreed to the notice in force.
    await this.consents.requireCurrentNotice(parent.id);
    if (!request.isMultipart()) throw ApiError.field('file', '请以 multipart/form-data 上传照片（字段 file）');
    // Early refusal without reading or decoding the file; the cap itself is held by insertWithinCap.
    if ((await this.photos.unusedCount(parent.id)) >= UNUSED_PHOTOS_MAX) throw TOO_MANY();
    let bytes: Buffer;
    try {
      const file = await request.file({ limits: { fileSize: INQUIRY_LIMITS.photoBytesMax, files: 1, fields: 5, parts: 6 } });
      if (!file || file.fieldname !== 'file') throw ApiError.field('file', '请上传照片（字段 file）');
      bytes = await file.toBuffer();
      // toBuffer() misses a limit reached on the last chunk (busboy drops the rest and it returns the first 5 MB).
      if (file.file.truncated) throw new ApiError(413, 'PAYLOAD_TOO_LARGE', TOO_LARGE);
    } catch (error) {
      if (error instanceof ApiError) throw error;
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new ApiError(413, 'PAYLOAD_TOO_LARGE', TOO_LARGE);
      // Anything else here is the client's malformed multipart body (no boundary, cut short, too many parts): busboy's errors carry no status.
      throw ApiError.field('file', '上传的内容有误，请重新选择照片');
    }
    if (bytes.length > INQUIRY_LIMITS.photoBytesMax) throw new ApiError(413, 'PAYLOAD_TOO_LARGE', TOO_LARGE);
    // The first bytes pick the decoder: only these four formats ever reach libvips (no SVG, PDF, TIFF …).
    const type = sniffImage(bytes);
    if (!type) throw ApiError.field('file', '只能上传 JPEG、PNG、GIF 或 WebP 格式的图片');
    let stored: Buffer;
    try {
      stored = await reencodeImage(bytes, type);
    } catch (error) {
      if (error instanceof ImageRefused) throw REFUSALS[error.reason]();
      throw error;
    }
    const id = randomUUID();
    // The bytes first (not while holding the cap's lock), as a pending file: never claimed, the clean-up deletes it.
    // Already in memory and limited as the upload, so the re-encoded size is its own limit.
    const file = await this.files.storeBuffer(stored, { purpose: 'inquiry_photo', name: photoFileName(id, type), contentType: type, maxBytes: stored.length, parentId: parent.id });
    const row = { id, parentId: parent.id, inquiryId: null, contentType: type, size: file.size, sha256: file.sha256, fileId: file.id, createdAt: this.clock.now() };
    try {
      await this.db.transaction(
        async (m) => {
          if (!(await this.photos.insertWithinCap(m, row, UNUSED_PHOTOS_MAX))) throw TOO_MANY(); // rolls the insert back
          await this.files.claim(m, [file.id]);
        },
        { readCommitted: true },
      );
    } catch (error) {
      // Refused (or failed): the bytes go now rather than after a day as a pending upload (which they stay if this fails too).
      await this.files.discard([file.id]).catch(() => undefined);
      throw error;
    }
    return { id, contentType: type, bytes: file.size };
  }

  /**
   * Sends the photo to its parent, or to staff who see its inquiry (recorded as a personal-data
   * read); anyone else: as if it did not exist. Shown in place, cached only by the reader's own
   * client, with ETag/304 and ranges as every stored file.
   */
  async send(request: FastifyRequest, reply: FastifyReply, id: string, meta: RequestMeta): Promise<void> {
    const reader = await this.reader(request);
    await this.db.settled();
    const photo = isFileId(id) ? await this.photos.meta(id) : null;
    if (!photo) throw ApiError.notFound(NOT_FOUND);
    if (reader.kind === 'parent') {
      if (photo.parentId !== reader.id) throw ApiError.notFound(NOT_FOUND);
    } else {
      const inquiry = photo.inquiryId === null ? null : await this.repo.find(photo.inquiryId);
      if (!inquiry || !sees(reader.staff, inquiry)) throw ApiError.notFound(NOT_FOUND);
    }
    const file = photo.fileId ? await this.files.find(photo.fileId) : null;
    if (!file) throw ApiError.notFound(NOT_FOUND);
    if (reader.kind === 'staff') {
      await this.accessLog.record(null, reader.staff, meta, { action: 'view', entityType: 'inquiry', entityId: photo.inquiryId, parentId: photo.parentId, fields: ['photo'], purpose: INQUIRY_ACCESS_PURPOSE });
    }
    await sendStoredFile(this.files, request, reply, file, { disposition: 'inline', cacheControl: 'private, max-age=86400', notFound: NOT_FOUND });
  }

  /** A parent's token or an active staff member's; 401 without either. */
  private async reader(request: FastifyRequest): Promise<{ kind: 'parent'; id: number } | { kind: 'staff'; staff: StaffPrincipal }> {
    try {
      return { kind: 'parent', id: await this.tokens.verifyBearer(request, 'parent') };
    } catch (parentError) {
      let claims: StaffTokenClaims;
      try {
        claims = await this.tokens.verifyStaffBearer(request);
      } catch {
        throw parentError;
      }
      // As StaffAuthGuard checks it: active account, current token version.
      return { kind: 'staff', staff: await this.staffSessions.currentAccount(claims) };
    }
  }
}
