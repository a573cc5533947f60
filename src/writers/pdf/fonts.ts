// The fonts the PDF is set in: Roboto (which pdfmake ships) for today's look, or
// the theme's two families, given to pdfmake from the model's bytes. The writer
// reads no font file of a theme's: the bytes go into pdfmake's in-memory file
// system, which it reads before the disk, under a name made from their hash, and
// each family is registered under a name made from its faces' names. So two
// documents with different fonts, built one after the other or at once in one
// process, each get their own, and the same bytes are registered once.
// (pdfkit, patched, keeps each parsed font by a hash of its bytes: see
// docs/patches.md; different bytes are never confused.)
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import pdfmake from 'pdfmake';
import type { FontFamily, Theme } from '../../model/document.js';

const require = createRequire(import.meta.url);
const fontDir = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'build', 'fonts', 'Roboto');
const roboto = {
  normal: path.join(fontDir, 'Roboto-Regular.ttf'),
  bold: path.join(fontDir, 'Roboto-Medium.ttf'),
  italics: path.join(fontDir, 'Roboto-Italic.ttf'),
  bolditalics: path.join(fontDir, 'Roboto-MediumItalic.ttf'),
};
const robotoFiles = new Set(Object.values(roboto));

pdfmake.setFonts({ Roboto: roboto });
// No network, and no local files but Roboto's: a pack cannot make the writer read anything else.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((file) => robotoFiles.has(path.resolve(file)));

/** The pdfmake font names a document's text is set in. */
export interface PdfFonts {
  body: string;
  headings: string;
}

// Text in an SVG picture (a logo's lettering) is set by svg-to-pdfkit, which asks pdfmake for the font's
// file (getFontFile, in the font of the node the picture is in: the body's) and hands that name to
// pdfkit's font(), which reads it from the disk: pdfmake's in-memory files are never looked at, the font
// is not found, and the text is drawn in whatever font was set last (with a warning on the console).
// So a face of ours is registered with the pdfkit document under its in-memory name as pdfmake names it:
// pdfkit's font() finds a registered name first. Roboto's faces are files, and found as before.
interface PdfDocument {
  getFontFile(family: string, bold: boolean, italics: boolean): unknown;
  registerFont(name: string, data: Buffer): void;
  _registeredFonts: Record<string, unknown>;
}
const { default: PdfDocumentClass } = require('pdfmake/js/PDFDocument.js') as { default: { prototype: PdfDocument } };
const getFontFile = PdfDocumentClass.prototype.getFontFile;
PdfDocumentClass.prototype.getFontFile = function (this: PdfDocument, family, bold, italics) {
  const file = getFontFile.call(this, family, bold, italics);
  if (typeof file === 'string' && !Object.hasOwn(this._registeredFonts, file) && pdfmake.virtualfs.existsSync(file)) {
    this.registerFont(file, pdfmake.virtualfs.readFileSync(file));
  }
  return file;
};

const TODAY: PdfFonts = { body: 'Roboto', headings: 'Roboto' };

// Each face's name in the in-memory file system, hashed once per bytes object.
const faceNames = new WeakMap<Uint8Array, string>();

function faceName(bytes: Uint8Array): string {
  let name = faceNames.get(bytes);
  if (name === undefined) {
    name = `font-${createHash('sha256').update(bytes).digest('hex')}.ttf`;
    if (!pdfmake.virtualfs.existsSync(name)) pdfmake.virtualfs.writeFileSync(name, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    faceNames.set(bytes, name);
  }
  return name;
}

const registered = new Set<string>();

/** Registers a family's four faces with pdfmake (once) and returns the name it is known by. */
function register(family: FontFamily): string {
  const faces = {
    normal: faceName(family.regular),
    bold: faceName(family.bold),
    italics: faceName(family.italic),
    bolditalics: faceName(family.boldItalic),
  };
  const name = `theme-${createHash('sha256').update(Object.values(faces).join('\n')).digest('hex').slice(0, 32)}`;
  if (!registered.has(name)) {
    pdfmake.addFonts({ [name]: faces });
    registered.add(name);
  }
  return name;
}

/** The fonts for a document in `theme`: its families registered, or Roboto for both when it gives none. */
export function pdfFontsOf(theme: Theme): PdfFonts {
  if (!theme.fonts) return TODAY;
  return { body: register(theme.fonts.body), headings: register(theme.fonts.headings) };
}
