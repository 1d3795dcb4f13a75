import type { InquiryKindCode } from '../inquiries/kinds';
import type { InfoType } from '../catalog/categories';
import type { NoticeStatus } from '../publishing/notice-status';
import type { NarrativePart, Table2DocumentColumn, Table2DocumentRow, Table3CountedRow, Table3Counts, Table4Counts, YearlyFigureKey } from '../reports/annual-report-format';
import type { ReportCheck } from '../reports/report-checks';
import type { BriefingKind, HotTopicChannel, ProposalKind, ProposalRole, ProposalSatisfaction } from '../reports/report-records';
import type { DisclosureOutcomeGroup } from '../disclosure/outcomes';

/**
 * The yearly report's API (`/staff/reports/…`, permission `report.edit`): the records it counts
 * (hot topics, briefings, proposals, the yearly figures of other systems, the 规范性文件 register),
 * the report itself with its checks, the narrative, the exports, and the notice it becomes.
 */

// ---- Records -------------------------------------------------------------------------------

/** Who wrote a record and when; every record answers it. */
export interface RecordStamp {
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
  version: number;
}

/** A link to the bureau's own notice (its id) or to any page (url); at most one of the two. */
export interface RecordLink {
  noticeId?: number | null;
  url?: string | null;
}
export interface RecordLinkView {
  noticeId: number | null;
  /** The notice's title when linked to one (null when it is gone or not visible). */
  noticeTitle: string | null;
  url: string | null;
}

/** `POST /staff/reports/hot-topics`, `PUT /staff/reports/hot-topics/:id` (with `version`). */
export interface HotTopicInput extends RecordLink {
  /** `YYYY-MM-DD`, not in the future; the year it counts in. */
  date: string;
  subject: string;
  channel: HotTopicChannel;
  version?: number;
}
export interface HotTopicView extends RecordStamp {
  id: number;
  date: string;
  subject: string;
  channel: HotTopicChannel;
  link: RecordLinkView;
}

/** `POST /staff/reports/briefings`, `PUT /staff/reports/briefings/:id`. */
export interface BriefingInput extends RecordLink {
  date: string;
  kind: BriefingKind;
  subject: string;
  /** 发布人 / 解读人, e.g. `县教育局局长 张某`. */
  speakers: string;
  version?: number;
}
export interface BriefingView extends RecordStamp {
  id: number;
  date: string;
  kind: BriefingKind;
  subject: string;
  speakers: string;
  link: RecordLinkView;
}

/** `POST /staff/reports/proposals`, `PUT /staff/reports/proposals/:id`. Unique per year, kind and number. */
export interface ProposalInput {
  /** The session year it was filed in (the year it counts in). */
  year: number;
  kind: ProposalKind;
  /** 建议 / 提案 number, e.g. `第45号`. */
  number: string;
  title: string;
  role: ProposalRole;
  /** The lead office (when the bureau co-handles) or the co-handlers (when it leads). */
  partners?: string | null;
  /** The day the reply was sent, `YYYY-MM-DD`; null while being handled. */
  replyDate?: string | null;
  /** The deputy's or member's verdict; null until given (only with a reply date). */
  satisfaction?: ProposalSatisfaction | null;
  version?: number;
}
export interface ProposalView extends RecordStamp {
  id: number;
  year: number;
  kind: ProposalKind;
  number: string;
  title: string;
  role: ProposalRole;
  partners: string | null;
  replyDate: string | null;
  satisfaction: ProposalSatisfaction | null;
}

/** `GET /staff/reports/{hot-topics,briefings,proposals}?year=YYYY`: a year's records, newest first (all of them: a few hundred at most). */
export interface ReportRecordList<T> {
  year: number;
  items: T[];
}

/** One figure of table 二 from another system, as entered. */
export interface YearlyFigureView {
  key: YearlyFigureKey;
  /** A whole number of decisions, or 万元 with up to 4 decimals; null until entered. */
  value: string | null;
  enteredBy: string | null;
  enteredAt: string | null;
}
/** `GET /staff/reports/figures?year=YYYY`. */
export interface YearlyFiguresView {
  year: number;
  figures: YearlyFigureView[];
  version: number;
}
/** `PUT /staff/reports/figures/:year`: the figures to enter or correct (others stay); `version` of the view read. */
export interface YearlyFiguresInput {
  values: Partial<Record<YearlyFigureKey, string>>;
  version: number;
}

/** `GET /staff/reports/normative?year=YYYY`: the 规范性文件 register (notices marked normative), issued up to the year's end. */
export interface NormativeItem {
  noticeId: number;
  title: string;
  documentNo: string | null;
  issuedOn: string | null;
  repealedOn: string | null;
  status: NoticeStatus;
  /** In force at the year's end. */
  inForce: boolean;
}
export interface NormativeRegister {
  year: number;
  items: NormativeItem[];
  counts: Record<Table2DocumentColumn, number>;
}
/** `PUT /staff/reports/normative/:noticeId`: mark a repeal (or undo one with null). */
export interface NormativeRepealInput {
  repealedOn: string | null;
}

// ---- The report ----------------------------------------------------------------------------

/** A month's count per series, for the charts. */
export interface MonthlySeries {
  /** Series label (a category's name, or `咨询` …). */
  name: string;
  /** Twelve counts, January first. */
  values: number[];
}

export interface InquiryKindFigures {
  kind: InquiryKindCode;
  received: number;
  replied: number;
  repliedOnTime: number;
  /** repliedOnTime / replied, 0–1; null when none replied. */
  onTimeRate: number | null;
  rated: number;
  satisfied: number;
  basicallySatisfied: number;
  unsatisfied: number;
  /** (satisfied + basically satisfied) / rated, 0–1; null when none rated. */
  satisfactionRate: number | null;
}

export interface ProposalFigures {
  kind: ProposalKind;
  lead: number;
  co: number;
  replied: number;
  satisfied: number;
  basicallySatisfied: number;
  unsatisfied: number;
  /** (satisfied + basically satisfied) / those with a verdict, 0–1; null when none. */
  satisfactionRate: number | null;
}

/** The figures the bureau reports in its own words (section 一), as the seed report states them. */
export interface ReportFigures {
  /** 主动公开 notices published in the year, by 信息类别 (机构设置及人事信息 …), and in all. */
  published: { byType: Record<InfoType, number>; total: number };
  /** By category of the 公开目录, per month (the chart), in the catalogue's order. */
  publishedMonthly: MonthlySeries[];
  /** Page views of the year (every channel), from the per-day counts. */
  pageViews: number;
  hotTopics: { total: number; byChannel: Partial<Record<HotTopicChannel, number>> };
  briefings: { total: number; byKind: Record<BriefingKind, number> };
  proposals: ProposalFigures[];
  inquiries: { total: number; byKind: InquiryKindFigures[]; monthly: MonthlySeries[]; onTimeRateMonthly: (number | null)[] };
  pushes: { campaigns: number; sent: number };
  /** 依申请公开 of the year by outcome group (the chart). */
  requestsByOutcomeGroup: Record<DisclosureOutcomeGroup, number>;
}

export interface Table2 {
  documents: Record<Table2DocumentRow, Record<Table2DocumentColumn, number>>;
  yearly: YearlyFigureView[];
}

/** Everything a rendering of the report needs: the tables, the figures, the narrative. */
export interface AnnualReportData {
  year: number;
  /** The bureau's name as the title prints it. */
  agency: string;
  title: string;
  /** When the figures were read (ISO). */
  asOf: string;
  table2: Table2;
  table3: Record<Table3CountedRow, Table3Counts>;
  table4: Table4Counts;
  figures: ReportFigures;
  narrative: Record<NarrativePart, string>;
  /** The date printed under the report (`YYYY-MM-DD`): the day it was generated into a notice, else today. */
  dated: string;
}

/**
 * Where a year's report stands. `draft`: no notice yet; `in_review`: its notice is being written
 * or reviewed (returned included); `scheduled`; `published`; `withdrawn`: its notice was withdrawn.
 */
export type AnnualReportState = 'draft' | 'in_review' | 'scheduled' | 'published' | 'withdrawn';

/** `GET /staff/reports/annual?year=YYYY`. */
export interface AnnualReportView {
  year: number;
  state: AnnualReportState;
  notice: { id: number; title: string; status: NoticeStatus; publishedAt: string | null } | null;
  /**
   * The report as it reads: frozen as generated into its notice once that notice is on its way
   * (in review, scheduled, published), else live.
   */
  data: AnnualReportData;
  /** True when `data` is the frozen copy; then `liveDiffers` says whether today's figures differ. */
  frozen: boolean;
  liveDiffers: boolean;
  checks: ReportCheck[];
  /** Every check passes. */
  balanced: boolean;
  narrative: NarrativeState;
}

export interface NarrativeState {
  /** Saved for this year; false while the text offered is the previous year's (or empty). */
  saved: boolean;
  /** The year the offered text comes from when not saved; null when there is none. */
  startedFrom: number | null;
  savedBy: string | null;
  savedAt: string | null;
  version: number;
}

/** `PUT /staff/reports/annual/:year/narrative`. */
export interface NarrativeInput {
  parts: Record<NarrativePart, string>;
  /** The version read (0 when never saved). */
  version: number;
}

/** `POST /staff/reports/annual/:year/notice`: write the report into a draft notice (or refresh the one written before, while it may change), with the PDF attached. 409 REPORT_UNBALANCED when a check fails. */
export interface ReportNoticeInput {
  /** The 公开目录 category the bureau files it under (e.g. ZCWJ). */
  categoryCode: string;
}

/** `GET /staff/reports/years`: the years with a report or records, newest first, and which to open. */
export interface ReportYears {
  defaultYear: number;
  years: { year: number; state: AnnualReportState; noticeId: number | null; publishedAt: string | null }[];
}

/** The export formats: `GET /staff/reports/annual/:year/export.{pdf,docx,md,html}`. */
export const REPORT_EXPORT_FORMATS = ['pdf', 'docx', 'md', 'html'] as const;
export type ReportExportFormat = (typeof REPORT_EXPORT_FORMATS)[number];
