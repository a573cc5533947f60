// The sample logos' lettering is outlines (scripts/make-sample-logos.mjs), so a
// logo looks the same in every format: an SVG's <text> is drawn in whatever font
// each program finds. Read back from the built files: the web page and the Word
// file carry the logo's own bytes (no <text> in them), and the PDF draws it as
// paths, so none of its words reach the PDF's text and no font of its own is embedded.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { letteringOf, textOutline, textWidth } from '../src/compose/drawings/glyphs.js';
import { probeSvg } from '../src/load/image-file.js';
import { shippedFontFamily } from '../src/pack/shipped-fonts.js';
import { copyProject, runCli } from './support/project.js';
import { docxParts, projectRoot } from './support/read-outputs.js';

const LOGOS = [
  // The PDF's fonts: the theme's only (the Met's theme gives none: Roboto, which pdfmake ships).
  { file: 'met.svg', pack: 'met-dac-2021', title: 'New Scotland Yard, Metropolitan Police', marks: ['NEW SCOTLAND YARD', 'METROPOLITAN POLICE'], pdfFonts: ['Roboto'] },
  { file: 'wealdmere.svg', pack: 'wealdmere-head-of-housing-2027', title: 'Wealdmere District Council', marks: ['DISTRICT COUNCIL'], pdfFonts: ['LiberationSans', 'SourceSerif4'] },
];
const logoBytes = (file: string) => readFileSync(path.join(projectRoot, 'packs/shared/organisations/logos', file));
const roots: string[] = [];

afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

describe("the drawings' outliner", () => {
  it("adds a letter-spacing's points after each letter, as SVG's letter-spacing does", () => {
    const face = letteringOf(shippedFontFamily('Liberation Sans')).bold;
    const xs = (d: string) => [...d.matchAll(/-?\d+(?:\.\d+)?/g)].map((m) => Number(m[0])).filter((_, i) => i % 2 === 0);
    const right = (d: string) => Math.max(...xs(d));
    const plain = textOutline('HHH', face, 20, 10, 40);
    const spaced = textOutline('HHH', face, 20, 10, 40, 3);
    // Three letters: the last one starts two spacings further along; the first does not move.
    expect(right(spaced) - right(plain)).toBeCloseTo(6, 1);
    expect(Math.min(...xs(spaced))).toBe(Math.min(...xs(plain)));
    expect(right(plain)).toBeLessThan(10 + textWidth('HHH', face, 20));
  });
});

describe('the sample logos', () => {
  it.each(LOGOS)('$file sets its lettering as outlines, keeps its words in a <title>, and is a small SVG the tool accepts', ({ file, title }) => {
    const svg = logoBytes(file);
    const text = svg.toString('utf8');
    expect(text).not.toMatch(/<text\b/);
    expect(text).toMatch(/<path\b/);
    expect(text).toContain(`<title>${title}</title>`);
    expect(probeSvg(new Uint8Array(svg))).toMatchObject({ format: 'svg' });
    expect(svg.byteLength).toBeLessThan(16 * 1024);
  });

  it('are the same drawing in the PDF, the web page and the Word file', async () => {
    const root = copyProject();
    roots.push(root);
    const out = path.join(root, 'output');
    const run = await runCli(['build', '--root', root, '--out', out, '--force', ...LOGOS.map((logo) => logo.pack)]);
    expect(run.status, run.stderr).toBe(0);

    for (const { file, pack, marks, pdfFonts } of LOGOS) {
      const svg = logoBytes(file);
      const built = (ext: string) => path.join(out, `${pack}.${ext}`);

      // The web page: the logo's own bytes, as a data: URL.
      const html = readFileSync(built('html'), 'utf8');
      const src = /<img class="logo" src="data:image\/svg\+xml;base64,([^"]+)"/.exec(html);
      expect(src, `${pack}.html has no logo`).not.toBeNull();
      expect(Buffer.compare(Buffer.from(src![1]!, 'base64'), svg), `${pack}.html's logo`).toBe(0);

      // Word: the logo's own bytes among the package's pictures (its PNG fallback is drawn from them).
      const media = [...docxParts(built('docx'))].filter(([part]) => part.startsWith('word/media/'));
      expect(media.some(([, bytes]) => Buffer.compare(Buffer.from(bytes), svg) === 0), `${pack}.docx holds the logo's bytes`).toBe(true);

      // The PDF: the logo is drawn, not written: its words are not in the cover's text, and it adds no font.
      const cover = execFileSync('pdftotext', ['-f', '1', '-l', '1', built('pdf'), '-'], { encoding: 'utf8' });
      // (Spaces taken out: letter-spaced lettering comes out of pdftotext as "N E W  S C OT L A N D".)
      const squashed = (text: string) => text.replace(/\s+/g, '');
      for (const mark of marks) expect(squashed(cover), `${pack}.pdf's cover`).not.toContain(squashed(mark));
      const fonts = execFileSync('pdffonts', [built('pdf')], { encoding: 'utf8' });
      const embedded = [...new Set([...fonts.matchAll(/^[A-Z]{6}\+(\S+)/gm)].map((m) => m[1]!.replace(/-.*$/, '')))].sort();
      expect(embedded, `${pack}.pdf's fonts`).toEqual(pdfFonts);
    }
  }, 180_000);
});
