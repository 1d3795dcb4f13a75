import type { InquiryAction, InquiryRating, InquiryStatus, ReplyReviewer } from '../inquiries/inquiry-flow';
import type { InquiryKindCode } from '../inquiries/kinds';
import type { SkippedDay } from '../calendar/working-days';

/**
 * The inquiries API (咨询 / 投诉 / 建议 / 反馈). Parents: `/inquiries/photos`, `/inquiries`,
 * `/parents/me/inquiries…`; the public Q&A: `/qa…`; staff: `/staff/inquiries…`.
 */

/**
 * `POST /inquiries/photos` (multipart, field `file`): a JPEG, PNG, GIF or WebP that decodes, ≤ 5 MB
 * (413 beyond) and ≤ 40 megapixels; stored re-encoded, upright and without EXIF; at most 20 not
 * yet attached to an inquiry per parent (429 beyond).
 */
export interface InquiryPhotoUpload {
  id: string;
  contentType: string;
  /** Size of the stored (re-encoded) image. */
  bytes: number;
}

/** `POST /inquiries`. */
export interface CreateInquiryRequest {
  kind: InquiryKindCode;
  /** ≤ 50 characters. */
  subject: string;
  /** ≤ 1,000 characters. */
  content: string;
  /** From `POST /inquiries/photos`, at most 3, the parent's own uploads. */
  photoIds?: string[];
  /** Mainland mobile or landline; shown in full only to the assigned handler. */
  phone?: string;
  /** May the answer be published as anonymous public Q&A. */
  allowPublish: boolean;
  /** The unit (科室 or school) asked; the bureau's intake unit when absent. */
  unitCode?: string;
  /** The content or photos tell about a child under 14 (the parent says so on the form). */
  involvesChild?: boolean;
  /** The guardian's separate consent to that child's information (PIPL art. 31); required when `involvesChild`. */
  childConsent?: boolean;
}

/** How the due time was reached: the working days counted and the days passed over. */
export interface InquiryDeadline {
  /** The Shanghai date counting starts after: the day of receipt, or of the reopen. */
  from: string;
  /** End of the due day, `YYYY-MM-DDT23:59:59+08:00`. */
  dueAt: string;
  dueDate: string;
  workingDays: number;
  skipped: SkippedDay[];
  /** The count reached a year without an official calendar (counted Monday to Friday) until staff enter it. */
  flagged: boolean;
}

export interface InquiryTimelineEntry {
  action: 'submitted' | InquiryAction | 'note';
  at: string;
  /** Chinese, e.g. 受理 / 转办至 基础教育科：… */
  label: string;
  /** The reason, reply or opinion where the action has one (internal notes only for staff). */
  text: string | null;
  /** Staff only: who acted. */
  by?: string | null;
}

export interface InquiryPhotoView {
  id: string;
  /** `GET /inquiries/photos/:id`, for the parent who sent it and staff. */
  url: string;
}

/** What the parent sees of their own inquiry. */
export interface ParentInquiryView {
  id: number;
  trackingNo: string;
  kind: InquiryKindCode;
  subject: string;
  content: string;
  /** As the parent sees it: `held` shows as `submitted`, `reply_pending` as `accepted` (staff's view has the real one). */
  status: InquiryStatus;
  /** INQUIRY_PARENT_STATUS_LABELS. */
  statusLabel: string;
  unitName: string;
  phone: string | null;
  allowPublish: boolean;
  photos: InquiryPhotoView[];
  createdAt: string;
  deadline: InquiryDeadline;
  reply: { text: string; at: string; unitName: string } | null;
  rating: { rating: InquiryRating; comment: string | null; at: string } | null;
  /** May rate now / may reopen now. */
  canRate: boolean;
  canReopen: boolean;
  timeline: InquiryTimelineEntry[];
}

export interface ParentInquiryListItem {
  id: number;
  trackingNo: string;
  kind: InquiryKindCode;
  subject: string;
  status: InquiryStatus;
  statusLabel: string;
  createdAt: string;
  dueAt: string;
  replied: boolean;
}

export interface RateInquiryRequest {
  rating: InquiryRating;
  comment?: string;
}

export interface ReopenInquiryRequest {
  reason: string;
}

/** Staff's view: everything, the phone masked unless the reader is the assigned handler. */
export interface StaffInquiryView extends Omit<ParentInquiryView, 'statusLabel' | 'canRate' | 'canReopen'> {
  statusLabel: string;
  version: number;
  unitCode: string;
  handler: { id: number; name: string } | null;
  /** The reply waiting for the unit head (投诉), or being written. */
  pendingReply: { text: string; at: string; by: string } | null;
  /** For a pending reply: who reviews it (the unit's heads, or a leader when the unit has no other head). */
  replyReviewer: ReplyReviewer | null;
  /** msgSecCheck's verdict at intake; null when no check was made (WeChat not configured, unreachable, or no openid: then held). */
  contentCheck: { suggest: 'pass' | 'review' | 'risky'; label: number | null } | null;
  reopenCount: number;
  publishedQaId: number | null;
  /** What the reader may do now. */
  actions: InquiryAction[];
  /** Past its due time and not replied. */
  overdue: boolean;
  /** The parent said it concerns a child under 14 (sensitive personal information, given with the guardian's separate consent). */
  involvesChild: boolean;
  /** `申请人已注销` once the parent cancelled their account (kept as the archive, phone and photos erased); null otherwise. */
  applicantNote: string | null;
}

export interface StaffInquiryListItem {
  id: number;
  trackingNo: string;
  kind: InquiryKindCode;
  subject: string;
  status: InquiryStatus;
  statusLabel: string;
  unitCode: string;
  unitName: string;
  handlerName: string | null;
  createdAt: string;
  dueAt: string;
  overdue: boolean;
  /** Due before the end of the next working day. */
  dueSoon: boolean;
  flagged: boolean;
}

/** `GET /staff/inquiries?status&unit&scope=open|all&cursor&limit`: overdue first, then by time left. */
export interface StaffInquiryQuery {
  status?: InquiryStatus;
  unit?: string;
  /** open: not yet done; all; reply_review: complaint replies waiting for the caller's review (答复待我审核). */
  scope?: 'open' | 'all' | 'reply_review';
  /** Exactly this phone number (matched by its keyed hash; spaces and dashes do not matter). */
  phone?: string;
  cursor?: string;
  limit?: number;
}

export interface InquiryVersioned {
  version: number;
}
export interface TransferInquiryRequest extends InquiryVersioned {
  unitCode: string;
  reason: string;
}
export interface ReplyInquiryRequest extends InquiryVersioned {
  text: string;
}
export interface ReviewReplyRequest extends InquiryVersioned {
  action: 'approve' | 'return';
  opinion?: string;
}
export interface RejectInquiryRequest extends InquiryVersioned {
  reason: string;
}
export interface InquiryNoteRequest {
  text: string;
}
/** `POST /staff/inquiries/:id/publish-qa`: the question and answer as published (edited to remove anything personal). */
export interface PublishQaRequest {
  question: string;
  answer: string;
}

/** Public Q&A (`GET /qa?q&kind&cursor`, `GET /qa/:id`): anonymous, only where the parent allowed it. */
export interface QaItem {
  id: number;
  kind: InquiryKindCode;
  question: string;
  answer: string;
  unitName: string;
  askedAt: string;
  answeredAt: string;
}

/** `GET /staff/inquiries/stats?from=YYYY-MM-DD&to=YYYY-MM-DD` (Shanghai dates, inclusive; by date received). */
export interface InquiryStats {
  from: string;
  to: string;
  total: number;
  byKind: Record<InquiryKindCode, number>;
  byUnit: { unitCode: string; unitName: string; count: number }[];
  repliedOnTime: number;
  repliedLate: number;
  /** Not replied and past due now. */
  openOverdue: number;
  openInTime: number;
  /** Median working days from receipt to reply, of the replied ones; null when none. */
  medianWorkingDays: number | null;
  ratings: Record<InquiryRating, number>;
  /** Shares of the rated ones, 0–1. */
  satisfaction: Record<InquiryRating, number>;
}

/** `GET /staff/inquiries/alerts`: what the staff home shows (the reader's units). */
export interface InquiryAlerts {
  overdue: StaffInquiryListItem[];
  dueSoon: StaffInquiryListItem[];
  held: number;
  pendingReplies: number;
  flagged: number;
}
