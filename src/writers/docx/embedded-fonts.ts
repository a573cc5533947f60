// A theme's fonts embedded in the .docx, so that Word and LibreOffice show them
// on a machine that does not have them. docx embeds each face whole, under a
// random key that obfuscates it (ECMA-376 Part 1, 17.8.1). Once the package is
// packed, each face is cut down to the characters the document holds (harfbuzz's
// hb-subset, which keeps the character map), keyed by a key worked out from
// its own bytes and obfuscated again with it, so the same document gives the
// same bytes, and the file carries a few tens of kilobytes per face rather than
// hundreds.
import { createHash } from 'node:crypto';
import subsetFont from 'subset-font';
import { strFromU8, strToU8 } from 'fflate';
import type { Theme } from '../../model/document.js';

/**
 * A family as docx's `fonts` option takes it (docx does not export the type). docx's type asks for
 * the regular face (`data`), but its FontWrapper embeds whichever faces are given, each on its own.
 */
interface EmbeddedFont {
  name: string;
  data?: Buffer;
  bold?: Buffer;
  italic?: Buffer;
  boldItalic?: Buffer;
}

/** A face's bytes as the Buffer docx expects, without a copy. */
const buffer = (face: Uint8Array) => Buffer.from(face.buffer, face.byteOffset, face.byteLength);

/**
 * The theme's families, each once (body and headings may be the same), as docx's `fonts` option. A
 * headings family of its own carries only its bold faces: every style set in it is bold (styles.ts),
 * so its regular and italic faces would be carried for nothing (about a fifth of a file).
 */
export function embeddedFonts(fonts: NonNullable<Theme['fonts']>): { name: string; data: Buffer }[] {
  const body = fonts.body;
  const families: EmbeddedFont[] = [
    { name: body.family, data: buffer(body.regular), bold: buffer(body.bold), italic: buffer(body.italic), boldItalic: buffer(body.boldItalic) },
  ];
  if (fonts.headings.family !== body.family) {
    families.push({ name: fonts.headings.family, bold: buffer(fonts.headings.bold), boldItalic: buffer(fonts.headings.boldItalic) });
  }
  return families as { name: string; data: Buffer }[];
}

/**
 * Characters every document may show beyond its text: the page numbers and the
 * list numbers and bullets Word draws (printable ASCII covers the numbers, a.,
 * i. and the footer's), so each face's subset has them whatever the text.
 */
const ALWAYS = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('') + '•–◦';

type PackageParts = Map<string, Uint8Array>;

const FONT_TABLE = 'word/fontTable.xml';
const FONT_TABLE_RELS = 'word/_rels/fontTable.xml.rels';
/** An embedded face in fontTable.xml: `<w:embedBold r:id="rId2" w:fontKey="{…}"/>`. */
const EMBED = /<w:embed(?:Regular|Bold|Italic|BoldItalic) r:id="([^"]+)" w:fontKey="\{([0-9A-F-]{36})\}"\/>/g;

/**
 * Replaces each embedded face of a packed document with its subset to the characters of the document's `text`, keyed by
 * its own bytes and marked as a subset. Does nothing to a document that embeds no font.
 */
export async function subsetEmbeddedFonts(parts: PackageParts, text: () => string): Promise<void> {
  const table = parts.get(FONT_TABLE);
  const rels = parts.get(FONT_TABLE_RELS);
  if (table === undefined || rels === undefined) return;
  const xml = strFromU8(table);
  // docx writes a font table with no faces for every document: only one that embeds faces is touched.
  if (!xml.includes('<w:embed')) return;
  const targets = new Map([...strFromU8(rels).matchAll(/<Relationship\b[^>]*?\bId="([^"]+)"[^>]*?\bTarget="([^"]+)"/g)].map(([, id, target]) => [id!, `word/${target}`]));
  const characters = [...new Set(ALWAYS + text().replace(/\s/g, ' '))].sort().join('');
  const keys = new Map<string, string>();
  for (const [, id, key] of xml.matchAll(EMBED)) {
    const name = targets.get(id!);
    const odttf = name === undefined ? undefined : parts.get(name);
    if (odttf === undefined) continue;
    const subset = new Uint8Array(await subsetFont(Buffer.from(obfuscate(odttf, key!)), characters, { targetFormat: 'truetype' }));
    const own = keyOf(subset);
    parts.set(name!, obfuscate(subset, own));
    keys.set(key!, own);
  }
  parts.set(
    FONT_TABLE,
    strToU8(xml.replace(EMBED, (whole, id: string, key: string) => (keys.has(key) ? `${whole.slice(0, -2).replace(key, keys.get(key)!)} w:subsetted="1"/>` : whole))),
  );
}

/** A GUID from the first 16 bytes of the face's SHA-256: the same face, the same key. */
function keyOf(face: Uint8Array): string {
  const hex = createHash('sha256').update(face).digest('hex').slice(0, 32).toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * ECMA-376 Part 1, 17.8.1: the first 32 bytes of the face XORed with the key's 16 bytes, taken from the
 * GUID's last hexadecimal pair to its first, twice. Its own inverse, so it also reads an embedded face.
 */
export function obfuscate(face: Uint8Array, key: string): Uint8Array {
  const bytes = (key.replace(/-/g, '').match(/../g) ?? []).map((pair) => Number.parseInt(pair, 16)).reverse();
  const out = new Uint8Array(face);
  for (let i = 0; i < Math.min(32, out.length); i++) out[i]! ^= bytes[i % 16]!;
  return out;
}
