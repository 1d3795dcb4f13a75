import { Injectable } from '@nestjs/common';
import type { DisclosureFeeView } from '@gongkai/shared';
import type { DisclosureFee } from '../entities/disclosure-fee.entity';
import { DisclosureFeesRepository } from './disclosure-fees.repository';

/** Who reads the fee, for the link to its written notice: the signed-in applicant, staff, or the public lookup's token. */
export type FeeNoticeAudience = 'applicant' | 'staff' | { lookupToken: string };

/** The written notice's address for `audience` (each route checks its own caller). */
export function feeNoticeUrl(requestId: number, audience: FeeNoticeAudience): string {
  if (audience === 'applicant') return `/api/v1/parents/me/disclosure-requests/${requestId}/fee-notice`;
  if (audience === 'staff') return `/api/v1/staff/disclosure/requests/${requestId}/fee-notice`;
  return `/api/v1/disclosure/lookup/${encodeURIComponent(audience.lookupToken)}/fee-notice`;
}

export function toFeeView(fee: DisclosureFee, audience: FeeNoticeAudience): DisclosureFeeView {
  return {
    id: fee.id,
    method: fee.method,
    count: fee.count,
    priorPieces: fee.priorPieces,
    amountFen: fee.amountFen,
    bands: fee.bands,
    status: fee.status,
    issuedDate: fee.issuedDate,
    payDueDate: fee.payDueDate,
    paidAt: fee.paidAt ? fee.paidAt.toISOString() : null,
    refundedFen: fee.refundedFen,
    noticeUrl: feeNoticeUrl(fee.requestId, audience),
  };
}

/** The fee of a request as the applicant's and staff's views show it (the latest notice, if any). */
@Injectable()
export class DisclosureFeeViews {
  constructor(private readonly fees: DisclosureFeesRepository) {}

  /** The latest notice; its `noticeUrl` is the applicant's path unless another audience is named. */
  async forRequest(requestId: number, audience: FeeNoticeAudience = 'applicant'): Promise<DisclosureFeeView | null> {
    const fee = await this.fees.latest(requestId);
    return fee ? toFeeView(fee, audience) : null;
  }
}
