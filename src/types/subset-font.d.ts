// subset-font (harfbuzz's hb-subset) ships no types: a font cut down to the glyphs of some text.
declare module 'subset-font' {
  export default function subsetFont(font: Buffer, text: string, options?: { targetFormat?: 'sfnt' | 'truetype' | 'woff' | 'woff2' }): Promise<Buffer>;
}
