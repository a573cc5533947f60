// packs diff given built files that are not as they were built: edited by hand,
// cut short, damaged, made to exhaust memory, foreign, or carrying facts of
// the wrong shape. Each is reported in one plain line with exit 2, or, when
// its text was changed after the build, as changed by hand (exit 1) — never
// as "no differences", never with a crash. And two long, different
// paragraphs are compared in bounded time, every word still shown.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { constants, crc32, deflateRawSync, deflateSync } from 'node:zlib';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { comparePacks } from '../src/diff/compare.js';
import { formatText } from '../src/diff/format.js';
import type { Document } from '../src/model/document.js';
import type { PackFacts } from '../src/model/facts.js';
import { writeDocx } from '../src/writers/docx/index.js';
import { writePdf } from '../src/writers/pdf/index.js';
import { copyProject, runCli } from './support/project.js';

let dir = '';
let pdf = '';
let docx = '';

beforeAll(async () => {
  const root = copyProject();
  expect((await runCli(['build', 'met-dac-2021', '--today', '2020-12-14'], root)).status).toBe(0);
  dir = mkdtempSync(path.join(tmpdir(), 'packs-diff-built-'));
  pdf = path.join(dir, 'built.pdf');
  docx = path.join(dir, 'built.docx');
  copyFileSync(path.join(root, 'output/met-dac-2021.pdf'), pdf);
  copyFileSync(path.join(root, 'output/met-dac-2021.docx'), docx);
});

const diff = (...files: string[]) => runCli(['diff', ...files], dir);

/** A zip of the parts given, each entry as given: its data as stored, and the sizes and checksum it declares. */
function zip(entries: { name: string; data: Buffer; method: 0 | 8; size: number; crc: number }[]): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(entry.method, 8);
    header.writeUInt32LE(entry.crc, 14);
    header.writeUInt32LE(entry.data.length, 18);
    header.writeUInt32LE(entry.size, 22);
    header.writeUInt16LE(name.length, 26);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(20, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(entry.method, 10);
    record.writeUInt32LE(entry.crc, 16);
    record.writeUInt32LE(entry.data.length, 20);
    record.writeUInt32LE(entry.size, 24);
    record.writeUInt16LE(name.length, 28);
    record.writeUInt32LE(offset, 42);
    local.push(header, name, entry.data);
    central.push(record, name);
    offset += header.length + name.length + entry.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, directory, end]);
}

/** The built .docx's parts, with some replaced, zipped honestly. */
function docxWith(replace: Record<string, (text: string) => string>): Buffer {
  const parts = unzipSync(readFileSync(docx));
  return zip(
    Object.entries(parts).map(([name, data]) => {
      const content = Buffer.from(replace[name] ? strToU8(replace[name](strFromU8(data))) : data);
      return { name, data: deflateRawSync(content), method: 8, size: content.length, crc: crc32(content) };
    }),
  );
}

/**
 * Raw deflate data for `gigabytes` GB of zeros, about 1 MB a GB: one full-flushed
 * block for 1 MB of zeros, which stands alone, repeated, then an empty last block.
 */
function zerosDeflated(gigabytes: number): Buffer {
  const megabyte = deflateRawSync(Buffer.alloc(1 << 20), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  return Buffer.concat([...Array<Buffer>(gigabytes * 1024).fill(megabyte), deflateRawSync(Buffer.alloc(0))]);
}

/** A zlib stream (what a PDF's FlateDecode holds) of `gigabytes` GB of zeros. */
function zerosZlib(gigabytes: number): Buffer {
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE((((gigabytes * 2 ** 30) % 65521) * 65536 + 1) >>> 0);
  return Buffer.concat([Buffer.from([0x78, 0xda]), zerosDeflated(gigabytes), adler]);
}

/** A PDF of one empty page whose attached file is `stream` with the filters given. */
function pdfWithAttachment(stream: Buffer, filter: string): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(pack-data.json) 4 0 R] >> >> >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
    '<< /Type /Filespec /F (pack-data.json) /EF << /F 5 0 R >> >>',
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n')];
  const offsets: number[] = [];
  let at = parts[0]!.length;
  const add = (part: Buffer) => {
    parts.push(part);
    at += part.length;
  };
  objects.forEach((body, i) => {
    offsets.push(at);
    add(Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`));
  });
  offsets.push(at);
  add(Buffer.from(`5 0 obj\n<< /Type /EmbeddedFile /Filter ${filter} /Length ${stream.length} >>\nstream\n`));
  add(stream);
  add(Buffer.from('\nendstream\nendobj\n'));
  const xref = at;
  add(Buffer.from(`xref\n0 6\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`));
  add(Buffer.from(`trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`));
  return Buffer.concat(parts);
}

const tinyDocument = (json: string | undefined): Document => ({
  meta: {
    title: 'P',
    subject: 'S',
    author: 'Org',
    language: 'en-GB',
    keywords: [],
    date: new Date('2021-03-04T12:00:00Z'),
    footer: 'P · version 1.0.0',
    version: '1.0.0',
    versionDate: '2021-03-04',
    ...(json === undefined ? {} : { attachment: { name: 'pack-data.json', json } }),
  },
  blocks: [{ type: 'paragraph', style: 'normal', children: [{ type: 'text', text: 'Hello' }] }],
});

describe('packs diff of built files that are not as they were built', () => {
  it('reports a .docx whose salary was changed by hand after the build, first and by name, with the changed words: never "no differences"', async () => {
    const edited = path.join(dir, 'docx-edited');
    mkdirSync(edited);
    execFileSync('unzip', ['-q', docx, '-d', edited]);
    const documentXml = path.join(edited, 'word/document.xml');
    const xml = readFileSync(documentXml, 'utf8');
    expect(xml).toContain('>£156,693 p.a.<');
    writeFileSync(documentXml, xml.replace('>£156,693 p.a.<', '>£196,693 p.a.<'));
    execFileSync('zip', ['-q', '-r', path.join(dir, 'salary.docx'), '.'], { cwd: edited });

    const run = await diff('built.docx', 'salary.docx');
    expect(run.status).toBe(1);
    expect(run.stdout).toBe(
      'salary.docx was changed by hand after it was built: the text it shows is not the text it was built with (the comparison below is of the pack data it carries)\n' +
        '  …September 2020) Pay Amount Basic Pay [-£156,693-]{+£196,693+} p.a. London weighting £2,568 p.a. …\n',
    );
    // Against the PDF of the same build, too; and in JSON, for tools.
    expect((await diff('built.pdf', 'salary.docx')).status).toBe(1);
    const json = JSON.parse((await runCli(['diff', 'built.pdf', 'salary.docx', '--format', 'json'], dir)).stdout);
    expect(json.handEdits).toEqual([
      {
        file: 'salary.docx',
        parts: expect.arrayContaining([
          { text: '£156,693', change: 'deleted' },
          { text: '£196,693', change: 'inserted' },
        ]),
      },
    ]);
  });

  it('reports a PDF whose visible text was changed (a text operator edited with qpdf) as changed by hand; the same file rewritten by qpdf is not', async () => {
    execFileSync('qpdf', ['--qdf', '--object-streams=disable', pdf, path.join(dir, 'qdf.pdf')]);
    const qdf = readFileSync(path.join(dir, 'qdf.pdf'));
    expect((await diff('built.pdf', 'qdf.pdf')).status).toBe(0);

    // In a line of text halfway through, two glyphs change places.
    const shows: number[] = [];
    for (let at = qdf.indexOf('] TJ'); at >= 0; at = qdf.indexOf('] TJ', at + 1)) shows.push(at);
    const show = shows[Math.floor(shows.length / 2)]!;
    const start = qdf.lastIndexOf('[<', show) + 2;
    const [first, second] = [qdf.subarray(start, start + 4).toString(), qdf.subarray(start + 4, start + 8).toString()];
    expect(first).not.toBe(second);
    const edited = Buffer.from(qdf);
    edited.write(second + first, start, 'latin1');
    writeFileSync(path.join(dir, 'glyphs.pdf'), edited);

    const run = await diff('built.docx', 'glyphs.pdf');
    expect(run.status).toBe(1);
    const [heading, words] = run.stdout.split('\n');
    expect(heading).toBe('glyphs.pdf was changed by hand after it was built: the text it shows is not the text it was built with (the comparison below is of the pack data it carries)');
    expect(words).toMatch(/^ {2}….*\[-.+-\]\{\+.+\+\}.*…$/);
  });

  it('says in one line, exit 2, that a file is cut short or foreign: a PDF cut to 20 KB, a .docx cut short, a PDF and a .docx made by something else', async () => {
    writeFileSync(path.join(dir, 'cut.pdf'), readFileSync(pdf).subarray(0, 20_000));
    writeFileSync(path.join(dir, 'cut.docx'), readFileSync(docx).subarray(0, 20_000));
    writeFileSync(path.join(dir, 'foreign.pdf'), await writePdf(tinyDocument(undefined)));
    writeFileSync(path.join(dir, 'foreign.docx'), await writeDocx(tinyDocument(undefined)));
    const expected: [string, string][] = [
      ['cut.pdf', 'cut.pdf is not a whole PDF: it ends before its last part (it was cut short, or not copied completely)'],
      ['cut.docx', 'cut.docx is not a whole .docx: it ends before its last part (it was cut short, or not copied completely)'],
      ['foreign.pdf', 'foreign.pdf carries no pack data (it was not built by this tool, or by a version before it embedded it)'],
      ['foreign.docx', 'foreign.docx carries no pack data (it was not built by this tool, or by a version before it embedded it)'],
    ];
    for (const [file, message] of expected) {
      const run = await diff('built.pdf', file);
      expect([run.status, run.stdout, run.stderr]).toEqual([2, '', `packs diff: ${message}\n`]);
    }
  });

  it('refuses, exit 2, a PDF whose compressed stream would expand to gigabytes, without expanding it', async () => {
    // 1 GB of zeros in about 1 MB; and 4 GB in a few KB, compressed twice.
    writeFileSync(path.join(dir, 'bomb.pdf'), pdfWithAttachment(zerosZlib(1), '/FlateDecode'));
    const twice = deflateSync(zerosZlib(4), { level: 9 });
    expect(twice.length).toBeLessThan(20_000);
    writeFileSync(path.join(dir, 'bomb-twice.pdf'), pdfWithAttachment(twice, '[/FlateDecode /FlateDecode]'));
    for (const file of ['bomb.pdf', 'bomb-twice.pdf']) {
      const run = await diff(file, 'built.pdf');
      expect([run.status, run.stdout, run.stderr]).toEqual([2, '', `packs diff: ${file} cannot be compared: an attached file in it expands to more than the 64 MB a built file may hold\n`]);
    }
  });

  it('refuses, exit 2, a zip-bomb .docx: a part that declares gigabytes, and one that declares 1000 bytes but expands to gigabytes', async () => {
    const parts = Object.entries(unzipSync(readFileSync(docx))).map(([name, data]) => ({ name, data: deflateRawSync(data), method: 8 as const, size: data.length, crc: crc32(data) }));
    const bomb = zerosDeflated(1);
    const withFacts = (size: number) => parts.map((part) => (part.name === 'customXml/item1.xml' ? { ...part, data: bomb, size } : part));
    writeFileSync(path.join(dir, 'bomb.docx'), zip(withFacts(2 ** 30)));
    writeFileSync(path.join(dir, 'liar.docx'), zip(withFacts(1000)));
    const bombRun = await diff('bomb.docx', 'built.docx');
    expect([bombRun.status, bombRun.stdout, bombRun.stderr]).toEqual([2, '', 'packs diff: bomb.docx cannot be compared: customXml/item1.xml in it would expand to 1024 MB, more than the 64 MB a built file may hold\n']);
    const liarRun = await diff('liar.docx', 'built.docx');
    expect([liarRun.status, liarRun.stdout, liarRun.stderr]).toEqual([2, '', 'packs diff: liar.docx is damaged: customXml/item1.xml in it expands to more than the 1000 bytes it declares\n']);
  });

  it('compares a file built before files recorded their text, saying that a change by hand cannot be seen in it', async () => {
    // Such a PDF is ours without the update at its end; such a .docx has the facts alone in its custom XML part.
    const built = readFileSync(pdf);
    writeFileSync(path.join(dir, 'older.pdf'), built.subarray(0, built.indexOf('%%EOF') + '%%EOF\n'.length));
    writeFileSync(
      path.join(dir, 'older.docx'),
      docxWith({ 'customXml/item1.xml': (xml) => xml.replace(/<packFile (xmlns="[^"]*")><packData>([\s\S]*)<\/packData><visibleText>[\s\S]*<\/visibleText><\/packFile>/, '<packData $1>$2</packData>') }),
    );
    expect(strFromU8(unzipSync(readFileSync(path.join(dir, 'older.docx')))['customXml/item1.xml']!)).toMatch(/^<\?xml[^>]*>\n<packData xmlns="urn:recruitment-packs:facts">\{"format"/);
    const run = await diff('older.pdf', 'older.docx');
    expect([run.status, run.stdout, run.stderr]).toEqual([
      0,
      '',
      'packs diff: older.pdf was built before files recorded their text, so a change made to it by hand after the build cannot be seen\n' +
        'packs diff: older.docx was built before files recorded their text, so a change made to it by hand after the build cannot be seen\n',
    ]);
  });

  it('refuses, exit 2, pack data of the wrong shape, in a .docx and in a PDF', async () => {
    writeFileSync(
      path.join(dir, 'shape.docx'),
      docxWith({ 'customXml/item1.xml': (xml) => xml.replace('"sections":[{"title":"Cover","paragraphs":[', '"sections":[{"title":"Cover","paragraphs":[7,') }),
    );
    const facts = { format: 'recruitment-pack-facts/1', pack: { id: 'p', title: 'P', version: '1.0.0', date: '2021-03-04' }, facts: 'none', sections: [] };
    writeFileSync(path.join(dir, 'shape.pdf'), await writePdf(tinyDocument(JSON.stringify(facts))));
    const docxRun = await diff('built.docx', 'shape.docx');
    expect([docxRun.status, docxRun.stdout, docxRun.stderr]).toEqual([2, '', 'packs diff: shape.docx carries pack data that is damaged: sections[0].paragraphs[0] should be text\n']);
    const pdfRun = await diff('shape.pdf', 'built.docx');
    expect([pdfRun.status, pdfRun.stdout, pdfRun.stderr]).toEqual([2, '', 'packs diff: shape.pdf carries pack data that is damaged: facts should be a list\n']);
  });
});

describe('word diffs of long texts', () => {
  /** `count` words drawn from a vocabulary of 5,000, a full stop after every 17th. */
  const words = (seed: number, count: number) => {
    let x = seed;
    const out: string[] = [];
    for (let i = 1; i <= count; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      out.push(`w${x % 5000}${i % 17 === 0 ? '.' : ''}`);
    }
    return out.join(' ');
  };

  it(
    'compares two long, different paragraphs in bounded time, and shows every word of both',
    () => {
      const [before, after] = [words(1, 6000), words(2, 6000)];
      const facts = (paragraph: string): PackFacts => ({
        format: 'recruitment-pack-facts/1',
        pack: { id: 'p', title: 'P', version: '1.0.0', date: '2021-03-04' },
        facts: [],
        sections: [{ title: 'About the role', paragraphs: [paragraph] }],
      });
      const text = formatText(comparePacks(facts(before), facts(after)), false);
      const deleted = [...text.matchAll(/\[-([\s\S]*?)-\]/g)].map((m) => m[1]).join('');
      const inserted = [...text.matchAll(/\{\+([\s\S]*?)\+\}/g)].map((m) => m[1]).join('');
      expect(deleted.replace(/\s+/g, ' ').trim()).toBe(before);
      expect(inserted.replace(/\s+/g, ' ').trim()).toBe(after);
    },
    30_000,
  );
});
