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
import { DEFAULT_THEME } from '../src/model/default-theme.js';
import { writePdf } from '../src/writers/pdf/index.js';
import { writeDocx } from '../src/writers/docx/index.js';
import { htmlDocument } from '../src/writers/html/index.js';
import { checkPdfUa, goldenStructure } from './support/pdfua-check.js';
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
