// The cover follows the document's theme: the band's colour, the logo and the cover picture
// (each picture with its alternative text) in all three formats, with no code change. Read
// back from the files: the PDF's pixels (pdftoppm) and structure tree, the .docx's XML, the HTML.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { planPack, selectPacks } from '../src/pipeline/build.js';
import { DataFileCache } from '../src/load/load-pack.js';
import type { Document, Picture } from '../src/model/document.js';
import { plainText } from '../src/model/document.js';
import { chromium } from 'playwright-core';
import { chromiumPath } from './support/chromium.js';
import { DEFAULT_THEME } from '../src/model/default-theme.js';
import { writePdf } from '../src/writers/pdf/index.js';
import { writeDocx } from '../src/writers/docx/index.js';
import { htmlDocument } from '../src/writers/html/index.js';
import { checkPdfUa, contentOperations, goldenStructure } from './support/pdfua-check.js';
import { projectRoot } from './support/read-outputs.js';

const png = readFileSync(path.join(projectRoot, 'tests/support/chart.png'));
const picture = (alt: string): Picture => ({ format: 'png', data: new Uint8Array(png), width: 1600, height: 700, alt });
const BAND = '#7a1f5c';
const LOGO_ALT = 'The logo of the organisation';
const IMAGE_ALT = 'The organisation chart, as a cover picture';

/** The colour of one pixel of a PDF's first page, at 20 dots an inch, as #rrggbb (pdftoppm's PPM is a short header and raw bytes). */
function pixel(file: string, x: number, y: number): string {
  const ppm = execFileSync('pdftoppm', ['-r', '20', '-f', '1', '-l', '1', file]);
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString('latin1'))!;
  const width = Number(header[1]);
  const at = header[0].length + (y * width + x) * 3;
  return `#${[...ppm.subarray(at, at + 3)].map((byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

/** The values of a PDF's objects, read through qpdf's JSON. */
function objectValues(file: string): Array<Record<string, unknown>> {
  const json = JSON.parse(execFileSync('qpdf', ['--json', '--json-key=qpdf', file], { encoding: 'utf8', maxBuffer: 1 << 28 })) as {
    qpdf: [unknown, Record<string, { value?: unknown }>];
  };
  return Object.values(json.qpdf[1]).flatMap(({ value }) => (value && typeof value === 'object' && !Array.isArray(value) ? [value as Record<string, unknown>] : []));
}

describe('a themed cover in all three formats', () => {
  let themed: Document;
  const dir = mkdtempSync(path.join(tmpdir(), 'packs-cover-theme-'));
  beforeAll(async () => {
    const { packs } = await selectPacks(projectRoot, ['wealdmere-head-of-housing-2027']);
    const document = (await planPack(projectRoot, packs[0]!, new DataFileCache(projectRoot))).document!;
    themed = {
      ...document,
      meta: {
        ...document.meta,
        theme: { ...DEFAULT_THEME, colours: { ...DEFAULT_THEME.colours, band: BAND }, logo: picture(LOGO_ALT), cover: { style: 'band', image: picture(IMAGE_ALT) } },
      },
    };
  });

  it('PDF: the band in the theme\'s colour to the page\'s edge, the logo and picture as Figures with their alternative text, still PDF/UA, one cover page', async () => {
    const file = path.join(dir, 'themed.pdf');
    writeFileSync(file, await writePdf(themed));
    expect(pixel(file, 1, 1)).toBe(BAND);
    const structure = await goldenStructure(file);
    expect(structure).toMatch(/^Document\n {2}Div\n {4}Figure:/);
    const figures = objectValues(file).filter((object) => object['/S'] === '/Figure');
    // The cover's two, first; then the pack's own drawings (its timeline).
    expect(figures.map((figure) => String(figure['/Alt']).replace(/^u:/, '')).slice(0, 2)).toEqual([LOGO_ALT, IMAGE_ALT]);
    expect(figures.slice(2).map((figure) => String(figure['/Alt']).replace(/^u:/, ''))).toEqual([expect.stringMatching(/^Selection timeline: /)]);
    expect(await checkPdfUa(file)).toEqual([]);
    const pages = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).split('\f');
    expect(pages[0]).toContain('At a glance');
    expect(pages[0]).toContain('How to apply');
  });

  it('Word: the band\'s shading in the theme\'s colour, the logo and picture with their alternative text', async () => {
    const parts = unzipSync(await writeDocx(themed));
    const xml = strFromU8(parts['word/document.xml']!);
    expect(xml).toContain(`w:fill="${BAND.slice(1).toUpperCase()}"`);
    expect(xml).toContain(`descr="${LOGO_ALT}"`);
    expect(xml).toContain(`descr="${IMAGE_ALT}"`);
  });

  it('HTML: the band\'s colour in the style sheet, the logo and picture as images with their alternative text', () => {
    const html = htmlDocument(themed);
    expect(html).toContain(`.cover-band { background: ${BAND};`);
    const header = /<header>([\s\S]*?)<\/header>/.exec(html)![1]!;
    expect(header).toMatch(new RegExp(`<img class="logo" src="data:image/png;base64,[^"]+" alt="${LOGO_ALT}"`));
    expect(header).toMatch(new RegExp(`<img class="cover-picture" src="data:image/png;base64,[^"]+" alt="${IMAGE_ALT}"`));
  });
});

// A cover with no key facts (the Deputy Director pack has no remuneration or timeline) looks designed, not
// half empty: its band fills the top two thirds of the page, the logo at its top and the words set low in it.
// The `plain` style, with and without facts, is the same layout with no band. Read back from the files:
// the PDF's pixels and the text in each part of its page, LibreOffice's page of the .docx, the web page in Chromium.

/** The text of a strip of the first page across the page, `top` to `bottom` points from its top (pdftotext's crop). */
function textBetween(file: string, top: number, bottom: number): string {
  const args = ['-f', '1', '-l', '1', '-x', '0', '-y', String(Math.round(top)), '-W', '596', '-H', String(Math.round(bottom - top)), file, '-'];
  return execFileSync('pdftotext', args, { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

/** Two thirds of A4's height, in points: where the band of a cover with no facts ends. */
const TWO_THIRDS = (841.89 * 2) / 3;
const WHITE = '#ffffff';

describe('a cover with no key facts, and the plain style', () => {
  let noFacts: Document;
  let plainNoFacts: Document;
  let plainWithFacts: Document;
  let band: string;
  const dir = mkdtempSync(path.join(tmpdir(), 'packs-cover-nofacts-'));
  const plain = (document: Document): Document => ({ ...document, meta: { ...document.meta, theme: { ...document.meta.theme!, cover: { style: 'plain' } } } });
  beforeAll(async () => {
    const { packs } = await selectPacks(projectRoot, ['met-deputy-director-project-delivery', 'wealdmere-head-of-housing-2027']);
    const cache = new DataFileCache(projectRoot);
    const [deputyDirector, wealdmere] = await Promise.all(packs.map(async (pack) => (await planPack(projectRoot, pack, cache)).document!));
    noFacts = deputyDirector!;
    band = noFacts.meta.theme!.colours.band;
    plainNoFacts = plain(noFacts);
    plainWithFacts = plain(wealdmere!);
  });

  it('the Deputy Director pack gives no facts, and has a logo', () => {
    const cover = noFacts.blocks.find((b) => b.type === 'cover');
    expect(cover?.type === 'cover' && cover.facts).toEqual([]);
    expect(noFacts.meta.theme?.logo).toBeDefined();
  });

  it('PDF: the band fills the top two thirds of the page, the words in its lower half, the cover one page, still PDF/UA', async () => {
    const file = path.join(dir, 'no-facts.pdf');
    writeFileSync(file, await writePdf(noFacts));
    // At 20 dots an inch two thirds of the page is row 156: the band above it, white below, at the page's edge.
    expect([pixel(file, 1, 1), pixel(file, 1, 150)]).toEqual([band, band]);
    expect(pixel(file, 1, 162)).toBe(WHITE);
    const upper = textBetween(file, 0, TWO_THIRDS / 2);
    const lower = textBetween(file, TWO_THIRDS / 2, TWO_THIRDS);
    for (const words of ['Metropolitan Police Service Information Pack', 'Deputy Director for Project Delivery', 'Met police principles, values and more.']) {
      expect(upper).not.toContain(words);
      expect(lower).toContain(words);
    }
    const pages = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).split('\f');
    expect(pages[0]).not.toContain('At a glance');
    expect(pages[1]!.trimStart()).toMatch(/^Contents/);
    expect(await goldenStructure(file)).toMatch(/^Document\n {2}Div\n {4}Figure:[^\n]*\n(?: {6,}[^\n]*\n)*? {4}P \(block\)\n {6}"Metropolitan Police Service"\n {4}P \(block\)\n {6}"Metropolitan Police Service Information Pack"/);
    expect(await checkPdfUa(file)).toEqual([]);
    // The words' cell is moved down inside a save and restore of the graphics state: each pair nests with the marked content.
    expect(unnested(contentOperations(firstPageContent(file)).map((op) => op.operator))).toEqual([]);
  });

  it('PDF, plain: no band, the words as low as on the band, one page, still PDF/UA', async () => {
    const file = path.join(dir, 'plain-no-facts.pdf');
    writeFileSync(file, await writePdf(plainNoFacts));
    expect([pixel(file, 1, 1), pixel(file, 1, 150)]).toEqual([WHITE, WHITE]);
    expect(textBetween(file, 0, TWO_THIRDS / 2)).not.toContain('Information Pack');
    expect(textBetween(file, TWO_THIRDS / 2, TWO_THIRDS)).toContain('Metropolitan Police Service Information Pack');
    expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).split('\f')[1]!.trimStart()).toMatch(/^Contents/);
    expect(await checkPdfUa(file)).toEqual([]);
  });

  it('PDF, plain with facts: no band, the title at the top and the facts under it on the cover page, still PDF/UA', async () => {
    const file = path.join(dir, 'plain-with-facts.pdf');
    writeFileSync(file, await writePdf(plainWithFacts));
    expect(pixel(file, 1, 1)).toBe(WHITE);
    expect(textBetween(file, 0, TWO_THIRDS / 2)).toContain(plainText(coverOf(plainWithFacts).title));
    const pages = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).split('\f');
    expect(pages[0]).toContain('At a glance');
    expect(pages[0]).toContain('How to apply');
    expect(await checkPdfUa(file)).toEqual([]);
  });

  it('Word: a shaded gap above the organisation\'s name sets the words low in the band; LibreOffice ends the band near two thirds down, on one page', async () => {
    const docx = await writeDocx(noFacts);
    const xml = strFromU8(unzipSync(docx)['word/document.xml']!);
    const organisation = coverParagraphs(xml).find((p) => p.includes('>Metropolitan Police Service</w:t>'))!;
    expect(organisation).toContain(`w:fill="${band.slice(1).toUpperCase()}"`);
    expect(Number(/<w:spacing w:before="(\d+)"/.exec(organisation)?.[1] ?? 0)).toBeGreaterThanOrEqual(2880);
    expect(xml).not.toContain('CoverFactsTitle');

    const file = path.join(dir, 'word-no-facts.docx');
    writeFileSync(file, docx);
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, file], { stdio: 'pipe', timeout: 120_000 });
    const pdf = path.join(dir, 'word-no-facts.pdf');
    const upper = textBetween(pdf, 0, TWO_THIRDS / 2);
    const lower = textBetween(pdf, TWO_THIRDS / 2, TWO_THIRDS);
    expect(upper).not.toContain('Information Pack');
    expect(lower).toContain('Deputy Director for Project Delivery');
    expect(pixel(pdf, 60, 150)).toBe(band);
    expect(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).split('\f')[1]!.trimStart()).toMatch(/^Contents/);
  });

  it('Word, plain: no shading on the cover, the same gap with no facts, the facts\' paragraphs with them', async () => {
    const without = strFromU8(unzipSync(await writeDocx(plainNoFacts))['word/document.xml']!);
    const organisation = coverParagraphs(without).find((p) => p.includes('>Metropolitan Police Service</w:t>'))!;
    expect(Number(/<w:spacing w:before="(\d+)"/.exec(organisation)?.[1] ?? 0)).toBeGreaterThanOrEqual(2880);
    expect(coverParagraphs(without).join('')).not.toContain('<w:shd');
    const withFacts = strFromU8(unzipSync(await writeDocx(plainWithFacts))['word/document.xml']!);
    expect(coverParagraphs(withFacts).join('')).not.toContain('<w:shd');
    expect(coverParagraphs(withFacts).join('')).not.toMatch(/<w:spacing w:before=/);
    expect(withFacts).toContain('<w:pStyle w:val="CoverFactsTitle"/>');
  });

  it('HTML: a tall band with the words at its foot only with no facts, in both styles; no wider than a 390 px phone', async () => {
    const html = htmlDocument(noFacts);
    expect(html).toMatch(/<div class="cover cover-band cover-tall[^"]*">/);
    expect(html).toContain('.cover-tall > .organisation { margin-top: auto; }');
    expect(htmlDocument(plainNoFacts)).toMatch(/<div class="cover cover-plain cover-tall[^"]*">/);
    const withFacts = htmlDocument(plainWithFacts);
    expect(withFacts).toMatch(/<div class="cover cover-plain[^"]*">/);
    expect(withFacts).not.toContain('cover-tall');

    const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.setContent(html);
      const box = async (selector: string) => (await page.locator(selector).first().boundingBox())!;
      const [cover, logo, organisation] = [await box('.cover'), await box('.cover .logo'), await box('.cover .organisation')];
      expect(cover.height).toBeGreaterThanOrEqual(0.6 * 900 - 1);
      expect(organisation.y - (logo.y + logo.height)).toBeGreaterThan(100);
      await page.setViewportSize({ width: 390, height: 844 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      const phone = [await box('.cover .logo'), await box('.cover .tagline'), await box('.cover')];
      expect(phone[0]!.y).toBeLessThan(phone[1]!.y);
      expect(phone[1]!.y + phone[1]!.height).toBeLessThanOrEqual(phone[2]!.y + phone[2]!.height);
    } finally {
      await browser.close();
    }
  }, 60_000);
});

const coverOf = (document: Document) => document.blocks.find((b): b is Extract<Document['blocks'][number], { type: 'cover' }> => b.type === 'cover')!;

/** The paragraphs of a .docx's body before its first page break: the cover. */
function coverParagraphs(xml: string): string[] {
  const body = xml.slice(xml.indexOf('<w:body>'));
  const end = body.search(/<w:br w:type="page"\/>|<w:pageBreakBefore\/>/);
  return body.slice(0, end === -1 ? undefined : end).match(/<w:p>[\s\S]*?<\/w:p>|<w:p [\s\S]*?<\/w:p>/g) ?? [];
}

/** The first page's content, decoded (qpdf's JSON). */
function firstPageContent(file: string): Buffer {
  const args = ['--json=2', '--json-key=pages', '--json-key=qpdf', '--json-stream-data=inline', '--decode-level=generalized', file];
  const json = JSON.parse(execFileSync('qpdf', args, { encoding: 'utf8', maxBuffer: 1 << 28 })) as {
    pages: Array<{ contents: string[] }>;
    qpdf: [unknown, Record<string, { stream?: { data: string } }>];
  };
  return Buffer.concat(json.pages[0]!.contents.map((ref) => Buffer.from(json.qpdf[1][`obj:${ref}`]!.stream!.data, 'base64')));
}

/** Where a content stream's q/Q and BDC/EMC pairs overlap instead of nesting: the places (by operation) of the ends that close the wrong one, and what is left open. */
function unnested(operators: string[]): string[] {
  const open: string[] = [];
  const faults: string[] = [];
  operators.forEach((operator, at) => {
    if (operator === 'q' || operator === 'BDC' || operator === 'BMC') open.push(operator === 'q' ? 'q' : 'marked');
    else if (operator === 'Q' || operator === 'EMC') {
      if (open.pop() !== (operator === 'Q' ? 'q' : 'marked')) faults.push(`${operator} at ${at}`);
    }
  });
  return [...faults, ...open.map((left) => `${left} left open`)];
}
