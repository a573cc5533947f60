// The open fonts the tool ships, by the family name a theme gives: each is
// embedded in the files it sets, so no reader needs it installed. Roboto comes
// with pdfmake, Source Serif 4 with its npm package (SIL Open Font License
// both), Liberation Sans (Arial's metrics, SIL Open Font License) is in the
// repository's fonts/ folder.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FontFamily } from '../model/document.js';
import type { ShippedFontName } from '../schema/organisation.js';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));
const roboto = path.join(packageDir('pdfmake'), 'build', 'fonts', 'Roboto');
const sourceSerif = packageDir('@expo-google-fonts/source-serif-4');
const liberationSans = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fonts', 'liberation-sans');

type Faces = Record<'regular' | 'bold' | 'italic' | 'boldItalic', string>;

/** Each shipped family's four faces' files. Bold is Roboto Medium, as the PDF has always printed it. */
export const SHIPPED_FONTS: Readonly<Record<ShippedFontName, Faces>> = {
  Roboto: {
    regular: path.join(roboto, 'Roboto-Regular.ttf'),
    bold: path.join(roboto, 'Roboto-Medium.ttf'),
    italic: path.join(roboto, 'Roboto-Italic.ttf'),
    boldItalic: path.join(roboto, 'Roboto-MediumItalic.ttf'),
  },
  'Liberation Sans': {
    regular: path.join(liberationSans, 'LiberationSans-Regular.ttf'),
    bold: path.join(liberationSans, 'LiberationSans-Bold.ttf'),
    italic: path.join(liberationSans, 'LiberationSans-Italic.ttf'),
    boldItalic: path.join(liberationSans, 'LiberationSans-BoldItalic.ttf'),
  },
  'Source Serif 4': {
    regular: path.join(sourceSerif, '400Regular', 'SourceSerif4_400Regular.ttf'),
    bold: path.join(sourceSerif, '700Bold', 'SourceSerif4_700Bold.ttf'),
    italic: path.join(sourceSerif, '400Regular_Italic', 'SourceSerif4_400Regular_Italic.ttf'),
    boldItalic: path.join(sourceSerif, '700Bold_Italic', 'SourceSerif4_700Bold_Italic.ttf'),
  },
};

const loaded = new Map<string, FontFamily>();

/** A shipped family's faces, read once per process; undefined for a name the tool does not ship. */
export function shippedFontFamily(family: string): FontFamily | undefined {
  const files = Object.hasOwn(SHIPPED_FONTS, family) ? SHIPPED_FONTS[family as ShippedFontName] : undefined;
  if (!files) return undefined;
  let fonts = loaded.get(family);
  if (!fonts) {
    const read = (file: string) => new Uint8Array(readFileSync(file));
    fonts = { family, regular: read(files.regular), bold: read(files.bold), italic: read(files.italic), boldItalic: read(files.boldItalic) };
    loaded.set(family, fonts);
  }
  return fonts;
}
