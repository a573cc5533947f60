// Reads the snapshot a built file carries: the PDF's attached pack-data.json,
// or the .docx's custom XML part. Returns undefined for a file without one
// (built by something else, or before snapshots were embedded).
import { inflateSync } from 'node:zlib';
import JSZip from 'jszip';
import { parseSnapshot, type PackSnapshot } from './snapshot.js';

/** The embedded file streams of a PDF, decompressed. Enough of PDF for the files this tool writes. */
function pdfEmbeddedFiles(bytes: Buffer): Buffer[] {
  const text = bytes.toString('latin1');
  const files: Buffer[] = [];
  const header = /<<((?:[^<>]|<<[^<>]*>>)*?\/Type\s*\/EmbeddedFile(?:[^<>]|<<[^<>]*>>)*?)>>\s*stream\r?\n/g;
  for (const match of text.matchAll(header)) {
    const dictionary = match[1]!;
    const length = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dictionary);
    const start = match.index + match[0].length;
    const end = length ? start + Number(length[1]) : text.indexOf('endstream', start);
    let data = bytes.subarray(start, end);
    if (/\/Filter\s*\/FlateDecode/.test(dictionary)) data = inflateSync(data);
    files.push(Buffer.from(data));
  }
  return files;
}

const unescapeXml = (text: string) =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

export async function readSnapshot(bytes: Buffer): Promise<PackSnapshot | undefined> {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') {
    for (const file of pdfEmbeddedFiles(bytes)) {
      const snapshot = parseSnapshot(file.toString('utf8'));
      if (snapshot) return snapshot;
    }
    return undefined;
  }
  if (bytes.subarray(0, 2).toString('latin1') === 'PK') {
    const zip = await JSZip.loadAsync(bytes);
    for (const name of Object.keys(zip.files).filter((n) => /^customXml\/item\d+\.xml$/.test(n))) {
      const xml = await zip.file(name)!.async('string');
      const body = /<packData[^>]*>([\s\S]*)<\/packData>/.exec(xml)?.[1];
      const snapshot = body === undefined ? undefined : parseSnapshot(unescapeXml(body));
      if (snapshot) return snapshot;
    }
  }
  return undefined;
}
