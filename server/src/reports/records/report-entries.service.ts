import { Injectable } from '@nestjs/common';
import type { BriefingView, HotTopicView, ProposalView, RecordLinkView, RecordStamp, ReportRecordList } from '@gongkai/shared';
import type { EntityManager } from 'typeorm';
import { StaffNoticesService } from '../../catalog/staff-notices.service';
import { AuditService } from '../../common/audit/audit.service';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { Clock } from '../../common/clock/clock';
import { ApiError } from '../../common/errors/api-error';
import type { RequestMeta } from '../../common/http/request-meta';
import { Db, isDuplicateKey } from '../../database/db';
import type { BriefingDto, HotTopicDto, ProposalDto } from './dto/report-records.dto';
import { ReportRecordsRepository, type RecordKind, type RecordRows } from './report-records.repository';
import { reportYear } from '../report-year';
import { recordDate } from './record-date';

const STALE = () => new ApiError(409, 'CONFLICT', '该记录已被他人修改，请刷新后再试');
const NOT_FOUND: Record<RecordKind, string> = { hot_topic: '未找到该热点回应记录', briefing: '未找到该发布会记录', proposal: '未找到该建议提案记录' };
export const recordNotFound = (kind: RecordKind) => ApiError.notFound(NOT_FOUND[kind]);
const DUPLICATE = () => new ApiError(409, 'PROPOSAL_DUPLICATE', '同一年份、同一类型下已有该编号的建议或提案', [{ field: 'number', message: '同一年份、同一类型下已有该编号的建议或提案' }]);

/** The columns a record's input sets (the stamps are the service's). */
type Stamps = 'id' | 'createdById' | 'updatedById' | 'version' | 'createdAt' | 'updatedAt';
type Fields<K extends RecordKind> = Omit<RecordRows[K], Stamps>;

/**
 * Hot-topic responses, press conferences and briefings, NPC suggestions and CPPCC proposals:
 * entered one by one by the report's editors, each change written to the audit log. A record's
 * year is its date's year (a proposal's is given).
 */
@Injectable()
export class ReportEntriesService {
  constructor(
    private readonly db: Db,
    private readonly repo: ReportRecordsRepository,
    private readonly notices: StaffNoticesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  // ---- Hot topics ---------------------------------------------------------------------------

  async hotTopics(staff: StaffPrincipal, yearValue: unknown): Promise<ReportRecordList<HotTopicView>> {
    const year = reportYear(yearValue, this.clock.now());
    await this.db.settled();
    const rows = await this.repo.list('hot_topic', year);
    return { year, items: await this.hotTopicViews(staff, rows) };
  }

  async createHotTopic(staff: StaffPrincipal, dto: HotTopicDto, meta: RequestMeta): Promise<HotTopicView> {
    const fields = await this.hotTopicFields(staff, dto);
    const id = await this.create(staff, 'hot_topic', fields, meta);
    return (await this.hotTopicViews(staff, [await this.found('hot_topic', id)]))[0]!;
  }

  async updateHotTopic(staff: StaffPrincipal, id: number, dto: HotTopicDto & { version: number }, meta: RequestMeta): Promise<HotTopicView> {
    await this.found('hot_topic', id);
    await this.update(staff, 'hot_topic', id, dto.version, await this.hotTopicFields(staff, dto), meta);
    return (await this.hotTopicViews(staff, [await this.found('hot_topic', id)]))[0]!;
  }

  private async hotTopicFields(staff: StaffPrincipal, dto: HotTopicDto): Promise<Fields<'hot_topic'>> {
    const year = recordDate(dto.date, this.clock.now(), 'date', '日期');
    return { year, date: dto.date, subject: dto.subject, channel: dto.channel, ...(await this.link(staff, dto)) };
  }

  private async hotTopicViews(staff: StaffPrincipal, rows: RecordRows['hot_topic'][]): Promise<HotTopicView[]> {
    const [stamps, links] = await Promise.all([this.stamps(rows), this.links(staff, rows)]);
    return rows.map((r) => ({ id: r.id, date: r.date, subject: r.subject, channel: r.channel, link: links(r), ...stamps(r) }));
  }

  // ---- Briefings ----------------------------------------------------------------------------

  async briefings(staff: StaffPrincipal, yearValue: unknown): Promise<ReportRecordList<BriefingView>> {
    const year = reportYear(yearValue, this.clock.now());
    await this.db.settled();
    const rows = await this.repo.list('briefing', year);
    return { year, items: await this.briefingViews(staff, rows) };
  }

  async createBriefing(staff: StaffPrincipal, dto: BriefingDto, meta: RequestMeta): Promise<BriefingView> {
    const fields = await this.briefingFields(staff, dto);
    const id = await this.create(staff, 'briefing', fields, meta);
    return (await this.briefingViews(staff, [await this.found('briefing', id)]))[0]!;
  }

  async updateBriefing(staff: StaffPrincipal, id: number, dto: BriefingDto & { version: number }, meta: RequestMeta): Promise<BriefingView> {
    await this.found('briefing', id);
    await this.update(staff, 'briefing', id, dto.version, await this.briefingFields(staff, dto), meta);
    return (await this.briefingViews(staff, [await this.found('briefing', id)]))[0]!;
  }

  private async briefingFields(staff: StaffPrincipal, dto: BriefingDto): Promise<Fields<'briefing'>> {
    const year = recordDate(dto.date, this.clock.now(), 'date', '日期');
    return { year, date: dto.date, kind: dto.kind, subject: dto.subject, speakers: dto.speakers, ...(await this.link(staff, dto)) };
  }

  private async briefingViews(staff: StaffPrincipal, rows: RecordRows['briefing'][]): Promise<BriefingView[]> {
    const [stamps, links] = await Promise.all([this.stamps(rows), this.links(staff, rows)]);
    return rows.map((r) => ({ id: r.id, date: r.date, kind: r.kind, subject: r.subject, speakers: r.speakers, link: links(r), ...stamps(r) }));
  }

  // ---- Proposals ----------------------------------------------------------------------------

  async proposals(yearValue: unknown): Promise<ReportRecordList<ProposalView>> {
    const year = reportYear(yearValue, this.clock.now());
    await this.db.settled();
    const rows = await this.repo.list('proposal', year);
    return { year, items: await this.proposalViews(rows) };
  }

  async createProposal(staff: StaffPrincipal, dto: ProposalDto, meta: RequestMeta): Promise<ProposalView> {
    const id = await this.create(staff, 'proposal', this.proposalFields(dto), meta);
    return (await this.proposalViews([await this.found('proposal', id)]))[0]!;
  }

  async updateProposal(staff: StaffPrincipal, id: number, dto: ProposalDto & { version: number }, meta: RequestMeta): Promise<ProposalView> {
    await this.found('proposal', id);
    await this.update(staff, 'proposal', id, dto.version, this.proposalFields(dto), meta);
    return (await this.proposalViews([await this.found('proposal', id)]))[0]!;
  }

  /** The year in range; a reply date real, not in the future nor before the year; a verdict only once replied. */
  private proposalFields(dto: ProposalDto): Fields<'proposal'> {
    const now = this.clock.now();
    const year = reportYear(dto.year, now);
    const replyDate = dto.replyDate ?? null;
    const satisfaction = dto.satisfaction ?? null;
    if (replyDate !== null) {
      recordDate(replyDate, now, 'replyDate', '答复日期');
      if (replyDate < `${year}-01-01`) throw ApiError.field('replyDate', `答复日期不能早于 ${year} 年`);
    }
    if (satisfaction !== null && replyDate === null) throw ApiError.field('satisfaction', '尚未答复的建议提案不能填写满意度，请先填写答复日期');
    return { year, kind: dto.kind, number: dto.number, title: dto.title, role: dto.role, partners: dto.partners?.trim() || null, replyDate, satisfaction };
  }

  private async proposalViews(rows: RecordRows['proposal'][]): Promise<ProposalView[]> {
    const stamps = await this.stamps(rows);
    return rows.map((r) => ({ id: r.id, year: r.year, kind: r.kind, number: r.number, title: r.title, role: r.role, partners: r.partners, replyDate: r.replyDate, satisfaction: r.satisfaction, ...stamps(r) }));
  }

  // ---- Any kind -----------------------------------------------------------------------------

  async remove(staff: StaffPrincipal, kind: RecordKind, id: number, meta: RequestMeta): Promise<void> {
    await this.db.transaction(async (m) => {
      const before = await this.repo.find(kind, id, m);
      if (!before || !(await this.repo.delete(m, kind, id))) throw recordNotFound(kind);
      await this.audit.record(m, staff, meta, { action: `report.${kind}_delete`, entityType: `report_${kind}`, entityId: id, before: auditShape(kind, fieldsOf(before)) });
    });
  }

  private async create<K extends RecordKind>(staff: StaffPrincipal, kind: K, fields: Fields<K>, meta: RequestMeta): Promise<number> {
    const now = this.clock.now();
    return this.db.transaction(async (m) => {
      await this.unique(m, kind, fields, null);
      const row = { ...fields, createdById: staff.id, updatedById: staff.id, version: 1, createdAt: now, updatedAt: now } as Omit<RecordRows[K], 'id'>;
      const id = await this.repo.insert(m, kind, row).catch((error: unknown) => {
        throw isDuplicateKey(error) ? DUPLICATE() : error;
      });
      await this.audit.record(m, staff, meta, { action: `report.${kind}_create`, entityType: `report_${kind}`, entityId: id, after: auditShape(kind, fields) });
      return id;
    });
  }

  private async update<K extends RecordKind>(staff: StaffPrincipal, kind: K, id: number, version: number, fields: Fields<K>, meta: RequestMeta): Promise<void> {
    await this.db.transaction(async (m) => {
      const before = await this.repo.find(kind, id, m);
      if (!before) throw recordNotFound(kind);
      await this.unique(m, kind, fields, id);
      const set = { ...fields, updatedById: staff.id, updatedAt: this.clock.now() } as Partial<RecordRows[K]>;
      const written = await this.repo.updateIf(m, kind, id, version, set).catch((error: unknown) => {
        throw isDuplicateKey(error) ? DUPLICATE() : error;
      });
      if (!written) throw STALE();
      await this.audit.record(m, staff, meta, { action: `report.${kind}_update`, entityType: `report_${kind}`, entityId: id, before: auditShape(kind, fieldsOf(before)), after: auditShape(kind, fields) });
    });
  }

  /** A proposal's (year, kind, number) held by another: 409 before the write (the unique index still decides a race). */
  private async unique<K extends RecordKind>(m: EntityManager, kind: K, fields: Fields<K>, id: number | null): Promise<void> {
    if (kind !== 'proposal') return;
    const { year, kind: proposalKind, number } = fields as Fields<'proposal'>;
    if (await this.repo.proposalNumberTaken(m, { year, kind: proposalKind, number }, id)) throw DUPLICATE();
  }

  private async found<K extends RecordKind>(kind: K, id: number): Promise<RecordRows[K]> {
    await this.db.settled();
    const row = await this.repo.find(kind, id);
    if (!row) throw recordNotFound(kind);
    return row;
  }

  /** The link of an input: a notice (by id) the public or the reader can read, or a page; at most one. */
  private async link(staff: StaffPrincipal, dto: { noticeId?: number | null; url?: string | null }): Promise<{ noticeId: number | null; url: string | null }> {
    const noticeId = dto.noticeId ?? null;
    const url = dto.url || null;
    if (noticeId !== null && url !== null) throw ApiError.field('url', '关联信息和链接只能填写其中一项');
    if (noticeId !== null && !(await this.readable(staff, noticeId))) throw ApiError.field('noticeId', '未找到该信息，或您无权查看该信息');
    return { noticeId, url };
  }

  /**
   * A notice a record may point to: any the public can read (the bureau's responses are mostly
   * other units' published notices), or one `staff` may see as staff; null otherwise.
   */
  private async readable(staff: StaffPrincipal, id: number): Promise<{ title: string } | null> {
    const record = await this.notices.record(id);
    if (!record) return null;
    if (record.status === 'published' && record.disclosure === 'proactive') return record;
    return this.notices.visible(staff, id).catch((error: unknown) => {
      if (error instanceof ApiError && error.code === 'NOT_FOUND') return null;
      throw error;
    });
  }

  /** Each row's link as `staff` sees it: the notice's title only when it exists and they may read it. */
  private async links(staff: StaffPrincipal, rows: { noticeId: number | null; url: string | null }[]): Promise<(r: { noticeId: number | null; url: string | null }) => RecordLinkView> {
    const ids = [...new Set(rows.map((r) => r.noticeId).filter((id): id is number => id !== null))];
    const titles = new Map<number, string>();
    // A year holds a few hundred records at most, linking to fewer notices: one read each.
    for (const id of ids) {
      const notice = await this.readable(staff, id);
      if (notice) titles.set(id, notice.title);
    }
    return (r) => ({ noticeId: r.noticeId, noticeTitle: r.noticeId !== null ? (titles.get(r.noticeId) ?? null) : null, url: r.url });
  }

  private async stamps(rows: { createdById: number; updatedById: number; createdAt: Date; updatedAt: Date; version: number }[]): Promise<(r: (typeof rows)[number]) => RecordStamp> {
    const names = await this.repo.staffNames(rows.flatMap((r) => [r.createdById, r.updatedById]));
    return (r) => ({
      createdBy: names.get(r.createdById) ?? '（已删除的账号）',
      createdAt: r.createdAt.toISOString(),
      updatedBy: names.get(r.updatedById) ?? '（已删除的账号）',
      updatedAt: r.updatedAt.toISOString(),
      version: r.version,
    });
  }
}

function fieldsOf<K extends RecordKind>(row: RecordRows[K]): Fields<K> {
  const { id: _id, createdById: _c, updatedById: _u, version: _v, createdAt: _ca, updatedAt: _ua, ...fields } = row;
  return fields as Fields<K>;
}

/** What the audit row keeps: the record's fields, without the speakers' names (people). */
function auditShape(kind: RecordKind, fields: object): object {
  if (kind !== 'briefing') return fields;
  const { speakers: _speakers, ...rest } = fields as Fields<'briefing'>;
  return rest;
}
