import { Inject, Injectable } from '@nestjs/common';
import type { ParentPrincipal } from '../../common/auth/staff-principal';
import { Clock } from '../../common/clock/clock';
import { ApiError } from '../../common/errors/api-error';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { notFound } from '../disclosure-steps.service';
import type { DisclosureRequest } from '../entities/disclosure-request.entity';
import { verifyLookupToken } from '../lookup-tokens';
import { DisclosureRequestsRepository } from '../requests/disclosure-requests.repository';
import { DisclosureFeesRepository } from './disclosure-fees.repository';
import { renderFeeNotice } from './fee-notice';

const NO_NOTICE = () => ApiError.notFound('该申请没有收费通知');

/**
 * The written fee notice (收费通知书) of a request's latest fee, for staff, for the signed-in
 * applicant (their own requests only) and for the public lookup's token. It names the request by
 * its tracking number only: no personal data, so reading it is not an access to record.
 */
@Injectable()
export class DisclosureFeeNotices {
  constructor(
    private readonly requests: DisclosureRequestsRepository,
    private readonly fees: DisclosureFeesRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async forStaff(id: number): Promise<string> {
    const request = await this.requests.find(id);
    if (!request) throw notFound();
    return this.render(request);
  }

  /** Another parent's request answers as if it did not exist. */
  async forParent(parent: ParentPrincipal, id: number): Promise<string> {
    const request = await this.requests.find(id);
    if (!request || request.parentId !== parent.id) throw notFound();
    return this.render(request);
  }

  /** A malformed, forged or expired token answers like an absent request. */
  async forLookup(token: string): Promise<string> {
    const id = verifyLookupToken(this.config.auth.jwtSecret, token, this.clock.nowMs());
    const request = id === null ? null : await this.requests.find(id);
    if (!request) throw ApiError.notFound('查询链接无效或已过期，请重新输入申请编号和查询码');
    return this.render(request);
  }

  private async render(request: DisclosureRequest): Promise<string> {
    const fee = await this.fees.latest(request.id);
    if (!fee) throw NO_NOTICE();
    const { agency, contact } = this.config.disclosure;
    return renderFeeNotice({ agency, contact, trackingNo: request.trackingNo, receivedDate: request.receivedDate, fee });
  }
}
