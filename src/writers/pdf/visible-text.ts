// Records in a PDF the text its pages show, so that `packs diff` can tell a
// file changed after it was built: it reads the pages' text again and
// compares. The text is known only once pdfmake has laid the pages out and
// written the file, so it is added as a PDF incremental update (the standard
// way to add to a finished PDF): a compressed stream holding the text, a new
// copy of the catalog that points to it, and a cross-reference section for the
// two. Same bytes in, same bytes out.
import { deflateSync } from 'node:zlib';
import { readPdf, VISIBLE_TEXT_KEY } from './read-pdf.js';

export function withVisibleText(pdf: Uint8Array): Uint8Array {
  const bytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const file = readPdf(bytes);
  const text = deflateSync(Buffer.from(file.visibleText(), 'utf8'), { level: 9 });
  const { num: catalogNum, object: catalog } = file.catalogObject();
  const trailerAt = file.text.lastIndexOf('trailer');
  const trailer = /<<[\s\S]*>>/.exec(file.text.slice(trailerAt, file.text.lastIndexOf('startxref')))![0];
  const previous = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(file.text.slice(-1024))![1];
  const size = Number(/\/Size\s+(\d+)/.exec(trailer)![1]);
  const textNum = size;
  // The catalog as it was, with one more entry first.
  const catalogText = file.text.slice(catalog.start, catalog.end).replace(/^\s*<</, `<<\n/${VISIBLE_TEXT_KEY} ${textNum} 0 R`);
  const parts: Buffer[] = [];
  let offset = bytes.length;
  const add = (part: Buffer | string) => {
    const buffer = typeof part === 'string' ? Buffer.from(part, 'latin1') : part;
    parts.push(buffer);
    offset += buffer.length;
  };
  add('\n');
  const catalogAt = offset;
  add(`${catalogNum} 0 obj\n${catalogText}\nendobj\n`);
  const textAt = offset;
  add(`${textNum} 0 obj\n<<\n/Length ${text.length}\n/Filter /FlateDecode\n>>\nstream\n`);
  add(text);
  add('\nendstream\nendobj\n');
  const xrefAt = offset;
  const entry = (at: number) => `${String(at).padStart(10, '0')} 00000 n \n`;
  const entries = [
    [catalogNum, catalogAt],
    [textNum, textAt],
  ].sort((a, b) => a[0]! - b[0]!);
  add(`xref\n${entries.map(([num, at]) => `${num} 1\n${entry(at!)}`).join('')}`);
  const newTrailer = trailer.replace(/\/Prev\s+\d+/, '').replace(/\/Size\s+\d+/, `/Size ${size + 1}`).replace(/^<</, `<<\n/Prev ${previous}`);
  add(`trailer\n${newTrailer}\nstartxref\n${xrefAt}\n%%EOF\n`);
  return Buffer.concat([bytes, ...parts]);
}
