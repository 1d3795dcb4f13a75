import { NOTICE_LIMITS, fileExtensionOf } from '@gongkai/shared';

/**
 * A file name as staff and parents see it: Chinese kept (NFC), only the last part of a path
 * (some browsers send `C:\\…\\招生计划表.pdf`), no control characters, runs of spaces as one,
 * and at most NOTICE_LIMITS.attachmentNameMax characters with the extension kept. '' when nothing is left.
 */
export function cleanAttachmentName(raw: string): string {
  const last = raw.normalize('NFC').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  return capName(last.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').replace(/\s+/g, ' ').trim());
}

/**
 * The name staff gave an attached file, or the uploaded one's: it keeps the uploaded file's
 * extension (a renamed 招生计划 still downloads as 招生计划.xlsx).
 */
export function renamedAttachment(given: string | undefined, uploaded: string): string {
  const name = given === undefined ? '' : cleanAttachmentName(given);
  if (!name) return uploaded;
  const ext = fileExtensionOf(uploaded);
  return !ext || fileExtensionOf(name) === ext ? name : capName(`${name}.${uploaded.slice(uploaded.length - ext.length)}`);
}

function capName(name: string, max: number = NOTICE_LIMITS.attachmentNameMax): string {
  const chars = Array.from(name); // code points, as the column counts them
  if (chars.length <= max) return name;
  const ext = fileExtensionOf(name);
  const suffix = ext && ext.length < 16 ? Array.from(name.slice(name.length - ext.length - 1)) : [];
  const stem = chars.slice(0, chars.length - suffix.length);
  return [...stem.slice(0, max - suffix.length), ...suffix].join('');
}
