import type {
  CorrectionReviewRequest,
  CorrectionStartRequest,
  CorrectionUpdateRequest,
  NoticeDraftInput,
  NoticeRevision,
  NoticeStatus,
  Page,
  PendingReview,
  PublishRequest,
  ReviewCounts,
  ReviewLogEntry,
  ReviewRequest,
  RoundChanges,
  StaffCorrectionView,
  StaffNoticeView,
  StaffOaBindingView,
  WithdrawRequest,
} from '@gongkai/shared';
import { request } from './request';

/**
 * The staff side of notices and of the review chain (先审查，后公开): every call carries the staff
 * token; a stale `version` is refused with 409 (CONFLICT), a step the caller may not take with 403.
 */

const id = (noticeId: number | string) => `/staff/notices/${encodeURIComponent(String(noticeId))}`;

export interface StaffNoticeQuery {
  status?: NoticeStatus;
  cursor?: string;
  limit?: number;
}

export function listStaffNotices(query: StaffNoticeQuery = {}): Promise<Page<StaffNoticeView>> {
  return request<Page<StaffNoticeView>>('/staff/notices', {
    auth: 'staff',
    query: { status: query.status, cursor: query.cursor, limit: query.limit },
  });
}

export function getStaffNotice(noticeId: number | string): Promise<StaffNoticeView> {
  return request<StaffNoticeView>(id(noticeId), { auth: 'staff' });
}

export function createNotice(body: NoticeDraftInput): Promise<StaffNoticeView> {
  return request<StaffNoticeView>('/staff/notices', { method: 'POST', auth: 'staff', body });
}

/** Any subset of the draft fields and the version last seen. PUT, not PATCH: wx.request has no PATCH. */
export function updateNotice(noticeId: number | string, body: Partial<NoticeDraftInput> & { version: number }): Promise<StaffNoticeView> {
  return request<StaffNoticeView>(id(noticeId), { method: 'PUT', auth: 'staff', body });
}

export function deleteNotice(noticeId: number | string): Promise<void> {
  return request<void>(id(noticeId), { method: 'DELETE', auth: 'staff' });
}

export function submitNotice(noticeId: number | string, version: number): Promise<StaffNoticeView> {
  return request<StaffNoticeView>(`${id(noticeId)}/submit`, { method: 'POST', auth: 'staff', body: { version } });
}

export function reviewNotice(noticeId: number | string, body: ReviewRequest): Promise<StaffNoticeView> {
  return request<StaffNoticeView>(`${id(noticeId)}/review`, { method: 'POST', auth: 'staff', body });
}

/** The release centre: publish now (no publishAt) or at a future time (→ scheduled). */
export function registerNotice(noticeId: number | string, body: PublishRequest): Promise<StaffNoticeView> {
  return request<StaffNoticeView>(`${id(noticeId)}/registration`, { method: 'POST', auth: 'staff', body });
}

export function unscheduleNotice(noticeId: number | string, version: number): Promise<StaffNoticeView> {
  return request<StaffNoticeView>(`${id(noticeId)}/unschedule`, { method: 'POST', auth: 'staff', body: { version } });
}

export function withdrawNotice(noticeId: number | string, body: WithdrawRequest): Promise<StaffNoticeView> {
  return request<StaffNoticeView>(`${id(noticeId)}/withdraw`, { method: 'POST', auth: 'staff', body });
}

export function listReviewLog(noticeId: number | string): Promise<ReviewLogEntry[]> {
  return request<ReviewLogEntry[]>(`${id(noticeId)}/reviews`, { auth: 'staff' });
}

export function listRevisions(noticeId: number | string): Promise<NoticeRevision[]> {
  return request<NoticeRevision[]>(`${id(noticeId)}/revisions`, { auth: 'staff' });
}

/** What changed between the last two rounds; null before a second round. */
export function getRoundChanges(noticeId: number | string): Promise<RoundChanges | null> {
  return request<RoundChanges | null>(`${id(noticeId)}/changes`, { auth: 'staff' });
}

/** 更正: the open correction of a published notice (404 when none). */
export function getCorrection(noticeId: number | string): Promise<StaffCorrectionView> {
  return request<StaffCorrectionView>(`${id(noticeId)}/correction`, { auth: 'staff' });
}

/** Starts a correction from the published content with these changes and the 更正说明. */
export function startCorrection(noticeId: number | string, body: CorrectionStartRequest): Promise<StaffCorrectionView> {
  return request<StaffCorrectionView>(`${id(noticeId)}/corrections`, { method: 'POST', auth: 'staff', body });
}

/** PUT, not PATCH: wx.request has no PATCH. */
export function updateCorrection(noticeId: number | string, body: CorrectionUpdateRequest): Promise<StaffCorrectionView> {
  return request<StaffCorrectionView>(`${id(noticeId)}/correction`, { method: 'PUT', auth: 'staff', body });
}

/** A step of the correction: submit, cancel or the release centre's registration (which applies it). */
export function correctionStep(noticeId: number | string, step: 'submit' | 'registration' | 'cancel', version: number): Promise<StaffCorrectionView> {
  return request<StaffCorrectionView>(`${id(noticeId)}/correction/${step}`, { method: 'POST', auth: 'staff', body: { version } });
}

export function reviewCorrection(noticeId: number | string, body: CorrectionReviewRequest): Promise<StaffCorrectionView> {
  return request<StaffCorrectionView>(`${id(noticeId)}/correction/review`, { method: 'POST', auth: 'staff', body });
}

export function listPendingReviews(): Promise<PendingReview[]> {
  return request<PendingReview[]>('/staff/reviews/pending', { auth: 'staff' });
}

export function getReviewCounts(): Promise<ReviewCounts> {
  return request<ReviewCounts>('/staff/reviews/counts', { auth: 'staff' });
}

/** 公众号提醒: whether this staff account is linked to the official account; a new code to link it; unlink. */
export function getOaBinding(): Promise<StaffOaBindingView> {
  return request<StaffOaBindingView>('/staff/me/oa-binding', { auth: 'staff' });
}

export function newOaBindingCode(): Promise<StaffOaBindingView> {
  return request<StaffOaBindingView>('/staff/me/oa-binding', { method: 'POST', auth: 'staff', body: {} });
}

export function unbindOa(): Promise<StaffOaBindingView> {
  return request<StaffOaBindingView>('/staff/me/oa-binding', { method: 'DELETE', auth: 'staff' });
}
