export interface HighlightPart {
  text: string;
  hit: boolean;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The search words of a query: split on white space, longest first, without duplicates. */
export function queryTerms(query: string): string[] {
  const terms = Array.from(new Set(query.trim().split(/\s+/).filter(Boolean)));
  return terms.sort((a, b) => b.length - a.length);
}

/** Cuts `text` into runs that match one of the query's words (case-insensitive) and runs that do not. */
export function splitHighlight(text: string, query: string): HighlightPart[] {
  const terms = queryTerms(query);
  if (!text) return [];
  if (!terms.length) return [{ text, hit: false }];
  const re = new RegExp(`(${terms.map(escapeRegExp).join('|')})`, 'gi');
  const parts: HighlightPart[] = [];
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === '') {
      re.lastIndex += 1;
      continue;
    }
    if (m.index > last) parts.push({ text: text.slice(last, m.index), hit: false });
    parts.push({ text: m[0], hit: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), hit: false });
  return parts;
}
