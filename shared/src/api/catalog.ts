import type { DisclosureAttribute, InfoType } from '../catalog/categories';
import type { UnitKind } from '../identity/roles';

export interface CategoryView {
  id: number;
  code: string;
  name: string;
  description: string;
  sortOrder: number;
}

/** A category as admins see it (GET /staff/categories, PATCH /staff/categories/:code); its automatic push is push's (AutoPushCategoryView). */
export type StaffCategoryView = CategoryView;

export interface TopicView {
  id: number;
  code: string;
  name: string;
  description: string;
  sortOrder: number;
}

export interface UnitView {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
  sortOrder: number;
}

export interface AttachmentView {
  name: string;
  /** An uploaded file's download address (`/api/v1/attachments/<fileId>`, relative to the API's origin), or a link typed by hand. */
  url: string;
  /** bytes */
  size: number;
  /** The uploaded file; null for a link typed by hand (attachments made before uploads existed). */
  fileId: string | null;
  /** An uploaded file's type as served; null for a link. */
  contentType: string | null;
}

/**
 * An attachment as a draft gives it: an uploaded file (`fileId`, optionally renamed), or a link
 * typed by hand (name, url, size).
 */
export type AttachmentInput = { fileId: string; name?: string } | { fileId?: null; name: string; url: string; size: number };

/** A published notice in a list: everything but the body. */
export interface NoticeListItem {
  id: number;
  title: string;
  summary: string;
  category: { code: string; name: string };
  topics: { code: string; name: string }[];
  unit: { code: string; name: string };
  documentNo: string | null;
  indexNo: string;
  infoType: InfoType;
  normative: boolean;
  publishedAt: string;
  attachmentCount: number;
}

export interface NoticeDetail extends Omit<NoticeListItem, 'attachmentCount'> {
  /** Live view count, this view included. */
  viewCount: number;
  disclosure: DisclosureAttribute;
  normativeIssuedOn: string | null;
  normativeRepealedOn: string | null;
  /** Sanitised on the server; safe to render as HTML. */
  bodyHtml: string;
  attachments: AttachmentView[];
  /** Corrections (更正) after publication, oldest first; empty when never corrected. */
  corrections: NoticeCorrectionLine[];
  /** Where the county portal published this notice, once it told us; public pages name it as canonical. */
  portalUrl: string | null;
}

/** One 更正 as the public sees it: when, and what was corrected. */
export interface NoticeCorrectionLine {
  correctedAt: string;
  /** What was corrected, in the reviewer-approved words shown under the notice. */
  note: string;
}

export interface NoticeListQuery {
  category?: string;
  topic?: string;
  unit?: string;
  year?: number;
  q?: string;
  cursor?: string;
  limit?: number;
}

export interface CategoryInput {
  name?: string;
  description?: string;
  sortOrder?: number;
}

export interface TopicCreateInput {
  code: string;
  name: string;
  description?: string;
  sortOrder?: number;
}

export interface UnitCreateInput {
  code: string;
  name: string;
  kind: UnitKind;
  sortOrder?: number;
}
