// Reads back the PDFs this tool writes (pdfmake over pdfkit): the embedded
// files (the pack's facts), the text a reader sees on the pages, and the text
// recorded at build time (visible-text.ts). Enough of PDF for our own output,
// and for that output rewritten by qpdf: objects found by scanning (so an
// incremental update's later copy of an object wins), text shown by Tj/TJ in
// each page's content streams, decoded through its font's ToUnicode map.
// Every stream is inflated within an ExpansionBudget; anything unexpected is
// an UnreadableFile, never a crash.
import { inflateSync } from 'node:zlib';
import { ExpansionBudget, normaliseWhitespace, UnreadableFile } from '../read-back.js';

export class PdfName {
  constructor(readonly name: string) {}
}
export class PdfRef {
  constructor(readonly num: number) {}
}
/** An operator in a content stream (or a keyword the object syntax does not know). */
export class PdfOp {
  constructor(readonly op: string) {}
}
export type PdfValue = number | boolean | null | PdfName | PdfRef | PdfOp | Buffer | PdfValue[] | Map<string, PdfValue>;

interface PdfObject {
  value: PdfValue;
  /** The raw bytes between `stream` and `endstream`. */
  stream?: Buffer;
  /** Where the value's text starts and ends in the file. */
  start: number;
  end: number;
}

/** The catalog key under which the text recorded at build time is kept. */
export const VISIBLE_TEXT_KEY = 'PacksVisibleText';

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;
const isDelimiter = (c: number) => c === 0x28 || c === 0x29 || c === 0x3c || c === 0x3e || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x2f || c === 0x25;
const MAX_NESTING = 64;
/** Each byte's value as a hex digit, or -1. */
const HEX_VALUE = Int8Array.from({ length: 256 }, (_, c) => (c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 0x37 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1));

/** PDF's object syntax over bytes: numbers, names, strings, arrays, dictionaries, references, keywords. */
class Lexer {
  constructor(
    private readonly bytes: Buffer,
    public pos = 0,
    /** Content streams and character maps have no references: no need to look ahead for `n g R`. */
    private readonly references = true,
    private readonly end = bytes.length,
  ) {}

  private skipSpace(): void {
    while (this.pos < this.end) {
      const c = this.bytes[this.pos]!;
      if (isSpace(c)) this.pos++;
      else if (c === 0x25) while (this.pos < this.end && this.bytes[this.pos] !== 0x0a && this.bytes[this.pos] !== 0x0d) this.pos++;
      else break;
    }
  }

  atEnd(): boolean {
    this.skipSpace();
    return this.pos >= this.end;
  }

  /** The next value; undefined at the end. A closing `]` or `>>` is returned as an operator for the caller to see. */
  value(depth = 0): PdfValue | undefined {
    if (depth > MAX_NESTING) throw new UnreadableFile('is damaged: its objects are nested too deeply');
    this.skipSpace();
    if (this.pos >= this.end) return undefined;
    const b = this.bytes;
    const c = b[this.pos]!;
    if (c === 0x2f) return new PdfName(this.word(this.pos + 1).replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))));
    if (c === 0x3c && b[this.pos + 1] === 0x3c) {
      this.pos += 2;
      const dict = new Map<string, PdfValue>();
      for (;;) {
        const key = this.value(depth + 1);
        if (key instanceof PdfOp && key.op === '>>') return dict;
        if (!(key instanceof PdfName)) throw new UnreadableFile('is damaged: a dictionary in it is not complete');
        const value = this.value(depth + 1);
        if (value === undefined || value instanceof PdfOp) throw new UnreadableFile('is damaged: a dictionary in it is not complete');
        dict.set(key.name, value);
      }
    }
    if (c === 0x3e && b[this.pos + 1] === 0x3e) {
      this.pos += 2;
      return new PdfOp('>>');
    }
    if (c === 0x3c) {
      const close = b.indexOf(0x3e, this.pos);
      if (close < 0 || close >= this.end) throw new UnreadableFile('is damaged: a string in it is not closed');
      // Hex digits two to a byte, anything else (spaces) skipped; an odd last digit is followed by 0.
      const out = Buffer.alloc((close - this.pos) >> 1);
      let length = 0;
      let high = -1;
      for (let i = this.pos + 1; i < close; i++) {
        const digit = HEX_VALUE[b[i]!]!;
        if (digit < 0) continue;
        if (high < 0) high = digit;
        else {
          out[length++] = high * 16 + digit;
          high = -1;
        }
      }
      if (high >= 0) out[length++] = high * 16;
      this.pos = close + 1;
      return out.subarray(0, length);
    }
    if (c === 0x28) return this.literalString();
    if (c === 0x5b) {
      this.pos++;
      const items: PdfValue[] = [];
      for (;;) {
        const item = this.value(depth + 1);
        if (item === undefined) throw new UnreadableFile('is damaged: an array in it is not closed');
        if (item instanceof PdfOp && item.op === ']') return items;
        items.push(item);
      }
    }
    if (c === 0x5d || c === 0x7b || c === 0x7d || c === 0x29 || c === 0x3e) {
      this.pos++;
      return new PdfOp(String.fromCharCode(c));
    }
    const word = this.word(this.pos);
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) {
      const number = Number(word);
      // `n g R` is a reference: look ahead, and step back if it is not one.
      if (this.references && /^\d+$/.test(word)) {
        const back = this.pos;
        this.skipSpace();
        const gen = this.word(this.pos);
        if (/^\d+$/.test(gen)) {
          this.skipSpace();
          if (this.word(this.pos) === 'R') return new PdfRef(number);
        }
        this.pos = back;
      }
      return number;
    }
    if (word === 'true' || word === 'false') return word === 'true';
    if (word === 'null') return null;
    if (word === '') throw new UnreadableFile('is damaged: it has bytes where PDF syntax is expected');
    return new PdfOp(word);
  }

  /** A run of regular characters from `start`; moves past it. */
  private word(start: number): string {
    let i = start;
    while (i < this.end && !isSpace(this.bytes[i]!) && !isDelimiter(this.bytes[i]!)) i++;
    this.pos = i;
    return this.bytes.toString('latin1', start, i);
  }

  private literalString(): Buffer {
    const b = this.bytes;
    const out: number[] = [];
    let depth = 1;
    let i = this.pos + 1;
    const escapes: Record<number, number> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c };
    while (i < this.end) {
      const c = b[i++]!;
      if (c === 0x5c) {
        const next = b[i++]!;
        if (next >= 0x30 && next <= 0x37) {
          let octal = next - 0x30;
          for (let k = 0; k < 2 && b[i]! >= 0x30 && b[i]! <= 0x37; k++) octal = octal * 8 + (b[i++]! - 0x30);
          out.push(octal & 0xff);
        } else if (next === 0x0d || next === 0x0a) {
          if (next === 0x0d && b[i] === 0x0a) i++;
        } else out.push(escapes[next] ?? next);
      } else if (c === 0x28) {
        depth++;
        out.push(c);
      } else if (c === 0x29) {
        if (--depth === 0) break;
        out.push(c);
      } else out.push(c);
    }
    if (depth !== 0) throw new UnreadableFile('is damaged: a string in it is not closed');
    this.pos = i;
    return Buffer.from(out);
  }
}

const name = (value: PdfValue | undefined) => (value instanceof PdfName ? value.name : undefined);
const isDict = (value: PdfValue | undefined): value is Map<string, PdfValue> => value instanceof Map;

/** A PDF read back. Throws UnreadableFile for what is not a whole PDF. */
export class PdfFile {
  readonly objects = new Map<number, PdfObject>();
  private readonly budget = new ExpansionBudget();
  private readonly fonts = new Map<PdfValue, (bytes: Buffer) => string>();
  readonly text: string;

  constructor(readonly bytes: Buffer) {
    this.text = bytes.toString('latin1');
    if (!this.text.startsWith('%PDF-')) throw new UnreadableFile('is not a PDF');
    // A PDF ends with startxref and %%EOF; a file cut short does not.
    if (!/startxref\s+\d+\s+%%EOF\s*$/.test(this.text.slice(-1024))) {
      throw new UnreadableFile('is not a whole PDF: it ends before its last part (it was cut short, or not copied completely)');
    }
    this.scanObjects();
    this.readObjectStreams();
  }

  /** Objects kept inside object streams (qpdf may write them so); an object written on its own wins. */
  private readObjectStreams(): void {
    for (const [num, object] of [...this.objects]) {
      if (!isDict(object.value) || name(object.value.get('Type')) !== 'ObjStm') continue;
      const count = object.value.get('N');
      const first = object.value.get('First');
      if (typeof count !== 'number' || typeof first !== 'number') throw new UnreadableFile(`is damaged: object stream ${num} in it is not complete`);
      const data = this.streamData(object, 'an object stream');
      const header = new Lexer(data, 0, false);
      for (let i = 0; i < count; i++) {
        const [contained, offset] = [header.value(), header.value()];
        if (typeof contained !== 'number' || typeof offset !== 'number') throw new UnreadableFile(`is damaged: object stream ${num} in it is not complete`);
        if (this.objects.has(contained)) continue;
        const lexer = new Lexer(data, first + offset);
        const value = lexer.value();
        if (value === undefined) throw new UnreadableFile(`is damaged: object stream ${num} in it is not complete`);
        this.objects.set(contained, { value, start: -1, end: -1 });
      }
    }
  }

  private scanObjects(): void {
    const header = /(\d+)\s+\d+\s+obj\b/g;
    for (let match = header.exec(this.text); match; match = header.exec(this.text)) {
      const lexer = new Lexer(this.bytes, match.index + match[0].length);
      const start = lexer.pos;
      const value = lexer.value();
      if (value === undefined) throw new UnreadableFile('is not a whole PDF: an object in it is cut short');
      const end = lexer.pos;
      const after = /^\s*stream\r?\n/.exec(this.text.slice(lexer.pos, lexer.pos + 12));
      const object: PdfObject = { value, start, end };
      if (after) {
        const from = lexer.pos + after[0].length;
        const length = isDict(value) ? value.get('Length') : undefined;
        const lengthFits = typeof length === 'number' && /^\s*endstream/.test(this.text.slice(from + length, from + length + 12));
        let to = lengthFits ? from + length : this.text.indexOf('endstream', from);
        if (to < 0) throw new UnreadableFile('is not a whole PDF: a stream in it is cut short');
        header.lastIndex = this.text.indexOf('endstream', to) + 'endstream'.length;
        // Without a usable /Length (qpdf writes it as a reference), the data ends at the line break before endstream.
        if (!lengthFits && this.text[to - 1] === '\n') to -= this.text[to - 2] === '\r' ? 2 : 1;
        object.stream = this.bytes.subarray(from, to);
      } else header.lastIndex = lexer.pos;
      this.objects.set(Number(match[1]), object);
    }
  }

  resolve(value: PdfValue | undefined): PdfValue | undefined {
    for (let hops = 0; value instanceof PdfRef; hops++) {
      if (hops > 8) throw new UnreadableFile('is damaged: its objects refer to each other in a loop');
      const object = this.objects.get(value.num);
      if (!object) throw new UnreadableFile(`is damaged: it refers to object ${value.num}, which is not in it`);
      value = object.value;
    }
    return value;
  }

  private dict(value: PdfValue | undefined): Map<string, PdfValue> | undefined {
    const resolved = this.resolve(value);
    return isDict(resolved) ? resolved : undefined;
  }

  /** A stream's data, decompressed. */
  streamData(object: PdfObject, what: string): Buffer {
    if (!object.stream || !isDict(object.value)) throw new UnreadableFile(`is damaged: ${what} in it is not a stream`);
    const filter = this.resolve(object.value.get('Filter'));
    const filters = (Array.isArray(filter) ? filter : filter === undefined ? [] : [filter]).map((f) => name(this.resolve(f)));
    let data: Buffer = object.stream;
    for (const f of filters) {
      if (f !== 'FlateDecode') throw new UnreadableFile(`cannot be compared: ${what} in it is compressed with ${f ?? 'an unknown method'}, which this tool does not write`);
      const input = data;
      data = this.budget.expand(what, (maxOutputLength) => inflateSync(input, { maxOutputLength }));
    }
    return data;
  }

  /** The data of every embedded file, in the order they are in the file. */
  *embeddedFiles(): Generator<Buffer> {
    for (const object of this.objects.values()) {
      if (isDict(object.value) && name(object.value.get('Type')) === 'EmbeddedFile') yield this.streamData(object, 'an attached file');
    }
  }

  private catalog(): Map<string, PdfValue> {
    const trailerAt = this.text.lastIndexOf('trailer');
    const trailer = trailerAt < 0 ? undefined : new Lexer(this.bytes, trailerAt + 'trailer'.length).value();
    const root = isDict(trailer) ? trailer.get('Root') : undefined;
    const catalog = root !== undefined ? this.dict(root) : [...this.objects.values()].map((o) => o.value).find((v) => isDict(v) && name(v.get('Type')) === 'Catalog');
    if (!isDict(catalog)) throw new UnreadableFile('is damaged: it has no catalog (the part that lists its pages)');
    return catalog;
  }

  /** The catalog's object number and its dictionary's text, for an update that adds to it. */
  catalogObject(): { num: number; object: PdfObject } {
    const trailerAt = this.text.lastIndexOf('trailer');
    const trailer = trailerAt < 0 ? undefined : new Lexer(this.bytes, trailerAt + 'trailer'.length).value();
    const root = isDict(trailer) ? trailer.get('Root') : undefined;
    if (!(root instanceof PdfRef) || !this.objects.has(root.num)) throw new UnreadableFile('is damaged: its trailer names no catalog');
    return { num: root.num, object: this.objects.get(root.num)! };
  }

  /** The text recorded at build time, if this file has it. */
  recordedText(): string | undefined {
    const ref = this.catalog().get(VISIBLE_TEXT_KEY);
    if (!(ref instanceof PdfRef)) return undefined;
    const object = this.objects.get(ref.num);
    if (!object) throw new UnreadableFile('is damaged: the text recorded at build time is missing from it');
    return this.streamData(object, 'the text recorded at build time').toString('utf8');
  }

  /** The text shown on its pages, in the order it is drawn, whitespace normalised. */
  visibleText(): string {
    const pages: { page: Map<string, PdfValue>; resources: Map<string, PdfValue> | undefined }[] = [];
    const seen = new Set<Map<string, PdfValue>>();
    const walk = (node: PdfValue | undefined, inherited: Map<string, PdfValue> | undefined, depth: number) => {
      const dict = this.dict(node);
      if (!dict || seen.has(dict) || depth > 32) throw new UnreadableFile('is damaged: its list of pages is broken');
      seen.add(dict);
      const resources = this.dict(dict.get('Resources')) ?? inherited;
      const kids = this.resolve(dict.get('Kids'));
      if (name(dict.get('Type')) === 'Pages' && Array.isArray(kids)) for (const kid of kids) walk(kid, resources, depth + 1);
      else pages.push({ page: dict, resources });
    };
    walk(this.catalog().get('Pages'), undefined, 0);
    const pieces: string[] = [];
    for (const { page, resources } of pages) {
      const contents = this.resolve(page.get('Contents'));
      const refs = Array.isArray(contents) ? contents : contents === undefined ? [] : [page.get('Contents')!];
      const streams = refs.map((ref) => {
        const object = ref instanceof PdfRef ? this.objects.get(ref.num) : undefined;
        if (!object) throw new UnreadableFile('is damaged: a page\'s content is missing');
        return this.streamData(object, 'a page\'s content');
      });
      this.showText(Buffer.concat(streams.flatMap((s) => [s, Buffer.from('\n')])), resources, pieces);
    }
    return normaliseWhitespace(pieces.join(''));
  }

  /** Appends what the text operators of a content stream show. */
  private showText(content: Buffer, resources: Map<string, PdfValue> | undefined, pieces: string[]): void {
    const lexer = new Lexer(content, 0, false);
    const fonts = this.dict(resources?.get('Font'));
    let decode: (bytes: Buffer) => string = (bytes) => bytes.toString('latin1');
    const operands: PdfValue[] = [];
    while (!lexer.atEnd()) {
      const value = lexer.value();
      if (!(value instanceof PdfOp)) {
        operands.push(value!);
        continue;
      }
      switch (value.op) {
        case 'BT':
          pieces.push(' ');
          break;
        case 'Tf':
          decode = this.fontDecoder(fonts?.get(name(operands[0]) ?? ''));
          break;
        case 'Tj':
        case "'":
        case '"': {
          const shown = operands[operands.length - 1];
          if (Buffer.isBuffer(shown)) pieces.push(value.op === 'Tj' ? '' : ' ', decode(shown));
          break;
        }
        case 'TJ': {
          const shown = operands[operands.length - 1];
          if (Array.isArray(shown)) for (const part of shown) if (Buffer.isBuffer(part)) pieces.push(decode(part));
          break;
        }
        case 'ID':
          throw new UnreadableFile('cannot be compared: it has inline images, which this tool does not write');
      }
      operands.length = 0;
    }
  }

  /** How to turn a font's codes into text: its ToUnicode map, else one byte a character. */
  private fontDecoder(font: PdfValue | undefined): (bytes: Buffer) => string {
    const key = font ?? null;
    const known = this.fonts.get(key);
    if (known) return known;
    const dict = this.dict(font);
    const toUnicode = dict?.get('ToUnicode');
    let decoder = (bytes: Buffer) => bytes.toString('latin1');
    if (toUnicode instanceof PdfRef && this.objects.has(toUnicode.num)) {
      const { codeLength, map } = readCMap(this.streamData(this.objects.get(toUnicode.num)!, 'a font\'s character map'));
      decoder = (bytes) => {
        let text = '';
        for (let i = 0; i + codeLength <= bytes.length; i += codeLength) text += map.get(bytes.readUIntBE(i, codeLength)) ?? '\ufffd';
        return text;
      };
    }
    this.fonts.set(key, decoder);
    return decoder;
  }
}

const utf16 = new TextDecoder('utf-16be');
/** The largest range of codes one line of a character map may map, and the most codes a map may map in all. */
const MAX_CMAP_RANGE = 0x10000;
const MAX_CMAP_CODES = 0x40000;

/** A ToUnicode character map: how many bytes a code has, and the text of each code. */
function readCMap(data: Buffer): { codeLength: number; map: Map<number, string> } {
  const lexer = new Lexer(data, 0, false);
  const map = new Map<number, string>();
  let codeLength = 1;
  let mapped = 0;
  const values: PdfValue[] = [];
  while (!lexer.atEnd()) {
    const value = lexer.value();
    if (!(value instanceof PdfOp)) {
      values.push(value!);
      continue;
    }
    const codes = values.filter(Buffer.isBuffer);
    if (value.op === 'endcodespacerange' && codes[0]) codeLength = Math.min(Math.max(codes[0].length, 1), 4);
    if (value.op === 'endbfchar') {
      for (let i = 0; i + 1 < values.length; i += 2) {
        const [code, text] = [values[i], values[i + 1]];
        if (Buffer.isBuffer(code) && Buffer.isBuffer(text) && code.length > 0 && code.length <= 4) map.set(code.readUIntBE(0, code.length), utf16.decode(text));
      }
    }
    if (value.op === 'endbfrange') {
      for (let i = 0; i + 2 < values.length; i += 3) {
        const [low, high, target] = [values[i], values[i + 1], values[i + 2]];
        if (!Buffer.isBuffer(low) || !Buffer.isBuffer(high) || low.length === 0 || low.length > 4 || high.length !== low.length) continue;
        const from = low.readUIntBE(0, low.length);
        const to = Math.min(high.readUIntBE(0, high.length), from + MAX_CMAP_RANGE - 1);
        mapped += to - from + 1;
        if (mapped > MAX_CMAP_CODES) throw new UnreadableFile('cannot be compared: a font\'s character map in it is larger than any this tool writes');
        for (let code = from; code <= to; code++) {
          if (Array.isArray(target)) {
            const text = target[code - from];
            if (Buffer.isBuffer(text)) map.set(code, utf16.decode(text));
          } else if (Buffer.isBuffer(target) && target.length >= 2) {
            const start = Buffer.from(target);
            start.writeUInt16BE((start.readUInt16BE(start.length - 2) + code - from) & 0xffff, start.length - 2);
            map.set(code, utf16.decode(start));
          }
        }
      }
    }
    values.length = 0;
  }
  return { codeLength, map };
}

/** Reads a PDF back; any failure to make sense of it is an UnreadableFile. */
export function readPdf(bytes: Buffer): PdfFile {
  try {
    return new PdfFile(bytes);
  } catch (error) {
    if (error instanceof UnreadableFile) throw error;
    throw new UnreadableFile('is damaged: it is not a PDF this tool can read');
  }
}
