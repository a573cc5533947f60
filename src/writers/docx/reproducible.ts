// docx stamps the time of the build into docProps/core.xml and into every zip
// entry, gives hyperlink relationships random ids, and numbers bookmarks with a
// counter shared by the whole process (so a pack's ids depend on what was built
// before it). This packs a document with docx's public Packer, then unzips the
// package, writes the document's own date over the build's, numbers the ids in
// order of appearance and zips it again, so the same inputs give the same bytes.
import { Packer, type Document as WordDocument } from 'docx';
import { deflateRawSync } from 'node:zlib';
import { strFromU8, strToU8, unzipSync, Zip, ZipPassThrough } from 'fflate';
import { docxVisibleText } from './read-docx.js';
import { subsetEmbeddedFonts } from './embedded-fonts.js';

/** The files of a .docx package by their paths, in the order they are zipped. */
type PackageParts = Map<string, Uint8Array>;

/**
 * A Word document as a reproducible .docx, with the pack's facts attached when
 * given. Adds the facts' relationship to `document`, so pack each document once.
 */
export async function writeReproducibleDocx(document: WordDocument, date: Date, attachment?: { name: string; json: string }): Promise<Uint8Array> {
  const overrides: { path: string; data: string }[] = [];
  if (attachment) {
    document.Document.Relationships.addRelationship(FACTS_RELATIONSHIP_ID, CUSTOM_XML, `../${FACTS_PART}`);
    overrides.push({ path: FACTS_PART, data: factsXml(attachment.json) });
  }
  const packed = await Packer.pack(document, 'uint8array', false, overrides);
  const parts: PackageParts = new Map(Object.entries(unzipSync(packed)));
  const iso = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  edit(parts, 'docProps/core.xml', (core) =>
    core
      .replace(/(<dcterms:created[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${iso}$2`)
      .replace(/(<dcterms:modified[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${iso}$2`),
  );
  renumberRandomRelationshipIds(parts);
  edit(parts, 'word/document.xml', renumberBookmarks);
  // Read once, when first asked for: the fonts' subsets and the facts both want it (embedding fonts changes no text).
  let text: string | undefined;
  const visibleText = () => (text ??= docxVisibleText((name) => (parts.has(name) ? strFromU8(parts.get(name)!) : undefined), [...parts.keys()]));
  // docx embeds a theme's faces whole, each under a random key: cut down to the text and keyed by their bytes.
  await subsetEmbeddedFonts(parts, visibleText);
  if (attachment) {
    // With the facts goes the text the document shows, so `packs diff` can tell a file edited after the build.
    parts.set(FACTS_PART, strToU8(factsXml(attachment.json, visibleText())));
  }
  // [Content_Types].xml first, as Word and the OPC convention expect; the rest in docx's order.
  const names = [...parts.keys()].sort((a, b) => (a === CONTENT_TYPES ? -1 : b === CONTENT_TYPES ? 1 : 0));
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
  });
  const mtime = zipEntryTime(date);
  for (const name of names) {
    const entry = new NativeDeflate(name, mtime);
    zip.add(entry);
    entry.push(parts.get(name)!, true);
  }
  zip.end();
  return Buffer.concat(chunks);
}

/**
 * A zip entry deflated by Node's zlib, natively, instead of by fflate's JavaScript deflate
 * (200 packs, .docx only, in two workers: 20.4 s with fflate's, 17.7 s with this). fflate's
 * documented way to bring one's own compression is to extend ZipPassThrough; each entry is
 * pushed whole, in one chunk.
 */
class NativeDeflate extends ZipPassThrough {
  constructor(filename: string, mtime: Date) {
    super(filename);
    this.compression = 8;
    this.mtime = mtime;
  }

  protected override process(chunk: Uint8Array<ArrayBuffer>, final: boolean): void {
    this.ondata(null, deflateRawSync(chunk, { level: 6 }), final);
  }
}

const CONTENT_TYPES = '[Content_Types].xml';

/** Rewrites one XML part of the package, if it is there. */
function edit(parts: PackageParts, name: string, change: (xml: string) => string): void {
  const part = parts.get(name);
  if (part !== undefined) parts.set(name, strToU8(change(strFromU8(part))));
}

/**
 * The time every zip entry carries: the document's own, in UTC. A zip entry's
 * time has no zone, and fflate writes the Date it is given in the machine's
 * local time, so it is given the Date whose local time reads as the UTC time.
 * Should that local time not exist (a clock put forward for summer time), the
 * day's noon, which always does. Zip entries hold 1980 to 2099 only (SOURCE_DATE_EPOCH=0 is 1970).
 */
function zipEntryTime(date: Date): Date {
  const year = Math.min(Math.max(date.getUTCFullYear(), 1980), 2099);
  const clamped = year === date.getUTCFullYear();
  const [month, day, hours, minutes, seconds] = clamped
    ? [date.getUTCMonth(), date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()]
    : [0, 1, 0, 0, 0];
  const local = new Date(year, month, day, hours, minutes, seconds);
  return local.getHours() === hours ? local : new Date(year, month, day, 12);
}

/** docx's generated relationship ids look like `rIdbwkbymsejg8_8vzun6tno`; its fixed ones like `rId3`. */
const RANDOM_ID = /\bId="(rId[A-Za-z0-9_-]*[a-zA-Z_-][A-Za-z0-9_-]*)"/g;

function renumberRandomRelationshipIds(parts: PackageParts): void {
  for (const relsName of [...parts.keys()].filter((n) => /_rels\/[^/]+\.rels$/.test(n)).sort()) {
    const partName = relsName.replace(/_rels\/([^/]+)\.rels$/, '$1');
    const rels = strFromU8(parts.get(relsName)!);
    const renames = new Map<string, string>();
    for (const [, id] of rels.matchAll(RANDOM_ID)) {
      if (id !== `rId${FACTS_RELATIONSHIP_ID}`) renames.set(id!, `rIdLink${renames.size + 1}`);
    }
    if (renames.size === 0) continue;
    const rename = (xml: string) => xml.replace(/"(rId[A-Za-z0-9_-]+)"/g, (whole, id: string) => (renames.has(id) ? `"${renames.get(id)}"` : whole));
    parts.set(relsName, strToU8(rename(rels)));
    edit(parts, partName, rename);
  }
}

/** Numbers bookmark ids and docx's `_Toc` bookmark names from 1, in the order they appear. */
function renumberBookmarks(xml: string): string {
  const ids = new Map<string, string>();
  const names = new Map<string, string>();
  for (const match of xml.matchAll(/<w:bookmarkStart\b[^>]*?\bw:id="(\d+)"/g)) {
    if (!ids.has(match[1]!)) ids.set(match[1]!, String(ids.size + 1));
  }
  for (const match of xml.matchAll(/_Toc(\d+)/g)) {
    if (!names.has(match[1]!)) names.set(match[1]!, String(names.size + 1));
  }
  return xml
    .replace(/<w:bookmark(?:Start|End)\b[^>]*>/g, (tag) =>
      tag.replace(/\bw:id="(\d+)"/, (whole, id: string) => (ids.has(id) ? `w:id="${ids.get(id)}"` : whole)),
    )
    .replace(/_Toc(\d+)/g, (_, n: string) => `_Toc${names.get(n)}`);
}

/** The custom XML part that carries the pack's facts, so `packs diff` can read a .docx on its own. */
const FACTS_PART = 'customXml/item1.xml';
const FACTS_RELATIONSHIP_ID = 'PackData'; // docx writes it as rIdPackData
const FACTS_NAMESPACE = 'urn:recruitment-packs:facts';
const CUSTOM_XML = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml';

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** customXml/item1.xml: the facts' JSON, escaped, in one element, and the document's text (once known) in another. */
const factsXml = (json: string, visibleText = '') =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<packFile xmlns="${FACTS_NAMESPACE}"><packData>${escapeXml(json)}</packData><visibleText>${escapeXml(visibleText)}</visibleText></packFile>`;
