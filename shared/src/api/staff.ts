import type { DisclosureAttribute, InfoType } from '../catalog/categories';
import type { StaffRole } from '../identity/roles';
import type { NoticeStatus } from '../publishing/notice-status';
import type { ReviewAction } from '../publishing/review-chain';
import type { AttachmentInput, AttachmentView } from './catalog';
import type { CorrectionSummary } from './corrections';

/** Body of POST /staff/notices; PATCH takes any subset. */
export interface NoticeDraftInput {
  title: string;
  categoryCode: string;
  topicCodes?: string[];
  /** Defaults to the author's unit; only admins may write for another unit. */
  unitCode?: string;
  documentNo?: string | null;
  disclosure?: DisclosureAttribute;
  disclosureReason?: string | null;
  infoType: InfoType;
  normative?: boolean;
  normativeIssuedOn?: string | null;
  normativeRepealedOn?: string | null;
  summary?: string;
  bodyHtml: string;
  attachments?: AttachmentInput[];
}

/** A staff action on a notice: a step of the review chain, editing the draft, announcing it (push), or starting a correction (更正) of it. */
export type NoticeAction = ReviewAction | 'edit' | 'push' | 'correct';

export interface NoticeActionRefusal {
  action: NoticeAction;
  /** Stable code (FOUR_EYES, …) and the Chinese reason. */
  code: string;
  message: string;
}

export interface StaffNoticeView {
  id: number;
  status: NoticeStatus;
  title: string;
  summary: string;
  categoryCode: string;
  topicCodes: string[];
  unitCode: string;
  documentNo: string | null;
  indexNo: string | null;
  disclosure: DisclosureAttribute;
  disclosureReason: string | null;
  infoType: InfoType;
  normative: boolean;
  normativeIssuedOn: string | null;
  normativeRepealedOn: string | null;
  bodyHtml: string;
  attachments: AttachmentView[];
  authorId: number;
  publishedAt: string | null;
  viewCount: number;
  /** Send back with an edit; a stale one is refused with 409. */
  version: number;
  /** Review round: 0 for a never-submitted draft, +1 on every submit. */
  round: number;
  /**
   * Who edited the title or body of the round in review (or, in draft/returned, of the round being
   * prepared): they may not approve or publish it (four eyes).
   */
  editorIds: number[];
  /** For a scheduled notice: when it will be published. */
  publishAt: string | null;
  /**
   * What the signed-in staff member may do with this notice now, as the server decides it (the
   * permissions table, the review chain's transitions for their roles and authorship, and the
   * round's four-eyes rules): pages show these buttons and no others.
   */
  actions: NoticeAction[];
  /** Actions their roles would allow that this round's rules refuse, with the reason to show instead of the button. */
  refusals: NoticeActionRefusal[];
  /** The open correction (更正) of a published notice, with what the reader may do with it; null when none is open. */
  correction: CorrectionSummary | null;
  authorName: string;
  createdAt: string;
  updatedAt: string;
}

export interface StaffAccountInput {
  username: string;
  displayName: string;
  password: string;
  unitCode: string;
  roles: StaffRole[];
}

export interface StaffAccountView {
  id: number;
  username: string;
  displayName: string;
  unitCode: string;
  roles: StaffRole[];
  active: boolean;
  createdAt: string;
}

export interface AuditEntryView {
  id: number;
  actorId: number | null;
  actorUsername: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  /** The parent whose personal data the entry concerns (read events), else null. */
  subjectParentId: number | null;
  createdAt: string;
}

/**
 * A staff member's link to the official account (公众号), over which deadline reminders reach
 * them: `POST /staff/me/oa-binding` gives a code to send to the official account as `绑定 123456`.
 */
export interface StaffOaBindingView {
  bound: boolean;
  boundAt: string | null;
  /** A fresh code, while one is valid. */
  code: string | null;
  codeExpiresAt: string | null;
  /** What to do with the code, in Chinese. */
  instruction: string | null;
}

/** An official-account keyword reply as staff see it (GET/POST /staff/oa/keyword-replies, PATCH/PUT …/:id). */
export interface KeywordReplyView {
  id: number;
  keyword: string;
  /** `exact`: the whole message; `contains`: anywhere in it. */
  match: 'exact' | 'contains';
  reply: string;
  active: boolean;
  sortOrder: number;
  createdAt: string;
  updatedAt: string;
}
