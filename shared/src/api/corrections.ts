import type { CorrectionStatus, CorrectionViewAction } from '../publishing/correction-flow';

/**
 * POST /staff/notices/:id/corrections: starts a correction (更正) of a published notice from its
 * published content. Fields left out keep the published value.
 */
export interface CorrectionStartRequest {
  /** 更正说明: what was corrected, in words the public reads under the notice. */
  note: string;
  title?: string;
  summary?: string;
  documentNo?: string | null;
  bodyHtml?: string;
}

/** PATCH (or PUT) /staff/notices/:id/correction: edits the open correction while it is a draft or returned. */
export interface CorrectionUpdateRequest extends Partial<CorrectionStartRequest> {
  /** The correction's version as read; a stale one is refused with 409. */
  version: number;
}

/** POST /staff/notices/:id/correction/review */
export interface CorrectionReviewRequest {
  action: 'approve' | 'return';
  version: number;
  /** Required to return; optional remark when approving. */
  opinion?: string;
}

/** POST /staff/notices/:id/correction/submit | /registration | /cancel */
export interface CorrectionStepRequest {
  version: number;
}

export interface CorrectionActionRefusal {
  action: CorrectionViewAction;
  code: string;
  message: string;
}

/** A correction as staff see it (GET /staff/notices/:id/correction and every correction route's answer). */
export interface StaffCorrectionView {
  id: number;
  noticeId: number;
  status: CorrectionStatus;
  /** The notice's round this correction is in review as (for draft/returned: the round it will be submitted as). */
  round: number;
  title: string;
  summary: string;
  documentNo: string | null;
  /** Uploaded images with signed links (staff read it before it is public). */
  bodyHtml: string;
  note: string;
  authorId: number;
  authorName: string;
  /** Who edited the title or body of the correction's round: they may not approve or register it (four eyes). */
  editorIds: number[];
  version: number;
  /** What the signed-in staff member may do with it now (the server decides; pages show these buttons and no others). */
  actions: CorrectionViewAction[];
  refusals: CorrectionActionRefusal[];
  createdAt: string;
  updatedAt: string;
  /** When it was applied to the notice; null before. */
  appliedAt: string | null;
}

/** A notice's open correction, as the staff notice view names it. */
export interface CorrectionSummary {
  id: number;
  status: CorrectionStatus;
  round: number;
  version: number;
  authorName: string;
  actions: CorrectionViewAction[];
  refusals: CorrectionActionRefusal[];
}
