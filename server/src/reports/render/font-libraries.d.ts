// fontkit 2 and subset-font ship no types: what the report's renderers use of them.

declare module 'fontkit' {
  /** One font (TrueType/OpenType, WOFF, WOFF2). */
  export interface Font {
    readonly type: 'TTF' | 'WOFF' | 'WOFF2';
    readonly familyName: string;
    /** Whether the font's cmap maps the character to a glyph. */
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  /** A collection file (.ttc, .dfont): several fonts in one. */
  export interface FontCollection {
    readonly type: 'TTC' | 'DFont';
    readonly fonts: Font[];
  }
  /** Parses a font file; throws on an unknown format. */
  export function create(buffer: Uint8Array, postscriptName?: string): Font | FontCollection;
}

declare module 'subset-font' {
  namespace subsetFont {
    interface Options {
      /** Output format; 'truetype' is an alias of 'sfnt'. Default: the input's. */
      targetFormat?: 'sfnt' | 'truetype' | 'woff' | 'woff2';
    }
  }
  /** A font with only the glyphs `text` needs (HarfBuzz's hb-subset, compiled to WebAssembly). */
  function subsetFont(font: Buffer, text: string, options?: subsetFont.Options): Promise<Buffer>;
  export = subsetFont;
}
