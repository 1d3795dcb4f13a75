export interface HighlightPart {
  text: string;
  hit: boolean;
}

/** What to highlight: a query as typed (words split on white space) or a list of words (the search API's `highlight`). */
export type HighlightWords = string | readonly string[];

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The search words of a query: split on white space, longest first, without duplicates. */
export function queryTerms(query: string): string[] {
  const terms = Array.from(new Set(query.trim().split(/\s+/).filter(Boolean)));
  return terms.sort((a, b) => b.length - a.length);
}

/**
 * `text` folded one character at a time (full-width → half-width, lower case, as the server folds
 * queries), with each folded unit's place in the original text, so a match found in the folded
 * text is cut from the original: “２０２６年” is highlighted for the word 2026.
 */
interface FoldedText {
  text: string;
  /** Per UTF-16 unit of `text`: where the original character starts and ends. */
  from: number[];
  to: number[];
}

function foldText(text: string): FoldedText {
  let out = '';
  const from: number[] = [];
  const to: number[] = [];
  let at = 0;
  for (const ch of text) {
    const folded = ch.normalize('NFKC').toLowerCase();
    const next = at + ch.length;
    for (let i = 0; i < folded.length; i += 1) {
      from.push(at);
      to.push(next);
    }
    out += folded;
    at = next;
  }
  return { text: out, from, to };
}

/** The words to look for, folded, longest first (so 招生范围 wins over 招生), without duplicates. */
export function highlightTerms(words: HighlightWords): string[] {
  const list = typeof words === 'string' ? words.trim().split(/\s+/) : words;
  const terms = new Set<string>();
  for (const w of list) {
    const folded = foldText(w.trim()).text.trim();
    if (folded) terms.add(folded);
  }
  return Array.from(terms).sort((a, b) => b.length - a.length);
}

/** Where the words occur in `text`: [start, end) ranges of the original text, in order, never overlapping. */
function matchRanges(text: string, words: HighlightWords): [number, number][] {
  const terms = highlightTerms(words);
  if (!text || !terms.length) return [];
  const folded = foldText(text);
  const re = new RegExp(terms.map(escapeRegExp).join('|'), 'g');
  const ranges: [number, number][] = [];
  let last = 0;
  for (let m = re.exec(folded.text); m; m = re.exec(folded.text)) {
    if (m[0] === '') {
      re.lastIndex += 1;
      continue;
    }
    // A character that folds into several (㈠ → (一)) may hold the end of one match and the start of the next.
    const start = Math.max(folded.from[m.index] ?? 0, last);
    const end = folded.to[m.index + m[0].length - 1] ?? text.length;
    if (end <= start) continue;
    ranges.push([start, end]);
    last = end;
  }
  return ranges;
}

/**
 * Cuts `text` into runs that match one of the words and runs that do not. `words` is a query as
 * typed (split on white space) or the search API's list of words; matching ignores case and width.
 */
export function splitHighlight(text: string, words: HighlightWords): HighlightPart[] {
  if (!text) return [];
  const ranges = matchRanges(text, words);
  if (!ranges.length) return [{ text, hit: false }];
  const parts: HighlightPart[] = [];
  let last = 0;
  for (const [start, end] of ranges) {
    if (start > last) parts.push({ text: text.slice(last, start), hit: false });
    parts.push({ text: text.slice(start, end), hit: true });
    last = end;
  }
  if (last < text.length) parts.push({ text: text.slice(last), hit: false });
  return parts;
}

/**
 * At most `max` characters of `text` around the first matched word (a little context before it),
 * with “…” where text was cut; the start of the text when no word matches.
 */
export function excerptAround(text: string, words: HighlightWords, max = 80, before = 16): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const first = matchRanges(text, words)[0];
  // The match's place in characters (code points), not UTF-16 units.
  const at = first ? Array.from(text.slice(0, first[0])).length : 0;
  const start = Math.max(0, Math.min(at - before, chars.length - max));
  const end = Math.min(chars.length, start + max);
  return `${start > 0 ? '…' : ''}${chars.slice(start, end).join('')}${end < chars.length ? '…' : ''}`;
}
