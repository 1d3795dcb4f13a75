import { Injectable } from '@nestjs/common';
import {
  DISCLOSURE_CHANNEL_LABELS,
  DISCLOSURE_MAX_EXTENSION_DAYS,
  DISCLOSURE_SUPPLEMENT_DEFAULT_WORKING_DAYS,
  RECEIPT_RULE_LABELS,
  addCalendarDays,
  consultationDeadline,
  disclosureRefusal,
  isCalendarDate,
  may,
  shanghaiDate,
  supplementDueDate,
  supplementNoticeDeadline,
  type DisclosureAction,
  type DisclosureAlerts,
  type DisclosureCreated,
  type DisclosurePause,
  type Page,
  type StaffDisclosureListItem,
  type StaffDisclosureView,
} from '@gongkai/shared';
import type { EntityManager } from 'typeorm';
import { CalendarService } from '../../calendar/calendar.service';
import { AuditService } from '../../common/audit/audit.service';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { Clock } from '../../common/clock/clock';
import { ApiError } from '../../common/errors/api-error';
import type { RequestMeta } from '../../common/http/request-meta';
import { decodeCursor, encodeCursor, isIdCursor } from '../../common/paging/cursor';
import { Db } from '../../database/db';
import { DataHasher } from '../../privacy/crypto/data-hasher';
import { PersonalDataAccessLog } from '../../privacy/personal-data-access-log';
import { DisclosureSteps, actorsOf, contextOf, notFound, stale, type DisclosureActorRef, type DisclosureStep } from '../disclosure-steps.service';
import type {
  ConsultationDto,
  ConsultationEndDto,
  DisclosureNoteDto,
  ExtensionDto,
  ExtensionRefusalDto,
  PaperSupplementDto,
  StaffDisclosureQueryDto,
  StaffEnterDisclosureRequestDto,
  SupplementNoticeDto,
} from '../dto/staff-disclosure.dto';
import type { DisclosureRequest } from '../entities/disclosure-request.entity';
import { DisclosureRequestsRepository } from '../requests/disclosure-requests.repository';
import { applicantColumns } from '../requests/applicant-columns';
import { newRequestRow, newTrackingNo, newVerificationCode } from '../requests/disclosure-tracking';
import { DisclosureHandlingRepository, isDueCursor } from './disclosure-handling.repository';
import { StaffDisclosureViews } from './staff-disclosure-views.service';

/** Why staff read an applicant's identity, as the access records say it. */
export const DISCLOSURE_ACCESS_PURPOSE = '办理依申请公开';
/** How far back a receipt date may be entered (a letter found in a drawer a year later is a case for the office, not the form). */
const RECEIPT_LOOK_BACK_DAYS = 366;

/** `2026年10月30日`, as letters and notices write a date. */
export function chineseDate(date: string): string {
  return `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

/**
 * The staff side of 依申请公开: requests that arrived on paper, by post or fax entered by staff;
 * the inbox; and the steps of handling (receipt, 补正, consultation, extension with the office
 * head's approval, notes). Every status change goes through DisclosureSteps.apply in one
 * transaction (state machine, conditional version update, timeline, recounted deadline); this
 * service adds the steps' own rules (the 7-working-day limit of 补正, dates not in the future,
 * the extension's 20-day cap), the audit log and the record of full reads of the identity.
 */
@Injectable()
export class DisclosureHandlingService {
  constructor(
    private readonly db: Db,
    private readonly repo: DisclosureRequestsRepository,
    private readonly handling: DisclosureHandlingRepository,
    private readonly steps: DisclosureSteps,
    private readonly views: StaffDisclosureViews,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
    private readonly accessLog: PersonalDataAccessLog,
    private readonly hasher: DataHasher,
    private readonly clock: Clock,
  ) {}

  private today(now = this.clock.now()): string {
    return shanghaiDate(now);
  }

  /**
   * A request that arrived in person, by post or by fax. The receipt date is the channel's
   * (art. 31): in person the day it is handed in, which is the day staff enter it at the counter
   * (so it must be today); by post the day it was signed for and by fax the day both sides
   * confirmed it, either of which may lie before the day it is entered, never after today. The
   * staff member who enters it accepts it: they are its handler.
   */
  async enter(staff: StaffPrincipal, dto: StaffEnterDisclosureRequestDto, meta: RequestMeta): Promise<DisclosureCreated> {
    const now = this.clock.now();
    const today = this.today(now);
    if (!isCalendarDate(dto.receivedDate)) throw ApiError.field('receivedDate', '收到日期不是有效的日期');
    if (dto.receivedDate > today) throw ApiError.field('receivedDate', '收到日期不能晚于今天');
    if (dto.channel === 'in_person' && dto.receivedDate !== today) throw ApiError.field('receivedDate', '当面提交的申请，以提交之日（今天）为收到申请之日');
    if (dto.receivedDate < addCalendarDays(today, -RECEIPT_LOOK_BACK_DAYS)) throw ApiError.field('receivedDate', '收到日期不能早于一年前');
    const applicant = applicantColumns(dto, this.hasher);
    const base = { status: 'processing' as const, receivedDate: dto.receivedDate, clockFrom: dto.receivedDate, extensionDays: 0, pauses: [] as DisclosurePause[], dueDate: null, dueAt: null, flagged: false, suppliedAt: null };
    const deadline = this.steps.deadlineFields(base, now);
    const { code, hash } = newVerificationCode(this.hasher);
    // The day's sequence row is made outside the transaction (see DisclosureRequestsRepository.nextSequence).
    await this.repo.ensureSequence(`disclosure/YS/${today.replace(/-/g, '')}`);
    const created = await this.db.transaction(async (m) => {
      const trackingNo = await newTrackingNo(this.repo, m, now);
      const id = await this.repo.insert(m, {
        ...newRequestRow(now),
        ...applicant,
        ...base,
        ...deadline,
        trackingNo,
        verificationHash: hash,
        parentId: null,
        channel: dto.channel,
        enteredById: staff.id,
        handlerId: staff.id,
        description: dto.description,
        purpose: dto.purpose || null,
        provisionForm: dto.provisionForm,
        delivery: dto.delivery,
      });
      const text = `${DISCLOSURE_CHANNEL_LABELS[dto.channel]}，${RECEIPT_RULE_LABELS[dto.channel]}：${chineseDate(dto.receivedDate)}`;
      await this.repo.appendEvent(m, { requestId: id, action: 'entered', label: '登记申请', text, applicantVisible: true, actorId: staff.id, actorName: await this.repo.staffName(staff.id, m), noticeState: null, createdAt: now });
      await this.audit.record(m, staff, meta, { action: 'disclosure.enter', entityType: 'disclosure_request', entityId: id, after: { trackingNo, channel: dto.channel, receivedDate: dto.receivedDate, dueDate: deadline.dueDate } });
      return { id, trackingNo };
    });
    return { ...created, verificationCode: code };
  }

  async list(staff: StaffPrincipal, query: StaffDisclosureQueryDto): Promise<Page<StaffDisclosureListItem>> {
    await this.db.settled();
    const scope = query.scope ?? 'open';
    if (scope === 'approval' && !may(staff.roles, 'disclosure.approve')) throw ApiError.forbidden('只有信息公开办公室负责人可以查看待审批的事项');
    if (scope === 'open' || scope === 'approval') {
      const after = query.cursor ? decodeCursor(query.cursor, isDueCursor) : null;
      const rows = await this.handling.byTimeLeft(scope === 'approval' ? { approvalFor: staff.id } : {}, after, query.limit + 1);
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      return { items: await this.views.listItems(page), nextCursor: rows.length > query.limit && last ? encodeCursor(last.dueAt ? [0, last.dueAt.getTime(), last.id] : [1, 0, last.id]) : null };
    }
    const after = query.cursor ? decodeCursor(query.cursor, isIdCursor)[0] : null;
    const rows = await this.handling.byNewest(scope, after, query.limit + 1);
    const page = rows.slice(0, query.limit);
    return { items: await this.views.listItems(page), nextCursor: rows.length > query.limit ? encodeCursor([page[page.length - 1]!.id]) : null };
  }

  async alerts(staff: StaffPrincipal): Promise<DisclosureAlerts> {
    await this.db.settled();
    const now = this.clock.now();
    const soon = new Date(this.calendar.current().deadline(this.today(now), 3).dueAt.getTime() + 1);
    return this.handling.counts(now, soon, may(staff.roles, 'disclosure.approve') ? staff.id : null);
  }

  /** The detail; a read that shows the identity in full (the handler's) is recorded as an access to personal data. */
  async view(staff: StaffPrincipal, id: number, meta: RequestMeta): Promise<StaffDisclosureView> {
    const { view, request } = await this.views.read(staff, id);
    if (view.identityVisible) {
      const fields = (['applicantName', 'idNumber', 'creditCode', 'legalRepresentative', 'contactName', 'phone', 'email', 'address'] as const).filter((f) => request[f] !== null);
      await this.accessLog.record(null, staff, meta, { action: 'view', entityType: 'disclosure_request', entityId: id, parentId: request.parentId, fields: [...fields], purpose: DISCLOSURE_ACCESS_PURPOSE });
    }
    return view;
  }

  /** 确认收到: an online request's receipt date is the day the handler confirms it (art. 31); they become its handler. */
  confirmReceipt(staff: StaffPrincipal, id: number, version: number, meta: RequestMeta): Promise<StaffDisclosureView> {
    return this.act(staff, id, version, 'confirm_receipt', meta, async (r, _m, today, now) => {
      if (r.channel !== 'online') throw new ApiError(409, 'DISCLOSURE_NOT_ALLOWED', '只有网上提交的申请需要确认收到');
      const due = this.steps.deadlineFields({ ...r, status: 'processing', receivedDate: today, clockFrom: today }, now).dueDate;
      return {
        set: { receivedDate: today, clockFrom: today, handlerId: staff.id },
        events: [{ action: 'confirm_receipt', text: `${RECEIPT_RULE_LABELS.online}：${chineseDate(today)}${due ? `；答复期限至 ${chineseDate(due)}` : ''}`, applicantVisible: true }],
      };
    });
  }

  /**
   * 补正 (art. 30): once, within 7 working days of the receipt date; the clock stops until the
   * supplement arrives. The applicant is given `workingDays` (default 15) from the notice's day.
   */
  supplementRequest(staff: StaffPrincipal, id: number, dto: SupplementNoticeDto, meta: RequestMeta): Promise<StaffDisclosureView> {
    return this.act(staff, id, dto.version, 'request_supplement', meta, async (r, _m, today, now) => {
      const limit = supplementNoticeDeadline(this.calendar.current(), r.receivedDate!).dueDate;
      if (today > limit) throw new ApiError(409, 'DISCLOSURE_NOT_ALLOWED', `补正须在收到申请之日起 7 个工作日内（${chineseDate(limit)}前）一次性告知，已超过期限`);
      const due = supplementDueDate(this.calendar.current(), today, dto.workingDays ?? DISCLOSURE_SUPPLEMENT_DEFAULT_WORKING_DAYS).dueDate;
      return {
        set: { supplementRequestText: dto.text, supplementRequestedAt: now, supplementDueDate: due },
        events: [{ action: 'request_supplement', text: `${dto.text}\n请于 ${chineseDate(due)} 前补正；无正当理由逾期不补正的，视为放弃申请。`, applicantVisible: true }],
      };
    });
  }

  /** A supplement that arrived on paper: the 20 working days count again from the day it arrived. */
  supplement(staff: StaffPrincipal, id: number, dto: PaperSupplementDto, meta: RequestMeta): Promise<StaffDisclosureView> {
    return this.act(staff, id, dto.version, 'supply', meta, async (r, _m, today, now) => {
      const date = checkedDate('receivedDate', dto.receivedDate, today, r.supplementRequestedAt ? shanghaiDate(r.supplementRequestedAt) : r.clockFrom!, '收到补正材料的日期', '告知补正之日');
      const due = this.steps.deadlineFields({ ...r, status: 'processing', clockFrom: date }, now).dueDate;
      return {
        set: { suppliedAt: now, suppliedText: dto.text, clockFrom: date, lastWarning: null },
        events: [{ action: 'supply', label: `收到补正材料（${chineseDate(date)}）`, text: `${dto.text}\n答复期限自收到补正材料之日起重新计算${due ? `，至 ${chineseDate(due)}` : ''}`, applicantVisible: true }],
      };
    });
  }

  /** Consulting a third party (art. 32): the time it takes does not count; the third party has 15 working days. */
  consultation(staff: StaffPrincipal, id: number, dto: ConsultationDto, meta: RequestMeta): Promise<StaffDisclosureView> {
    return this.act(staff, id, dto.version, 'start_consultation', meta, async (r, _m, today) => {
      const lastEnd = r.pauses.reduce<string>((max, p) => (p.to && p.to > max ? p.to : max), r.clockFrom!);
      const sent = checkedDate('sentDate', dto.sentDate ?? today, today, lastEnd, '发出征求意见函的日期', lastEnd === r.clockFrom ? '答复期限的起算日' : '上一次暂停的结束日');
      const third = consultationDeadline(this.calendar.current(), sent).dueDate;
      return {
        set: { pauses: [...r.pauses, { kind: 'consultation', from: sent, to: null }] },
        events: [
          { action: 'start_consultation', text: '征求第三方意见所需时间不计算在答复期限内', applicantVisible: true },
          { action: 'start_consultation', label: '征求第三方意见（发函）', text: `${dto.text}\n征求意见函发出：${chineseDate(sent)}；第三方应于 ${chineseDate(third)} 前提出意见（收到之日起 15 个工作日）`, applicantVisible: false },
        ],
      };
    });
  }

  consultationEnd(staff: StaffPrincipal, id: number, dto: ConsultationEndDto, meta: RequestMeta): Promise<StaffDisclosureView> {
    return this.act(staff, id, dto.version, 'end_consultation', meta, async (r, _m, today, now) => {
      const open = r.pauses.find((p) => p.kind === 'consultation' && p.to === null);
      if (!open) throw new ApiError(409, 'DISCLOSURE_NOT_ALLOWED', '没有正在进行的第三方意见征求');
      const end = checkedDate('endDate', dto.endDate ?? today, today, open.from, '征求意见结束的日期', '发出征求意见函之日');
      const pauses = r.pauses.map((p) => (p === open ? { ...p, to: end } : p));
      const due = this.steps.deadlineFields({ ...r, status: 'processing', pauses }, now).dueDate;
      return {
        set: { pauses },
        events: [
          { action: 'end_consultation', text: `答复期限继续计算${due ? `，至 ${chineseDate(due)}` : ''}`, applicantVisible: true },
          { action: 'end_consultation', label: '第三方意见', text: `${dto.text}\n征求意见结束：${chineseDate(end)}`, applicantVisible: false },
        ],
      };
    });
  }

  /** Asks the office head for more time (art. 33: up to 20 working days in all). */
  extension(staff: StaffPrincipal, id: number, dto: ExtensionDto, meta: RequestMeta): Promise<StaffDisclosureView> {
    return this.act(staff, id, dto.version, 'request_extension', meta, async (r, _m, _today, now) => {
      const left = DISCLOSURE_MAX_EXTENSION_DAYS - r.extensionDays;
      if (dto.days > left) throw ApiError.field('days', `延期累计不超过 ${DISCLOSURE_MAX_EXTENSION_DAYS} 个工作日，最多还能延期 ${left} 个工作日`);
      return {
        set: { extensionPendingDays: dto.days, extensionReason: dto.reason, extensionRequestedById: staff.id, extensionRequestedAt: now },
        events: [{ action: 'request_extension', label: `申请延期答复 ${dto.days} 个工作日`, text: dto.reason, applicantVisible: false }],
      };
    });
  }

  /** The office head approves (never the one who asked): the applicant is told the new due day. */
  approveExtension(staff: StaffPrincipal, id: number, version: number, meta: RequestMeta): Promise<StaffDisclosureView> {
    return this.act(staff, id, version, 'approve_extension', meta, async (r, _m, _today, now) => {
      const days = r.extensionPendingDays!;
      const due = this.steps.deadlineFields({ ...r, extensionDays: r.extensionDays + days }, now).dueDate;
      return {
        set: { extensionDays: r.extensionDays + days, extensionPendingDays: null, extensionApprovedById: staff.id, extensionApprovedAt: now, lastWarning: null },
        events: [{ action: 'approve_extension', label: '延期答复', text: `延期答复 ${days} 个工作日${due ? `，至 ${chineseDate(due)}` : ''}。延期理由：${r.extensionReason ?? ''}`, applicantVisible: true }],
      };
    });
  }

  refuseExtension(staff: StaffPrincipal, id: number, dto: ExtensionRefusalDto, meta: RequestMeta): Promise<StaffDisclosureView> {
    return this.act(staff, id, dto.version, 'refuse_extension', meta, async () => ({
      set: { extensionPendingDays: null, extensionRequestedAt: null },
      events: [{ action: 'refuse_extension', text: dto.reason, applicantVisible: false }],
    }));
  }

  /** An internal note: no status change, never shown to the applicant. */
  async note(staff: StaffPrincipal, id: number, dto: DisclosureNoteDto, meta: RequestMeta): Promise<StaffDisclosureView> {
    await this.db.transaction(async (m) => {
      const r = await this.repo.find(id, m);
      if (!r) throw notFound();
      await this.repo.appendEvent(m, { requestId: id, action: 'note', label: '内部备注', text: dto.text, applicantVisible: false, actorId: staff.id, actorName: await this.repo.staffName(staff.id, m), noticeState: null, createdAt: this.clock.now() });
      await this.audit.record(m, staff, meta, { action: 'disclosure.note', entityType: 'disclosure_request', entityId: id });
    });
    return this.view(staff, id, meta);
  }

  /**
   * One step in one transaction: the request exists, the version matches, the state machine
   * allows it for the reader (checked before the step's own rules, so a wrong state answers with
   * the machine's message); then DisclosureSteps.apply and an audit row. The view is read after
   * the commit (the fee and letter views read outside the transaction).
   */
  private async act(
    staff: StaffPrincipal,
    id: number,
    version: number,
    action: DisclosureAction,
    meta: RequestMeta,
    plan: (r: DisclosureRequest, m: EntityManager, today: string, now: Date) => Promise<DisclosureStep>,
  ): Promise<StaffDisclosureView> {
    const actor: DisclosureActorRef = { kind: 'staff', staff };
    await this.db.transaction(async (m) => {
      const r = await this.repo.find(id, m);
      if (!r) throw notFound();
      if (r.version !== version) throw stale();
      const refused = disclosureRefusal(r.status, action, actorsOf(actor), contextOf(r, actor));
      if (refused) throw new ApiError(refused.code === 'DISCLOSURE_NOT_ALLOWED' ? 409 : 403, refused.code, refused.message);
      const now = this.clock.now();
      const step = await plan(r, m, this.today(now), now);
      const next = await this.steps.apply(m, r, actor, action, step);
      await this.audit.record(m, staff, meta, { action: `disclosure.${action}`, entityType: 'disclosure_request', entityId: id, before: auditShape(r), after: auditShape(next) });
    });
    return this.view(staff, id, meta);
  }
}

function auditShape(r: DisclosureRequest): object {
  return { status: r.status, version: r.version, handlerId: r.handlerId, clockFrom: r.clockFrom, extensionDays: r.extensionDays, dueDate: r.dueDate };
}

/** A date of a step: real, not after today, not before `earliest`. */
function checkedDate(field: string, date: string, today: string, earliest: string, what: string, earliestWhat: string): string {
  if (!isCalendarDate(date)) throw ApiError.field(field, `${what}不是有效的日期`);
  if (date > today) throw ApiError.field(field, `${what}不能晚于今天`);
  if (date < earliest) throw ApiError.field(field, `${what}不能早于${earliestWhat}（${chineseDate(earliest)}）`);
  return date;
}

