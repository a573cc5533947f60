// What is printed is what was written: documents the writers once lost text
// from, or numbered differently in the two formats, read back from the files.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Block, Document, DocumentMeta, Inline } from '../src/model/document.js';
import { writeDocx } from '../src/writers/docx/index.js';
import { writePdf } from '../src/writers/pdf/index.js';

const text = (value: string): Inline => ({ type: 'text', text: value });
const paragraph = (...children: Inline[]): Block => ({ type: 'paragraph', style: 'normal', children });

const meta: DocumentMeta = {
  title: 'Printed as written',
  subject: 'A pack',
  author: 'Metropolitan Police Service',
  language: 'en-GB',
  keywords: [],
  date: new Date('2020-12-14T12:00:00Z'),
  footer: 'Printed as written',
  version: '1.0.0',
  versionDate: '2020-12-14',
};

/** The text of a PDF as poppler reads it, one page after another. */
async function pdfText(blocks: Block[]): Promise<string> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'printed-')), 'document.pdf');
  writeFileSync(file, await writePdf({ meta, blocks }));
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** Numbered words, each once: `word0 word1 …`, so that a missing one is named. */
const numberedWords = (count: number) => Array.from({ length: count }, (_, i) => `word${i}`);

describe('a table row taller than a page', () => {
  const words = numberedWords(1500);
  const blocks: Block[] = [
    paragraph(text('Before the table.')),
    {
      type: 'table',
      header: [[text('Stage')], [text('What happens')]],
      rows: [
        [[text('First')], [text('short')]],
        [[text('Second')], [text(words.join(' '))]],
        [[text('Third')], [text('after the long row')]],
      ],
    },
    paragraph(text('After the table.')),
  ];

  it('is printed whole in the PDF, over as many pages as it needs, with what follows it', async () => {
    const printed = new Set((await pdfText(blocks)).split(/\s+/));
    expect(words.filter((word) => !printed.has(word))).toEqual([]);
    for (const word of ['Third', 'After']) expect(printed.has(word)).toBe(true);
  });
});

describe('a long paragraph', () => {
  // 900 KB took 338 s (the PDF writer was quadratic in a paragraph's length); now
  // about a second. Not a timing assertion: the timeout only catches a quadratic
  // writer. A few words recur, as in prose, with a numbered one every hundred.
  it('of 900 KB is written, every word in order, well within a minute', { timeout: 60_000 }, async () => {
    const vocabulary = ['the', 'candidate', 'will', 'lead', 'a', 'team', 'for', 'officers', 'and', 'staff'];
    const words = Array.from({ length: 170_000 }, (_, i) => (i % 100 === 0 ? `mark${i / 100}` : vocabulary[i % vocabulary.length]!));
    const paragraphText = words.join(' ');
    expect(paragraphText.length).toBeGreaterThan(900 * 1024);
    // The paragraph's words, without the running footers ("Printed as written", "Page 2 of 30").
    const ours = new Set(vocabulary);
    const printed = (await pdfText([paragraph(text(paragraphText))])).split(/\s+/).filter((word) => ours.has(word) || word.startsWith('mark'));
    expect(printed.filter((word) => word.startsWith('mark'))).toEqual(words.filter((word) => word.startsWith('mark')));
    expect(printed).toEqual(words);
  });
});
