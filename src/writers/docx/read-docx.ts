// Reads back the .docx files this tool writes: the custom XML part with the
// pack's facts and the text recorded at build time, and the text a reader sees
// (the text runs of the document, then its headers and footers). The zip is
// read here rather than by fflate's unzipSync, which trusts an entry's declared
// size: each entry's declared size is checked before anything is inflated, and
// zlib stops inflating at that size, so a zip bomb costs nothing.
import { crc32, inflateRawSync } from 'node:zlib';
import { ExpansionBudget, normaliseWhitespace, UnreadableFile } from '../read-back.js';

interface ZipEntry {
  crc: number;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localHeader: number;
}

const MAX_ENTRIES = 10_000;

/** The entries of a zip, from its central directory. */
function zipEntries(bytes: Buffer): Map<string, ZipEntry> {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]), bytes.length - 22);
  if (end < 0 || bytes.length - end > 22 + 0xffff) throw new UnreadableFile('is not a whole .docx: it ends before its last part (it was cut short, or not copied completely)');
  const count = bytes.readUInt16LE(end + 10);
  const directory = bytes.readUInt32LE(end + 16);
  if (count > MAX_ENTRIES) throw new UnreadableFile(`cannot be compared: it holds ${count} parts, more than any .docx this tool writes`);
  const entries = new Map<string, ZipEntry>();
  let at = directory;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || bytes.readUInt32LE(at) !== 0x02014b50) throw new UnreadableFile('is damaged: its list of parts is broken');
    const nameLength = bytes.readUInt16LE(at + 28);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    entries.set(name, {
      flags: bytes.readUInt16LE(at + 8),
      method: bytes.readUInt16LE(at + 10),
      crc: bytes.readUInt32LE(at + 16),
      compressedSize: bytes.readUInt32LE(at + 20),
      size: bytes.readUInt32LE(at + 24),
      localHeader: bytes.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return entries;
}

/** A .docx read back. Throws UnreadableFile for what is not a whole zip. */
export class DocxFile {
  private readonly entries: Map<string, ZipEntry>;
  private readonly budget = new ExpansionBudget();

  constructor(private readonly bytes: Buffer) {
    this.entries = zipEntries(bytes);
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  get names(): string[] {
    return [...this.entries.keys()];
  }

  /** A part's text (XML is UTF-8), inflated within the budget; undefined when there is no such part. */
  part(name: string): string | undefined {
    const entry = this.entries.get(name);
    if (!entry) return undefined;
    const { bytes } = this;
    if (entry.flags & 1) throw new UnreadableFile(`cannot be compared: ${name} in it is encrypted`);
    const at = entry.localHeader;
    if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== 0x04034b50) throw new UnreadableFile(`is damaged: ${name} in it is not where its list of parts says`);
    const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
    if (start + entry.compressedSize > bytes.length) throw new UnreadableFile(`is not a whole .docx: ${name} in it is cut short`);
    const data = bytes.subarray(start, start + entry.compressedSize);
    let content: Buffer;
    if (entry.method === 0) {
      if (entry.size !== entry.compressedSize) throw new UnreadableFile(`is damaged: ${name} in it has two different sizes`);
      content = data;
    } else if (entry.method === 8) {
      content = this.budget.expand(name, (maxOutputLength) => inflateRawSync(data, { maxOutputLength }), entry.size);
    } else throw new UnreadableFile(`cannot be compared: ${name} in it is compressed with a method this tool does not write`);
    if (crc32(content) !== entry.crc) throw new UnreadableFile(`is damaged: ${name} in it fails its checksum`);
    return content.toString('utf8');
  }

  /** The text a reader sees: the document, then its headers and footers, whitespace normalised. */
  visibleText(): string {
    return docxVisibleText((name) => this.part(name), this.names);
  }
}

const unescapeXml = (text: string) =>
  text.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-fA-F]+);/g, (whole, entity: string) => {
    switch (entity) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      case 'amp':
        return '&';
      default: {
        const code = entity.startsWith('#x') ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
        return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
    }
  });

/** The parts whose text a reader sees, in reading order: the document, then headers and footers. */
const textParts = (names: string[]) => [
  'word/document.xml',
  ...names.filter((n) => /^word\/(header|footer)\d*\.xml$/.test(n)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true })),
];

/** The text runs (w:t) of some WordprocessingML parts; a paragraph's end, a tab or a break is a space. */
export function docxVisibleText(part: (name: string) => string | undefined, names: string[]): string {
  const pieces: string[] = [];
  for (const name of textParts(names)) {
    const xml = part(name);
    if (xml === undefined) continue;
    for (const match of xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<\/w:p>|<w:(?:tab|br|cr)\b[^>]*\/>/g)) {
      pieces.push(match[1] === undefined ? ' ' : unescapeXml(match[1]));
    }
    pieces.push(' ');
  }
  return normaliseWhitespace(pieces.join(''));
}

/** Reads a .docx back; any failure to make sense of it is an UnreadableFile. */
export function readDocx(bytes: Buffer): DocxFile {
  try {
    return new DocxFile(bytes);
  } catch (error) {
    if (error instanceof UnreadableFile) throw error;
    throw new UnreadableFile('is damaged: it is not a .docx this tool can read');
  }
}
