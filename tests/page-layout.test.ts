// Layout that reads well: a heading, or a bold line that leads into what follows it
// (a level's name over its indicators), is never the last thing on a PDF page; it
// moves to the next page with what it introduces; and no page is left nearly empty by a
// break the pack did not ask for. Read back from the PDFs (pdftotext), the .docx and the HTML.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { markdownToBlocks } from '../src/compose/markdown.js';
import { DataFileCache } from '../src/load/load-pack.js';
import { plainText, type Block, type DocumentMeta, type Inline } from '../src/model/document.js';
import { planPack, selectPacks } from '../src/pipeline/build.js';
import { writePdf } from '../src/writers/pdf/index.js';
import { pageMargins } from '../src/writers/pdf/styles.js';
import { docxXml, outputFile, projectRoot, squash } from './support/read-outputs.js';

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
 * The blocks that must not end a page: headings, paragraphs whose whole text is bold (or
 * italic, under a heading) followed by body text, and short paragraphs ending in a colon
 * followed by the list or table they introduce (told here from the text, not from the
 * writer's mark).
 */
function keptTexts(blocks: Block[]): string[] {
  return blocks.flatMap((block, index) => {
    const next = blocks[index + 1];
    if (block.type === 'heading') return next && next.type !== 'pageBreak' ? [collapse(plainText(block.children))] : [];
    if (block.type !== 'paragraph' || !next || ['heading', 'pageBreak', 'contents'].includes(next.type)) return [];
    const text = collapse(plainText(block.children));
    if ((next.type === 'list' || next.type === 'table') && text.endsWith(':') && text.length <= 200) return [text];
    const printed = block.children.filter((inline) => !(inline.type === 'text' && inline.text.trim() === ''));
    const headingNote = blocks[index - 1]?.type === 'heading' && printed.length === 1 && printed[0]!.type === 'emphasis';
    return (printed.length === 1 && printed[0]!.type === 'strong') || headingNote ? [text] : [];
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
    it(`${id}: no page ends with a heading, a bold line leading into what follows, or a line introducing a list or table`, async () => {
      const [location] = (await selectPacks(projectRoot, [id])).packs;
      const plan = await planPack(projectRoot, location!, new DataFileCache(projectRoot));
      const document = plan.document!;
      const kept = new Set(keptTexts(document.blocks));
      expect(kept.size).toBeGreaterThan(0);
      expect(pagesEndingWithKept(bodyLines(outputFile(id, 'pdf'), document.meta.footer), kept)).toEqual([]);
    });
  }
});

const unescapeXml = (text: string) =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** How much of a page's body (between the top and bottom margins) is used, and its text squashed. */
interface PrintedPage {
  filled: number;
  text: string;
}

/**
 * Each page's share of the body's height down to its lowest word (pdftotext -bbox), so that a
 * picture counts for the room it takes: every picture in the sample packs has a caption under
 * it. The running footer, in the bottom margin, is left out.
 */
function pagesAsPrinted(file: string): PrintedPage[] {
  const [top, , bottom] = [pageMargins[1], pageMargins[2], pageMargins[3]];
  const xhtml = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return [...xhtml.matchAll(/<page width="[\d.]+" height="([\d.]+)">([\s\S]*?)<\/page>/g)].map(([, height, words]) => {
    const bodyEnd = Number(height) - bottom;
    const body = [...words!.matchAll(/yMax="([\d.]+)">([^<]*)</g)].map(([, yMax, word]) => ({ yMax: Number(yMax), word: unescapeXml(word!) })).filter((w) => w.yMax <= bodyEnd);
    const lowest = Math.max(top, ...body.map((w) => w.yMax));
    return { filled: (lowest - top) / (bodyEnd - top), text: squash(body.map((w) => w.word).join(' ')) };
  });
}

/**
 * A page filled less than this is nearly empty: a third of the body's height is about thirteen
 * lines of text. The cover and the contents fill more than a quarter; the pages a forced break
 * left behind before this rule held 3 to 10 lines (10% to 29%).
 */
const NEARLY_EMPTY = 1 / 3;

interface PackSection {
  template: string;
  layout?: string;
  newPage?: boolean;
}

/**
 * The text that opens each place the pack asks for a new page, worked out from pack.yaml (not
 * from the composed breaks, which are what is being checked): a section that says `newPage:
 * true`, the cover, the contents and the section after either; and a template's own page
 * breaks. A body section opens with its template's level-1 heading (one each).
 */
function askedPageStarts(sections: PackSection[], blocks: Block[]): string[] {
  const h1s = blocks.flatMap((block) => (block.type === 'heading' && block.level === 1 ? [plainText(block.children)] : []));
  expect(h1s.length).toBe(sections.filter((section) => (section.layout ?? 'body') === 'body').length);
  let body = 0;
  const opening = sections.map((section) => {
    const layout = section.layout ?? 'body';
    if (layout === 'cover') return (blocks[0] as Extract<Block, { type: 'cover' }>).organisation;
    if (layout === 'contents') return (blocks.find((block) => block.type === 'contents') as Extract<Block, { type: 'contents' }>).title;
    return h1s[body++]!;
  });
  const asked = sections.flatMap((section, index) => {
    const before = sections[index - 1];
    const starts = index > 0 && (section.newPage === true || (section.layout ?? 'body') !== 'body' || (before!.layout ?? 'body') !== 'body');
    return starts ? [opening[index]!] : [];
  });
  // A page break in front of anything that does not open a section is a template's.
  const inTemplates = blocks.flatMap((block, index) => {
    const next = blocks[index + 1];
    if (block.type !== 'pageBreak' || !next || next.type === 'pageBreak') return [];
    const opens = next.type === 'contents' ? next.title : 'children' in next ? plainText(next.children) : '';
    return opening.includes(opens) ? [] : [opens];
  });
  return [...asked, ...inTemplates];
}

describe('no page is nearly empty unless the pack asks the next section to start a page', () => {
  for (const id of samplePacks) {
    it(`${id}: every page but the last, and but one before a page the pack asks for, is at least a third full`, async () => {
      const [location] = (await selectPacks(projectRoot, [id])).packs;
      const document = (await planPack(projectRoot, location!, new DataFileCache(projectRoot))).document!;
      const sections = (parse(readFileSync(path.join(projectRoot, 'packs', id, 'pack.yaml'), 'utf8')) as { sections: PackSection[] }).sections;
      const starts = askedPageStarts(sections, document.blocks);
      const pages = pagesAsPrinted(outputFile(id, 'pdf'));
      // Each asked-for start opens a page; the page before it may be as short as its section's end.
      const startPages = starts.map((start) => pages.findIndex((page) => page.text.startsWith(squash(start))));
      expect(starts.filter((_, index) => startPages[index]! < 1)).toEqual([]);
      const nearlyEmpty = pages.flatMap((page, index) =>
        index < pages.length - 1 && !startPages.includes(index + 1) && page.filled < NEARLY_EMPTY ? [`page ${index + 1} is ${Math.round(page.filled * 100)}% full`] : [],
      );
      expect(nearlyEmpty).toEqual([]);
      // The Word file and the HTML edition's print style break pages in the same places, and nowhere else.
      const wordBreaks = (await docxXml(outputFile(id, 'docx'), 'word/document.xml')).match(/<w:br w:type="page"\/>/g) ?? [];
      expect(wordBreaks.length).toBe(starts.length);
      const htmlBreaks = readFileSync(outputFile(id, 'html'), 'utf8').match(/<[a-z0-9]+ [^>]*class="[^"]*\bbreak-before\b[^"]*"/g) ?? [];
      expect(htmlBreaks.length).toBe(starts.length);
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
    expect(marked('**Heads of Service**\n\n**Effective**\n\nSomeone who:\n\nListens.\n')).toEqual(['Heads of Service', 'Effective']);
  });

  it('when it is short, ends in a colon and the list or table it introduces follows it', () => {
    const long = `${'A sentence that goes on. '.repeat(9)}Then:`;
    expect(marked(`Someone who shows it:\n\n- Listens.\n\nPlus:\n\n| A | B |\n| - | - |\n| 1 | 2 |\n\nNote:\n\nText.\n\n${long}\n\n- Item.\n`)).toEqual([
      'Someone who shows it:',
      'Plus:',
    ]);
  });

  it('when it is a heading\'s note: its whole text italic, under the heading', () => {
    expect(marked('## Behaviours\n\n*(Outlines the requirements)*\n\n| A | B |\n| - | - |\n| 1 | 2 |\n\nText.\n\n*Not under a heading*\n\nText.\n')).toEqual([
      '(Outlines the requirements)',
    ]);
  });

  it('and not when it is partly bold, or a heading or nothing follows it', () => {
    expect(marked('Some **bold** words.\n\nText.\n\n**Before a heading**\n\n## Heading\n\nText.\n\n**At the end**\n')).toEqual([]);
  });
});
