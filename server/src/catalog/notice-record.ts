import type { DisclosureAttribute, InfoType, NoticeStatus } from '@gongkai/shared';

/**
 * A notice's row as the catalog hands it to the modules above it (publishing): the columns, not the
 * entity class, so they depend on the catalog's services only.
 */
export interface NoticeRecord {
  id: number;
  status: NoticeStatus;
  title: string;
  summary: string;
  categoryId: number;
  unitId: number;
  documentNo: string | null;
  indexNo: string | null;
  disclosure: DisclosureAttribute;
  disclosureReason: string | null;
  infoType: InfoType;
  normative: boolean;
  normativeIssuedOn: string | null;
  normativeRepealedOn: string | null;
  bodyHtml: string;
  bodyText: string;
  authorId: number;
  publishedAt: Date | null;
  viewCount: number;
  round: number;
  publishAt: Date | null;
  publishable: boolean | null;
  statusChangedAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}
