// More of fontkit 2 (which ships no types; see fontkit.d.ts): a font read from its
// bytes, its family name and its OS/2 table, from which the web page tells a
// serif from a sans serif.
declare module 'fontkit' {
  export interface Font {
    familyName: string;
    characterSet: number[];
    italicAngle: number;
    'OS/2'?: { sFamilyClass?: number; panose?: number[]; usWeightClass?: number };
  }
  export function create(buffer: Buffer): Font;
}
