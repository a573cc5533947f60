// The theme's fonts in the web page. The page is one file that fetches nothing,
// so each face it uses is inside it: an @font-face rule whose source is a data:
// URL of the face as WOFF2, cut down (harfbuzz's hb-subset, through subset-font)
// to the characters the page prints. A face the page never sets (often the
// bold italic) is left out. Every face kept carries all the page's characters,
// not only those set in it: a character missing from a face would be drawn by
// the browser in another font, mid-word, and a few extra glyphs cost little.
// Subsetting is asynchronous, so `writeHtml` works the fonts out first and hands
// them to the page's (synchronous) writer.
import subsetFont from 'subset-font';
import * as fontkit from 'fontkit';
import { FONT_FACES, type Block, type Document, type FontFace, type FontFamily, type Inline, type ParagraphStyle } from '../../model/document.js';
import { tableCaptions } from '../../model/table-captions.js';

/** The theme's fonts as the page's style sheet takes them: the @font-face rules, and the font-family lists for body text and headings. */
export interface PageFonts {
  faces: string;
  body: string;
  headings: string;
}

const FACE_CSS: Record<FontFace, string> = {
  regular: 'font-style: normal; font-weight: 400;',
  bold: 'font-style: normal; font-weight: 700;',
  italic: 'font-style: italic; font-weight: 400;',
  boldItalic: 'font-style: italic; font-weight: 700;',
};

type Role = 'body' | 'headings';
/** How a run of text is set: which family (by role), bold or not, italic or not. */
interface Look {
  role: Role;
  bold: boolean;
  italic: boolean;
}

/** The text the page prints, and the faces it is set in, by role: a walk of the model that follows the style sheet (styles.ts). */
export interface PageText {
  text: string;
  used: Record<Role, Set<FontFace>>;
}

const faceOf = (look: Look): FontFace => (look.bold ? (look.italic ? 'boldItalic' : 'bold') : look.italic ? 'italic' : 'regular');

const body: Look = { role: 'body', bold: false, italic: false };
const bodyBold: Look = { ...body, bold: true };
const bodyItalic: Look = { ...body, italic: true };
/** Headings (h1–h3, the contents' title) and the cover's organisation and title are bold, in the headings family. */
const heading: Look = { role: 'headings', bold: true, italic: false };

/** The look of each paragraph style, as the style sheet sets its class (`.title` in the headings family). */
const paragraphLooks: Record<ParagraphStyle, Look> = {
  normal: body,
  title: heading,
  subtitle: body,
  tagline: body,
  note: bodyItalic,
  signature: bodyBold,
  caption: bodyItalic,
};

/** The characters the page prints and the faces it sets them in. */
export function pageText(document: Document): PageText {
  const used: Record<Role, Set<FontFace>> = { body: new Set(), headings: new Set() };
  const characters = new Set<string>();
  const print = (text: string, look: Look) => {
    let printed = false;
    for (const character of text) {
      if (character < ' ') continue;
      characters.add(character);
      printed = true;
    }
    if (printed) used[look.role].add(faceOf(look));
  };
  const inlines = (list: readonly Inline[], look: Look): void => {
    for (const inline of list) {
      if (inline.type === 'text') print(inline.text, look);
      else if (inline.type === 'strong') inlines(inline.children, { ...look, bold: true });
      else if (inline.type === 'emphasis') inlines(inline.children, { ...look, italic: true });
      else if (inline.type !== 'break') inlines(inline.children, look);
    }
  };
  const blocks = (list: readonly Block[]): void => {
    for (const block of list) {
      switch (block.type) {
        case 'heading':
          inlines(block.children, heading);
          break;
        case 'paragraph':
          inlines(block.children, paragraphLooks[block.style]);
          break;
        case 'list':
          // The list's markers (numbers, bullets) are set in the list's font.
          print(block.ordered ? '0123456789.' : '•', body);
          block.items.forEach(blocks);
          break;
        case 'table':
          block.header.forEach((cell) => inlines(cell, bodyBold));
          block.rows.forEach((row) => row.forEach((cell) => inlines(cell, body)));
          break;
        case 'cover':
          print(block.organisation, heading);
          inlines(block.title, heading);
          inlines(block.subtitle, body);
          block.taglines.forEach((tagline) => inlines(tagline, body));
          if (block.facts.length > 0) {
            print(block.factsTitle, bodyBold);
            for (const fact of block.facts) {
              inlines(fact.label, bodyBold);
              inlines(fact.value, body);
            }
          }
          break;
        case 'contents': {
          print(block.title, heading);
          print('0123456789.', body);
          break;
        }
        case 'image':
        case 'drawing':
        case 'pageBreak':
          // Pictures carry no text of the page's (a drawing's text is outlines); a caption after one is a paragraph.
          break;
      }
    }
  };
  blocks(document.blocks);
  // The contents' entries repeat level-1 headings' text, in the body's regular face.
  if (document.blocks.some((block) => block.type === 'contents')) {
    for (const block of document.blocks) if (block.type === 'heading' && block.level === 1) inlines(block.children, body);
  }
  // Each table's caption is hidden from sight but laid out, for screen readers.
  for (const caption of tableCaptions(document.blocks)) print(caption, body);
  print('Skip to main content', body);
  print(document.meta.footer, body);
  return { text: [...characters].sort().join(''), used };
}

/** A CSS string: anything but plain letters, digits, spaces, hyphens and underscores is escaped, so no name can end the string or the <style>. */
function cssString(text: string): string {
  return `"${text.replace(/[^A-Za-z0-9 _-]/g, (c) => `\\${c.codePointAt(0)!.toString(16)} `)}"`;
}

const genericFamilies = new WeakMap<Uint8Array, 'serif' | 'sans-serif'>();

/**
 * The generic family to fall back on while the face loads (or if it cannot): serif or sans-serif, as
 * the font describes itself: its OS/2 family class (1–7 serif, 8 sans serif), else its PANOSE serif
 * style (Latin text: 2–10 serif, 11–15 sans serif); sans-serif when it says neither.
 */
export function genericFamily(regular: Uint8Array): 'serif' | 'sans-serif' {
  let generic = genericFamilies.get(regular);
  if (!generic) {
    const os2 = fontkit.create(Buffer.from(regular.buffer, regular.byteOffset, regular.byteLength))['OS/2'];
    const familyClass = (os2?.sFamilyClass ?? 0) >> 8;
    const [familyType, serifStyle] = [os2?.panose?.[0] ?? 0, os2?.panose?.[1] ?? 0];
    if (familyClass >= 1 && familyClass <= 7) generic = 'serif';
    else if (familyClass === 8) generic = 'sans-serif';
    else if (familyType === 2 && serifStyle >= 2 && serifStyle <= 10) generic = 'serif';
    else generic = 'sans-serif';
    genericFamilies.set(regular, generic);
  }
  return generic;
}

/** The @font-face rule of one face, subset to the page's characters, as WOFF2 in a data: URL. */
async function fontFace(family: string, face: FontFace, bytes: Uint8Array, text: string): Promise<string> {
  const woff2 = await subsetFont(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), text, { targetFormat: 'woff2' });
  return `@font-face { font-family: ${cssString(family)}; ${FACE_CSS[face]} font-display: swap; src: url(data:font/woff2;base64,${woff2.toString('base64')}) format("woff2"); }\n`;
}

/** The page's fonts from the document's theme, or undefined when the theme gives none (the page keeps Arial). */
export async function pageFonts(document: Document): Promise<PageFonts | undefined> {
  const fonts = document.meta.theme?.fonts;
  if (!fonts) return undefined;
  const { text, used } = pageText(document);
  // Two roles in one family (by name) are one set of @font-face rules, with the faces both use.
  const families = new Map<string, { family: FontFamily; faces: Set<FontFace> }>();
  for (const role of ['body', 'headings'] as const) {
    const entry = families.get(fonts[role].family) ?? { family: fonts[role], faces: new Set<FontFace>() };
    for (const face of used[role]) entry.faces.add(face);
    families.set(fonts[role].family, entry);
  }
  const rules: Promise<string>[] = [];
  for (const { family, faces } of families.values()) {
    for (const face of FONT_FACES) if (faces.has(face)) rules.push(fontFace(family.family, face, family[face], text));
  }
  const list = (family: FontFamily) => `${cssString(family.family)}, ${genericFamily(family.regular)}`;
  return { faces: (await Promise.all(rules)).join(''), body: list(fonts.body), headings: list(fonts.headings) };
}
