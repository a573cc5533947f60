// Plain values (names, titles, addresses, table cells) print exactly as written,
// in both formats: nothing in them is read as Markdown. Read back from the PDF
// (pdftotext) and from the .docx's XML, on a copy of the DAC pack with awkward values.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyProject, runCli } from './support/project.js';
import { docxParts, partText, pdfPages } from './support/read-outputs.js';

let pdfText = '';
let documentXml = '';
let relationships = '';

beforeAll(async () => {
  const root = copyProject([
    // A valid address that Markdown would read as bold (and a link to the wrong address).
    { file: 'packs/met-dac-2021/timeline.yaml', find: 'email: ', replace: 'email: __jobs__@example.org\n  # was: ' },
    // A figure that Markdown would read as italic.
    { file: 'packs/met-dac-2021/role.yaml', find: 'organisation: Metropolitan Police Service', replace: 'organisation: Grade 2*3*4' },
    // A table cell with a | and a newline in it.
    { file: 'packs/met-dac-2021/timeline.yaml', find: 'summary: Shortlisting', replace: 'summary: "Either | or\\nnext line"' },
  ]);
  const run = await runCli(['build', 'met-dac-2021', '--today', '2021-01-01'], root);
  expect(run.stderr).not.toContain('error');
  expect(run.status).toBe(0);
  pdfText = pdfPages(path.join(root, 'output/met-dac-2021.pdf')).join('\f');
  const parts = docxParts(path.join(root, 'output/met-dac-2021.docx'));
  documentXml = partText(parts, 'word/document.xml');
  relationships = partText(parts, 'word/_rels/document.xml.rels');
}, 120_000);

/** The text of each table cell of the .docx, a line break as a newline. */
const docxCells = () =>
  [...documentXml.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map(([cell]) =>
    [...cell.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)].map((m) => (m[0] === '<w:br/>' ? '\n' : m[1])).join(''),
  );

describe('plain values print exactly as written', () => {
  it('an email address with underscores, and the mailto link made of it', () => {
    expect(pdfText).toContain('__jobs__@example.org');
    expect(documentXml).toContain('>__jobs__@example.org</w:t>');
    expect(relationships).toContain('Target="mailto:__jobs__@example.org"');
    expect(pdfText).not.toMatch(/[^_]jobs@example\.org/);
  });

  it('a value with stars', () => {
    expect(pdfText).toContain('Grade 2*3*4');
    expect(documentXml).toContain('>Grade 2*3*4</w:t>');
  });

  it('a table cell with a | and a newline stays one cell, the newline a line break in it', () => {
    expect(pdfText).toContain('Either | or\nnext line');
    expect(docxCells()).toContain('Either | or\nnext line');
    // The row still has its three cells: the stage, its date and the summary.
    const row = docxCells();
    const at = row.indexOf('Either | or\nnext line');
    expect(row[at - 2]).toBe('Stage 2 – Shortlisting');
  });
});
