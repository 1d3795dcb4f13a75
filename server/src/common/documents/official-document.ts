import { readFileSync } from 'node:fs';

/**
 * What every printed document of the bureau shares (the reply letters, the yearly report): the
 * 公文 page of GB/T 9704 and its Chinese font. Noto Serif SC (OFL) comes from
 * @expo-google-fonts/noto-serif-sc, regular for the text and bold for titles; the two files
 * (about 15 MB each) are read once per process, whichever document needs them first.
 */
const NOTO_SERIF_SC_FILES = {
  regular: '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf',
} as const;

export type FontWeight = keyof typeof NOTO_SERIF_SC_FILES;

/** The family name inside the font files (what SVG text and font look-ups name). */
export const DOCUMENT_FONT_FAMILY = 'Noto Serif SC';

let fontFiles: Record<FontWeight, Buffer> | null = null;

/** The bytes of both weights of the documents' font. */
export function documentFontFiles(): Record<FontWeight, Buffer> {
  fontFiles ??= { regular: readFileSync(require.resolve(NOTO_SERIF_SC_FILES.regular)), bold: readFileSync(require.resolve(NOTO_SERIF_SC_FILES.bold)) };
  return fontFiles;
}

/** 公文 page (GB/T 9704): A4, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm. */
export const GONGWEN_MARGINS_MM = { top: 37, bottom: 35, left: 28, right: 26 } as const;

/** PDF points per millimetre (pdfkit's unit). */
export const PT_PER_MM = 72 / 25.4;
/** The 公文 margins in PDF points. */
export const GONGWEN_MARGINS_PT = {
  top: GONGWEN_MARGINS_MM.top * PT_PER_MM,
  bottom: GONGWEN_MARGINS_MM.bottom * PT_PER_MM,
  left: GONGWEN_MARGINS_MM.left * PT_PER_MM,
  right: GONGWEN_MARGINS_MM.right * PT_PER_MM,
};
