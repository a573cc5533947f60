// A theme's fonts in the PDF: the text set in the theme's families, embedded as
// subsets (headings in its headings family, bold in that family's bold face;
// everything else in its body family), the drawings lettered in the body family,
// the same words as in today's Roboto, still PDF/UA, and the same bytes on every
// build. Read back from the files: pdffonts, pdftotext, the PDF/UA checker.
// Source Serif 4 is not installed on the machine (fc-list), so a viewer can only
// draw it from the file.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { selectPacks } from '../src/pipeline/build.js';
import { DataFileCache, loadPack } from '../src/load/load-pack.js';
import { completePack, VARIANT_FILES } from '../src/pack/loaded-pack.js';
import { resolvePack } from '../src/resolve/resolve-pack.js';
import { composeDocument } from '../src/compose/compose.js';
import { loadPartials } from '../src/compose/templates.js';
import type { Block, Document, FontFamily } from '../src/model/document.js';
import { DEFAULT_THEME } from '../src/model/default-theme.js';
import { shippedFontFamily } from '../src/pack/shipped-fonts.js';
import { writePdf } from '../src/writers/pdf/index.js';
import { checkPdfUa } from './support/pdfua-check.js';
import { pdfBodyText, pdfPages, projectRoot, squash } from './support/read-outputs.js';

const DAC = 'met-dac-2021';
const serif = shippedFontFamily('Source Serif 4')!;
const sans = shippedFontFamily('Liberation Sans')!;

/**
 * The DAC pack composed as a build composes it, its organisation's theme given `fonts`
 * (until the organisation file can say so): compose sees them, so the drawings do too.
 */
async function composed(fonts?: { body: FontFamily; headings: FontFamily }): Promise<Document> {
  const { packs } = await selectPacks(projectRoot, [DAC]);
  const location = packs[0]!;
  loadPartials(projectRoot);
  const pack = (await loadPack(location, new DataFileCache(projectRoot))).pack!;
  const { resolved } = resolvePack(completePack(pack)!);
  const themed = fonts ? { ...resolved, theme: { ...(resolved.theme ?? DEFAULT_THEME), fonts } } : resolved;
  const data = [...VARIANT_FILES.map((key) => pack[key]), ...(pack.calendars ?? [])].filter((part) => part !== null && part !== undefined);
  const { document, diagnostics } = composeDocument(projectRoot, location, themed, undefined, data);
  expect(document, JSON.stringify(diagnostics)).toBeDefined();
  return document!;
}

interface FontRow {
  name: string;
  embedded: boolean;
  subset: boolean;
  unicode: boolean;
}

/** pdffonts' table: each font's name (with its subset tag) and whether it is embedded, a subset, and has a ToUnicode map. */
function pdfFonts(file: string): FontRow[] {
  const lines = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
  return lines.map((line) => {
    const columns = line.trim().split(/\s+/);
    // name type [encoding words] emb sub uni object ID: the flags are the fifth to third from the end.
    const [emb, sub, uni] = columns.slice(-5, -2);
    return { name: columns[0]!, embedded: emb === 'yes', subset: sub === 'yes', unicode: uni === 'yes' };
  });
}

const withoutTag = (name: string) => name.replace(/^[A-Z]{6}\+/, '');

/** The words of a PDF's pages after the cover, without their running footers, sorted; split at hyphens too, as a line may break at one. */
function bodyWords(file: string, footer: string): string[] {
  return pdfPages(file)
    .slice(1)
    .flatMap((page) => page.split('\n'))
    .filter((line) => line.trim() !== footer && !/^Page \d+ of \d+$/.test(line.trim()))
    .flatMap((line) => line.split(/[\s-]+/))
    .filter((word) => word !== '')
    .sort();
}

const drawings = (document: Document) => document.blocks.filter((block): block is Extract<Block, { type: 'drawing' }> => block.type === 'drawing');

describe('a theme\'s fonts in the PDF', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'packs-theme-fonts-pdf-'));
  let plain: Document;
  let themed: Document;
  let plainFile: string;
  let themedFile: string;

  beforeAll(async () => {
    plain = await composed();
    themed = await composed({ body: sans, headings: serif });
    plainFile = path.join(dir, 'plain.pdf');
    themedFile = path.join(dir, 'themed.pdf');
    writeFileSync(plainFile, await writePdf(plain));
    writeFileSync(themedFile, await writePdf(themed));
  }, 120_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('embeds subsets of the body family and the headings family (its bold for the headings), each with a ToUnicode map, and no Roboto; pdftotext reads the same words', () => {
    const fonts = pdfFonts(themedFile);
    const names = fonts.map((font) => withoutTag(font.name));
    // The headings' family in its bold face alone (headings are bold); the body's regular and bold.
    expect(new Set(names.filter((name) => name.startsWith('SourceSerif4')))).toEqual(new Set(['SourceSerif4-Bold']));
    expect(names).toContain('LiberationSans');
    expect(names).toContain('LiberationSans-Bold');
    expect(names.filter((name) => /roboto/i.test(name))).toEqual([]);
    expect(names.every((name) => /^(SourceSerif4|LiberationSans)/.test(name))).toBe(true);
    for (const font of fonts) expect(font, font.name).toMatchObject({ embedded: true, subset: true, unicode: true });
    // Today's file, for contrast: all Roboto.
    expect(pdfFonts(plainFile).every((font) => withoutTag(font.name).startsWith('Roboto'))).toBe(true);

    // The cover: the same text in the same order (spaces aside: the logo's spaced-out lettering is drawn in the
    // body font too, and pdftotext splits it into words by the gaps between its letters).
    expect(squash(pdfPages(themedFile)[0]!)).toBe(squash(pdfPages(plainFile)[0]!));
    // The pages after it: the same words, as many times each. Lines and pages fall differently in other fonts,
    // so the running footers, and a table's header row repeated on its next page, come elsewhere in pdftotext's reading.
    expect(bodyWords(themedFile, themed.meta.footer)).toEqual(bodyWords(plainFile, plain.meta.footer));
    expect(pdfBodyText(themedFile, themed.meta.footer)).toContain(squash('Prior service in the Met is most definitely not a pre-requisite.'));
  });

  it('letters the drawings in the body family: the same shapes, other outlines', () => {
    const before = drawings(plain);
    const after = drawings(themed);
    expect(after.map((d) => d.alt)).toEqual(before.map((d) => d.alt));
    expect(after.length).toBeGreaterThan(0);
    after.forEach((drawing, i) => {
      expect(drawing.svg).not.toBe(before[i]!.svg);
      // Only the lettering changed: the same elements, in the same order, but for the glyphs (each font's outlined in <defs>, placed by <use>).
      const elements = (svg: string) => [...svg.replace(/<defs>[\s\S]*?<\/defs>/, '').matchAll(/<(\w+)/g)].map((m) => m[1]).filter((name) => name !== 'use');
      expect(elements(drawing.svg)).toEqual(elements(before[i]!.svg));
    });
  });

  it('is still PDF/UA', async () => {
    expect(pdfFonts(themedFile).some((font) => withoutTag(font.name).startsWith('SourceSerif4'))).toBe(true);
    expect(await checkPdfUa(themedFile)).toEqual([]);
  }, 120_000);

  it('gives each document its own fonts when documents with different fonts are built one after another, and the same bytes on every build', async () => {
    const swapped: Document = { ...themed, meta: { ...themed.meta, theme: { ...themed.meta.theme!, fonts: { body: serif, headings: sans } } } };
    // The logo's lettering (an SVG's text) finds the theme's body font as pdfmake names it, with no warning.
    const warn = vi.spyOn(console, 'warn');
    const again = await writePdf(themed);
    expect(warn.mock.calls).toEqual([]);
    warn.mockRestore();
    const swappedFile = path.join(dir, 'swapped.pdf');
    writeFileSync(swappedFile, await writePdf(swapped));
    const plainAgain = await writePdf(plain);
    const third = await writePdf(themed);

    const names = pdfFonts(swappedFile).map((font) => withoutTag(font.name));
    expect(names).toContain('SourceSerif4-Regular');
    expect(names).toContain('LiberationSans-Bold');
    // Liberation Sans is now the headings' family, and headings are bold: its bold face alone.
    expect(new Set(names.filter((name) => name.startsWith('LiberationSans')))).toEqual(new Set(['LiberationSans-Bold']));

    expect(Buffer.from(again).equals(readFileSync(themedFile))).toBe(true);
    expect(Buffer.from(third).equals(readFileSync(themedFile))).toBe(true);
    expect(Buffer.from(plainAgain).equals(readFileSync(plainFile))).toBe(true);
  }, 120_000);
});
