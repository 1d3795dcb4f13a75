import type { SkippedDay } from '../calendar/working-days';
import type { ApplicantType, DeliveryMethod, DisclosureChannel, IdDocumentType, OrganizationKind, ProvisionForm } from '../disclosure/applicants';
import type { DisclosureAction, DisclosureStatus } from '../disclosure/disclosure-flow';
import type { FeeBand, FeeMethod } from '../disclosure/fees';
import type { DisclosureOutcome } from '../disclosure/outcomes';
import type { ChallengeKind, ChallengeResult } from '../disclosure/challenges';

/**
 * The 依申请公开 API. Applicants (signed-in parents): `POST /disclosure/requests`,
 * `/parents/me/disclosure-requests…`; anyone with a tracking number and its verification code:
 * `POST /disclosure/lookup`; the fee calculator: `GET /disclosure/fee`; staff:
 * `/staff/disclosure/requests…`.
 */

/** Who asks and how to reach them; stored encrypted, shown masked (the ID number in full only to the handler who accepted). */
export interface DisclosureApplicantInput {
  applicantType: ApplicantType;
  /** For 法人或其他组织. */
  organizationKind?: OrganizationKind;
  /** The person's name, or the organisation's. */
  name: string;
  /** 自然人: the document and its number. */
  idType?: IdDocumentType;
  idNumber?: string;
  /** 法人或其他组织: 统一社会信用代码 (18 characters), its legal representative and contact person. */
  creditCode?: string;
  legalRepresentative?: string;
  contactName?: string;
  phone: string;
  email?: string;
  /** Needed for delivery by post. */
  address?: string;
  postcode?: string;
}

/** `POST /disclosure/requests`: an online request from a signed-in applicant. */
export interface CreateDisclosureRequest extends DisclosureApplicantInput {
  /** The information sought: its name, document number or other description that identifies it. */
  description: string;
  /** Stated only if the applicant chooses to. */
  purpose?: string;
  provisionForm: ProvisionForm;
  delivery: DeliveryMethod;
}

/** `POST /staff/disclosure/requests`: a request that arrived in person, by post or by fax, entered by staff. */
export interface StaffEnterDisclosureRequest extends CreateDisclosureRequest {
  channel: Exclude<DisclosureChannel, 'online'>;
  /** The receipt date by the channel's rule (in person: that day; post: signed for; fax: both sides confirmed), `YYYY-MM-DD`, not in the future. */
  receivedDate: string;
}

/** Returned once on creation: the verification code is shown to the applicant and never again (stored as a keyed hash). */
export interface DisclosureCreated {
  id: number;
  trackingNo: string;
  verificationCode: string;
}

/** `POST /disclosure/lookup`. */
export interface DisclosureLookupRequest {
  trackingNo: string;
  verificationCode: string;
}

/** `POST /parents/me/disclosure-requests/:id/supplement`: the 补正 the handler asked for, supplied online (the 20 days count again from that day). */
export interface ApplicantDisclosureSupplement {
  text: string;
}

/** `POST /parents/me/disclosure-requests/:id/withdraw`. */
export interface DisclosureWithdrawRequest {
  reason?: string;
}

export interface DisclosureTimelineEntry {
  action: 'submitted' | 'entered' | DisclosureAction | 'letter_sent' | 'refund' | 'note';
  at: string;
  label: string;
  text: string | null;
  /** Staff only: who acted. */
  by?: string | null;
}

/** The answer deadline as it stands. */
export interface DisclosureDeadlineView {
  /** 20, plus an approved extension. */
  workingDays: number;
  extensionDays: number;
  /** The day counting starts after: the receipt date, or the day the supplement arrived. */
  from: string;
  /** Null while the clock is paused (consultation, fee) or stopped (补正), or before receipt. */
  dueDate: string | null;
  dueAt: string | null;
  remainingWorkingDays: number | null;
  paused: boolean;
  overdue: boolean;
  flagged: boolean;
  skipped?: SkippedDay[];
}

export interface DisclosureSupplementView {
  /** What to supply, as the handler wrote it. */
  requestText: string;
  requestedAt: string;
  dueDate: string;
  suppliedAt: string | null;
  suppliedText: string | null;
}

export interface DisclosureFeeView {
  id: number;
  method: FeeMethod;
  /** Pieces or pages of this request. */
  count: number;
  /** 按件: the applicant's earlier pieces that calendar month. */
  priorPieces: number;
  amountFen: number;
  bands: FeeBand[];
  status: 'issued' | 'paid' | 'cancelled' | 'lapsed' | 'refunded' | 'partially_refunded';
  issuedDate: string;
  /** The last day to pay: 20 working days from the day after the notice was received. */
  payDueDate: string;
  paidAt: string | null;
  refundedFen: number;
  /** The written fee notice (收费通知书), `GET` → HTML. */
  noticeUrl: string;
}

/** `POST /staff/disclosure/requests/:id/fee`: issue a fee notice (按件: `count` pieces of this request; 按量: its pages). */
export interface ChargeDisclosureFeeRequest {
  version: number;
  method: FeeMethod;
  count: number;
}

/** `POST /staff/disclosure/requests/:id/fee/cancel`: withdraw a notice issued wrongly, before it is paid. */
export interface CancelDisclosureFeeRequest {
  version: number;
  reason: string;
}

/** `POST /staff/disclosure/requests/:id/fee/refund` (the office head): refund part or all of a paid fee. */
export interface RefundDisclosureFeeRequest {
  amountFen: number;
  reason: string;
}

/** What the handler writes into the outcome's template (the rest of the letter comes from the template). */
export interface DisclosureLetterInput {
  /** The decision's reasoning in the handler's words (paragraphs separated by line breaks). */
  body: string;
  /** 部分公开 (at least one): the parts withheld, each with its reason. */
  redactions?: { part: string; reason: string }[];
  /** 本机关不掌握: the body that holds the information, if known (art. 36 (5)). */
  otherAgency?: string | null;
  /** 予以公开 / 部分公开: how the information is provided (attachments, where to collect). */
  provision?: string | null;
}

/** `POST /staff/disclosure/requests/:id/letter`: a draft letter (only a handler's decided outcomes; the outcome is set when approved). */
export interface DraftDisclosureLetterRequest {
  version: number;
  outcome: DisclosureOutcome;
  content: DisclosureLetterInput;
}

/** `POST …/letter/approve`. */
export interface ApproveDisclosureLetterRequest {
  version: number;
}

/** `POST …/letter/return`. */
export interface ReturnDisclosureLetterRequest {
  version: number;
  reason: string;
}

export interface DisclosureLetterView {
  id: number;
  /** `昌教依复〔2026〕12号`. */
  number: string | null;
  outcome: DisclosureOutcome;
  outcomeLabel: string;
  /** `returned`: sent back by the office head (staff only; a new draft replaces it). */
  status: 'draft' | 'approved' | 'returned';
  approvedAt: string | null;
  /** The letter as HTML and PDF (the applicant once sent; staff any time). */
  htmlUrl: string;
  pdfUrl: string | null;
  /** Staff only: what the handler wrote (to redraft a returned letter). */
  content?: DisclosureLetterInput;
  /** Staff only: who drafted it. */
  draftedBy?: string | null;
}

/** What an applicant sees of their request (also what the public lookup shows, without the contact details). */
export interface ApplicantDisclosureView {
  id: number;
  trackingNo: string;
  channel: DisclosureChannel;
  status: DisclosureStatus;
  statusLabel: string;
  applicantType: ApplicantType;
  organizationKind: OrganizationKind | null;
  /** Masked: 张*; organisations in full. */
  applicantName: string;
  /** Masked: 3701**********1234. */
  idNumberMasked: string | null;
  description: string;
  purpose: string | null;
  provisionForm: ProvisionForm;
  delivery: DeliveryMethod;
  submittedAt: string;
  receivedDate: string | null;
  deadline: DisclosureDeadlineView | null;
  supplement: DisclosureSupplementView | null;
  fee: DisclosureFeeView | null;
  /** Only once approved and sent. */
  letter: DisclosureLetterView | null;
  outcome: DisclosureOutcome | null;
  outcomeLabel: string | null;
  timeline: DisclosureTimelineEntry[];
  /** What the applicant may do now: `supply`, `withdraw`, and `pay` while a fee is due. */
  actions: ('supply' | 'withdraw' | 'pay')[];
}

/** `POST /disclosure/lookup`: the request as its applicant sees it (no actions: they need signing in), and a token for its letter and fee notice links. */
export interface DisclosureLookupView extends ApplicantDisclosureView {
  /** Opens `/disclosure/lookup/:token/…` for LOOKUP_TOKEN_TTL_MS (30 minutes). */
  lookupToken?: string;
}

export interface ApplicantDisclosureListItem {
  id: number;
  trackingNo: string;
  status: DisclosureStatus;
  statusLabel: string;
  /** The first 60 characters of what was sought. */
  excerpt: string;
  submittedAt: string;
  dueDate: string | null;
}

export interface StaffDisclosureListItem {
  id: number;
  trackingNo: string;
  channel: DisclosureChannel;
  status: DisclosureStatus;
  statusLabel: string;
  applicantType: ApplicantType;
  /** Masked. */
  applicantName: string;
  excerpt: string;
  receivedDate: string | null;
  dueDate: string | null;
  remainingWorkingDays: number | null;
  overdue: boolean;
  paused: boolean;
  flagged: boolean;
  handlerName: string | null;
  /** An extension or a letter waits for the office head. */
  awaitingApproval: boolean;
}

export interface DisclosureExtensionView {
  days: number;
  reason: string;
  requestedBy: string | null;
  requestedAt: string;
}

export interface StaffDisclosureView extends ApplicantDisclosureView {
  version: number;
  pieces: number;
  /** Full only for the handler who accepted; others masked. */
  applicantName: string;
  idType: IdDocumentType | null;
  idNumber: string | null;
  creditCode: string | null;
  legalRepresentative: string | null;
  contactName: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  postcode: string | null;
  handlerId: number | null;
  handlerName: string | null;
  /** Whether this staff member sees the identity in full (the handler who accepted). */
  identityVisible: boolean;
  /** The 补正 notice's last day (7 working days after receipt), while one may still be sent. */
  supplementNoticeDueDate: string | null;
  pendingExtension: DisclosureExtensionView | null;
  /** The pending or sent letter. */
  letter: DisclosureLetterView | null;
  staffActions: DisclosureAction[];
}

/** `GET /staff/disclosure/requests`: open (by time left), approval (waiting for the office head), finished, all. */
export interface StaffDisclosureQuery {
  scope?: 'open' | 'approval' | 'finished' | 'all';
  cursor?: string;
  limit?: number;
}

/** Every staff step's body carries the version read (409 CONFLICT when someone acted first). */
export interface DisclosureVersioned {
  version: number;
}

/** `POST …/:id/supplement-request`: the 补正 notice (once, within 7 working days of receipt). */
export interface DisclosureSupplementNoticeRequest extends DisclosureVersioned {
  /** What to supply, as the applicant will read it. */
  text: string;
  /** Working days the applicant has to supply it (default DISCLOSURE_SUPPLEMENT_DEFAULT_WORKING_DAYS). */
  workingDays?: number;
}

/** `POST …/:id/supplement`: the supplement arrived on paper; the 20 days count again from `receivedDate`. */
export interface StaffDisclosureSupplementRequest extends DisclosureVersioned {
  text: string;
  receivedDate: string;
}

/** `POST …/:id/consultation`: a third party is consulted (art. 32); the days until it ends do not count. */
export interface DisclosureConsultationRequest extends DisclosureVersioned {
  text: string;
  /** The day the letter to the third party was sent (default today). */
  sentDate?: string;
}

/** `POST …/:id/consultation/end`: the third party answered, or its 15 working days ran out. */
export interface DisclosureConsultationEndRequest extends DisclosureVersioned {
  text: string;
  /** The day it ended (default today). */
  endDate?: string;
}

/** `POST …/:id/extension`: asks the office head for up to 20 more working days in all. */
export interface DisclosureExtensionRequest extends DisclosureVersioned {
  days: number;
  reason: string;
}

/** `POST …/:id/extension/refuse`. */
export interface DisclosureExtensionRefusal extends DisclosureVersioned {
  reason: string;
}

/** `POST …/:id/notes`: an internal note (staff only). */
export interface DisclosureNoteRequest {
  text: string;
}

/** `GET /staff/disclosure/alerts`: what the staff home counts. */
export interface DisclosureAlerts {
  /** Open requests past their due day. */
  overdue: number;
  /** Running requests due within 3 working days. */
  dueSoon: number;
  /** Online requests waiting for the receipt to be confirmed. */
  toConfirm: number;
  /** Letters and extensions waiting for the office head (counted for holders of 'disclosure.approve'; 0 for others). */
  awaitingApproval: number;
}

/**
 * An administrative reconsideration or lawsuit about the bureau's disclosure work (table 四 of the
 * yearly report): about a request (`requestId`) or a proactively published notice (`noticeId`), exactly one.
 */
export interface DisclosureChallengeInput {
  kind: ChallengeKind;
  requestId?: number | null;
  noticeId?: number | null;
  /** 案号 or the body's reference. */
  caseNo: string;
  /** 行政复议机关 / 法院. */
  body: string;
  /** `YYYY-MM-DD`. */
  filedDate: string;
  /** Required unless the result is `pending`; not before `filedDate`. */
  decidedDate?: string | null;
  result: ChallengeResult;
  note?: string | null;
}

/** `PUT /staff/disclosure/challenges/:id`. */
export interface UpdateDisclosureChallengeRequest extends DisclosureChallengeInput {
  version: number;
}

export interface DisclosureChallengeView {
  id: number;
  kind: ChallengeKind;
  kindLabel: string;
  requestId: number | null;
  /** The request's tracking number. */
  requestTrackingNo: string | null;
  noticeId: number | null;
  /** The notice's 索引号. */
  noticeIndexNo: string | null;
  caseNo: string;
  body: string;
  filedDate: string;
  decidedDate: string | null;
  result: ChallengeResult;
  resultLabel: string;
  note: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}
