// A theme's fonts in the Word file: the styles name the theme's families, the
// faces travel in the file (obfuscated as ECMA-376 says, cut down to the
// document's characters), LibreOffice draws the headings from the embedded
// face (Source Serif 4 is not installed on this machine, so only the file can
// give it), the contents' page numbers are where LibreOffice puts the
// headings, and the same document gives the same bytes. Read back from the
// file: its XML, its fonts through fontkit, LibreOffice's PDF through poppler.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planPack, selectPacks } from '../src/pipeline/build.js';
import { DataFileCache } from '../src/load/load-pack.js';
import { plainText, type Document } from '../src/model/document.js';
import { DEFAULT_THEME } from '../src/model/default-theme.js';
import { shippedFontFamily } from '../src/pack/shipped-fonts.js';
import { writeDocx } from '../src/writers/docx/index.js';
import { docxParagraphs, docxParts, partText, pdfPages, projectRoot } from './support/read-outputs.js';

const BODY = 'Liberation Sans';
const HEADINGS = 'Source Serif 4';

/** The part of fontkit this test reads: a font made from bytes, its names and its character map. */
interface ParsedFont {
  familyName: string;
  subfamilyName: string;
  hasGlyphForCodePoint(codePoint: number): boolean;
}
const parseFont = (bytes: Uint8Array) => (fontkit as unknown as { create(data: Buffer): ParsedFont }).create(Buffer.from(bytes));

/** ECMA-376 Part 1, 17.8.1, written out again here: the first 32 bytes XORed with the key's bytes, last pair first. */
function deobfuscate(odttf: Uint8Array, key: string): Uint8Array {
  const bytes = key.replace(/[{}-]/g, '').match(/../g)!.map((pair) => Number.parseInt(pair, 16)).reverse();
  return odttf.map((byte, i) => (i < 32 ? byte ^ bytes[i % 16]! : byte));
}

/** A style's XML in styles.xml, by its id. */
function style(styles: string, id: string): string {
  const match = new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>[\\s\\S]*?</w:style>`).exec(styles);
  if (!match) throw new Error(`no style ${id}`);
  return match[0];
}

const fontOf = (xml: string) => /<w:rFonts w:ascii="([^"]+)"/.exec(xml)?.[1];

const dir = mkdtempSync(path.join(tmpdir(), 'packs-theme-fonts-docx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('theme fonts in the Word file', () => {
  let themed: Document;
  let bytes: Uint8Array;
  const file = path.join(dir, 'themed.docx');
  beforeAll(async () => {
    const { packs } = await selectPacks(projectRoot, ['met-dac-2021']);
    const document = (await planPack(projectRoot, packs[0]!, new DataFileCache(projectRoot))).document!;
    themed = { ...document, meta: { ...document.meta, theme: { ...DEFAULT_THEME, fonts: { body: shippedFontFamily(BODY)!, headings: shippedFontFamily(HEADINGS)! } } } };
    bytes = await writeDocx(themed);
    writeFileSync(file, bytes);
  }, 60_000);

  it('styles.xml names the body family for Normal and the text styles, the headings family for headings, the cover and the contents title', () => {
    const styles = partText(docxParts(file), 'word/styles.xml');
    const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(styles)![0];
    expect(fontOf(defaults)).toBe(BODY);
    for (const id of ['Heading1', 'Heading2', 'Heading3', 'Title', 'CoverOrganisation', 'ContentsTitle']) expect([id, fontOf(style(styles, id))]).toEqual([id, HEADINGS]);
    // Each is bold, which is why the file carries only the headings family's bold faces.
    for (const id of ['Heading1', 'Heading2', 'Heading3', 'Title', 'CoverOrganisation', 'ContentsTitle']) expect([id, style(styles, id)]).toEqual([id, expect.stringMatching(/<w:b\/>/)]);
    // The text styles take the body's family from the defaults: none names another.
    for (const id of ['Subtitle', 'KeyFact', 'Caption', 'ListItem', 'TableText', 'Footer']) expect([id, fontOf(style(styles, id)) ?? BODY]).toEqual([id, BODY]);
    expect(styles).not.toContain('Arial');
  });

  it('embeds the body family\'s four faces and the headings family\'s bold ones (every heading style is bold), obfuscated, each the right face and covering every character of the document, cut down to a subset', () => {
    const parts = docxParts(file);
    const table = partText(parts, 'word/fontTable.xml');
    const rels = partText(parts, 'word/_rels/fontTable.xml.rels');
    expect(partText(parts, 'word/settings.xml')).toContain('<w:embedTrueTypeFonts/>');
    const text = [
      ...[...parts.keys()].filter((name) => /^word\/(document|footer\d+)\.xml$/.test(name)).flatMap((name) => [...partText(parts, name).matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]!)),
    ]
      .join('')
      .replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'");
    const characters = [...new Set(text.replace(/\s/g, ''))];
    expect(characters).toEqual(expect.arrayContaining(['£', '’', '–', '&']));
    const faces: string[] = [];
    for (const family of [BODY, HEADINGS]) {
      const font = new RegExp(`<w:font w:name="${family}">([\\s\\S]*?)</w:font>`).exec(table)?.[1];
      expect(font, `${family} in fontTable.xml`).toBeDefined();
      const embeds = [...font!.matchAll(/<w:embed(Regular|Bold|Italic|BoldItalic) r:id="([^"]+)" w:fontKey="(\{[^"]+\})"/g)];
      expect(embeds.map((m) => m[1])).toEqual(family === BODY ? ['Regular', 'Bold', 'Italic', 'BoldItalic'] : ['Bold', 'BoldItalic']);
      for (const [, face, id, key] of embeds) {
        const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)![1]!;
        const odttf = parts.get(`word/${target}`)!;
        const shipped = shippedFontFamily(family)![({ Regular: 'regular', Bold: 'bold', Italic: 'italic', BoldItalic: 'boldItalic' } as const)[face as 'Regular']];
        expect(() => parseFont(odttf), 'obfuscated as stored').toThrow();
        const parsed = parseFont(deobfuscate(odttf, key!));
        expect(parsed.familyName).toBe(family);
        expect(parsed.subfamilyName).toBe({ Regular: 'Regular', Bold: 'Bold', Italic: 'Italic', BoldItalic: 'Bold Italic' }[face!]);
        expect(characters.filter((c) => !parsed.hasGlyphForCodePoint(c.codePointAt(0)!)), `${family} ${face}`).toEqual([]);
        expect(odttf.length).toBeLessThan(shipped.length / 2);
        faces.push(`${family} ${face}`);
      }
    }
    expect(faces).toHaveLength(6);
  });

  it('LibreOffice draws the headings in Source Serif 4 from the file (not installed here), and the contents\' page numbers are where it puts the headings', () => {
    expect(execFileSync('fc-list', { encoding: 'utf8' })).not.toMatch(/Source Serif/i);
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, file], { stdio: 'pipe', timeout: 120_000 });
    const pdf = path.join(dir, 'themed.pdf');
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' });
    expect(fonts).toMatch(/SourceSerif4-Bold/);
    expect(fonts).toMatch(/LiberationSans\b/);

    const sections = themed.blocks.flatMap((b) => (b.type === 'heading' && b.level === 1 ? [plainText(b.children)] : []));
    expect(sections.length).toBeGreaterThanOrEqual(5);
    const pages = pdfPages(pdf);
    const contents = pages.findIndex((page) => page.trimStart().startsWith('Contents'));
    // The page each section starts on in LibreOffice's layout: the first page after the contents with a line that
    // is its title, or the title's first line where it wraps.
    const startsTitle = (line: string, title: string) => line.length >= Math.min(title.length, 12) && title.startsWith(line);
    const laidOut = sections.map((title) => pages.findIndex((page, i) => i > contents && page.split('\n').some((line) => startsTitle(line.trim(), title))) + 1);
    expect(laidOut.every((page) => page > 1)).toBe(true);
    return docxParagraphs(file).then((paragraphs) => {
      const entries = paragraphs.filter((p) => /^TOC\d$/.test(p.style ?? '')).map((p) => Number(/(\d+)$/.exec(p.text)![1]));
      expect(entries).toEqual(laidOut);
    });
  }, 180_000);

  it('gives the same bytes for the same document, embedded faces and their keys included', async () => {
    expect([...docxParts(file).keys()].filter((name) => name.endsWith('.odttf'))).toHaveLength(6);
    expect(Buffer.from(await writeDocx(themed)).equals(Buffer.from(bytes))).toBe(true);
  }, 60_000);
});
