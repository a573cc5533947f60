// The part of fontkit 2 (which ships no types) that the drawings use: a font's
// layout of a line of text and each glyph's outline.
declare module 'fontkit' {
  export interface PathCommand {
    command: 'moveTo' | 'lineTo' | 'quadraticCurveTo' | 'bezierCurveTo' | 'closePath';
    args: number[];
  }
  export interface Glyph {
    path: { commands: PathCommand[] };
  }
  export interface GlyphRun {
    glyphs: Glyph[];
    positions: { xAdvance: number; xOffset: number; yOffset: number }[];
    advanceWidth: number;
  }
  export interface Font {
    unitsPerEm: number;
    layout(text: string): GlyphRun;
  }
  /** A font from its file's bytes (a collection, .ttc, gives a collection rather than a font). */
  export function create(data: Buffer): Font;
}
