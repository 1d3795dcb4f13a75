import type { AttachmentView, CategoryView, InfoType, NoticeDraftInput, StaffMe, StaffNoticeView, TopicView, UnitView } from '@gongkai/shared';
import { ApiError } from '../../../../api/errors';
import { blocksProblem, blocksToHtml, htmlToBlocks, newBlock, type Block } from '../../utils/blocks';

/** What the editor needs before it can show the form. */
export interface ComposeData {
  me: StaffMe;
  categories: CategoryView[];
  topics: TopicView[];
  units: UnitView[];
  notice: StaffNoticeView | null;
}

export interface AttachmentRow {
  key: number;
  name: string;
  url: string;
  size: string;
}

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

export function newAttachmentRow(a: Partial<AttachmentView> = {}): AttachmentRow {
  return { key: attachmentKey++, name: a.name ?? '', url: a.url ?? '', size: a.size ? String(a.size) : '' };
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
    attachments: (n?.attachments ?? []).map((a) => newAttachmentRow(a)),
  };
}

/** The form as the API takes it (POST /staff/notices, or PATCH with the version). */
export function draftInput(form: ComposeFormValues, isAdmin: boolean): NoticeDraftInput {
  const attachments: AttachmentView[] = form.attachments
    .filter((a) => a.name.trim() || a.url.trim())
    .map((a) => ({ name: a.name.trim(), url: a.url.trim(), size: Math.max(0, Math.floor(Number(a.size) || 0)) }));
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
    if ((a.name.trim() || a.url.trim()) && (!a.name.trim() || !a.url.trim())) out[`attachments.${i}`] = '附件须有名称和地址';
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
