import { Injectable } from '@nestjs/common';
import { CHALLENGE_KIND_LABELS, CHALLENGE_RESULT_LABELS, shanghaiDate, type DisclosureChallengeInput, type DisclosureChallengeView, type Page } from '@gongkai/shared';
import { NoticesService } from '../../catalog/notices.service';
import { AuditService } from '../../common/audit/audit.service';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { Clock } from '../../common/clock/clock';
import { ApiError } from '../../common/errors/api-error';
import type { RequestMeta } from '../../common/http/request-meta';
import { decodeCursor, encodeCursor, isIdCursor } from '../../common/paging/cursor';
import { Db } from '../../database/db';
import type { DisclosureChallenge } from '../entities/disclosure-challenge.entity';
import { DisclosureRequestsRepository } from '../requests/disclosure-requests.repository';
import { DisclosureChallengesRepository } from './challenges.repository';

export const CHALLENGE_NOT_FOUND = () => ApiError.notFound('未找到该复议或诉讼记录');
const STALE = () => new ApiError(409, 'CONFLICT', '该记录已被他人修改，请刷新后再试');

/** A real calendar day (the pattern lets 2026-02-30 through). */
function isCalendarDate(date: string): boolean {
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
}

/** The columns a challenge's input sets. */
type ChallengeFields = Pick<DisclosureChallenge, 'kind' | 'requestId' | 'noticeId' | 'caseNo' | 'body' | 'filedDate' | 'decidedDate' | 'result' | 'note'>;

/**
 * Administrative reconsiderations and lawsuits about the bureau's disclosure work, for table 四
 * of the yearly report: each about one request or one proactively published notice.
 */
@Injectable()
export class DisclosureChallengesService {
  constructor(
    private readonly db: Db,
    private readonly repo: DisclosureChallengesRepository,
    private readonly requests: DisclosureRequestsRepository,
    private readonly notices: NoticesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(query: { year?: number; cursor?: string; limit: number }): Promise<Page<DisclosureChallengeView>> {
    await this.db.settled();
    const beforeId = query.cursor ? decodeCursor(query.cursor, isIdCursor)[0] : null;
    const rows = await this.repo.page({ year: query.year ?? null, beforeId, limit: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    return { items: await this.views(page), nextCursor: rows.length > query.limit ? encodeCursor([page[page.length - 1]!.id]) : null };
  }

  async create(staff: StaffPrincipal, input: DisclosureChallengeInput, meta: RequestMeta): Promise<DisclosureChallengeView> {
    const fields = await this.checked(input);
    const now = this.clock.now();
    const id = await this.db.transaction(async (m) => {
      const id = await this.repo.insert(m, { ...fields, createdById: staff.id, updatedById: null, version: 1, createdAt: now, updatedAt: now });
      await this.audit.record(m, staff, meta, { action: 'disclosure.challenge_create', entityType: 'disclosure_challenge', entityId: id, after: auditShape(fields) });
      return id;
    });
    return this.view(id);
  }

  async update(staff: StaffPrincipal, id: number, input: DisclosureChallengeInput & { version: number }, meta: RequestMeta): Promise<DisclosureChallengeView> {
    await this.db.settled();
    const before = await this.repo.find(id);
    if (!before) throw CHALLENGE_NOT_FOUND();
    const fields = await this.checked(input);
    await this.db.transaction(async (m) => {
      if (!(await this.repo.update(m, id, input.version, { ...fields, updatedById: staff.id, updatedAt: this.clock.now() }))) throw STALE();
      await this.audit.record(m, staff, meta, { action: 'disclosure.challenge_update', entityType: 'disclosure_challenge', entityId: id, before: auditShape(fieldsOf(before)), after: auditShape(fields) });
    });
    return this.view(id);
  }

  /** The input's rules beyond single fields: one subject that exists, real dates in order, a decision date exactly when decided. */
  private async checked(input: DisclosureChallengeInput): Promise<ChallengeFields> {
    const requestId = input.requestId ?? null;
    const noticeId = input.noticeId ?? null;
    if ((requestId === null) === (noticeId === null)) throw ApiError.field('requestId', '须关联一个依申请公开申请或一条主动公开的信息（二者选一）');
    if (requestId !== null && !(await this.requests.find(requestId))) throw ApiError.field('requestId', '未找到该依申请公开申请');
    if (noticeId !== null && !(await this.notices.indexNumbers([noticeId])).has(noticeId)) throw ApiError.field('noticeId', '未找到该主动公开的信息（须为已发布过的信息）');
    if (!isCalendarDate(input.filedDate)) throw ApiError.field('filedDate', '立案日期不是有效的日期');
    const today = shanghaiDate(this.clock.now());
    if (input.filedDate > today) throw ApiError.field('filedDate', '立案日期不能晚于今天');
    const decidedDate = input.decidedDate ?? null;
    if (input.result === 'pending') {
      if (decidedDate !== null) throw ApiError.field('decidedDate', '尚未审结的案件不填写结案日期');
    } else {
      if (decidedDate === null) throw ApiError.field('decidedDate', '已审结的案件须填写结案日期');
      if (!isCalendarDate(decidedDate)) throw ApiError.field('decidedDate', '结案日期不是有效的日期');
      if (decidedDate < input.filedDate) throw ApiError.field('decidedDate', '结案日期不能早于立案日期');
      if (decidedDate > today) throw ApiError.field('decidedDate', '结案日期不能晚于今天');
    }
    return { kind: input.kind, requestId, noticeId, caseNo: input.caseNo, body: input.body, filedDate: input.filedDate, decidedDate, result: input.result, note: input.note?.trim() || null };
  }

  private async view(id: number): Promise<DisclosureChallengeView> {
    const row = await this.repo.find(id);
    if (!row) throw CHALLENGE_NOT_FOUND();
    return (await this.views([row]))[0]!;
  }

  private async views(rows: DisclosureChallenge[]): Promise<DisclosureChallengeView[]> {
    const requestIds = rows.map((r) => r.requestId).filter((id): id is number => id !== null);
    const noticeIds = rows.map((r) => r.noticeId).filter((id): id is number => id !== null);
    const [trackingNos, indexNos] = await Promise.all([this.repo.trackingNumbers(requestIds), this.notices.indexNumbers(noticeIds)]);
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      kindLabel: CHALLENGE_KIND_LABELS[r.kind],
      requestId: r.requestId,
      requestTrackingNo: r.requestId !== null ? (trackingNos.get(r.requestId) ?? null) : null,
      noticeId: r.noticeId,
      noticeIndexNo: r.noticeId !== null ? (indexNos.get(r.noticeId) ?? null) : null,
      caseNo: r.caseNo,
      body: r.body,
      filedDate: r.filedDate,
      decidedDate: r.decidedDate,
      result: r.result,
      resultLabel: CHALLENGE_RESULT_LABELS[r.result],
      note: r.note,
      version: r.version,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    }));
  }
}

function fieldsOf(r: DisclosureChallenge): ChallengeFields {
  return { kind: r.kind, requestId: r.requestId, noticeId: r.noticeId, caseNo: r.caseNo, body: r.body, filedDate: r.filedDate, decidedDate: r.decidedDate, result: r.result, note: r.note };
}

/** The audit row names what changed, not the free text (a note or a court's reference may name people). */
function auditShape(f: ChallengeFields): Omit<ChallengeFields, 'note'> & { note: boolean } {
  const { note, ...rest } = f;
  return { ...rest, note: Boolean(note) };
}
