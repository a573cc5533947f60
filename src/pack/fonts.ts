// The fonts a pack is set in, as the stages after loading see them: a theme
// names a font the tool ships, or gives the organisation's own font files,
// relative to the organisation file. Reading and checking the files is
// load/fonts.ts's job; this finds them in the data and puts a theme's fonts together.
import type { FontFamily } from '../model/document.js';
import type { PathSegment, YamlFile } from './data-file.js';
import { imageKey } from './images.js';
import { shippedFontFamily } from './shipped-fonts.js';

export const FACES = ['regular', 'bold', 'italic', 'boldItalic'] as const;
type Face = (typeof FACES)[number];

/** A font the organisation file gives by its files (or names, as a string). */
type FontChoice = string | ({ family: string } & Record<Face, string>);
interface ThemeFontsData {
  body: FontChoice;
  headings: FontChoice | null;
}

/** A font file that passed every check, ready for the writers. */
export interface LoadedFont {
  /** Its path from the project root, with forward slashes. */
  key: string;
  data: Uint8Array;
}

const fontsOf = (organisation: unknown): ThemeFontsData | undefined => {
  const fonts = (organisation as { theme?: { fonts?: unknown } } | null | undefined)?.theme?.fonts;
  return fonts !== null && typeof fonts === 'object' ? (fonts as ThemeFontsData) : undefined;
};

/** Every font file an organisation file's theme gives, with where it is named. */
export function fontFields(organisation: unknown): { at: PathSegment[]; ref: string }[] {
  const fonts = fontsOf(organisation);
  if (!fonts) return [];
  return (['body', 'headings'] as const).flatMap((role) => {
    const choice = fonts[role];
    if (choice === null || typeof choice !== 'object') return [];
    return FACES.flatMap((face) => (typeof choice[face] === 'string' ? [{ at: ['theme', 'fonts', role, face], ref: choice[face] }] : []));
  });
}

/**
 * The fonts a theme sets the pack in, each face's bytes: the named shipped
 * family, or the organisation's own files (as loaded, by key). Undefined when
 * the theme gives no fonts, or a file of them did not load (it is reported).
 */
export function themeFonts(file: YamlFile, organisation: unknown, loaded: ReadonlyMap<string, LoadedFont>): { body: FontFamily; headings: FontFamily } | undefined {
  const fonts = fontsOf(organisation);
  if (!fonts) return undefined;
  const family = (choice: FontChoice): FontFamily | undefined => {
    if (typeof choice === 'string') return shippedFontFamily(choice);
    const faces = FACES.map((face) => loaded.get(imageKey(file, choice[face]))?.data);
    if (!faces.every((data): data is Uint8Array => data !== undefined)) return undefined;
    const [regular, bold, italic, boldItalic] = faces as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
    return { family: choice.family, regular, bold, italic, boldItalic };
  };
  const body = family(fonts.body);
  const headings = fonts.headings === null ? body : family(fonts.headings);
  return body && headings ? { body, headings } : undefined;
}
