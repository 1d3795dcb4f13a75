/// <reference path="./font-libraries.d.ts" />
import { create, type Font } from 'fontkit';
import subsetFont from 'subset-font';
import { DOCUMENT_FONT_FAMILY, documentFontFiles, type FontWeight } from '../../common/documents/official-document';

/**
 * The report's font: the documents' Noto Serif SC (common/documents, shared with the reply
 * letters). The PDF embeds it (subset) and the charts' PNGs are drawn with it, so the Chinese
 * renders the same on every machine.
 */
export type ReportFontWeight = FontWeight;

/** The family name inside the font files (what SVG text and resvg look up). */
export const REPORT_FONT_FAMILY = DOCUMENT_FONT_FAMILY;

export interface ReportFont {
  /** The font file. */
  data: Buffer;
  /** The same parsed by fontkit (the font library pdfkit uses), for glyph look-ups. */
  font: Font;
}

let fonts: Record<ReportFontWeight, ReportFont> | null = null;

function load(weight: ReportFontWeight): ReportFont {
  const data = documentFontFiles()[weight];
  const font = create(data);
  if ('fonts' in font) throw new Error(`the ${weight} document font is a font collection`);
  return { data, font };
}

export function reportFonts(): Record<ReportFontWeight, ReportFont> {
  fonts ??= { regular: load('regular'), bold: load('bold') };
  return fonts;
}

/**
 * A TrueType font with just the glyphs `text` needs (with a cmap for them), cut from a weight of
 * the report's font by HarfBuzz's subsetter; the family name stays, so resvg finds it by name.
 */
export function reportFontSubset(weight: ReportFontWeight, text: string): Promise<Buffer> {
  return subsetFont(reportFonts()[weight].data, text, { targetFormat: 'truetype' });
}

/**
 * Look-alikes for characters staff may paste that the font lacks (Noto Serif SC has GB 18030's
 * common set, the CJK punctuation, bullets and dashes; it lacks some spaces, operators and marks).
 */
const SUBSTITUTES: Record<string, string> = {
  '\u2219': '·', // bullet operator
  '\u2009': ' ', // thin space
  '\u200a': ' ',
  '\u202f': ' ',
  '\u205f': ' ',
  '\u2713': '√',
  '\u2714': '√',
  '\u2715': '×',
  '\u2716': '×',
  '\u2717': '×',
  '\u2718': '×',
};
/** Drawn for a character the font cannot show (〓, the typesetter's mark for a missing character). */
export const MISSING_MARK = '〓';

const cache = new Map<string, string>();

/**
 * The text with every character the font can draw, in both weights: a missing one becomes a
 * look-alike or 〓 (never an empty box); zero-width characters and variation selectors go;
 * tabs and other controls become spaces (new lines stay).
 */
export function printable(text: string): string {
  const { regular, bold } = reportFonts();
  const drawable = (s: string) => [...s].every((c) => regular.font.hasGlyphForCodePoint(c.codePointAt(0)!) && bold.font.hasGlyphForCodePoint(c.codePointAt(0)!));
  let out = '';
  for (const ch of text) {
    let mapped = cache.get(ch);
    if (mapped === undefined) {
      const cp = ch.codePointAt(0)!;
      if (ch === '\n') mapped = ch;
      else if (/[\u200b-\u200d\u2060\ufeff\ufe00-\ufe0f\u{e0100}-\u{e01ef}\u00ad]/u.test(ch)) mapped = '';
      else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) mapped = ' ';
      else if (drawable(ch)) mapped = ch;
      else if (SUBSTITUTES[ch] && drawable(SUBSTITUTES[ch])) mapped = SUBSTITUTES[ch];
      else if (/\s/u.test(ch)) mapped = ' ';
      else mapped = MISSING_MARK;
      if (cache.size < 10_000) cache.set(ch, mapped);
    }
    out += mapped;
  }
  return out;
}
