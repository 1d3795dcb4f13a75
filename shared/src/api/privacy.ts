import type { ConsentChannel, ConsentKind, ErasureReason, RightsRequestKind, RightsRequestStatus } from '../privacy/consents';
import type { LegalBasis, PersonalDataKind, RetentionKind } from '../privacy/personal-data';

/** One row of the notice's table of what is collected. */
export interface PrivacyNoticeItem {
  kind: PersonalDataKind;
  label: string;
  collectedWhen: string;
  purpose: string;
  bases: LegalBasis[];
  /** The bases as the notice words them. */
  basisText: string[];
  retention: string;
  recipients: string;
  sensitive: boolean;
  encrypted: boolean;
  collecting: boolean;
}

export interface PrivacyNoticeSection {
  heading: string;
  paragraphs: string[];
}

/** `GET /api/v1/privacy/notice`: the 个人信息保护政策, versioned, built from the shared lists. */
export interface PrivacyNoticeView {
  version: string;
  effectiveDate: string;
  title: string;
  /** The personal information handler (个人信息处理者): the bureau. */
  controller: string;
  /** How to reach the bureau about personal information. */
  contact: string;
  /** One-paragraph summary the pop-up shows before the full text. */
  summary: string;
  items: PrivacyNoticeItem[];
  /** The WeChat privacy APIs the mini-program calls and why. */
  apis: { api: string; declaration: string; purpose: string; usedIn: string }[];
  retention: { kind: RetentionKind; label: string; days: number; from: string }[];
  sections: PrivacyNoticeSection[];
}

/** One consent as it stands now (the latest record of its kind). */
export interface ConsentStateView {
  kind: ConsentKind;
  label: string;
  gives: string;
  withdrawal: string;
  granted: boolean;
  /** For the privacy notice: the version agreed to; null for the others. */
  version: string | null;
  /** When it was last given or withdrawn; null if never. */
  at: string | null;
  channel: ConsentChannel | null;
}

export interface ConsentRecordView {
  id: number;
  kind: ConsentKind;
  granted: boolean;
  version: string | null;
  channel: ConsentChannel;
  /** What it was given for, e.g. `咨询 ZX2026…` for a child's information; null if general. */
  subject: string | null;
  at: string;
}

/** `GET /api/v1/parents/me/consents`. */
export interface ParentConsentsView {
  notice: { currentVersion: string; agreedVersion: string | null; agreedAt: string | null; needsAgreement: boolean };
  current: ConsentStateView[];
  /** Every record, newest first. */
  history: ConsentRecordView[];
}

/** `POST /api/v1/parents/me/consents`: give or withdraw one consent. */
export interface ConsentChangeRequest {
  kind: ConsentKind;
  granted: boolean;
  /** Required when agreeing to the privacy notice: the version shown. */
  version?: string;
  channel: ConsentChannel;
}

/** One feature's part of `GET /api/v1/parents/me/data`. */
export interface PersonalDataSectionView {
  /** `account`, `consents`, `inquiries`, `push`, `official-account`, … */
  key: string;
  label: string;
  /** The rows, as plain JSON: every field the bureau holds about the parent, unmasked (it is their own). */
  records: Record<string, unknown>[];
}

/** `GET /api/v1/parents/me/data`: everything the bureau holds about the signed-in parent. */
export interface ParentDataExport {
  generatedAt: string;
  parentId: number;
  noticeVersion: string;
  sections: PersonalDataSectionView[];
}

/** A parent's own name for the account: 1–20 characters after trimming, no control characters. */
export const PARENT_DISPLAY_NAME_MAX = 20;

/** `PATCH /api/v1/parents/me`: what a parent corrects themselves. */
export interface ParentProfileUpdate {
  displayName: string;
}

/** `DELETE /api/v1/parents/me`: what was erased, by kind; the tokens stop working. */
export interface AccountCancellationResult {
  cancelledAt: string;
  erased: { key: string; label: string; count: number }[];
}

/** `POST /api/v1/parents/me/rights-requests`. */
export interface CreateRightsRequest {
  kind: RightsRequestKind;
  content: string;
}

export interface RightsRequestView {
  id: number;
  kind: RightsRequestKind;
  kindLabel: string;
  content: string;
  status: RightsRequestStatus;
  statusLabel: string;
  receivedAt: string;
  /** 15 working days on the official calendar (Asia/Shanghai date). */
  dueDate: string;
  reply: string | null;
  repliedAt: string | null;
}

/** Staff's view of a rights request: who asked (masked), who answered. */
export interface StaffRightsRequestView extends RightsRequestView {
  parentId: number;
  parentName: string;
  overdue: boolean;
  handledBy: string | null;
}

/** `POST /api/v1/staff/privacy/rights-requests/:id/reply`. */
export interface RightsRequestReply {
  status: Exclude<RightsRequestStatus, 'pending'>;
  reply: string;
}

/** One record of a staff member reading or exporting a parent's personal data. */
export interface PersonalDataAccessView {
  id: number;
  actorId: number | null;
  actorUsername: string | null;
  /** `personal_data.view`, `personal_data.export`, … */
  action: string;
  entityType: string;
  entityId: string | null;
  parentId: number | null;
  fields: string[];
  purpose: string;
  ip: string | null;
  createdAt: string;
}

/** One round of erasure: the retention job, a cancellation or a withdrawn consent. */
export interface ErasureRecordView {
  id: number;
  reason: ErasureReason;
  kind: string;
  /** What it is in Chinese, e.g. `咨询投诉照片`. */
  label: string;
  count: number;
  parentId: number | null;
  createdAt: string;
}
