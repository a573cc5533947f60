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

describe('a table header row taller than a page', () => {
  // A column heading is data now (a salary table's headings), so a fuzzed one once made a
  // header row taller than a page, which pdfmake keeps whole and so left out entirely.
  const words = numberedWords(1500);
  const blocks: Block[] = [
    {
      type: 'table',
      header: [[text(words.join(' '))], [text('Allowance')]],
      rows: [[[text('First')], [text('short')]]],
    },
    paragraph(text('After the table.')),
  ];

  it('is printed whole in the PDF, once, with the rows under it', async () => {
    const printed = (await pdfText(blocks)).split(/\s+/);
    expect(words.filter((word) => !printed.includes(word))).toEqual([]);
    expect(printed.filter((word) => word === 'word0')).toHaveLength(1);
    for (const word of ['Allowance', 'First', 'After']) expect(printed).toContain(word);
  });
});

describe('a table header row shorter than a page but taller than half of one', () => {
  // A fuzzed column heading (this one) made a header row nearly a page high: repeated on each page,
  // it left no room under it for a row, and pdfmake printed it on page after page with the rows left out.
  const heading = `**${'- '.repeat(1265)}xaaaaaaaa£X`;
  const rows = ['First', 'Second', 'Third', 'Fourth'];
  const blocks: Block[] = [
    {
      type: 'table',
      header: [[text(heading)], [text('Allowance')]],
      rows: rows.map((row) => [[text(row)], [text(`${row} allowance`)]]),
    },
    paragraph(text('After the table.')),
  ];

  it('is printed once, with every row under it', async () => {
    const printed = (await pdfText(blocks)).split(/\s+/);
    expect(printed.filter((word) => word.endsWith('xaaaaaaaa£X'))).toHaveLength(1);
    for (const word of [...rows, 'After']) expect(printed).toContain(word);
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

describe('numbered lists', () => {
  const item = (words: string): Block[] => [paragraph(text(words))];
  const blocks: Block[] = [
    { type: 'list', ordered: true, items: [item('Apply online'), item('Attend interview')] },
    paragraph(text('Then, once appointed:')),
    {
      type: 'list',
      ordered: true,
      items: [item('Accept the offer'), [paragraph(text('Start work')), { type: 'list', ordered: true, items: [item('Vetting'), item('Induction')] }], item('First review')],
    },
    { type: 'list', ordered: true, start: 3, items: [item('Third step'), item('Fourth step')] },
  ];
  const expected = ['1. Apply online', '2. Attend interview', '1. Accept the offer', '2. Start work', 'a. Vetting', 'b. Induction', '3. First review', '3. Third step', '4. Fourth step'];

  it('are each numbered from their own start in the PDF, 1., a. by depth', async () => {
    const numbered = (await pdfText(blocks)).split('\n').map((line) => line.trim()).filter((line) => /^[0-9a-z]+\. /.test(line));
    expect(numbered).toEqual(expected);
  });

  it('are each a numbering instance of their own in the Word file, counting from the same start', async () => {
    const parts = unzipSync(await writeDocx({ meta, blocks }));
    const document = strFromU8(parts['word/document.xml']!);
    const numbering = strFromU8(parts['word/numbering.xml']!);
    // Each numbered paragraph's text, its list (numId) and its level.
    const paragraphs = [...document.matchAll(/<w:p>.*?<\/w:p>|<w:p .*?<\/w:p>/g)].flatMap(([xml]) => {
      const numId = /<w:numId w:val="(\d+)"\/>/.exec(xml)?.[1];
      const level = /<w:ilvl w:val="(\d+)"\/>/.exec(xml)?.[1];
      const words = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((match) => match[1]).join('');
      return numId ? [{ words, numId, level: Number(level) }] : [];
    });
    // The number Word starts a list from: its instance's override, or its definition's start.
    const startOf = (numId: string, level: number) => {
      const num = new RegExp(`<w:num w:numId="${numId}">(.*?)</w:num>`).exec(numbering)![1]!;
      const override = new RegExp(`<w:lvlOverride w:ilvl="${level}"><w:startOverride w:val="(\\d+)"/>`).exec(num);
      if (override) return Number(override[1]);
      const abstract = /<w:abstractNumId w:val="(\d+)"\/>/.exec(num)![1];
      const definition = new RegExp(`<w:abstractNum w:abstractNumId="${abstract}"[^>]*>(.*?)</w:abstractNum>`).exec(numbering)![1]!;
      return Number(new RegExp(`<w:lvl w:ilvl="${level}"[^>]*><w:start w:val="(\\d+)"/>`).exec(definition)![1]);
    };
    // Word numbers the paragraphs of one numId on from each other, each level from its start.
    const counters = new Map<string, number>();
    const numbered = paragraphs.map(({ words, numId, level }) => {
      const key = `${numId}/${level}`;
      const number = counters.has(key) ? counters.get(key)! + 1 : startOf(numId, level);
      counters.set(key, number);
      const label = level === 0 ? String(number) : String.fromCharCode(96 + number);
      return `${label}. ${words}`;
    });
    expect(numbered).toEqual(expected);
    expect(new Set(paragraphs.map(({ numId }) => numId)).size).toBe(4);
  });
});
