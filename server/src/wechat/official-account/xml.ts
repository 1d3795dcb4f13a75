/**
 * The small, flat XML WeChat posts to the callback: `<xml><Name><![CDATA[value]]></Name><N>1</N></xml>`.
 * A few lines instead of a parser dependency: no DTDs or entities beyond the five predefined
 * ones are honoured (a DOCTYPE is refused), nested elements are read as flat fields.
 */
export type OaFields = Readonly<Record<string, string>>;

const FIELD = /<([A-Za-z_][\w.-]*)>(?:((?:\s*<!\[CDATA\[[\s\S]*?\]\]>)+)\s*|([^<]*))<\/\1>/g;
const SECTION = /<!\[CDATA\[([\s\S]*?)\]\]>/g;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function parseOaXml(text: string): OaFields | null {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return null;
  const root = /<xml>([\s\S]*)<\/xml>/.exec(text);
  if (!root) return null;
  const fields: Record<string, string> = Object.create(null);
  for (const match of root[1]!.matchAll(FIELD)) {
    const name = match[1]!;
    if (name in fields) continue;
    fields[name] = match[2] !== undefined ? [...match[2].matchAll(SECTION)].map((m) => m[1]).join('') : decodeEntities(match[3]!.trim());
  }
  return fields;
}

function decodeEntities(value: string): string {
  return value.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return ENTITIES[e]!;
  });
}

/** A CDATA section holding any text (a `]]>` inside is split across two sections). */
export function cdata(value: string): string {
  return `<![CDATA[${value.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** `<xml>` with the fields in order; numbers plain, strings as CDATA. */
export function buildOaXml(fields: [string, string | number][]): string {
  return `<xml>${fields.map(([name, value]) => `<${name}>${typeof value === 'number' ? value : cdata(value)}</${name}>`).join('')}</xml>`;
}
