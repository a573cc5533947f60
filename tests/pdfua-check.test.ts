// The PDF/UA-1 checker of tests/support/pdfua-check.ts: a correct tagged PDF made
// here with pdfkit passes, and each broken one fails with exactly the rule number
// veraPDF gives its fault. Then the sample packs' PDFs, read as the writer makes them.
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { checkPdfUa, contentOperations, goldenStructure, structureAgainstGolden } from './support/pdfua-check.js';
import { outputFile, projectRoot } from './support/read-outputs.js';

// pdfkit is installed under pdfmake; the tests drive its tagging API directly.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const PDFDocument = createRequire(import.meta.url)('pdfkit') as any;
const font = path.join(projectRoot, 'fonts', 'liberation-sans', 'LiberationSans-Regular.ttf');
const folder = mkdtempSync(path.join(tmpdir(), 'pdfua-check-'));

interface Faults {
  untaggedText?: boolean;
  artifactInTagged?: boolean;
  figureWithoutAlt?: boolean;
  tdUnderTable?: boolean;
  liOutsideL?: boolean;
  h1ThenH3?: boolean;
  thWithoutScope?: boolean;
  linkWithoutContents?: boolean;
  linkNotInTree?: boolean;
  noPdfUaId?: boolean; // pdfkit without its PDF/UA subset: XMP without pdfuaid
  noDisplayTitle?: boolean;
}

/**
 * A small tagged PDF: a heading, a paragraph, a figure, a list, a table with a header
 * row, a link and a page number as an artifact; each fault breaks one thing.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function makePdf(name: string, faults: Faults = {}): Promise<string> {
  const file = path.join(folder, `${name}.pdf`);
  const doc = new PDFDocument({
    tagged: true,
    pdfVersion: '1.7',
    ...(faults.noPdfUaId ? {} : { subset: 'PDF/UA' }),
    lang: 'en-GB',
    displayTitle: !faults.noDisplayTitle,
    info: { Title: 'A checked document', CreationDate: new Date(Date.UTC(2026, 0, 1)) },
    font,
  });
  const written = finished(doc.pipe(createWriteStream(file)));
  const root = doc.struct('Document');
  doc.addStructure(root);
  root.add(doc.struct('H1', () => doc.text('A heading')));
  if (faults.h1ThenH3) root.add(doc.struct('H3', () => doc.text('A heading two levels down')));
  root.add(
    doc.struct('P', () => {
      doc.text('A paragraph with (brackets) and a \\ backslash.');
      // pdfkit closes the open marked content before it opens another, so the nested artifact is written raw.
      if (faults.artifactInTagged) doc.addContent('/Artifact BMC').rect(72, 400, 10, 1).fill().addContent('EMC');
    }),
  );
  if (faults.untaggedText) doc.text('Text outside any marked content.');
  root.add(doc.struct('Figure', faults.figureWithoutAlt ? {} : { alt: 'A grey square' }, () => doc.rect(72, 300, 40, 40).fill('#888888')));

  const listItem = doc.struct('LI');
  listItem.add(doc.struct('Lbl', () => doc.text('•')));
  listItem.add(doc.struct('LBody', () => doc.text('A list item')));
  if (faults.liOutsideL) root.add(listItem);
  else root.add(doc.struct('L', [listItem]));

  const table = doc.struct('Table');
  root.add(table);
  const header = doc.struct('TR');
  table.add(header);
  header.add(doc.struct('TH', faults.thWithoutScope ? {} : { scope: 'Column' }, () => doc.text('Grade')));
  const cell = doc.struct('TD', () => doc.text('Band A'));
  if (faults.tdUnderTable) table.add(cell);
  else table.add(doc.struct('TR', [cell]));

  if (faults.linkNotInTree) {
    root.add(doc.struct('P', () => doc.text('A link', { link: 'https://example.org/' })));
  } else {
    const link = doc.struct('Link');
    root.add(link);
    link.add(() => doc.text('A link'));
    doc.link(72, doc.y - 14, 40, 14, 'https://example.org/', {
      structParent: link,
      ...(faults.linkWithoutContents ? {} : { contents: new String('A link to example.org') }),
    });
  }

  doc.markContent('Artifact', { type: 'Pagination' });
  doc.text('Page 1', 72, 720);
  doc.endMarkedContent();
  root.end();
  doc.end();
  await written;
  return file;
}

const rules = async (file: string) => [...new Set((await checkPdfUa(file)).map((v) => v.rule))].sort();

/** Rewrites objects of a PDF through qpdf's JSON (for faults pdfkit cannot make). */
const isDict = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function editObjects(file: string, name: string, edit: (objects: Record<string, { value?: unknown }>) => void): string {
  const json = JSON.parse(execFileSync('qpdf', ['--json-output', file], { encoding: 'utf8', maxBuffer: 1 << 28 }));
  edit(json.qpdf[1]);
  const patch = path.join(folder, `${name}.json`);
  writeFileSync(patch, JSON.stringify(json));
  const out = path.join(folder, `${name}.pdf`);
  execFileSync('qpdf', [file, `--update-from-json=${patch}`, out]);
  return out;
}

describe('the PDF/UA-1 checker', () => {
  it('passes a correct tagged PDF', async () => {
    expect(await checkPdfUa(await makePdf('correct'))).toEqual([]);
  });

  const cases: [keyof Faults, string[]][] = [
    ['untaggedText', ['7.1-3']],
    ['artifactInTagged', ['7.1-1']],
    ['figureWithoutAlt', ['7.3-1']],
    ['tdUnderTable', ['7.2-3', '7.2-9']],
    ['liOutsideL', ['7.2-17']],
    ['h1ThenH3', ['7.4.2-1']],
    ['thWithoutScope', ['7.5-1']],
    ['linkWithoutContents', ['7.18.5-2']],
    ['linkNotInTree', ['7.18.5-1', '7.18.5-2']],
    ['noDisplayTitle', ['7.1-10']],
  ];
  it.each(cases)('fails a PDF with the fault %s with exactly %j', async (fault, expected) => {
    expect(await rules(await makePdf(fault, { [fault]: true }))).toEqual(expected);
  });

  it('fails a PDF without PDF/UA identification, and one without XMP metadata at all', async () => {
    expect(await rules(await makePdf('no-pdfuaid', { noPdfUaId: true }))).toEqual(['5-1']);
    const noMetadata = editObjects(await makePdf('for-metadata'), 'no-metadata', (objects) => {
      for (const entry of Object.values(objects)) if (isDict(entry.value) && entry.value['/Type'] === '/Catalog') delete entry.value['/Metadata'];
    });
    expect(await rules(noMetadata)).toEqual(['5-1', '7.1-8', '7.1-9']);
  });

  it('fails a PDF whose XMP has pdfuaid but no dc:title, and one with pdfuaid:part 2', async () => {
    const correct = await makePdf('for-xmp');
    const xmpWith = (name: string, change: (xmp: string) => string) =>
      editObjects(correct, name, (objects) => {
        for (const entry of Object.values(objects) as { stream?: { dict: Record<string, unknown>; data?: string } }[]) {
          if (entry.stream?.dict['/Type'] === '/Metadata') {
            const xmp = Buffer.from(entry.stream.data ?? '', 'base64').toString('utf8');
            entry.stream.data = Buffer.from(change(xmp)).toString('base64');
            delete entry.stream.dict['/Filter'];
            delete entry.stream.dict['/Length'];
          }
        }
      });
    expect(await rules(xmpWith('no-title', (xmp) => xmp.replace(/<dc:title>[\s\S]*?<\/dc:title>/, '')))).toEqual(['7.1-9']);
    expect(await rules(xmpWith('part-2', (xmp) => xmp.replace('<pdfuaid:part>1<', '<pdfuaid:part>2<')))).toEqual(['5-2']);
  });

  it('fails an embedded file specification without UF', async () => {
    const correct = await makePdf('for-file');
    // pdfkit's attachments: one made in a copy, its UF removed through qpdf's JSON.
    const withFile = path.join(folder, 'with-file.pdf');
    execFileSync('qpdf', [correct, '--add-attachment', path.join(projectRoot, 'package.json'), '--key=package.json', '--', withFile]);
    expect(await rules(withFile)).toEqual([]);
    const withoutUf = editObjects(withFile, 'without-uf', (objects) => {
      for (const entry of Object.values(objects)) if (isDict(entry.value) && '/EF' in entry.value) delete entry.value['/UF'];
    });
    expect(await rules(withoutUf)).toEqual(['7.11-1']);
  });

  it('reads content streams: escaped brackets in strings, hex strings, arrays, dictionaries and inline images', () => {
    const ops = contentOperations(
      Buffer.from('/P <</MCID 3 /Lang (en\\)x) /A [1 <2a> (b(c))]>> BDC BT (a\\(b) Tj [<0041> -20 (c)] TJ ET BI /W 1 /H 1 ID \x00EI\x01 EI EMC % EMC\n', 'latin1'),
    );
    expect(ops.map((o) => o.operator)).toEqual(['BDC', 'BT', 'Tj', 'TJ', 'ET', 'BI', 'EMC']);
    expect(ops[0]!.operands[1]).toEqual({ dict: { MCID: 3, Lang: { string: 'en)x' }, A: [1, { string: '*' }, { string: 'b(c)' }] } });
    expect(ops[2]!.operands).toEqual([{ string: 'a(b' }]);
  });
});

// The sample packs' PDFs as the writer makes them: every rule the checker decides holds, and
// the structure tree (what a screen reader reads, in order) is the one read and kept in
// tests/golden/<pack>.struct.txt (UPDATE_GOLDEN=1 rewrites it, to be read before committing).
const samplePacks = ['met-dac-2021', 'met-deputy-director-project-delivery', 'wealdmere-head-of-housing-2027'];

describe.each(samplePacks)('the tagged PDF of %s', (packId) => {
  it('passes every PDF/UA-1 rule the checker decides', async () => {
    expect(await checkPdfUa(outputFile(packId, 'pdf'))).toEqual([]);
  });

  it('has the structure tree kept in tests/golden', async () => {
    const { actual, golden } = await structureAgainstGolden(outputFile(packId, 'pdf'), packId);
    expect(golden, `tests/golden/${packId}.struct.txt is missing: make it with UPDATE_GOLDEN=1 and read it`).toBeDefined();
    expect(actual).toBe(golden);
  });
});

describe('goldenStructure', () => {
  it('reads the same structure text from the same PDF each time', async () => {
    const file = await makePdf('golden');
    const first = await goldenStructure(file);
    expect(first).toContain('Document');
    expect(first).toContain('Figure');
    expect(await goldenStructure(await makePdf('golden-again'))).toBe(first);
    expect(readFileSync(file).equals(readFileSync(path.join(folder, 'golden-again.pdf')))).toBe(true);
  });
});
