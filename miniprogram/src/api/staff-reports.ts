import type {
  AnnualReportView,
  BriefingInput,
  BriefingView,
  HotTopicInput,
  HotTopicView,
  NarrativeInput,
  NormativeItem,
  NormativeRegister,
  ProposalInput,
  ProposalView,
  ReportExportFormat,
  ReportNoticeInput,
  ReportRecordList,
  ReportYears,
  YearlyFiguresInput,
  YearlyFiguresView,
} from '@gongkai/shared';
import { apiUrl } from './config';
import { request } from './request';

/**
 * The yearly 政府信息公开工作年度报告 for staff (`/staff/reports/…`, permission `report.edit`): the
 * records it counts (hot topics, briefings, proposals, the figures of other systems, the 规范性文件
 * register), the report with its checks, the narrative, the exports and the notice it becomes.
 * Edits carry the `version` last read; a stale one is refused with 409 and its Chinese message.
 */

const enc = (id: number | string) => encodeURIComponent(String(id));
const get = <T>(path: string, query?: Record<string, string | number | undefined>) => request<T>(path, { auth: 'staff', ...(query ? { query } : {}) });
const send = <T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) => request<T>(path, { method, auth: 'staff', ...(body === undefined ? {} : { body }) });

// ── the report ──────────────────────────────────────────────────────────

/** The years with a report or records, newest first, and the one to open. */
export function getReportYears(): Promise<ReportYears> {
  return get<ReportYears>('/staff/reports/years');
}

export function getAnnualReport(year: number): Promise<AnnualReportView> {
  return get<AnnualReportView>('/staff/reports/annual', { year });
}

/** Saves the four narrative parts (`version` as read: 0 when never saved). */
export function saveReportNarrative(year: number, body: NarrativeInput): Promise<AnnualReportView> {
  return send<AnnualReportView>('PUT', `/staff/reports/annual/${enc(year)}/narrative`, body);
}

/** Writes the report into a draft notice (or refreshes the one written before); 409 REPORT_UNBALANCED names the failing cells. */
export function generateReportNotice(year: number, body: ReportNoticeInput): Promise<AnnualReportView> {
  return send<AnnualReportView>('POST', `/staff/reports/annual/${enc(year)}/notice`, body);
}

/** Absolute URL of an export (needs the staff bearer token: fetched, never linked). */
export function reportExportUrl(year: number, format: ReportExportFormat): string {
  return apiUrl(`/staff/reports/annual/${enc(year)}/export.${format}`);
}

// ── records ─────────────────────────────────────────────────────────────

export type RecordKind = 'hot-topics' | 'briefings' | 'proposals';

export function listHotTopics(year: number): Promise<ReportRecordList<HotTopicView>> {
  return get('/staff/reports/hot-topics', { year });
}
export function createHotTopic(body: HotTopicInput): Promise<HotTopicView> {
  return send('POST', '/staff/reports/hot-topics', body);
}
export function updateHotTopic(id: number, body: HotTopicInput): Promise<HotTopicView> {
  return send('PUT', `/staff/reports/hot-topics/${enc(id)}`, body);
}

export function listBriefings(year: number): Promise<ReportRecordList<BriefingView>> {
  return get('/staff/reports/briefings', { year });
}
export function createBriefing(body: BriefingInput): Promise<BriefingView> {
  return send('POST', '/staff/reports/briefings', body);
}
export function updateBriefing(id: number, body: BriefingInput): Promise<BriefingView> {
  return send('PUT', `/staff/reports/briefings/${enc(id)}`, body);
}

export function listProposals(year: number): Promise<ReportRecordList<ProposalView>> {
  return get('/staff/reports/proposals', { year });
}
export function createProposal(body: ProposalInput): Promise<ProposalView> {
  return send('POST', '/staff/reports/proposals', body);
}
export function updateProposal(id: number, body: ProposalInput): Promise<ProposalView> {
  return send('PUT', `/staff/reports/proposals/${enc(id)}`, body);
}

/** Deletes a hot topic, briefing or proposal (204). */
export function deleteReportRecord(kind: RecordKind, id: number): Promise<void> {
  return send<void>('DELETE', `/staff/reports/${kind}/${enc(id)}`);
}

// ── the figures other systems hold, and the 规范性文件 register ─────────

export function getYearlyFigures(year: number): Promise<YearlyFiguresView> {
  return get('/staff/reports/figures', { year });
}

/** Enters or corrects some figures (the rest stay); `version` of the view read. */
export function saveYearlyFigures(year: number, body: YearlyFiguresInput): Promise<YearlyFiguresView> {
  return send('PUT', `/staff/reports/figures/${enc(year)}`, body);
}

export function getNormativeRegister(year: number): Promise<NormativeRegister> {
  return get('/staff/reports/normative', { year });
}

/** Marks a 规范性文件 repealed on a day (null undoes it). */
export function markNormativeRepealed(noticeId: number, repealedOn: string | null): Promise<NormativeItem> {
  return send('PUT', `/staff/reports/normative/${enc(noticeId)}`, { repealedOn });
}
