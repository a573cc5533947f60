// The fonts a pack is set in, as the stages after loading see them: a theme
// names a font the tool ships, or gives the organisation's own font files,
// relative to the organisation file. Reading and checking the files is
// load/fonts.ts's job; this finds them in the data and puts a theme's fonts together.
import { FONT_FACES, type FontFace, type FontFamily } from '../model/document.js';
import type { PathSegment, YamlFile } from './data-file.js';
import { imageKey } from './images.js';
import { shippedFontFamily } from './shipped-fonts.js';

/** A font the organisation file gives by its files (or names, as a string). */
type FontChoice = string | ({ family: string } & Record<FontFace, string>);
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
    return FONT_FACES.flatMap((face) => (typeof choice[face] === 'string' ? [{ at: ['theme', 'fonts', role, face], ref: choice[face] }] : []));
  });
}

const ownFamilies = new WeakMap<Uint8Array, FontFamily>();

/**
 * The same object for the same family and faces (the bytes one build read), as a shipped family is
 * always the same object: what is worked out from a family once (the characters it covers, the Word
 * file's page-number measurer) is kept by the object, for validate and resolve and every pack of the build.
 */
function ownFamily(made: FontFamily): FontFamily {
  const known = ownFamilies.get(made.regular);
  if (known && known.family === made.family && FONT_FACES.every((face) => known[face] === made[face])) return known;
  ownFamilies.set(made.regular, made);
  return made;
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
    const faces = FONT_FACES.map((face) => loaded.get(imageKey(file, choice[face]))?.data);
    if (!faces.every((data): data is Uint8Array => data !== undefined)) return undefined;
    const [regular, bold, italic, boldItalic] = faces as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
    return ownFamily({ family: choice.family, regular, bold, italic, boldItalic });
  };
  const body = family(fonts.body);
  const headings = fonts.headings === null ? body : family(fonts.headings);
  return body && headings ? { body, headings } : undefined;
}
