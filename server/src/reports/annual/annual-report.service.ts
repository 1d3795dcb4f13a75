import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  NARRATIVE_PARTS,
  checkAnnualReport,
  defaultReportYear,
  may,
  shanghaiDate,
  shanghaiYear,
  type AnnualReportData,
  type AnnualReportState,
  type AnnualReportView,
  type ErrorDetail,
  type NarrativePart,
  type NarrativeState,
  type NoticeStatus,
  type ReportCheck,
  type ReportYears,
  type Table3Counts,
  type YearlyFigureKey,
} from '@gongkai/shared';
import { StaffNoticesService } from '../../catalog/staff-notices.service';
import type { NoticeRecord } from '../../catalog/notice-record';
import { AuditService } from '../../common/audit/audit.service';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { Clock } from '../../common/clock/clock';
import { ApiError } from '../../common/errors/api-error';
import { codePoints } from '../../common/errors/validators';
import type { RequestMeta } from '../../common/http/request-meta';
import { Db } from '../../database/db';
import { FilesService } from '../../storage/files.service';
import type { NarrativeDto, ReportNoticeDto } from '../dto/annual-report.dto';
import { reportYear } from '../report-year';
import type { AnnualReport } from '../entities/annual-report.entity';
import { ReportRecordsService } from '../records/report-records.service';
import { renderReportNoticeBody } from '../render/report-html';
import { renderReportPdf } from '../render/report-pdf';
import { AnnualReportsRepository } from './annual-reports.repository';
import { ReportDataService } from './report-data.service';

type Narrative = Record<NarrativePart, string>;

/** Notice statuses in which what reviewers (or the public) read is the frozen report: the report may not change. */
const LOCKED_STATUSES: readonly NoticeStatus[] = ['unit_review', 'secrecy_review', 'leader_approval', 'approved', 'scheduled', 'published'];
/**
 * Statuses whose report is shown frozen: the locked ones. A withdrawn notice's report is live again
 * (it is being corrected, to be generated into a new notice); its PDF stays on the withdrawn notice.
 */
const FROZEN_STATUSES: readonly NoticeStatus[] = LOCKED_STATUSES;
/** Statuses whose notice the generation rewrites (the author may still change it). */
const EDITABLE_STATUSES: readonly NoticeStatus[] = ['draft', 'returned'];
/** A generated report PDF is a few MB at most; this only bounds the store. */
const PDF_MAX_BYTES = 64 * 1024 * 1024;

const STALE_NARRATIVE = () => new ApiError(409, 'CONFLICT', '年度报告的文字部分已被他人修改，请刷新后再保存');
const STALE_REPORT = () => new ApiError(409, 'CONFLICT', '该年度报告刚刚被他人生成或修改，请刷新后重试');

export function reportState(status: NoticeStatus | null): AnnualReportState {
  if (status === null) return 'draft';
  if (status === 'scheduled' || status === 'published' || status === 'withdrawn') return status;
  return 'in_review';
}

/** The narrative as stored (JSON), every part present. */
function parseNarrative(text: string | null): Narrative | null {
  if (text === null) return null;
  const stored = JSON.parse(text) as Partial<Narrative>;
  return Object.fromEntries(NARRATIVE_PARTS.map((p) => [p, typeof stored[p] === 'string' ? stored[p] : ''])) as Narrative;
}

const emptyNarrative = (): Narrative => Object.fromEntries(NARRATIVE_PARTS.map((p) => [p, ''])) as Narrative;

/** JSON with keys sorted, so two reads of the same figures compare equal whatever order they were built in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}
const comparable = (d: AnnualReportData) => canonical({ table2: d.table2, table3: d.table3, table4: d.table4, figures: d.figures });

/**
 * The frozen copy is stored with the version of its shape, so a later change of AnnualReportData
 * can read (or migrate) the copies of years already published instead of misreading them.
 */
const FROZEN_FORMAT = 1;
const freeze = (data: AnnualReportData): string => JSON.stringify({ format: FROZEN_FORMAT, data });
function thaw(text: string): AnnualReportData {
  const stored = JSON.parse(text) as { format?: unknown; data?: AnnualReportData };
  if (stored.format !== FROZEN_FORMAT || !stored.data) throw new Error(`annual_report.frozen has format ${String(stored.format)}; this server reads format ${FROZEN_FORMAT}`);
  return stored.data;
}

/** The cell of a failed check as an error detail's field: `table3.carriedIn.natural_person`. */
function checkField(check: ReportCheck): string {
  if (!check.cell) return check.code;
  const table = { 二: 2, 三: 3, 四: 4 }[check.cell.table];
  return `table${table}.${check.cell.row}.${check.cell.column}`;
}

/** What a year's row and its notice say about the report, read once per request. */
interface Standing {
  row: AnnualReport | null;
  notice: NoticeRecord | null;
}

/** A year's report as staff see it: state, frozen or live data, checks, narrative; saving the narrative; writing it into its notice. */
@Injectable()
export class AnnualReportService implements OnModuleInit {
  constructor(
    private readonly db: Db,
    private readonly repo: AnnualReportsRepository,
    private readonly data: ReportDataService,
    private readonly records: ReportRecordsService,
    private readonly notices: StaffNoticesService,
    private readonly files: FilesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    // The report's PDF on its notice leaves it only through a new generation (or the notice's deletion).
    this.notices.protectGeneratedAttachments((m, noticeId) => this.repo.pdfFilesOfNotice(m, noticeId), '该附件是由年度报告生成的 PDF，不能在此删除或替换；如需调整，请在“年度报告”中修改后重新生成');
  }

  /** `year` from a request, 400 REPORT_YEAR_INVALID outside REPORT_FIRST_YEAR … this year (Shanghai). */
  year(raw: unknown): number {
    return reportYear(raw, this.clock.now());
  }

  /** `GET /staff/reports/annual?year=`: 400 REPORT_YEAR_INVALID outside REPORT_FIRST_YEAR … this year. */
  async view(staff: StaffPrincipal, year: number): Promise<AnnualReportView> {
    void staff; // every holder of report.edit sees the whole report; the notice's own rules guard the notice
    return this.present(year);
  }

  /** The view of `year`; `generated`: the live data just read and written into the notice (not read again). */
  private async present(year: number, generated?: AnnualReportData): Promise<AnnualReportView> {
    const standing = await this.standing(year);
    const { row, notice } = standing;
    const status = notice?.status ?? null;
    const saved = parseNarrative(row?.narrative ?? null);
    const offered = saved ? null : await this.repo.latestNarrativeBefore(year);
    const text = saved ?? parseNarrative(offered?.narrative ?? null) ?? emptyNarrative();
    const live = generated ?? (await this.data.live(year, text, shanghaiDate(this.clock.now())));
    const frozenCopy = status !== null && FROZEN_STATUSES.includes(status) && row?.frozen ? thaw(row.frozen) : null;
    const data = frozenCopy ?? live;
    const checks = await this.checks(year, data);
    const narrative: NarrativeState = {
      saved: saved !== null,
      startedFrom: saved ? null : offered?.year ?? null,
      savedBy: saved ? await this.repo.staffName(row!.narrativeSavedById) : null,
      savedAt: saved ? row!.narrativeSavedAt?.toISOString() ?? null : null,
      version: row?.narrativeVersion ?? 0,
    };
    return {
      year,
      state: reportState(status),
      notice: notice ? { id: notice.id, title: notice.title, status: notice.status, publishedAt: notice.publishedAt?.toISOString() ?? null } : null,
      data,
      frozen: frozenCopy !== null,
      liveDiffers: frozenCopy !== null && comparable(frozenCopy) !== comparable(live),
      checks,
      balanced: checks.every((c) => c.ok),
      narrative,
    };
  }

  /**
   * `PUT /staff/reports/annual/:year/narrative`: the four parts saved when nobody saved since
   * `version` (409 otherwise), refused while the report's notice is under review, scheduled or
   * published (reviewers read the text as generated).
   */
  async saveNarrative(staff: StaffPrincipal, year: number, input: NarrativeDto, meta: RequestMeta): Promise<AnnualReportView> {
    const parts = Object.fromEntries(NARRATIVE_PARTS.map((p) => [p, input.parts[p]])) as Narrative;
    this.refuseLocked((await this.standing(year)).notice, '修改文字部分');
    await this.db.transaction(async (m) => {
      const now = this.clock.now();
      await this.repo.ensure(m, year, now);
      // Read again under the transaction: the notice may have been submitted meanwhile.
      const row = await this.repo.find(year, m);
      this.refuseLocked(row?.noticeId ? await this.notices.record(row.noticeId, m) : null, '修改文字部分');
      if (!(await this.repo.updateNarrativeIf(m, year, input.version, { narrative: JSON.stringify(parts), narrativeSavedById: staff.id, narrativeSavedAt: now, updatedAt: now }))) throw STALE_NARRATIVE();
      // The text itself stays out of the log (it is in the row); its size says what changed.
      const lengths = Object.fromEntries(NARRATIVE_PARTS.map((p) => [p, codePoints(parts[p])]));
      await this.audit.record(m, staff, meta, { action: 'report.narrative_save', entityType: 'annual_report', entityId: year, before: { version: input.version }, after: { version: input.version + 1, lengths } });
    });
    return this.view(staff, year);
  }

  /**
   * `POST /staff/reports/annual/:year/notice`: the report, when every check passes, written into
   * a draft notice of `categoryCode` with its PDF attached (or into the notice generated before,
   * while its author may still change it, the PDF replaced), and frozen as generated. The notice
   * then goes through the review chain like any other.
   */
  async generateNotice(staff: StaffPrincipal, year: number, input: ReportNoticeDto, meta: RequestMeta): Promise<AnnualReportView> {
    if (!may(staff.roles, 'notice.draft')) throw ApiError.forbidden('生成年度报告信息需要撰写信息的权限（信息撰写人员），请由具有该权限的人员操作');
    const { row, notice } = await this.standing(year);
    this.refuseLocked(notice, '重新生成');
    const narrative = parseNarrative(row?.narrative ?? null);
    if (!narrative) throw new ApiError(409, 'CONFLICT', '请先保存本年度报告的文字部分（前言、总体情况等），再生成信息');
    const dated = shanghaiDate(this.clock.now());
    const data = await this.data.live(year, narrative, dated);
    const failed = (await this.checks(year, data)).filter((c) => !c.ok);
    if (failed.length) {
      const details: ErrorDetail[] = failed.map((c) => ({ field: checkField(c), message: c.message }));
      throw new ApiError(409, 'REPORT_UNBALANCED', `年度报告未通过核对，不能生成信息：${failed.map((c) => c.message).join('；')}`, details);
    }
    // Checked after the balance, so the figures' problems show while drafting. A year's report covers the whole year: it may be drafted and exported before, published only after it ends.
    const thisYear = shanghaiYear(this.clock.now());
    if (year >= thisYear) throw new ApiError(409, 'CONFLICT', `${year}年尚未结束，年度报告须在${year + 1}年1月1日以后生成信息；现在可以编写文字、核对数据和导出草稿`);
    const reuse = notice !== null && EDITABLE_STATUSES.includes(notice.status) ? notice : null;
    const dto = {
      title: data.title,
      categoryCode: input.categoryCode,
      summary: `${data.title}，包括总体情况、主动公开、依申请公开、行政复议和行政诉讼等情况。`,
      disclosure: 'proactive' as const,
      infoType: 'business' as const,
      bodyHtml: renderReportNoticeBody(data),
    };
    // Catalog reads (and SQLite's single writer) and the rendering stay outside the transaction.
    const checkedEdit = reuse ? await this.notices.checkUpdate(staff, reuse.id, dto) : null;
    const checkedDraft = reuse ? null : await this.notices.checkDraft(staff, dto);
    // Whoever wrote the narrative or entered table 二's figures is an editor of the round too: none of them may approve it.
    const contributors = [...(row?.narrativeSavedById ? [row.narrativeSavedById] : []), ...(await this.records.figureEnterers(year))];
    const pdf = await renderReportPdf(data);
    const name = `${data.title}.pdf`;
    const file = await this.files.storeBuffer(pdf, { purpose: 'attachment', name, contentType: 'application/pdf', maxBytes: PDF_MAX_BYTES, staffId: staff.id });
    try {
      await this.db.transaction(async (m) => {
        const now = this.clock.now();
        await this.repo.ensure(m, year, now);
        // The row as read before (a row created just now starts at 1): the condition that nobody generated,
        // saved the narrative or entered a figure meanwhile (the notice holds what was read).
        const read = { version: row?.version ?? 1, narrativeVersion: row?.narrativeVersion ?? 0, figuresVersion: row?.figuresVersion ?? 0 };
        if (!(await this.repo.updateNoticeIf(m, year, read, { pdfFileId: file.id, frozen: freeze(data), frozenAt: now, updatedAt: now }))) throw STALE_REPORT();
        let noticeId: number;
        if (reuse && checkedEdit) {
          await this.notices.updateIn(m, staff, dto, checkedEdit, meta);
          noticeId = reuse.id;
        } else noticeId = await this.notices.createIn(m, staff, dto, checkedDraft!, meta);
        const replaces = reuse ? [row?.pdfFileId ?? null] : [];
        if (!(await this.notices.replaceGeneratedAttachment(m, staff, meta, noticeId, { id: file.id, name }, replaces, contributors))) {
          throw new ApiError(409, 'NOTICE_NOT_EDITABLE', '该年度报告的信息刚刚进入审核或已被删除，请刷新后重试');
        }
        await this.repo.setNotice(m, year, noticeId);
        await this.audit.record(m, staff, meta, {
          action: 'report.notice_generate',
          entityType: 'annual_report',
          entityId: year,
          before: { noticeId: row?.noticeId ?? null, pdfFileId: row?.pdfFileId ?? null },
          after: { noticeId, pdfFileId: file.id, dated },
        });
      });
    } catch (error) {
      // The PDF nobody claimed goes at once, not with the next day's clean-up.
      await this.files.discard([file.id]).catch(() => undefined);
      throw error;
    }
    return this.present(year, data);
  }

  /** `GET /staff/reports/years`: the years with a report row or records, and the default year, newest first. */
  async years(): Promise<ReportYears> {
    await this.db.settled();
    const today = shanghaiDate(this.clock.now());
    const defaultYear = defaultReportYear(today);
    const [rows, recordYears] = await Promise.all([this.repo.all(), this.records.yearsWithRecords()]);
    const byYear = new Map(rows.map((r) => [r.year, r]));
    const years = [...new Set([...rows.map((r) => r.year), ...recordYears, defaultYear])].sort((a, b) => b - a);
    const out: ReportYears['years'] = [];
    for (const year of years) {
      const noticeId = byYear.get(year)?.noticeId ?? null;
      const notice = noticeId ? await this.notices.record(noticeId) : null;
      out.push({ year, state: reportState(notice?.status ?? null), noticeId: notice ? notice.id : null, publishedAt: notice?.publishedAt?.toISOString() ?? null });
    }
    return { defaultYear, years: out };
  }

  private async standing(year: number): Promise<Standing> {
    await this.db.settled();
    const row = await this.repo.find(year);
    const notice = row?.noticeId ? await this.notices.record(row.noticeId) : null;
    return { row, notice };
  }

  /** 409 while what reviewers or the public read is the frozen report. */
  private refuseLocked(notice: NoticeRecord | null, what: string): void {
    if (!notice || !LOCKED_STATUSES.includes(notice.status)) return;
    const where = notice.status === 'published' ? '已发布' : notice.status === 'scheduled' ? '已定时发布' : '正在审核';
    throw new ApiError(409, 'NOTICE_NOT_EDITABLE', `该年度报告的信息${where}，审核和公开的是生成时的报告，现在不能${what}；如需修改，请先将该信息退回或撤回`);
  }

  /** The checks of `data`: the carry-over against the previous year's published report when there is one (a withdrawn one is being corrected), else its data as it reads now. */
  private async checks(year: number, data: AnnualReportData): Promise<ReportCheck[]> {
    const yearlyFigures = Object.fromEntries(data.table2.yearly.map((f) => [f.key, f.value])) as Record<YearlyFigureKey, string | null>;
    return checkAnnualReport({ table3: data.table3, table4: data.table4, yearlyFigures, previousCarriedOut: await this.previousCarriedOut(year) });
  }

  private async previousCarriedOut(year: number): Promise<Table3Counts | null> {
    const previous = await this.repo.find(year - 1);
    const notice = previous?.noticeId ? await this.notices.record(previous.noticeId) : null;
    if (notice?.status === 'published' && previous?.frozen) {
      return thaw(previous.frozen).table3.carriedOut;
    }
    return this.data.carriedOut(year - 1);
  }
}
