import { INDEX_NO_PENDING, type AttachmentView, type CategoryView, type StaffNoticeView, type TopicView, type UnitView } from '@gongkai/shared';
import type { NoticeArticleData } from '../../../components/NoticeArticle';
import { withFileUrls } from '../../../utils/body-html';

/** Names for the codes a draft holds. */
export interface PreviewNames {
  categories: readonly CategoryView[];
  topics: readonly TopicView[];
  units: readonly UnitView[];
  /** The writer's own unit, which non-admins cannot choose and whose name they may not have listed. */
  ownUnit?: { code: string; name: string };
}

/** What a draft says, by code, as the preview needs it (the compose form's fields or a saved notice's). */
export interface PreviewSource {
  title: string;
  categoryCode: string;
  topicCodes: readonly string[];
  unitCode: string;
  documentNo: string | null;
  indexNo: string | null;
  infoType: StaffNoticeView['infoType'] | '';
  disclosure: StaffNoticeView['disclosure'];
  normative: boolean;
  normativeIssuedOn: string | null;
  normativeRepealedOn: string | null;
  bodyHtml: string;
  attachments: readonly AttachmentView[];
  /** When it was or will be published; now when not yet known. */
  publishedAt: string | null;
  viewCount: number;
}

/**
 * A draft as the parents' article will show it once published: names for codes, the 索引号 to come,
 * and pictures that are uploaded files pointed at their signed addresses (not public yet).
 */
export function previewArticle(source: PreviewSource, names: PreviewNames, now: Date = new Date()): NoticeArticleData {
  const unitName = names.units.find((u) => u.code === source.unitCode)?.name ?? (names.ownUnit?.code === source.unitCode ? names.ownUnit.name : source.unitCode);
  const category = names.categories.find((c) => c.code === source.categoryCode);
  const signed = (fileId: string) => source.attachments.find((a) => a.fileId === fileId)?.url;
  return {
    title: source.title.trim() || '（未填写标题）',
    category: { code: source.categoryCode, name: category?.name ?? (source.categoryCode || '（未选择分类）') },
    topics: source.topicCodes.map((code) => ({ code, name: names.topics.find((t) => t.code === code)?.name ?? code })),
    unit: { code: source.unitCode, name: unitName },
    documentNo: source.documentNo?.trim() || null,
    indexNo: source.indexNo || INDEX_NO_PENDING,
    // The article shows the label; an unchosen type shows as a dash.
    infoType: (source.infoType || '—') as NoticeArticleData['infoType'],
    normative: source.normative,
    normativeIssuedOn: source.normative ? source.normativeIssuedOn || null : null,
    normativeRepealedOn: source.normative ? source.normativeRepealedOn || null : null,
    publishedAt: source.publishedAt ?? now.toISOString(),
    viewCount: source.viewCount,
    disclosure: source.disclosure,
    bodyHtml: withFileUrls(source.bodyHtml, signed),
    attachments: [...source.attachments],
    corrections: [],
  };
}

/** A saved notice (review): as it stands, published or not. */
export function staffNoticeSource(n: StaffNoticeView): PreviewSource {
  return {
    title: n.title,
    categoryCode: n.categoryCode,
    topicCodes: n.topicCodes,
    unitCode: n.unitCode,
    documentNo: n.documentNo,
    indexNo: n.indexNo,
    infoType: n.infoType,
    disclosure: n.disclosure,
    normative: n.normative,
    normativeIssuedOn: n.normativeIssuedOn,
    normativeRepealedOn: n.normativeRepealedOn,
    bodyHtml: n.bodyHtml,
    attachments: n.attachments,
    publishedAt: n.publishedAt ?? (n.status === 'scheduled' ? n.publishAt : null),
    viewCount: n.viewCount,
  };
}
