import { Inject, Injectable } from '@nestjs/common';
import { shanghaiDate, type ApplicantDisclosureListItem, type ApplicantDisclosureView, type DisclosureLookupView, type Page } from '@gongkai/shared';
import { timingSafeEqual } from 'node:crypto';
import type { ParentPrincipal } from '../../common/auth/parent-auth.guard';
import { Clock } from '../../common/clock/clock';
import { ApiError } from '../../common/errors/api-error';
import { decodeCursor, encodeCursor, isIdCursor } from '../../common/paging/cursor';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { Db } from '../../database/db';
import { DataHasher } from '../../privacy/crypto/data-hasher';
import { DisclosureSteps, notFound, type DisclosureStep } from '../disclosure-steps.service';
import type { DisclosureRequest } from '../entities/disclosure-request.entity';
import { LOOKUP_TOKEN_TTL_MS, signLookupToken } from '../lookup-tokens';
import type { ApplicantDisclosureSupplementDto, DisclosureLookupDto, DisclosureWithdrawDto } from '../dto/applicant.dto';
import { ApplicantDisclosureViews } from './applicant-disclosure-views.service';
import { DisclosureApplicantRepository } from './disclosure-applicant.repository';
import { DisclosureRequestsRepository } from './disclosure-requests.repository';

export const LOOKUP_FAILED_MESSAGE = '申请编号或查询码不正确，请核对后重试';
const lookupFailed = () => new ApiError(404, 'DISCLOSURE_LOOKUP_FAILED', LOOKUP_FAILED_MESSAGE);
/** Compared when the tracking number matches nothing, so both failures cost one keyed hash and one comparison. */
const NO_HASH = '0'.repeat(64);

/**
 * The applicant's side after intake: their own requests (list, detail), the supplement a 补正
 * asked for and the withdrawal, both steps of the shared state machine (actor `applicant`); and
 * the public lookup by tracking number and verification code for applicants who did not sign in.
 */
@Injectable()
export class DisclosureApplicantService {
  constructor(
    private readonly db: Db,
    private readonly repo: DisclosureRequestsRepository,
    private readonly applicant: DisclosureApplicantRepository,
    private readonly steps: DisclosureSteps,
    private readonly views: ApplicantDisclosureViews,
    private readonly hasher: DataHasher,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(parent: ParentPrincipal, query: { cursor?: string; limit: number }): Promise<Page<ApplicantDisclosureListItem>> {
    await this.db.settled();
    const before = query.cursor ? decodeCursor(query.cursor, isIdCursor)[0] : null;
    const rows = await this.applicant.parentPage(parent.id, before, query.limit + 1);
    const page = rows.slice(0, query.limit);
    return { items: page.map((r) => this.views.listItem(r)), nextCursor: rows.length > query.limit ? encodeCursor([page[page.length - 1]!.id]) : null };
  }

  view(parent: ParentPrincipal, id: number): Promise<ApplicantDisclosureView> {
    return this.views.forParent(parent.id, id);
  }

  /** The supplement, supplied online: the 20 working days count again from today (art. 30). */
  supply(parent: ParentPrincipal, id: number, dto: ApplicantDisclosureSupplementDto): Promise<ApplicantDisclosureView> {
    return this.act(parent, id, 'supply', (r, now) => {
      // Past its last day the request is abandoned (art. 30), even before the lapse task has closed it.
      if (r.supplementDueDate && shanghaiDate(now) > r.supplementDueDate) throw new ApiError(409, 'DISCLOSURE_NOT_ALLOWED', `补正期限已于 ${r.supplementDueDate} 届满，不能再提交补正材料`);
      return {
      set: { clockFrom: shanghaiDate(now), suppliedAt: now, suppliedText: dto.text },
      events: [{ action: 'supply', text: dto.text, applicantVisible: true }],
      };
    });
  }

  /** The applicant withdraws: closed as 其他处理 / 其他 (the yearly report counts it so). */
  withdraw(parent: ParentPrincipal, id: number, dto: DisclosureWithdrawDto): Promise<ApplicantDisclosureView> {
    const reason = dto.reason?.trim() || null;
    return this.act(parent, id, 'withdraw', () => ({
      set: { outcome: 'other_other' },
      events: [{ action: 'withdraw', text: reason ? `申请人撤回：${reason}` : '申请人撤回', applicantVisible: true }],
    }));
  }

  private async act(parent: ParentPrincipal, id: number, action: 'supply' | 'withdraw', plan: (r: DisclosureRequest, now: Date) => DisclosureStep): Promise<ApplicantDisclosureView> {
    await this.db.transaction(async (m) => {
      const r = await this.repo.find(id, m);
      if (!r || r.parentId !== parent.id) throw notFound();
      await this.steps.apply(m, r, { kind: 'applicant', parentId: parent.id }, action, plan(r, this.clock.now()));
    });
    return this.views.forParent(parent.id, id);
  }

  /**
   * The public lookup. Both parts are checked through keyed hashes compared in constant time,
   * and a wrong tracking number and a wrong code answer alike (one code, one message), so the
   * lookup says nothing about which numbers exist. Rate-limited per address at the route.
   */
  async lookup(dto: DisclosureLookupDto): Promise<DisclosureLookupView> {
    await this.db.settled();
    const given = this.hasher.hash('disclosure_code', dto.verificationCode);
    const r = await this.repo.findByTrackingNo(dto.trackingNo.toUpperCase());
    const expected = r?.verificationHash ?? NO_HASH;
    const same = expected.length === given.length && timingSafeEqual(Buffer.from(expected), Buffer.from(given));
    if (!r || !same) throw lookupFailed();
    const lookupToken = signLookupToken(this.config.auth.jwtSecret, r.id, this.clock.nowMs() + LOOKUP_TOKEN_TTL_MS);
    return { ...(await this.views.build(r, { lookupToken })), lookupToken };
  }
}
