import type { DisclosureAttribute } from '../catalog/categories';
import type { StaffRole } from '../identity/roles';
import type { NoticeStatus } from '../publishing/notice-status';
import type { ReviewAction, ReviewStep } from '../publishing/review-chain';

/** The 保密审查 decision, recorded at the secrecy_review step. */
export interface SecrecyDecision {
  /** May it be published at all. */
  publishable: boolean;
  disclosure: DisclosureAttribute;
  /** Required for 依申请公开; one of WITHHOLD_REASONS for 不予公开. */
  disclosureReason?: string | null;
}

/** POST /staff/notices/:id/submit */
export interface SubmitRequest {
  version: number;
}

/** POST /staff/notices/:id/review */
export interface ReviewRequest {
  action: 'approve' | 'return';
  version: number;
  /** Required to return; optional remark when approving. */
  opinion?: string;
  /** Required when approving at secrecy_review. */
  secrecy?: SecrecyDecision;
}

/** POST /staff/notices/:id/registration: the release centre publishes now, or at `publishAt`. */
export interface PublishRequest {
  version: number;
  /** ISO time in the future → scheduled; absent → published now. */
  publishAt?: string;
}

/** POST /staff/notices/:id/withdraw */
export interface WithdrawRequest {
  version: number;
  reason: string;
}

export interface ReviewLogEntry {
  id: number;
  round: number;
  /** The status the notice was in when the action was taken. */
  fromStatus: NoticeStatus;
  toStatus: NoticeStatus;
  action: ReviewAction;
  actorId: number | null;
  actorName: string | null;
  role: StaffRole | 'author' | 'system';
  opinion: string | null;
  secrecy: SecrecyDecision | null;
  /** The correction (更正) this step belongs to; null for the notice's own rounds. */
  correctionId: number | null;
  /** For schedule: when it is to be published. */
  publishAt: string | null;
  createdAt: string;
}

/** One version of the title and body that went into review (one per round). */
export interface NoticeRevision {
  round: number;
  title: string;
  bodyHtml: string;
  submittedAt: string;
}

export interface TextChange {
  type: 'same' | 'added' | 'removed';
  text: string;
}

/** GET /staff/notices/:id/changes: what changed between the last two rounds (null before a second round). */
export interface RoundChanges {
  fromRound: number;
  toRound: number;
  title: TextChange[];
  /** Compared as plain text, paragraph by paragraph. */
  body: TextChange[];
}

/** GET /staff/reviews/pending */
export interface PendingReview {
  noticeId: number;
  title: string;
  unitCode: string;
  unitName: string;
  categoryCode: string;
  authorName: string;
  status: NoticeStatus;
  /** The step the caller acts on (or 'approved'/'scheduled' for the release centre). */
  step: ReviewStep | 'approved' | 'scheduled';
  round: number;
  /** A correction (更正) of a published notice waiting at this step: its id (act on /staff/notices/:id/correction); null for a notice. */
  correctionId: number | null;
  /** The notice's version, or for a correction the correction's. */
  version: number;
  waitingSince: string;
  waitingSeconds: number;
}

/** GET /staff/reviews/counts: what waits at each step (the caller's and all). */
export type ReviewCounts = Record<ReviewStep | 'approved' | 'scheduled' | 'returned', number>;
