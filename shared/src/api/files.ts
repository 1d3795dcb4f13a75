/** An uploaded file as its uploader gets it back (POST /staff/attachments). */
export interface UploadedFileView {
  /** Give it as `{ fileId }` in a notice's `attachments` to attach it. */
  fileId: string;
  /** The original name, Chinese kept. */
  name: string;
  /** bytes */
  size: number;
  contentType: string;
  /** Hex SHA-256 of the content. */
  sha256: string;
  /** Where staff can open it now (signed, for a limited time); parents download it once the notice is public. */
  url: string;
}

/** What POST /staff/notices/import-word returns: a body for the compose form, and what was recognised. */
export interface WordImportResult {
  /** The title found at the top of the document (a Title-styled or large, centred first paragraph); null when none. */
  title: string | null;
  /** A 文号 such as 某教发〔2026〕12号 found near the top; null when none. */
  documentNo: string | null;
  /** The body as sanitised HTML (the same tags the editor keeps), the title and 文号 taken out. */
  bodyHtml: string;
  /** The document's images, stored as attachments; the body's <img> point at them. Attach them with the notice. */
  images: UploadedFileView[];
  /** Things the import could not keep exactly, in words for staff (e.g. 文中的公式未能导入). */
  warnings: string[];
}
