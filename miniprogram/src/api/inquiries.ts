import type {
  CreateInquiryRequest,
  DeadlineQuery,
  DeadlineView,
  InquiryAlerts,
  InquiryKindCode,
  InquiryNoteRequest,
  InquiryPhotoUpload,
  InquiryStats,
  Page,
  ParentInquiryListItem,
  ParentInquiryView,
  PublishQaRequest,
  QaItem,
  RateInquiryRequest,
  RejectInquiryRequest,
  ReopenInquiryRequest,
  ReplyInquiryRequest,
  ReviewReplyRequest,
  StaffInquiryListItem,
  StaffInquiryQuery,
  StaffInquiryView,
  TransferInquiryRequest,
} from '@gongkai/shared';
import { request, upload } from './request';

/**
 * Inquiries (咨询 / 投诉 / 建议 / 反馈): the parent's own, the public Q&A, the deadline calculator
 * and the staff side. Staff actions carry the `version` last seen; a stale one is refused with 409.
 */

const enc = (id: number | string) => encodeURIComponent(String(id));

// ── parents ─────────────────────────────────────────────────────────────

/** One photo (a temp file path from chooseImage / chooseMedia), checked by the server by content. */
export function uploadInquiryPhoto(filePath: string): Promise<InquiryPhotoUpload> {
  return upload<InquiryPhotoUpload>('/inquiries/photos', filePath, { name: 'file', auth: 'parent' });
}

export function createInquiry(body: CreateInquiryRequest): Promise<ParentInquiryView> {
  return request<ParentInquiryView>('/inquiries', { method: 'POST', auth: 'parent', body });
}

export function listMyInquiries(cursor?: string, limit = 20): Promise<Page<ParentInquiryListItem>> {
  return request<Page<ParentInquiryListItem>>('/parents/me/inquiries', { auth: 'parent', query: { cursor, limit } });
}

const mine = (id: number | string) => `/parents/me/inquiries/${enc(id)}`;

export function getMyInquiry(id: number | string): Promise<ParentInquiryView> {
  return request<ParentInquiryView>(mine(id), { auth: 'parent' });
}

export function rateInquiry(id: number | string, body: RateInquiryRequest): Promise<ParentInquiryView> {
  return request<ParentInquiryView>(`${mine(id)}/rating`, { method: 'POST', auth: 'parent', body });
}

export function reopenInquiry(id: number | string, body: ReopenInquiryRequest): Promise<ParentInquiryView> {
  return request<ParentInquiryView>(`${mine(id)}/reopen`, { method: 'POST', auth: 'parent', body });
}

// ── public ──────────────────────────────────────────────────────────────

export interface QaQuery {
  q?: string;
  kind?: InquiryKindCode;
  cursor?: string;
  limit?: number;
}

export function listQa(query: QaQuery = {}): Promise<Page<QaItem>> {
  return request<Page<QaItem>>('/qa', { query: { q: query.q, kind: query.kind, cursor: query.cursor, limit: query.limit } });
}

export function getQa(id: number | string): Promise<QaItem> {
  return request<QaItem>(`/qa/${enc(id)}`);
}

export function getDeadline(query: DeadlineQuery): Promise<DeadlineView> {
  return request<DeadlineView>('/calendar/deadline', { query: { from: query.from, workingDays: query.workingDays } });
}

// ── staff ───────────────────────────────────────────────────────────────

export function listStaffInquiries(query: StaffInquiryQuery = {}): Promise<Page<StaffInquiryListItem>> {
  return request<Page<StaffInquiryListItem>>('/staff/inquiries', {
    auth: 'staff',
    query: { status: query.status, unit: query.unit, scope: query.scope, cursor: query.cursor, limit: query.limit },
  });
}

const staff = (id: number | string) => `/staff/inquiries/${enc(id)}`;
const post = <B>(id: number | string, action: string, body: B) =>
  request<StaffInquiryView>(`${staff(id)}/${action}`, { method: 'POST', auth: 'staff', body });

export function getStaffInquiry(id: number | string): Promise<StaffInquiryView> {
  return request<StaffInquiryView>(staff(id), { auth: 'staff' });
}

/** 审核放行 a held inquiry (msgSecCheck said `review`). */
export function releaseInquiry(id: number | string, version: number): Promise<StaffInquiryView> {
  return post(id, 'release', { version });
}

export function rejectInquiry(id: number | string, body: RejectInquiryRequest): Promise<StaffInquiryView> {
  return post(id, 'reject', body);
}

export function acceptInquiry(id: number | string, version: number): Promise<StaffInquiryView> {
  return post(id, 'accept', { version });
}

export function transferInquiry(id: number | string, body: TransferInquiryRequest): Promise<StaffInquiryView> {
  return post(id, 'transfer', body);
}

export function replyInquiry(id: number | string, body: ReplyInquiryRequest): Promise<StaffInquiryView> {
  return post(id, 'reply', body);
}

/** The unit head's decision on a complaint's reply. */
export function reviewInquiryReply(id: number | string, body: ReviewReplyRequest): Promise<StaffInquiryView> {
  return post(id, 'reply-review', body);
}

export function addInquiryNote(id: number | string, body: InquiryNoteRequest): Promise<StaffInquiryView> {
  return post(id, 'notes', body);
}

/** Answers the published Q&A item (not the inquiry): reload the inquiry to see `publishedQaId`. */
export function publishInquiryQa(id: number | string, body: PublishQaRequest): Promise<QaItem> {
  return request<QaItem>(`${staff(id)}/publish-qa`, { method: 'POST', auth: 'staff', body });
}

export function getInquiryStats(from: string, to: string): Promise<InquiryStats> {
  return request<InquiryStats>('/staff/inquiries/stats', { auth: 'staff', query: { from, to } });
}

export function getInquiryAlerts(): Promise<InquiryAlerts> {
  return request<InquiryAlerts>('/staff/inquiries/alerts', { auth: 'staff' });
}
