// The part of fontkit 2 (which ships no types) that we use: a font's layout of a
// line of text and each glyph's outline (the drawings), what the check of a
// theme's font files reads (load/fonts.ts), and the OS/2 table from which the
// web page tells a serif from a sans serif.
declare module 'fontkit' {
  export interface PathCommand {
    command: 'moveTo' | 'lineTo' | 'quadraticCurveTo' | 'bezierCurveTo' | 'closePath';
    args: number[];
  }
  export interface Glyph {
    /** Its index in the font: the same glyph has the same id in every run. */
    id: number;
    path: { commands: PathCommand[] };
  }
  export interface GlyphRun {
    glyphs: Glyph[];
    positions: { xAdvance: number; xOffset: number; yOffset: number }[];
    advanceWidth: number;
  }
  export interface Font {
    /** 'TTF' for TrueType and OpenType, 'WOFF', 'WOFF2', 'TTC' for a collection, 'DFont'. */
    type: string;
    unitsPerEm: number;
    familyName: string;
    /** Every code point the font has a glyph for. */
    characterSet: number[];
    italicAngle: number;
    directory: { tables: Record<string, unknown> };
    'OS/2'?: { fsType?: { noEmbedding?: boolean }; sFamilyClass?: number; panose?: number[]; usWeightClass?: number };
    layout(text: string): GlyphRun;
  }
  /** A font from its file's bytes (a collection, .ttc, gives a collection rather than a font: load/fonts.ts refuses one). */
  export function create(data: Uint8Array): Font;
}
