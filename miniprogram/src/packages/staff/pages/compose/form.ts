import { fileExtensionOf, type AttachmentInput, type AttachmentView, type CategoryView, type InfoType, type NoticeDraftInput, type StaffMe, type StaffNoticeView, type TopicView, type UnitView, type UploadedFileView } from '@gongkai/shared';
import { ApiError } from '../../../../api/errors';
import type { PreviewSource } from '../../components/NoticePreviewData';
import { blocksProblem, blocksToHtml, htmlToBlocks, newBlock, type Block } from '../../utils/blocks';

/** What the editor needs before it can show the form. */
export interface ComposeData {
  me: StaffMe;
  categories: CategoryView[];
  topics: TopicView[];
  units: UnitView[];
  notice: StaffNoticeView | null;
}

/** A link typed by hand (the only kind before uploads): name, address and size as typed. */
export interface LinkRow {
  kind: 'link';
  key: number;
  name: string;
  url: string;
  size: string;
}

/** An uploaded file: only its name can change (the extension is kept). */
export interface FileRow {
  kind: 'file';
  key: number;
  fileId: string;
  name: string;
  /** The name it was uploaded with: its extension stays on a new name. */
  originalName: string;
  size: number;
  contentType: string;
  /** Where staff open it (signed while the notice is not public). */
  url: string;
}

export type AttachmentRow = LinkRow | FileRow;

export interface ComposeFormValues {
  title: string;
  categoryCode: string;
  topicCodes: string[];
  unitCode: string;
  documentNo: string;
  infoType: InfoType | '';
  normative: boolean;
  normativeIssuedOn: string;
  normativeRepealedOn: string;
  summary: string;
  blocks: Block[];
  attachments: AttachmentRow[];
}

let attachmentKey = 1;

export function newAttachmentRow(a: Partial<AttachmentView> = {}): LinkRow {
  return { kind: 'link', key: attachmentKey++, name: a.name ?? '', url: a.url ?? '', size: a.size ? String(a.size) : '' };
}

/** A row for an uploaded file: one the server just stored, or one a saved notice lists. */
export function fileRow(f: Pick<UploadedFileView, 'fileId' | 'name' | 'size' | 'contentType' | 'url'>): FileRow {
  return { kind: 'file', key: attachmentKey++, fileId: f.fileId, name: f.name, originalName: f.name, size: f.size, contentType: f.contentType, url: f.url };
}

export function attachmentRowOf(a: AttachmentView): AttachmentRow {
  return a.fileId ? fileRow({ fileId: a.fileId, name: a.name, size: a.size, contentType: a.contentType ?? '', url: a.url }) : newAttachmentRow(a);
}

/** A new name for an uploaded file keeps the file's extension (报名表 → 报名表.docx); empty keeps the old name. */
export function fileNameFor(row: FileRow): string {
  const name = row.name.trim();
  if (!name) return row.originalName;
  const ext = fileExtensionOf(row.originalName);
  return ext && fileExtensionOf(name) !== ext ? `${name}.${ext}` : name;
}

/** Signed addresses of the uploaded files by id: body pictures show through them before the notice is public. */
export function fileUrlsOf(rows: readonly AttachmentRow[]): (fileId: string) => string | undefined {
  return (fileId) => rows.find((r): r is FileRow => r.kind === 'file' && r.fileId === fileId)?.url;
}

export function formFrom(data: ComposeData): ComposeFormValues {
  const n = data.notice;
  const blocks = n ? htmlToBlocks(n.bodyHtml) : [];
  return {
    title: n?.title ?? '',
    categoryCode: n?.categoryCode ?? '',
    topicCodes: n?.topicCodes ?? [],
    unitCode: n?.unitCode ?? data.me.unit.code,
    documentNo: n?.documentNo ?? '',
    infoType: n?.infoType ?? '',
    normative: n?.normative ?? false,
    normativeIssuedOn: n?.normativeIssuedOn ?? '',
    normativeRepealedOn: n?.normativeRepealedOn ?? '',
    summary: n?.summary ?? '',
    blocks: blocks.length ? blocks : [newBlock('p')],
    attachments: (n?.attachments ?? []).map(attachmentRowOf),
  };
}

/** The form as the API takes it (POST /staff/notices, or PATCH with the version). */
export function draftInput(form: ComposeFormValues, isAdmin: boolean): NoticeDraftInput {
  const attachments: AttachmentInput[] = form.attachments
    .filter((a) => a.kind === 'file' || a.name.trim() || a.url.trim())
    .map((a) =>
      a.kind === 'file'
        ? { fileId: a.fileId, name: fileNameFor(a) }
        : { name: a.name.trim(), url: a.url.trim(), size: Math.max(0, Math.floor(Number(a.size) || 0)) },
    );
  return {
    title: form.title.trim(),
    categoryCode: form.categoryCode,
    topicCodes: form.topicCodes,
    ...(isAdmin && form.unitCode ? { unitCode: form.unitCode } : {}),
    documentNo: form.documentNo.trim() || null,
    infoType: form.infoType as InfoType,
    normative: form.normative,
    normativeIssuedOn: form.normative ? form.normativeIssuedOn || null : null,
    normativeRepealedOn: form.normative ? form.normativeRepealedOn || null : null,
    summary: form.summary.trim(),
    bodyHtml: blocksToHtml(form.blocks),
    attachments,
  };
}

/** The form's current fields as the preview shows them (a saved notice keeps its 索引号, disclosure and views). */
export function previewSourceOf(form: ComposeFormValues, saved: StaffNoticeView | null): PreviewSource {
  const attachments: AttachmentView[] = form.attachments
    .filter((a) => a.kind === 'file' || a.name.trim() || a.url.trim())
    .map((a) =>
      a.kind === 'file'
        ? { name: fileNameFor(a), url: a.url, size: a.size, fileId: a.fileId, contentType: a.contentType || null }
        : { name: a.name.trim() || a.url.trim(), url: a.url.trim(), size: Math.max(0, Math.floor(Number(a.size) || 0)), fileId: null, contentType: null },
    );
  return {
    title: form.title,
    categoryCode: form.categoryCode,
    topicCodes: form.topicCodes,
    unitCode: form.unitCode,
    documentNo: form.documentNo,
    indexNo: saved?.indexNo ?? null,
    infoType: form.infoType,
    disclosure: saved?.disclosure ?? 'proactive',
    normative: form.normative,
    normativeIssuedOn: form.normativeIssuedOn,
    normativeRepealedOn: form.normativeRepealedOn,
    bodyHtml: blocksToHtml(form.blocks),
    attachments,
    publishedAt: saved?.publishedAt ?? null,
    viewCount: saved?.viewCount ?? 0,
  };
}

/** Client-side checks before the server's: what is missing, by field. */
export function localProblems(form: ComposeFormValues): Record<string, string> {
  const out: Record<string, string> = {};
  if (!form.title.trim()) out.title = '请填写标题';
  if (!form.categoryCode) out.categoryCode = '请选择分类';
  if (!form.infoType) out.infoType = '请选择信息类别';
  const blockProblem = blocksProblem(form.blocks);
  if (blockProblem) out.bodyHtml = blockProblem;
  else if (!blocksToHtml(form.blocks)) out.bodyHtml = '请填写正文';
  form.attachments.forEach((a, i) => {
    if (a.kind === 'link' && (a.name.trim() || a.url.trim()) && (!a.name.trim() || !a.url.trim())) out[`attachments.${i}`] = '附件须有名称和地址';
  });
  return out;
}

/** The server's field details (`attachments.0.url` → under the attachment rows). */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (error instanceof ApiError && error.details) {
    for (const d of error.details) {
      const key = d.field.startsWith('attachments') ? 'attachments' : d.field.split('.')[0] ?? d.field;
      if (!out[key]) out[key] = d.message;
    }
  }
  return out;
}
