// docx stamps the time of the build into docProps/core.xml and into every zip
// entry, gives hyperlink relationships random ids, and numbers bookmarks with a
// counter shared by the whole process (so a pack's ids depend on what was built
// before it). This rewrites the dates with the document's own date and numbers
// the ids in order of appearance, so the same inputs give the same bytes.
import { Packer, type Document as WordDocument } from 'docx';
import JSZip from 'jszip';

/** The files of a .docx package by their paths, in the order they are zipped. */
type PackageParts = Map<string, string | Uint8Array>;

/**
 * docx's compiler: what `Packer` runs to turn a document into the files of its
 * package before zipping them. It is private in docx's types; we pin docx's
 * version (and patch it), and tests/dac-docx.test.ts reads the result back.
 */
const compiler = (Packer as unknown as { compiler: { compile(file: WordDocument): PackageParts } }).compiler;

/**
 * A Word document as a reproducible .docx (see `reproduciblePackage`). Its files
 * go straight to the one zip we write: Packer would zip them, only for us to
 * unzip them again to fix what it stamps.
 */
export function writeReproducibleDocx(document: WordDocument, date: Date, attachment?: { name: string; json: string }): Promise<Uint8Array> {
  return reproduciblePackage(compiler.compile(document), date, attachment);
}

/**
 * Zips a package's parts with the document's date on every entry and in its
 * properties, its ids numbered in order of appearance, and the pack's facts
 * attached. The parts are changed in place.
 */
async function reproduciblePackage(parts: PackageParts, date: Date, attachment?: { name: string; json: string }): Promise<Uint8Array> {
  if (attachment) addCustomXml(parts, attachment.json);
  const iso = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const core = parts.get('docProps/core.xml');
  if (core !== undefined) {
    parts.set(
      'docProps/core.xml',
      textOf(core)
        .replace(/(<dcterms:created[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${iso}$2`)
        .replace(/(<dcterms:modified[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${iso}$2`),
    );
  }
  renumberRandomRelationshipIds(parts);
  const body = parts.get('word/document.xml');
  if (body !== undefined) parts.set('word/document.xml', renumberBookmarks(textOf(body)));
  const names = [...parts.keys()].sort((a, b) => (a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : 0));
  const out = new JSZip();
  for (const name of names) out.file(name, bytesOf(parts.get(name)!), { date, createFolders: false });
  return out.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

const textOf = (data: string | Uint8Array) => (typeof data === 'string' ? data : new TextDecoder().decode(data));
const bytesOf = (data: string | Uint8Array) => (typeof data === 'string' ? new TextEncoder().encode(data) : data);

/** docx's generated relationship ids look like `rIdbwkbymsejg8_8vzun6tno`; its fixed ones like `rId3`. */
const RANDOM_ID = /\bId="(rId[A-Za-z0-9_-]*[a-zA-Z_-][A-Za-z0-9_-]*)"/g;

function renumberRandomRelationshipIds(parts: PackageParts): void {
  for (const relsName of [...parts.keys()].filter((n) => /_rels\/[^/]+\.rels$/.test(n)).sort()) {
    const partName = relsName.replace(/_rels\/([^/]+)\.rels$/, '$1');
    const rels = textOf(parts.get(relsName)!);
    const renames = new Map<string, string>();
    for (const match of rels.matchAll(RANDOM_ID)) renames.set(match[1]!, `rIdLink${renames.size + 1}`);
    if (renames.size === 0) continue;
    const rename = (xml: string) => xml.replace(/"(rId[A-Za-z0-9_-]+)"/g, (whole, id: string) => (renames.has(id) ? `"${renames.get(id)}"` : whole));
    parts.set(relsName, rename(rels));
    const part = parts.get(partName);
    if (part !== undefined) parts.set(partName, rename(textOf(part)));
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
const FACTS_NAMESPACE = 'urn:recruitment-packs:facts';

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Adds customXml/item1.xml (the JSON, escaped, in one element) and its relationship from the document. */
function addCustomXml(parts: PackageParts, json: string): void {
  parts.set(FACTS_PART, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<packData xmlns="${FACTS_NAMESPACE}">${escapeXml(json)}</packData>`);
  const relsName = 'word/_rels/document.xml.rels';
  const rels = textOf(parts.get(relsName)!);
  parts.set(
    relsName,
    rels.replace(
      '</Relationships>',
      '<Relationship Id="rIdPackData" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml" Target="../customXml/item1.xml"/></Relationships>',
    ),
  );
}
