// Which characters the PDF can print. The PDF is set in one font (pdfmake's
// Roboto) with no fallback: a character it has no glyph for prints as an empty
// box, while Word, which finds another font, shows it, and the two files no
// longer say the same thing. So text with such a character is refused before
// anything is built (validate: missing-glyph), in every format.
//
// Why no fallback fonts: the PDF's text engine (pdfkit with fontkit) shapes
// Arabic letters but does not reorder right-to-left text, so Arabic, Urdu or
// Hebrew words come out in the wrong order, which is worse than refusing them;
// fonts for Chinese are tens of megabytes; and the Indic scripts would each need
// a font of their own, checked by eye. Roboto covers Latin (Welsh ŵ ŷ, Polish,
// every Western and Central European language), Greek and Cyrillic.
//
// A theme may set the pack in other fonts (theme.fonts): then each character
// must have a glyph in every face of them, as any face may print it.
import * as fontkit from 'fontkit';
import { FONT_FACES, type FontFamily } from '../model/document.js';
import { PDF_FONT_CHARACTERS } from './pdf-font-characters.js';

/** Line breaks and tabs are layout, not glyphs: the writers turn them into breaks and spaces. */
const LAYOUT = new Set([0x09, 0x0a, 0x0d]);

/** Whether the PDF's font has a glyph for a code point (a binary search of its ranges). */
export function printable(codePoint: number): boolean {
  if (LAYOUT.has(codePoint)) return true;
  let low = 0;
  let high = PDF_FONT_CHARACTERS.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [first, last] = PDF_FONT_CHARACTERS[middle]!;
    if (codePoint < first) high = middle - 1;
    else if (codePoint > last) low = middle + 1;
    else return true;
  }
  return false;
}

/** The scripts named in a missing-glyph message, most asked-for first (Unicode script names, as JavaScript knows them). */
const SCRIPTS: readonly [name: string, pattern: RegExp][] = (
  [
    ['Arabic', 'Arabic'],
    ['Bengali', 'Bengali'],
    ['Gurmukhi (Punjabi)', 'Gurmukhi'],
    ['Chinese', 'Han'],
    ['Devanagari', 'Devanagari'],
    ['Gujarati', 'Gujarati'],
    ['Tamil', 'Tamil'],
    ['Hebrew', 'Hebrew'],
    ['Japanese', 'Hiragana'],
    ['Japanese', 'Katakana'],
    ['Korean', 'Hangul'],
    ['Thai', 'Thai'],
    ['Amharic (Ethiopic)', 'Ethiopic'],
    ['Armenian', 'Armenian'],
    ['Georgian', 'Georgian'],
    ['Sinhala', 'Sinhala'],
    ['Telugu', 'Telugu'],
    ['Kannada', 'Kannada'],
    ['Malayalam', 'Malayalam'],
    // Today's font has every letter of these; a theme's font may not.
    ['Latin', 'Latin'],
    ['Greek', 'Greek'],
    ['Cyrillic', 'Cyrillic'],
  ] as const
).map(([name, script]) => [name, new RegExp(`^\\p{Script=${script}}$`, 'u')]);

/** What a reader would call the kind of character: its script, an emoji, or a symbol. */
export function scriptOf(character: string): string {
  for (const [name, pattern] of SCRIPTS) if (pattern.test(character)) return `${name} script`;
  if (/^\p{Extended_Pictographic}$/u.test(character)) return 'an emoji';
  if (/^\p{M}$/u.test(character)) return 'a combining accent';
  return 'a symbol';
}

/** The characters each family of a theme's fonts has in all four faces (the fonts' own cmaps). */
export interface ThemeCoverage {
  families: { family: string; characters: ReadonlySet<number> }[];
}

const coverageOf = new WeakMap<FontFamily, ReadonlySet<number>>();

function familyCoverage(family: FontFamily): ReadonlySet<number> {
  let characters = coverageOf.get(family);
  if (!characters) {
    const [first, ...others] = FONT_FACES.map((face) => new Set(fontkit.create(family[face]).characterSet));
    characters = new Set([...first!].filter((codePoint) => others.every((face) => face.has(codePoint))));
    coverageOf.set(family, characters);
  }
  return characters;
}

/** What a theme's fonts can print: undefined for today's (Roboto in the PDF). */
export function themeCoverage(fonts: { body: FontFamily; headings: FontFamily } | undefined): ThemeCoverage | undefined {
  if (!fonts) return undefined;
  const families = fonts.headings === fonts.body ? [fonts.body] : [fonts.body, fonts.headings];
  return { families: families.map((family) => ({ family: family.family, characters: familyCoverage(family) })) };
}

export interface Unprintable {
  /** Where in the text, in UTF-16 code units. */
  index: number;
  character: string;
  /** As Unicode writes it: `U+0628`. */
  codePoint: string;
  /** `Arabic script`, `an emoji`, `a symbol`. */
  script: string;
  /** The theme's font that has no glyph for it; undefined for the PDF's own font. */
  font?: string;
}

/** The font of a theme's that has no glyph for a code point, or true when today's font has none, or undefined when it prints. */
function lacking(codePoint: number, theme: ThemeCoverage | undefined): string | true | undefined {
  if (!theme) return printable(codePoint) ? undefined : true;
  if (LAYOUT.has(codePoint)) return undefined;
  return theme.families.find(({ characters }) => !characters.has(codePoint))?.family;
}

/** The first character of a text that the pack's fonts (the theme's, or the PDF's own) have no glyph for, if any. */
export function firstUnprintable(text: string, theme?: ThemeCoverage): Unprintable | undefined {
  let index = 0;
  for (const character of text) {
    const codePoint = character.codePointAt(0)!;
    const font = lacking(codePoint, theme);
    if (font !== undefined) {
      const found = { index, character, codePoint: `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`, script: scriptOf(character) };
      return font === true ? found : { ...found, font };
    }
    index += character.length;
  }
  return undefined;
}
