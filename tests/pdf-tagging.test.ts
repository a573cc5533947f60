// The PDF writer's structure tree, on documents made to test its hard cases: a table
// longer than a page (its header row, repeated on each page, is read once), lists in
// lists and numbered lists (each item a label and a body), links (each a Link element
// owning its annotation, with a description), a picture (a Figure with its alt text),
// and a title that XML must escape in the metadata. Each is checked by the PDF/UA-1
// checker and read back with poppler and qpdf, never from the writer's internals.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Block, DocumentMeta, Inline } from '../src/model/document.js';
import { writePdf } from '../src/writers/pdf/index.js';
import { checkPdfUa, goldenStructure } from './support/pdfua-check.js';
import { projectRoot } from './support/read-outputs.js';

const folder = mkdtempSync(path.join(tmpdir(), 'pdf-tagging-'));

const meta: DocumentMeta = {
  title: 'Pay & conditions <2027>',
  subject: 'Terms "in brief"',
  author: 'Wealdmere & District Council',
  language: 'en-GB',
  keywords: ['pay & grading'],
  date: new Date(Date.UTC(2026, 11, 1, 12)),
  footer: 'Pay & conditions · Version 1.0.0',
  version: '1.0.0',
  versionDate: '2026-12-01',
};

const text = (value: string): Inline[] => [{ type: 'text', text: value }];
const paragraph = (...children: Inline[]): Block => ({ type: 'paragraph', style: 'normal', children });
const png = readFileSync(path.join(projectRoot, 'tests', 'support', 'chart.png'));

const blocks: Block[] = [
  { type: 'heading', level: 1, id: 'pay', children: text('Pay') },
  paragraph(
    { type: 'text', text: 'Read ' },
    { type: 'link', href: 'https://www.example.org/pay', children: text('the pay policy') },
    { type: 'text', text: ', write to ' },
    { type: 'link', href: 'mailto:jobs@example.org', children: text('jobs@example.org') },
    { type: 'text', text: ' or see ' },
    { type: 'link', href: '#steps', children: text('the steps below') },
    { type: 'text', text: '.' },
  ),
  {
    type: 'table',
    header: [text('Point'), text('Salary')],
    rows: Array.from({ length: 90 }, (_, index) => [text(`Point ${index + 1}`), text(`£${30000 + index * 500}`)]),
  },
  { type: 'heading', level: 2, id: 'steps', children: text('Steps') },
  {
    type: 'list',
    ordered: true,
    items: [[paragraph(...text('Apply'))], [paragraph(...text('Interview')), { type: 'list', ordered: false, items: [[paragraph(...text('Bring your passport'))]] }]],
  },
  { type: 'image', format: 'png', data: png, width: 1600, height: 700, alt: 'The structure chart: the director and four heads of service' },
];

async function built(name: string): Promise<string> {
  const file = path.join(folder, `${name}.pdf`);
  writeFileSync(file, await writePdf({ meta, blocks }));
  return file;
}

/** The values of a PDF's objects, read through qpdf's JSON. */
function objectValues(file: string): Array<Record<string, unknown>> {
  const json = JSON.parse(execFileSync('qpdf', ['--json', '--json-key=qpdf', file], { encoding: 'utf8', maxBuffer: 1 << 28 })) as {
    qpdf: [unknown, Record<string, { value?: unknown }>];
  };
  return Object.values(json.qpdf[1]).flatMap(({ value }) => (value && typeof value === 'object' && !Array.isArray(value) ? [value as Record<string, unknown>] : []));
}

/** A PDF string as qpdf's JSON gives it ("u:…" for text), as text. */
const pdfString = (value: unknown) => String(value).replace(/^u:/, '');

/** Every link annotation's /Contents. */
const annotationContents = (file: string) => objectValues(file).filter((object) => object['/Subtype'] === '/Link').map((object) => pdfString(object['/Contents']));

describe('the tagged PDF of a document with the hard cases', () => {
  it('passes every PDF/UA-1 rule the checker decides', async () => {
    expect(await checkPdfUa(await built('all'))).toEqual([]);
  });

  it('reads a table longer than a page with its header row once: the repeats are artifacts', async () => {
    const file = await built('table');
    const pages = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f');
    const withHeader = pages.filter((page) => /Point\s+Salary/.test(page));
    expect(withHeader.length).toBeGreaterThan(1);
    const structure = await goldenStructure(file);
    expect(structure.match(/"Point"/g)).toHaveLength(1);
    expect(structure.match(/"Salary"/g)).toHaveLength(1);
    expect(structure.match(/^ {4}TR$/gm)).toHaveLength(91);
    expect(structure).toMatch(/TH:\n\s+\/Scope \/Column\n\s+"Point"/);
    expect(structure).toContain('"Point 90"');
  });

  it('tags lists as L, LI, Lbl and LBody, a nested list inside its item, and numbers as labels', async () => {
    const structure = await goldenStructure(await built('lists'));
    expect(structure).toContain(
      [
        '  L (block)',
        '    LI (block)',
        '      Lbl (block)',
        '        "1. "',
        '      LBody (block)',
        '        P (block)',
        '          "Apply"',
        '    LI (block)',
        '      Lbl (block)',
        '        "2. "',
        '      LBody (block)',
        '        P (block)',
        '          "Interview"',
        '        L (block)',
        '          LI (block)',
        '            Lbl (block)',
        '              ""',
        '            LBody (block)',
        '              P (block)',
        '                "Bring your passport"',
      ].join('\n'),
    );
  });

  it('makes each link a Link element in its paragraph that owns its annotation, described in words', async () => {
    const file = await built('links');
    const structure = await goldenStructure(file);
    expect(structure).toMatch(/P \(block\)\n\s+"Read "\n\s+Link \(inline\)\n\s+"the pay policy"\n\s+Object \d+ 0/);
    // pdfmake draws a link within the document a word at a time, each word with its annotation: all in one Link element.
    expect([...new Set(annotationContents(file))].sort()).toEqual(['jobs@example.org', 'the pay policy (https://www.example.org/pay)', 'the steps below']);
    expect(structure).toMatch(/Link \(inline\)\n\s+"the steps below"\n(\s+Object \d+ 0\n){3}/);
  });

  it('gives the picture a Figure with its alt text', async () => {
    const file = await built('figure');
    const figures = objectValues(file).filter((object) => object['/S'] === '/Figure');
    expect(figures.map((figure) => pdfString(figure['/Alt']))).toEqual(['The structure chart: the director and four heads of service']);
  });

  it('writes the title, author and subject into the XMP metadata escaped, and into the document information as typed', async () => {
    const file = await built('metadata');
    const bytes = readFileSync(file, 'latin1');
    const xmp = bytes.slice(bytes.indexOf('<x:xmpmeta'), bytes.indexOf('</x:xmpmeta>'));
    expect(xmp).toContain('<rdf:li xml:lang="x-default">Pay &amp; conditions &lt;2027&gt;</rdf:li>');
    expect(xmp).toContain('<rdf:li>Wealdmere &amp; District Council</rdf:li>');
    expect(xmp).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
    expect(xmp).toContain('<pdfuaid:part>1</pdfuaid:part>');
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/^Title:\s+Pay & conditions <2027>$/m);
  });
});
