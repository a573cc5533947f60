// Reads the facts a built file carries (see model/facts.ts): the PDF's attached
// pack-data.json, or the .docx's custom XML part. Returns undefined for a file
// without them (built by something else, or before facts were embedded).
import { inflateSync } from 'node:zlib';
import { strFromU8, unzipSync } from 'fflate';
import { EARLIER_FACTS_FORMAT, FACTS_FORMAT, type PackFacts } from '../model/facts.js';

/** Reads facts back from the JSON a file carries; undefined if it is not theirs. */
export function parseFacts(json: string): PackFacts | undefined {
  try {
    const value = JSON.parse(json) as PackFacts;
    return value && (value.format === FACTS_FORMAT || value.format === EARLIER_FACTS_FORMAT) ? value : undefined;
  } catch {
    return undefined;
  }
}

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

/** The parts of a .docx that may hold the facts. */
const CUSTOM_XML_PART = /^customXml\/item\d+\.xml$/;

export async function readEmbeddedFacts(bytes: Buffer): Promise<PackFacts | undefined> {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') {
    for (const file of pdfEmbeddedFiles(bytes)) {
      const facts = parseFacts(file.toString('utf8'));
      if (facts) return facts;
    }
    return undefined;
  }
  if (bytes.subarray(0, 2).toString('latin1') === 'PK') {
    let customXml: Record<string, Uint8Array>;
    try {
      customXml = unzipSync(bytes, { filter: (file) => CUSTOM_XML_PART.test(file.name) });
    } catch {
      return undefined; // not a zip after all, or a damaged one: no facts to be had from it
    }
    for (const name of Object.keys(customXml)) {
      const xml = strFromU8(customXml[name]!);
      const body = /<packData[^>]*>([\s\S]*)<\/packData>/.exec(xml)?.[1];
      const facts = body === undefined ? undefined : parseFacts(unescapeXml(body));
      if (facts) return facts;
    }
  }
  return undefined;
}
