/// <reference path="./html-escaper.d.ts" />
import { escape } from 'html-escaper';

/**
 * A sanitised notice body made fit for the page around it (GB/T 37668): its headings continue the
 * page's outline from h2 without skipping a level, each picture has a text alternative, and a wide
 * table scrolls inside a focusable region instead of widening the page. The sanitiser writes
 * tags in one form (lower case, attributes in double quotes), which these patterns rely on.
 */
export function pageBody(bodyHtml: string, title: string): string {
  return wrapTables(altTexts(renumberHeadings(bodyHtml), title));
}

/** The levels used (h2–h4 are allowed), mapped in order onto h2, h3, …: h3 + h4 → h2 + h3. */
function renumberHeadings(body: string): string {
  const used = [...new Set([...body.matchAll(/<h([1-6])\b/g)].map((m) => Number(m[1])))].sort();
  const level = new Map(used.map((l, i) => [l, Math.min(6, i + 2)]));
  if (used.every((l) => level.get(l) === l)) return body;
  return body.replace(/<(\/?)h([1-6])\b/g, (_all, slash: string, l: string) => `<${slash}h${level.get(Number(l)) ?? l}`);
}

/** A picture without `alt` takes its title, else names itself as the notice's n-th picture. */
function altTexts(body: string, title: string): string {
  let n = 0;
  return body.replace(/<img\b([^>]*)>/g, (tag: string, attributes: string) => {
    n += 1;
    if (/\salt="/.test(attributes)) return tag;
    // Already escaped by the sanitiser: reused as is inside the quotes.
    const own = /\stitle="([^"]+)"/.exec(attributes)?.[1];
    return `<img alt="${own ?? escape(`“${title}”插图${n}`)}"${attributes}>`;
  });
}

function wrapTables(body: string): string {
  let n = 0;
  return body
    .replace(/<table\b/g, () => {
      n += 1;
      return `<div class="table-scroll" role="region" tabindex="0" aria-label="表格${n}"><table`;
    })
    .replace(/<\/table>/g, '</table></div>');
}
