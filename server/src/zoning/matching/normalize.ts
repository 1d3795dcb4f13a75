import { ZONING_LIMITS } from '@gongkai/shared';
import { chineseNumeralsToDigits } from './chinese-numerals';

/**
 * One normalisation for the table's names and for what parents type, so both meet:
 * NFKC (full-width digits, letters and brackets → half-width), lower-case latin, Chinese numerals
 * → digits, and only letters and digits kept (spaces, punctuation, brackets, emoji dropped; text
 * inside brackets stays). A dash between two digits survives as '-' (3-2-501 is building 3), and
 * '#' after a digit reads as 号 (3#楼 = 3号楼).
 */

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const DASHES = new Set(['-', '‐', '‑', '‒', '–', '—', '―', '−', '~', '〜']);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** The first `ZONING_LIMITS.query` code points (longer input is cut, never rejected here). */
export function cutQuery(input: unknown, limit: number = ZONING_LIMITS.query): string {
  if (typeof input !== 'string' || input.length === 0) return '';
  // Two UTF-16 units per code point at most: slice first so a 10 KB input costs nothing.
  const head = input.slice(0, limit * 2);
  let out = '';
  let count = 0;
  for (const ch of head) {
    if (count === limit) break;
    out += ch;
    count += 1;
  }
  return out;
}

export function normalizeText(input: string): string {
  if (!input) return '';
  const text = chineseNumeralsToDigits(input.normalize('NFKC').toLowerCase());
  let out = '';
  const n = text.length;
  for (let i = 0; i < n; ) {
    const code = text.charCodeAt(i);
    // Most of an address: CJK ideographs, digits, latin letters (kept as they are).
    if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a)) {
      out += text[i];
      i += 1;
      continue;
    }
    const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
    const width = code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
    const ch = text.slice(i, i + width);
    i += width;
    if (DASHES.has(ch)) {
      // Keep a dash only between digits (spaces around it skipped): 3 - 2 - 501 → 3-2-501.
      let k = i;
      while (k < n && text[k] === ' ') k += 1;
      if (isDigit(out[out.length - 1]) && isDigit(text[k])) out += '-';
      continue;
    }
    if (ch === '#') {
      if (isDigit(out[out.length - 1])) out += '号';
      continue;
    }
    if (LETTER_OR_DIGIT.test(ch)) out += ch;
  }
  return out;
}
