/**
 * A minimal XML writer for the feeds: elements, attributes and escaped text, nothing else. Every
 * string is escaped here and characters XML 1.0 cannot carry at all (most C0 controls, lone
 * surrogates, U+FFFE/U+FFFF) are dropped, so no title, name or body can make a feed ill-formed.
 * HTML content goes in as escaped text (never CDATA, which a `]]>` in the content would end).
 * Not xmlbuilder2 or xml-js: both leave an `&` that starts something entity-like unescaped, so a
 * title holding "&nbsp;" would come out as an undefined entity (an ill-formed feed).
 */
export interface XmlElement {
  name: string;
  attrs?: Record<string, string | number | undefined>;
  children?: XmlNode[];
}
export type XmlNode = XmlElement | string | null | undefined;

const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text as XML 1.0 can hold it (the characters it cannot are dropped). */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML_CHAR, '');
}

function escapeText(text: string): string {
  return xmlSafe(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/** `el('title', {}, '…')`: an element; null/undefined children are left out (optional fields). */
export function el(name: string, attrs: XmlElement['attrs'] = {}, ...children: XmlNode[]): XmlElement {
  return { name, attrs, children };
}

function write(node: XmlNode, out: string[]): void {
  if (node === null || node === undefined) return;
  if (typeof node === 'string') {
    out.push(escapeText(node));
    return;
  }
  out.push('<', node.name);
  for (const [key, value] of Object.entries(node.attrs ?? {})) {
    if (value !== undefined) out.push(' ', key, '="', escapeAttr(String(value)), '"');
  }
  const children = (node.children ?? []).filter((c) => c !== null && c !== undefined && c !== '');
  if (!children.length) {
    out.push('/>');
    return;
  }
  out.push('>');
  for (const child of children) write(child, out);
  out.push('</', node.name, '>');
}

/** The document: declaration, then `root`. */
export function xmlDocument(root: XmlElement): string {
  const out = ['<?xml version="1.0" encoding="utf-8"?>\n'];
  write(root, out);
  out.push('\n');
  return out.join('');
}
