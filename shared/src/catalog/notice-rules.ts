/** Field limits of a notice, checked by the server and shown by the staff pages. */
export const NOTICE_LIMITS = {
  titleMax: 200,
  summaryMax: 500,
  documentNoMax: 100,
  bodyMax: 200_000,
  attachmentsMax: 20,
  attachmentNameMax: 200,
  topicsMax: 5,
} as const;

/** Tags and attributes a notice body may keep; everything else is removed on write. */
export const BODY_ALLOWED_TAGS = [
  'h2', 'h3', 'h4', 'p', 'br', 'hr', 'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup',
  'ul', 'ol', 'li', 'blockquote', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span', 'div',
] as const;
