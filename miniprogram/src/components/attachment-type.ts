import { ATTACHMENT_TYPES, attachmentTypeOf, fileExtensionOf, type AttachmentType, type AttachmentView } from '@gongkai/shared';

/**
 * What kind of file an attachment is: by its name's extension (an uploaded file keeps its own),
 * else by the type it is served with, else by the address (a link typed by hand).
 */
export function typeOfAttachment(a: Pick<AttachmentView, 'name' | 'url' | 'contentType'>): AttachmentType | null {
  return (
    attachmentTypeOf(a.name) ??
    (a.contentType ? ATTACHMENT_TYPES.find((t) => t.contentType === a.contentType) ?? null : null) ??
    attachmentTypeOf(a.url.split(/[?#]/)[0] ?? '')
  );
}

/** The short badge: PDF, XLSX…; 文件 when nothing tells. */
export function badgeOf(a: Pick<AttachmentView, 'name' | 'url' | 'contentType'>): string {
  const ext = typeOfAttachment(a)?.ext ?? (fileExtensionOf(a.name) || fileExtensionOf(a.url.split(/[?#]/)[0] ?? ''));
  return (ext || '文件').toUpperCase().slice(0, 4);
}
