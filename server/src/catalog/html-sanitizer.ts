import { BODY_ALLOWED_TAGS } from '@gongkai/shared';
import sanitizeHtml from 'sanitize-html';
import { ATTACHMENT_PATH } from './attachments/attachment-links';

/** An uploaded image's link as a staff view signed it: stored without the signature (it expires). */
const SIGNED_IMAGE = new RegExp(`^(${ATTACHMENT_PATH.replace(/[/.]/g, '\\$&')}[0-9a-f-]{36})\\?.*$`);

/**
 * Notice bodies are sanitised on write with an allow-list: scripts, event handlers, styles and
 * non-http(s) links never reach storage, so every reader can render the stored HTML as is.
 */
const BODY_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...BODY_ALLOWED_TAGS],
  allowedAttributes: {
    a: ['href', 'title', 'target', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    // Links open outside the mini-program's web view and never get the opener.
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer', target: '_blank' }),
    img: (tagName, attribs) => ({ tagName, attribs: attribs.src ? { ...attribs, src: attribs.src.replace(SIGNED_IMAGE, '$1') } : attribs }),
  },
};

export function sanitizeBody(html: string): string {
  return sanitizeHtml(html, BODY_OPTIONS).trim();
}

/** The body as plain text: what search looks in. */
export function bodyToText(html: string): string {
  return sanitizeHtml(html.replace(/<\/(p|h\d|li|tr|div|blockquote)>|<br\s*\/?>/gi, '$&\n'), {
    allowedTags: [],
    allowedAttributes: {},
  })
    .replace(/&nbsp;|\u00a0/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
