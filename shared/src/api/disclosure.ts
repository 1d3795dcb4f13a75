import type { SkippedDay } from '../calendar/working-days';
import type { ApplicantType, DeliveryMethod, DisclosureChannel, IdDocumentType, OrganizationKind, ProvisionForm } from '../disclosure/applicants';
import type { DisclosureAction, DisclosureStatus } from '../disclosure/disclosure-flow';
import type { FeeBand, FeeMethod } from '../disclosure/fees';
import type { DisclosureOutcome } from '../disclosure/outcomes';

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

export interface DisclosureLetterView {
  id: number;
  /** `昌教依复〔2026〕12号`. */
  number: string | null;
  outcome: DisclosureOutcome;
  outcomeLabel: string;
  status: 'draft' | 'approved';
  approvedAt: string | null;
  /** The letter as HTML and PDF (the applicant once sent; staff any time). */
  htmlUrl: string;
  pdfUrl: string | null;
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
