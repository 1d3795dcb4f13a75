/**
 * What staff may attach to a notice. A file's type is judged by its content: its first bytes name a
 * family (a PDF, an OLE compound document as old Office and WPS write, a ZIP container as OOXML, OFD
 * and .zip are, or an image), and the name's extension must be one this family can be. The
 * extension then picks the Content-Type the file is served with. Anything else (HTML, scripts,
 * executables, a PDF renamed .docx) is refused.
 */
export type AttachmentFamily = 'pdf' | 'ole' | 'zip' | 'jpeg' | 'png' | 'gif' | 'webp';

export interface AttachmentType {
  ext: string;
  /** The content families a file of this extension may have. */
  families: readonly AttachmentFamily[];
  contentType: string;
  /** What staff and parents see (文件类型). */
  label: string;
  /** An image: previewed (and usable in a notice body), not downloaded. */
  image?: true;
}

export const ATTACHMENT_TYPES: readonly AttachmentType[] = [
  { ext: 'pdf', families: ['pdf'], contentType: 'application/pdf', label: 'PDF 文档' },
  { ext: 'ofd', families: ['zip'], contentType: 'application/ofd', label: 'OFD 版式文档' },
  { ext: 'doc', families: ['ole'], contentType: 'application/msword', label: 'Word 文档' },
  { ext: 'docx', families: ['zip'], contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word 文档' },
  { ext: 'xls', families: ['ole'], contentType: 'application/vnd.ms-excel', label: 'Excel 表格' },
  { ext: 'xlsx', families: ['zip'], contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel 表格' },
  { ext: 'ppt', families: ['ole'], contentType: 'application/vnd.ms-powerpoint', label: 'PowerPoint 演示文稿' },
  { ext: 'pptx', families: ['zip'], contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', label: 'PowerPoint 演示文稿' },
  // WPS Office's own formats: binary (OLE) by default, OOXML inside when saved so.
  { ext: 'wps', families: ['ole', 'zip'], contentType: 'application/vnd.ms-works', label: 'WPS 文字' },
  { ext: 'et', families: ['ole', 'zip'], contentType: 'application/vnd.ms-excel', label: 'WPS 表格' },
  { ext: 'dps', families: ['ole', 'zip'], contentType: 'application/vnd.ms-powerpoint', label: 'WPS 演示' },
  { ext: 'zip', families: ['zip'], contentType: 'application/zip', label: '压缩包' },
  { ext: 'jpg', families: ['jpeg'], contentType: 'image/jpeg', label: '图片', image: true },
  { ext: 'jpeg', families: ['jpeg'], contentType: 'image/jpeg', label: '图片', image: true },
  { ext: 'png', families: ['png'], contentType: 'image/png', label: '图片', image: true },
  { ext: 'gif', families: ['gif'], contentType: 'image/gif', label: '图片', image: true },
  { ext: 'webp', families: ['webp'], contentType: 'image/webp', label: '图片', image: true },
];

/** The lower-case extension of a file name ('' without one). */
export function fileExtensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1).toLowerCase() : '';
}

export function attachmentTypeOf(name: string): AttachmentType | null {
  const ext = fileExtensionOf(name);
  return ATTACHMENT_TYPES.find((t) => t.ext === ext) ?? null;
}

/** For a file chooser's `accept` and for messages: `.pdf,.ofd,.doc,…`. */
export const ATTACHMENT_ACCEPT = ATTACHMENT_TYPES.map((t) => `.${t.ext}`).join(',');
/** The list as staff read it in a refusal or a hint. */
export const ATTACHMENT_TYPES_TEXT = 'PDF、OFD、Word（doc/docx）、Excel（xls/xlsx）、PowerPoint（ppt/pptx）、WPS（wps/et/dps）、ZIP 及图片（jpg/png/gif/webp）';
