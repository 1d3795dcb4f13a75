import { ATTACHMENT_TYPES, attachmentTypeOf, type AttachmentType, type AttachmentView } from '@gongkai/shared';
import { fileExtension, formatSize } from '../utils/format';

/**
 * What kind of file an attachment is: by its name's extension (an uploaded file keeps its own),
 * else by the type it is served with, else by the address (a link typed by hand).
 */
export function typeOfAttachment(a: Pick<AttachmentView, 'name' | 'url' | 'contentType'>): AttachmentType | null {
  return (
    attachmentTypeOf(a.name) ??
    (a.contentType ? ATTACHMENT_TYPES.find((t) => t.contentType === a.contentType) ?? null : null) ??
    ATTACHMENT_TYPES.find((t) => t.ext === fileExtension(a.url)) ??
    null
  );
}

/** The attachment's extension ('' when nothing tells): its type's, else its name's or address's. */
export function extensionOf(a: Pick<AttachmentView, 'name' | 'url' | 'contentType'>): string {
  return typeOfAttachment(a)?.ext ?? (fileExtension(a.name) || fileExtension(a.url));
}

/** The short badge: PDF, XLSX…; 文件 when nothing tells. */
export function badgeOf(a: Pick<AttachmentView, 'name' | 'url' | 'contentType'>): string {
  return (extensionOf(a) || '文件').toUpperCase().slice(0, 4);
}

/** What a row says under the name: 文件类型 · 大小. */
export function factsOf(a: Pick<AttachmentView, 'name' | 'url' | 'contentType' | 'size'>): string {
  return [typeOfAttachment(a)?.label, formatSize(a.size)].filter(Boolean).join(' · ');
}

/** Said when a file's notice was withdrawn (the download answered 410). */
export const WITHDRAWN_MESSAGE = '该信息已撤回';
