import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import {
  DISCLOSURE_LIMITS,
  FEE_MAX_PRIOR_PIECES,
  FEE_METHOD_LABELS,
  disclosureRefusal,
  feePaymentDeadline,
  feeQuote,
  formatFen,
  shanghaiDate,
  shanghaiEndOfDay,
  type DisclosureFeeView,
  type DisclosurePause,
  type FeeQuote,
  type PayStart,
} from '@gongkai/shared';
import type { EntityManager } from 'typeorm';
import { CalendarService } from '../../calendar/calendar.service';
import { AuditService } from '../../common/audit/audit.service';
import type { ParentPrincipal } from '../../common/auth/staff-principal';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { Clock } from '../../common/clock/clock';
import { ApiError } from '../../common/errors/api-error';
import type { RequestMeta } from '../../common/http/request-meta';
import { PeriodicTasks } from '../../common/tasks/periodic-tasks';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { Db } from '../../database/db';
import { PaymentsService, type PaymentPurposeHooks } from '../../payments/payments.service';
import { actorsOf, contextOf, DisclosureSteps, notFound, stale, type DisclosureActorRef } from '../disclosure-steps.service';
import type { DisclosureFee } from '../entities/disclosure-fee.entity';
import type { DisclosureRequest } from '../entities/disclosure-request.entity';
import { DisclosureRequestsRepository } from '../requests/disclosure-requests.repository';
import type { CancelDisclosureFeeDto, ChargeDisclosureFeeDto, FeeQuoteQueryDto, RefundDisclosureFeeDto } from '../dto/fee.dto';
import { toFeeView } from './disclosure-fee-views.service';
import { DisclosureFeesRepository } from './disclosure-fees.repository';
import { chineseDate } from './fee-notice';

/** The payments module's purpose under which fee orders are made and settled (purposeId = the fee's id). */
export const FEE_PURPOSE = 'disclosure_fee';
type PaidOrder = Parameters<PaymentPurposeHooks['onPaid']>[1];
type Refund = Parameters<NonNullable<PaymentPurposeHooks['onRefunded']>>[2];

const BATCH = 50;
const NO_FEE_DUE = '该申请没有待缴纳的信息处理费';

/**
 * Closes the open fee pause on `day`. 国办函〔2020〕109号《政府信息公开信息处理费管理办法》第七条:
 * the period from the day the fee notice is sent to the day the applicant pays does not count
 * toward the answer deadline; so a fee notice opens a pause {kind:'fee', from: the issue day} and
 * the payment (or the notice's cancellation, or its lapse) closes it.
 */
export function closeFeePause(pauses: readonly DisclosurePause[], day: string): DisclosurePause[] {
  return pauses.map((p) => (p.kind === 'fee' && p.to === null ? { ...p, to: day > p.from ? day : p.from } : p));
}

/**
 * 信息处理费: the public calculator, the handler's fee notice (按件 counted over the applicant's
 * month through the keyed hash, 按量 per request), payment through the payments module (its hooks
 * move the request on in the transaction that records the payment), cancellation, refunds by
 * the office head, and the lapse of notices unpaid by their last day (其他处理 / 逾期未缴费).
 */
@Injectable()
export class DisclosureFeesService implements OnModuleInit {
  private readonly logger = new Logger('DisclosureFees');

  constructor(
    private readonly db: Db,
    private readonly fees: DisclosureFeesRepository,
    private readonly requests: DisclosureRequestsRepository,
    private readonly steps: DisclosureSteps,
    private readonly payments: PaymentsService,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    tasks: PeriodicTasks,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    tasks.register('disclosure-fees', { everyMs: config.schedulePollMs, atStart: true, jitter: 0.2 }, () => this.lapseOverdue());
  }

  onModuleInit(): void {
    this.payments.registerPurpose(FEE_PURPOSE, {
      onPaid: (m, order) => this.onPaid(m, order),
      onRefunded: (m, order, refund) => this.onRefunded(m, order, refund),
    });
  }

  /** The public calculator (the DTO has checked the ranges; 按量 takes no earlier pieces). */
  quote(query: FeeQuoteQueryDto): FeeQuote {
    return feeQuote(query.method, query.count, query.priorPiecesThisMonth ?? 0);
  }

  /** Issues the fee notice of a request being processed, and pauses its answer deadline. */
  async charge(staff: StaffPrincipal, id: number, dto: ChargeDisclosureFeeDto, meta: RequestMeta): Promise<DisclosureFeeView> {
    const actor: DisclosureActorRef = { kind: 'staff', staff };
    return this.db.transaction(async (m) => {
      const request = await this.current(m, id, dto.version);
      refuse(request, actor, 'charge_fee');
      // The count becomes the request's pieces (一事一申请), which the request's own limit caps.
      if (dto.method === 'piece' && dto.count > DISCLOSURE_LIMITS.maxPieces) throw ApiError.field('count', `按件计收时一件申请最多拆分为 ${DISCLOSURE_LIMITS.maxPieces} 件`);
      if (await this.fees.exists(m, id, ['issued', 'paid', 'partially_refunded'])) {
        throw new ApiError(409, 'DISCLOSURE_NOT_ALLOWED', '该申请已发出收费通知或已缴费，不能再次收费');
      }
      // 按件: the applicant's earlier pieces that month, matched by the keyed hash (never decrypted).
      // Without an ID number or credit code there is nobody to match: the month starts at this request.
      const prior = dto.method === 'piece' && request.applicantHash && request.receivedDate ? await this.fees.priorPieces(m, { id, applicantHash: request.applicantHash, receivedDate: request.receivedDate }) : 0;
      if (prior > FEE_MAX_PRIOR_PIECES) throw new ApiError(409, 'DISCLOSURE_NOT_ALLOWED', '该申请人本月申请件数超出计算范围，请按量计收或人工核算');
      const quote = feeQuote(dto.method, dto.count, prior);
      if (quote.amountFen === 0) {
        const free = dto.method === 'piece' ? `按件计收：本月累计第 ${prior + 1}–${prior + dto.count} 件，在免费范围（10 件以内）` : `按量计收：${dto.count} 页，在免费范围（30 页以内）`;
        throw new ApiError(409, 'DISCLOSURE_NOT_ALLOWED', `${free}，不收取信息处理费，无需发出收费通知`);
      }
      const now = this.clock.now();
      // The notice is issued and, online, received the same day (the applicant sees it in the
      // app at once). For requests staff entered the same day is assumed (handed over or faxed
      // that day); see the README's fee section for posted notices.
      const issuedDate = shanghaiDate(now);
      const payDueDate = feePaymentDeadline(this.calendar.current(), issuedDate).dueDate;
      const feeId = await this.fees.insert(m, {
        requestId: id,
        method: dto.method,
        count: dto.count,
        priorPieces: prior,
        amountFen: quote.amountFen,
        bands: quote.bands,
        status: 'issued',
        issuedDate,
        payDueDate,
        issuedById: staff.id,
        paymentOrderId: null,
        paidAt: null,
        refundedFen: 0,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      const set: Partial<DisclosureRequest> = { pauses: [...request.pauses, { kind: 'fee', from: issuedDate, to: null }] };
      if (dto.method === 'piece') set.pieces = dto.count;
      const text = `应缴信息处理费 ${formatFen(quote.amountFen)}（${FEE_METHOD_LABELS[dto.method]}），请于 ${chineseDate(payDueDate)}前在小程序中缴纳；逾期未缴纳的视为放弃申请`;
      await this.steps.apply(m, request, actor, 'charge_fee', { set, events: [{ action: 'charge_fee', text, applicantVisible: true }] });
      await this.audit.record(m, staff, meta, {
        action: 'disclosure.fee_charged',
        entityType: 'disclosure_request',
        entityId: id,
        after: { feeId, method: dto.method, count: dto.count, priorPieces: prior, amountFen: quote.amountFen, payDueDate },
      });
      return toFeeView((await this.fees.find(feeId, m))!, 'staff');
    });
  }

  /** Withdraws a notice issued wrongly, before it is paid: the deadline runs again from the next day. */
  async cancel(staff: StaffPrincipal, id: number, dto: CancelDisclosureFeeDto, meta: RequestMeta): Promise<DisclosureFeeView> {
    const actor: DisclosureActorRef = { kind: 'staff', staff };
    // A payment already made whose notification is late would be lost by the cancellation, and an open
    // order would stay payable after it: settle or close every open order first.
    const before = await this.fees.latest(id);
    if (before?.status === 'issued') await this.payments.closeOpen(FEE_PURPOSE, before.id);
    return this.db.transaction(async (m) => {
      const request = await this.current(m, id, dto.version);
      refuse(request, actor, 'cancel_fee');
      const fee = await this.fees.latest(id, m);
      if (!fee || fee.status !== 'issued') throw new ApiError(409, 'DISCLOSURE_NOT_ALLOWED', NO_FEE_DUE);
      const now = this.clock.now();
      if (!(await this.fees.update(m, fee.id, ['issued'], { status: 'cancelled' }, now))) throw stale();
      await this.steps.apply(m, request, actor, 'cancel_fee', {
        set: { pauses: closeFeePause(request.pauses, shanghaiDate(now)) },
        events: [{ action: 'cancel_fee', text: dto.reason, applicantVisible: true }],
      });
      await this.audit.record(m, staff, meta, { action: 'disclosure.fee_cancelled', entityType: 'disclosure_request', entityId: id, before: { feeId: fee.id, status: 'issued' }, after: { status: 'cancelled', reason: dto.reason } });
      return toFeeView((await this.fees.find(fee.id, m))!, 'staff');
    });
  }

  /** The office head refunds part or all of a paid fee; the refund's notification completes it (onRefunded). */
  async refund(staff: StaffPrincipal, id: number, dto: RefundDisclosureFeeDto, meta: RequestMeta): Promise<DisclosureFeeView> {
    const request = await this.requests.find(id);
    if (!request) throw notFound();
    const fee = await this.fees.latest(id);
    if (!fee || (fee.status !== 'paid' && fee.status !== 'partially_refunded') || fee.paymentOrderId === null) {
      throw new ApiError(409, 'PAYMENT_NOT_ALLOWED', '只有已缴纳的信息处理费可以退还');
    }
    const left = fee.amountFen - fee.refundedFen;
    if (dto.amountFen > left) throw ApiError.field('amountFen', `退款金额不能超过可退金额 ${formatFen(left)}`);
    const refund = await this.payments.refund(fee.paymentOrderId, dto.amountFen, dto.reason, staff.id);
    await this.db.write((m) =>
      this.audit.record(m, staff, meta, { action: 'disclosure.fee_refund', entityType: 'disclosure_request', entityId: id, after: { feeId: fee.id, refundId: refund.id, amountFen: dto.amountFen, reason: dto.reason } }),
    );
    return toFeeView((await this.fees.find(fee.id))!, 'staff');
  }

  /** The applicant starts paying (WeChat Pay JSAPI, or the embedded demo's simulated payment). */
  async pay(parent: ParentPrincipal, id: number): Promise<PayStart> {
    const request = await this.requests.find(id);
    if (!request || request.parentId !== parent.id) throw notFound();
    const fee = await this.fees.latest(id);
    if (!fee || fee.status !== 'issued' || request.status !== 'fee_pending') throw new ApiError(409, 'PAYMENT_NOT_ALLOWED', NO_FEE_DUE);
    if (shanghaiDate(this.clock.now()) > fee.payDueDate) throw new ApiError(409, 'PAYMENT_NOT_ALLOWED', `缴费期限（${chineseDate(fee.payDueDate)}）已过`);
    const openid = parent.demo ? null : await this.fees.parentOpenid(parent.id);
    return this.payments.start({ purpose: FEE_PURPOSE, purposeId: fee.id, description: `信息处理费 ${request.trackingNo}`, amountFen: fee.amountFen, payBy: shanghaiEndOfDay(fee.payDueDate) }, openid);
  }

  /**
   * The payment is durable in this transaction: the fee is paid, its pause closes on the paid day
   * (Shanghai) and the request goes back to processing with its deadline recounted. A payment for
   * a notice no longer due (cancelled, lapsed, the request withdrawn: an order opened before) is
   * kept on record as paid for the office head to refund, and the request stays as it is.
   */
  private async onPaid(m: EntityManager, order: PaidOrder): Promise<void> {
    const fee = await this.fees.find(order.purposeId, m);
    if (!fee) {
      this.logger.warn(`payment order ${order.id} names fee ${order.purposeId}, which does not exist`);
      return;
    }
    if (fee.paymentOrderId === order.id && fee.paidAt) return; // already recorded (a repeated settlement)
    const now = this.clock.now();
    const paidAt = order.paidAt ?? now;
    const from = fee.status === 'issued' ? (['issued'] as const) : (['cancelled', 'lapsed'] as const);
    if (!(await this.fees.update(m, fee.id, [...from], { status: 'paid', paidAt, paymentOrderId: order.id }, now))) {
      if (fee.status === 'issued') throw stale(); // moved on meanwhile: roll back, the next attempt reads it again
      this.logger.warn(`fee ${fee.id} was paid again by order ${order.id}; left for a refund`);
      return;
    }
    const request = await this.requests.find(fee.requestId, m);
    if (!request) return;
    if (fee.status !== 'issued' || request.status !== 'fee_pending') {
      await this.requests.appendEvent(m, {
        requestId: request.id,
        action: 'note',
        label: '收费通知失效后收到缴费',
        text: `收到信息处理费 ${formatFen(order.amountFen)}，而收费通知已${fee.status === 'cancelled' ? '撤销' : fee.status === 'lapsed' ? '逾期' : '不再有效'}：请退还`,
        applicantVisible: false,
        actorId: null,
        actorName: null,
        noticeState: null,
        createdAt: now,
      });
      return;
    }
    await this.steps.apply(m, request, { kind: 'system' }, 'fee_paid', {
      set: { pauses: closeFeePause(request.pauses, shanghaiDate(paidAt)) },
      events: [{ action: 'fee_paid', text: `已缴纳信息处理费 ${formatFen(order.amountFen)}${order.simulated ? '（演示环境模拟支付）' : ''}`, applicantVisible: true }],
    });
  }

  /** A refund succeeded: the fee's refunded total and status follow, and the applicant is told. */
  private async onRefunded(m: EntityManager, order: PaidOrder, refund: Refund): Promise<void> {
    const fee = await this.fees.find(order.purposeId, m);
    if (!fee) return;
    const refundedFen = Math.min(fee.amountFen, fee.refundedFen + refund.amountFen);
    const now = this.clock.now();
    const status = refundedFen >= fee.amountFen ? 'refunded' : 'partially_refunded';
    if (!(await this.fees.update(m, fee.id, ['paid', 'partially_refunded'], { refundedFen, status }, now))) throw stale();
    const request = await this.requests.find(fee.requestId, m);
    if (!request) return;
    await this.requests.appendEvent(m, {
      requestId: request.id,
      action: 'refund',
      label: '退还信息处理费',
      text: `已退还 ${formatFen(refund.amountFen)}（${refund.reason}）`,
      applicantVisible: true,
      actorId: null,
      actorName: null,
      noticeState: request.parentId !== null ? 'pending' : null,
      createdAt: now,
    });
  }

  /**
   * The periodic task 'disclosure-fees': notices unpaid after their last day lapse and the request
   * closes as 其他处理 / 逾期未缴费. Each fee's open order is first settled by query, so a payment
   * made on the last day whose notification is late is not lost; when WeChat Pay cannot be asked,
   * the fee waits for the next round.
   */
  async lapseOverdue(): Promise<void> {
    const today = shanghaiDate(this.clock.now());
    for (const fee of await this.fees.overdue(today, BATCH)) {
      try {
        await this.settleOpenOrder(fee);
        await this.lapse(fee.id);
      } catch (error) {
        this.logger.warn(`fee ${fee.id} not lapsed this round: ${error instanceof Error ? error.name : 'error'}`);
      }
    }
  }

  private async lapse(feeId: number): Promise<void> {
    await this.db.transaction(async (m) => {
      const fee = await this.fees.find(feeId, m);
      if (!fee || fee.status !== 'issued') return; // paid (perhaps just now, by the query) or cancelled
      const request = await this.requests.find(fee.requestId, m);
      const now = this.clock.now();
      const due = request?.status === 'fee_pending';
      // A request withdrawn while its fee was due leaves the notice behind: it is void, not lapsed.
      if (!(await this.fees.update(m, fee.id, ['issued'], { status: due ? 'lapsed' : 'cancelled' }, now))) return;
      if (!request || !due) return;
      await this.steps.apply(m, request, { kind: 'system' }, 'fee_lapsed', {
        set: { outcome: 'other_unpaid', pauses: closeFeePause(request.pauses, fee.payDueDate) },
        events: [{ action: 'fee_lapsed', text: `未在 ${chineseDate(fee.payDueDate)}前缴纳信息处理费，视为放弃申请，本机关不再处理该申请`, applicantVisible: true }],
      });
    });
  }

  /** Asks WeChat Pay about the fee's open order, settling it (through onPaid) if it was paid. */
  private async settleOpenOrder(fee: DisclosureFee): Promise<void> {
    const order = await this.payments.latestFor(FEE_PURPOSE, fee.id);
    if (order && order.status === 'created' && !order.simulated) await this.payments.settleByQuery(order.outTradeNo);
  }

  /** The request as of the caller's `version` (404 when absent, 409 when someone moved it on). */
  private async current(m: EntityManager, id: number, version: number): Promise<DisclosureRequest> {
    const request = await this.requests.find(id, m);
    if (!request) throw notFound();
    if (request.version !== version) throw stale();
    return request;
  }
}

/** The state machine's refusal as an error, before any work (DisclosureSteps.apply checks again). */
function refuse(request: DisclosureRequest, actor: DisclosureActorRef, action: 'charge_fee' | 'cancel_fee'): void {
  const refused = disclosureRefusal(request.status, action, actorsOf(actor), contextOf(request, actor));
  if (refused) throw new ApiError(refused.code === 'DISCLOSURE_NOT_ALLOWED' ? 409 : 403, refused.code, refused.message);
}
