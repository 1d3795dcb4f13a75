/**
 * The small, flat XML WeChat posts to the callback: `<xml><Name><![CDATA[value]]></Name><N>1</N></xml>`.
 *
 * A single forward scan instead of regular expressions or a general parser: every step looks for
 * its delimiter (`<`, `>`, `]]>`, `-->`) with indexOf from where the previous one ended and never
 * looks back, so the work is linear in the input (the regex this replaced backtracked
 * exponentially on repeated CDATA sections). Nothing beyond the five predefined entities and
 * character references is honoured: a DOCTYPE, ENTITY or processing instruction is refused, as is
 * a character reference to something that is no XML character (`&#1114112;`, surrogates). Nested
 * elements are read as flat fields (the first of a name wins); attributes are not expected.
 */
export type OaFields = Readonly<Record<string, string>>;

/** Longer input is refused outright (the HTTP body cap is 64 KiB; a decrypted message is smaller). */
export const MAX_XML_CHARS = 64 * 1024;
/** WeChat's messages nest two levels below <xml> at most (ScanCodeInfo, SendPicsInfo/PicList/item). */
const MAX_DEPTH = 6;

const NAME = /^[A-Za-z_][\w.-]*$/;
const ENTITY = /&(lt|gt|amp|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});/g;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

class NotXml extends Error {}

interface Open {
  name: string;
  parts: string[];
  cdata: boolean;
  children: boolean;
}

/** The fields of a WeChat message, or null when `text` is not such a message (or not well-formed enough to be one). */
export function parseOaXml(text: string): OaFields | null {
  if (text.length > MAX_XML_CHARS) return null;
  try {
    return scan(text);
  } catch (error) {
    if (error instanceof NotXml) return null;
    throw error;
  }
}

function scan(text: string): OaFields {
  const fields: Record<string, string> = Object.create(null);
  const stack: Open[] = [];
  let rootDone = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (text.startsWith('<?xml', skipSpace(text, i))) {
    const end = text.indexOf('?>', i);
    if (end < 0) throw new NotXml();
    i = end + 2;
  }
  for (;;) {
    const lt = text.indexOf('<', i);
    const chunk = text.slice(i, lt < 0 ? text.length : lt);
    const top = stack[stack.length - 1];
    if (top) top.parts.push(decodeEntities(chunk));
    else if (chunk.trim()) throw new NotXml();
    if (lt < 0) break;
    if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt + 9);
      if (!top || end < 0) throw new NotXml();
      top.parts.push(text.slice(lt + 9, end));
      top.cdata = true;
      i = end + 3;
    } else if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      if (end < 0) throw new NotXml();
      i = end + 3;
    } else if (text[lt + 1] === '!' || text[lt + 1] === '?') {
      throw new NotXml(); // DOCTYPE, ENTITY, processing instructions
    } else {
      const gt = text.indexOf('>', lt + 1);
      if (gt < 0) throw new NotXml();
      const tag = text.slice(lt + 1, gt);
      i = gt + 1;
      if (tag.startsWith('/')) {
        if (!top || tag.slice(1).trimEnd() !== top.name) throw new NotXml();
        stack.pop();
        close(top, stack.length, fields);
        if (stack.length === 0) rootDone = true;
        continue;
      }
      const selfClosing = tag.endsWith('/');
      const name = (selfClosing ? tag.slice(0, -1) : tag).trimEnd();
      if (!NAME.test(name) || rootDone || stack.length >= MAX_DEPTH) throw new NotXml();
      if (!top && name !== 'xml') throw new NotXml();
      if (top) top.children = true;
      const open: Open = { name, parts: [], cdata: false, children: false };
      if (selfClosing) close(open, stack.length, fields);
      else stack.push(open);
    }
  }
  if (stack.length || !rootDone) throw new NotXml();
  return fields;
}

/** A closed element below the root that holds text (not other elements) becomes a field, unless one of its name came first. */
function close(element: Open, depth: number, fields: Record<string, string>): void {
  if (depth === 0 || element.children || element.name in fields) return;
  // Whitespace around CDATA sections is layout; plain text is trimmed.
  fields[element.name] = element.cdata ? element.parts.filter((p) => p.trim()).join('') : element.parts.join('').trim();
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}

function decodeEntities(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(ENTITY, (_, e: string) => {
    if (!e.startsWith('#')) return ENTITIES[e]!;
    const code = e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    if (!isXmlChar(code)) throw new NotXml();
    return String.fromCodePoint(code);
  });
}

/** XML 1.0's Char production: what a character reference may name. */
function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

/** A CDATA section holding any text (a `]]>` inside is split across two sections). */
export function cdata(value: string): string {
  return `<![CDATA[${value.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** `<xml>` with the fields in order; numbers plain, strings as CDATA. */
export function buildOaXml(fields: [string, string | number][]): string {
  return `<xml>${fields.map(([name, value]) => `<${name}>${typeof value === 'number' ? value : cdata(value)}</${name}>`).join('')}</xml>`;
}
