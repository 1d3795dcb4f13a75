import { Injectable, Logger } from '@nestjs/common';
import { INQUIRY_LIMITS, inquiryKind, shanghaiDate, shanghaiStartOfDay, trackingNumber, type InquiryStatus, type ParentInquiryView } from '@gongkai/shared';
import { CalendarService } from '../calendar/calendar.service';
import type { ParentPrincipal } from '../common/auth/parent-auth.guard';
import { Clock } from '../common/clock/clock';
import { ApiError } from '../common/errors/api-error';
import type { RequestMeta } from '../common/http/request-meta';
import { Db } from '../database/db';
import { ConsentsService } from '../privacy/consents.service';
import { DataHasher } from '../privacy/crypto/data-hasher';
import { WechatClient, type ContentVerdict } from '../wechat/wechat-client';
import type { CreateInquiryDto } from './dto/inquiry.dto';
import { InquiriesRepository } from './inquiries.repository';
import { InquiryPhotosRepository } from './inquiry-photos.repository';
import { InquiryViews } from './inquiry-views.service';

/**
 * A parent's inquiry coming in: the daily limit, WeChat's content check (held for staff when it
 * wants a review or cannot be asked), the photos it links, its tracking number and its deadline
 * on the working-day calendar, counted from the moment of receipt.
 */
@Injectable()
export class InquiryIntakeService {
  private readonly logger = new Logger('Inquiries');

  constructor(
    private readonly db: Db,
    private readonly repo: InquiriesRepository,
    private readonly photos: InquiryPhotosRepository,
    private readonly views: InquiryViews,
    private readonly calendar: CalendarService,
    private readonly wechat: WechatClient,
    private readonly clock: Clock,
    private readonly hasher: DataHasher,
    private readonly consents: ConsentsService,
  ) {}

  async create(parent: ParentPrincipal, dto: CreateInquiryDto, meta: RequestMeta): Promise<ParentInquiryView> {
    // Nothing is collected before the parent agreed to the notice in force.
    await this.consents.requireCurrentNotice(parent.id);
    // A child's information is sensitive (PIPL art. 28, 31): the guardian's separate consent, each time.
    if (dto.involvesChild && dto.childConsent !== true) throw new ApiError(400, 'CHILD_CONSENT_REQUIRED', CHILD_CONSENT_MESSAGE);
    const kind = inquiryKind(dto.kind);
    const unit = dto.unitCode ? await this.repo.unitByCode(dto.unitCode) : await this.repo.intakeUnit();
    if (!unit) throw dto.unitCode ? ApiError.field('unitCode', '所选单位不存在') : new ApiError(503, 'INTERNAL_ERROR', '受理单位尚未设置，请稍后再试');
    const photoIds = [...new Set(dto.photoIds ?? [])];
    await this.checkPhotos(parent.id, photoIds);
    const dayStart = shanghaiStartOfDay(shanghaiDate(this.clock.now()));
    // Checked before asking WeChat (a flood costs no content checks), and again in the transaction.
    if ((await this.repo.countSince(parent.id, dayStart)) >= INQUIRY_LIMITS.perParentPerDay) throw rateLimited();

    const check = await this.contentCheck(parent.id, `${dto.subject}\n${dto.content}`);
    if (check.verdict?.suggest === 'risky') {
      await this.db.write(() => this.repo.countCheck(shanghaiDate(this.clock.now()), 'risky'));
      throw new ApiError(422, 'CONTENT_REFUSED', '提交的内容未通过内容安全检测，请修改后重新提交');
    }
    const status: InquiryStatus = check.hold ? 'held' : 'submitted';
    await this.db.write((m) => this.repo.ensureTrackingSequence(kind.trackingPrefix, compactDate(this.clock.now()), m));

    const id = await this.db.transaction(async (m) => {
      await this.repo.lockParent(m, parent.id);
      if ((await this.repo.countSince(parent.id, dayStart, m)) >= INQUIRY_LIMITS.perParentPerDay) throw rateLimited();
      const now = this.clock.now();
      const trackingNo = trackingNumber(kind.trackingPrefix, shanghaiDate(now), await this.repo.nextTrackingSequence(m, kind.trackingPrefix, compactDate(now)));
      const deadline = this.calendar.deadline(now, kind.replyWorkingDays);
      const inquiryId = await this.repo.insert(m, {
        trackingNo,
        kind: kind.code,
        subject: dto.subject,
        content: dto.content,
        // Sealed by the column's transformer; the keyed hash lets staff find it by number.
        phone: dto.phone ?? null,
        phoneHash: dto.phone ? this.hasher.hash('phone', dto.phone) : null,
        allowPublish: dto.allowPublish,
        involvesChild: dto.involvesChild === true,
        childConsentWithdrawnAt: null,
        parentCancelledAt: null,
        parentId: parent.id,
        unitId: unit.id,
        handlerId: null,
        status,
        version: 1,
        receivedAt: now,
        deadlineFrom: now,
        dueAt: deadline.dueAt,
        dueDate: deadline.dueDate,
        workingDays: kind.replyWorkingDays,
        skipped: deadline.skipped,
        flagged: deadline.flagged,
        checkSuggest: check.verdict?.suggest ?? null,
        checkLabel: check.verdict?.label ?? null,
        replyText: null,
        repliedAt: null,
        replyUnitId: null,
        pendingReplyText: null,
        pendingReplyAt: null,
        pendingReplyBy: null,
        pendingReplyById: null,
        replyReviewer: null,
        rating: null,
        ratingComment: null,
        ratedAt: null,
        reopenCount: 0,
        publishedQaId: null,
        createdAt: now,
        updatedAt: now,
      });
      if (photoIds.length && (await this.photos.attach(m, parent.id, photoIds, inquiryId)) !== photoIds.length) {
        throw ApiError.field('photoIds', '照片无效或已被使用，请重新上传');
      }
      await this.repo.appendEvent(m, { inquiryId, action: 'submitted', label: '提交', text: null, parentVisible: true, actorId: null, actorName: null, createdAt: now });
      if (check.hold) await this.repo.appendEvent(m, { inquiryId, action: 'note', label: check.note, text: null, parentVisible: false, actorId: null, actorName: '系统', createdAt: now });
      // The consents this submission gives, recorded with it (rolled back with it).
      const channel = meta.channel ?? 'api';
      const subject = `咨询 ${trackingNo}`;
      if (dto.involvesChild) await this.consents.recordIn(m, parent.id, { kind: 'child_information', granted: true, channel, subject });
      if (dto.allowPublish) await this.consents.recordIn(m, parent.id, { kind: 'public_qa', granted: true, channel, subject });
      return inquiryId;
    });
    return this.views.parentView(parent, id);
  }

  /**
   * WeChat's verdict on what the parent wrote. Not configured (the embedded demo): passes, no
   * verdict. WeChat unreachable or erring, or a parent without an openid: held for staff, rather
   * than refusing a parent for WeChat's trouble.
   */
  private async contentCheck(parentId: number, content: string): Promise<{ verdict: ContentVerdict | null; hold: boolean; note: string }> {
    if (!this.wechat.configured) return { verdict: null, hold: false, note: '' };
    const openid = await this.repo.parentOpenid(parentId);
    if (!openid) return { verdict: null, hold: true, note: '无法进行内容安全检测（无微信身份），待人工审核' };
    try {
      const verdict = await this.wechat.msgSecCheck(openid, content);
      return { verdict, hold: verdict.suggest === 'review', note: `内容安全检测：需人工审核（标签 ${verdict.label ?? '未知'}）` };
    } catch (error) {
      this.logger.warn(`msg_sec_check failed, holding the inquiry for staff: ${String((error as Error).message ?? error)}`);
      return { verdict: null, hold: true, note: '内容安全检测暂不可用，待人工审核' };
    }
  }

  private async checkPhotos(parentId: number, ids: string[]): Promise<void> {
    for (const id of ids) {
      const photo = await this.photos.meta(id);
      if (!photo || photo.parentId !== parentId) throw ApiError.field('photoIds', '照片不存在，请重新上传');
      if (photo.inquiryId !== null) throw ApiError.field('photoIds', '照片已用于其他事项，请重新上传');
    }
  }
}

export const CHILD_CONSENT_MESSAGE = '内容涉及未满十四周岁子女的信息，需要您作为监护人单独同意';

const rateLimited = () => new ApiError(429, 'INQUIRY_RATE_LIMITED', `每天最多提交 ${INQUIRY_LIMITS.perParentPerDay} 条，请明天再试`);

/** The Shanghai date as the tracking number has it: 20261009. */
const compactDate = (at: Date) => shanghaiDate(at).replace(/-/g, '');
