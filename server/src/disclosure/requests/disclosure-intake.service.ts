import { Injectable } from '@nestjs/common';
import { shanghaiDate, shanghaiStartOfDay, type DisclosureCreated } from '@gongkai/shared';
import type { ParentPrincipal } from '../../common/auth/parent-auth.guard';
import { Clock } from '../../common/clock/clock';
import { ApiError } from '../../common/errors/api-error';
import { Db } from '../../database/db';
import { ConsentsService } from '../../privacy/consents.service';
import { DataHasher } from '../../privacy/crypto/data-hasher';
import type { CreateDisclosureRequestDto } from '../dto/applicant.dto';
import { applicantColumns } from './applicant-columns';
import { DisclosureApplicantRepository } from './disclosure-applicant.repository';
import { DisclosureRequestsRepository } from './disclosure-requests.repository';
import { newRequestRow, newTrackingNo, newVerificationCode } from './disclosure-tracking';

/**
 * Online requests a parent makes per Shanghai day: generous for 一事一申请 (several matters are
 * several requests), and a bound on what one account can pile on the office.
 */
export const DISCLOSURE_PER_PARENT_PER_DAY = 10;

const rateLimited = () => new ApiError(429, 'DISCLOSURE_RATE_LIMITED', `每天最多在线提交 ${DISCLOSURE_PER_PARENT_PER_DAY} 件政府信息公开申请，请明天再试`);

/**
 * An online 依申请公开 request coming in: the privacy notice in force (the ID number is sensitive
 * personal information, PIPL art. 28–30: processed on the statutory-duty basis the notice
 * states, and only after the parent agreed to the notice that says so), the daily cap (counted
 * again under the parent's row lock), its tracking number and verification code. Its receipt
 * date is set when the handler confirms it (art. 31: online, the day both sides confirm).
 */
@Injectable()
export class DisclosureIntakeService {
  constructor(
    private readonly db: Db,
    private readonly repo: DisclosureRequestsRepository,
    private readonly applicant: DisclosureApplicantRepository,
    private readonly hasher: DataHasher,
    private readonly consents: ConsentsService,
    private readonly clock: Clock,
  ) {}

  async create(parent: ParentPrincipal, dto: CreateDisclosureRequestDto): Promise<DisclosureCreated> {
    await this.consents.requireCurrentNotice(parent.id);
    const dayStart = shanghaiStartOfDay(shanghaiDate(this.clock.now()));
    if ((await this.applicant.countSince(parent.id, dayStart)) >= DISCLOSURE_PER_PARENT_PER_DAY) throw rateLimited();
    const columns = applicantColumns(dto, this.hasher);
    await this.repo.ensureSequence(`disclosure/YS/${shanghaiDate(this.clock.now()).replace(/-/g, '')}`);

    const created = await this.db.transaction(async (m) => {
      await this.applicant.lockParent(m, parent.id);
      if ((await this.applicant.countSince(parent.id, dayStart, m)) >= DISCLOSURE_PER_PARENT_PER_DAY) throw rateLimited();
      const now = this.clock.now();
      const trackingNo = await newTrackingNo(this.repo, m, now);
      const code = newVerificationCode(this.hasher);
      const id = await this.repo.insert(m, {
        ...newRequestRow(now),
        trackingNo,
        verificationHash: code.hash,
        parentId: parent.id,
        channel: 'online',
        ...columns,
        description: dto.description,
        purpose: dto.purpose || null,
        provisionForm: dto.provisionForm,
        delivery: dto.delivery,
        status: 'submitted',
      });
      await this.repo.appendEvent(m, {
        requestId: id,
        action: 'submitted',
        label: '提交申请',
        text: null,
        applicantVisible: true,
        actorId: null,
        actorName: '申请人',
        // The applicant just saw the tracking number on screen: the first notice is the receipt's confirmation.
        noticeState: null,
        createdAt: now,
      });
      return { id, trackingNo, verificationCode: code.code };
    });
    return created;
  }
}
