// Layout that reads well: a heading, or a bold line that leads into what follows it
// (a level's name over its indicators), is never the last thing on a PDF page; it
// moves to the next page with what it introduces. Read back from the PDFs (pdftotext).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownToBlocks } from '../src/compose/markdown.js';
import { DataFileCache } from '../src/load/load-pack.js';
import { plainText, type Block, type DocumentMeta, type Inline } from '../src/model/document.js';
import { planPack, selectPacks } from '../src/pipeline/build.js';
import { writePdf } from '../src/writers/pdf/index.js';
import { outputFile, projectRoot } from './support/read-outputs.js';

const samplePacks = ['met-dac-2021', 'met-deputy-director-project-delivery', 'wealdmere-head-of-housing-2027'];

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Each page's body lines, as pdftotext lays them out (a table's row on one line), without the running footer. */
function bodyLines(file: string, footer: string): string[][] {
  const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return text
    .split('\f')
    .slice(0, -1)
    .map((page) =>
      page
        .split('\n')
        // The footer and the page number share a line in this mode.
        .map((line) => collapse(line).replace(/ ?Page \d+ of \d+$/, ''))
        .filter((line) => line !== '' && line !== collapse(footer)),
    );
}

/**
 * The blocks that must not end a page: headings, and paragraphs whose whole text is bold
 * followed by body text (told here from the text, not from the writer's mark).
 */
function keptTexts(blocks: Block[]): string[] {
  return blocks.flatMap((block, index) => {
    const next = blocks[index + 1];
    if (block.type === 'heading') return next && next.type !== 'pageBreak' ? [collapse(plainText(block.children))] : [];
    if (block.type !== 'paragraph' || !next || ['heading', 'pageBreak', 'contents'].includes(next.type)) return [];
    const printed = block.children.filter((inline) => !(inline.type === 'text' && inline.text.trim() === ''));
    return printed.length === 1 && printed[0]!.type === 'strong' ? [collapse(plainText(block.children))] : [];
  });
}

/** The pages (numbered from 1) whose last line, or last two or three lines together, are a kept block's whole text. */
function pagesEndingWithKept(pages: string[][], kept: ReadonlySet<string>): string[] {
  return pages.flatMap((lines, index) => {
    for (let count = 1; count <= Math.min(3, lines.length); count += 1) {
      const end = lines.slice(-count).join(' ');
      if (kept.has(end)) return [`page ${index + 1} ends with "${end}"`];
    }
    return [];
  });
}

describe('the sample packs\' PDFs', () => {
  for (const id of samplePacks) {
    it(`${id}: no page ends with a heading or a bold line leading into what follows`, async () => {
      const [location] = (await selectPacks(projectRoot, [id])).packs;
      const plan = await planPack(projectRoot, location!, new DataFileCache(projectRoot));
      const document = plan.document!;
      const kept = new Set(keptTexts(document.blocks));
      expect(kept.size).toBeGreaterThan(0);
      expect(pagesEndingWithKept(bodyLines(outputFile(id, 'pdf'), document.meta.footer), kept)).toEqual([]);
    });
  }
});

const text = (value: string): Inline => ({ type: 'text', text: value });
const paragraph = (value: string): Block => ({ type: 'paragraph', style: 'normal', children: [text(value)] });

const meta: DocumentMeta = {
  title: 'Page layout',
  subject: 'A pack',
  author: 'Wealdmere District Council',
  language: 'en-GB',
  keywords: [],
  date: new Date('2020-12-14T12:00:00Z'),
  footer: 'Page layout',
  version: '1.0.0',
  versionDate: '2020-12-14',
};

async function printedPages(blocks: Block[]): Promise<string[][]> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'page-layout-')), 'document.pdf');
  writeFileSync(file, await writePdf({ meta, blocks }));
  return bodyLines(file, meta.footer);
}

/** How many lines follow `line` on its page, for each place it is printed. */
const linesUnder = (pages: string[][], line: string) =>
  pages.flatMap((lines) => (lines.includes(line) ? [lines.length - 1 - lines.indexOf(line)] : []));

const fillers = (count: number) => Array.from({ length: count }, (_, i) => paragraph(`Filler line ${i + 1}.`));
const longText =
  'What follows the heading runs over several lines, so that part of it would fit at the foot of a page and the rest go on to the next: ' +
  'a heading printed over one line of it, or over none, is left behind by what it names. '.repeat(3);

describe('a heading or a lead line that would fall at the foot of a page', () => {
  // From a few lines short of a full first page to a few over, so that one of them puts the
  // heading on the last line, and one the heading over one line of its text.
  const counts = Array.from({ length: 16 }, (_, i) => 22 + i);

  it('a heading moves to the next page unless two lines of its text fit under it', async () => {
    const underHeading: number[] = [];
    for (const count of counts) {
      const pages = await printedPages([...fillers(count), { type: 'heading', level: 2, id: 'kept', children: [text('Kept with its text')] }, paragraph(longText)]);
      underHeading.push(...linesUnder(pages, 'Kept with its text'));
    }
    expect(underHeading.filter((lines) => lines < 2)).toEqual([]);
  });

  it('so does a lead paragraph over a list', async () => {
    const underLead: number[] = [];
    for (const count of counts) {
      const lead: Block = { type: 'paragraph', style: 'normal', children: [{ type: 'strong', children: [text('Heads of Service')] }], keepWithNext: true };
      const list: Block = { type: 'list', ordered: false, items: [[paragraph('First indicator.')], [paragraph('Second indicator.')], [paragraph('Third indicator.')]] };
      underLead.push(...linesUnder(await printedPages([...fillers(count), lead, list]), 'Heads of Service'));
    }

    expect(underLead.filter((lines) => lines < 2)).toEqual([]);
  });

  it('a heading over a lead line moves with it', async () => {
    const pages: string[][][] = [];
    for (const count of counts) {
      const lead: Block = { type: 'paragraph', style: 'normal', children: [{ type: 'strong', children: [text('Effective')] }], keepWithNext: true };
      pages.push(await printedPages([...fillers(count), { type: 'heading', level: 3, id: 'level', children: [text('Level three')] }, lead, paragraph(longText)]));
    }
    expect(pages.flatMap((document) => linesUnder(document, 'Level three')).filter((lines) => lines < 3)).toEqual([]);
  });
});

describe('compose marks a paragraph that leads into what follows', () => {
  const marked = (markdown: string) =>
    markdownToBlocks(markdown).blocks.flatMap((block) => (block.type === 'paragraph' && block.keepWithNext ? [plainText(block.children)] : []));

  it('when its whole text is bold and body text follows it', () => {
    expect(marked('**Heads of Service**\n\n**Effective**\n\nSomeone who shows it:\n\n- Listens.\n')).toEqual(['Heads of Service', 'Effective']);
  });

  it('and not when it is partly bold, or a heading or nothing follows it', () => {
    expect(marked('Some **bold** words.\n\nText.\n\n**Before a heading**\n\n## Heading\n\nText.\n\n**At the end**\n')).toEqual([]);
  });
});
