// A theme is data: changing an organisation's colour and logo changes the PDF,
// the Word file and the web page, with no change to the code. Each format is
// read back: the PDF's content streams (decompressed by qpdf) for the colour
// operator, the .docx's styles.xml, the HTML's style sheet and its logo.
// The contrast check's own cases are fixtures (tests/fixtures/low-contrast*).
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyProject, runCli } from './support/project.js';
import { docxXml } from './support/read-outputs.js';

const PACK = 'wealdmere-head-of-housing-2027';
const ORGANISATION = 'packs/shared/organisations/wealdmere.yaml';
const roots: string[] = [];

/** The PDF fill colour operator pdfkit writes for a `#rrggbb` (text is filled): each channel over 255, then `scn`. */
function fillOperator(hex: string): RegExp {
  const parts = [1, 3, 5].map((at) => String(Number.parseInt(hex.slice(at, at + 2), 16) / 255).replace('.', '\\.'));
  return new RegExp(`(^|\\s)${parts.join(' ')} scn`, 'm');
}

async function build(root: string, out: string) {
  const run = await runCli(['build', '--root', root, '--out', out, '--force', PACK]);
  expect(run.status, run.stderr).toBe(0);
  const file = (ext: string) => path.join(out, `${PACK}.${ext}`);
  const pdfStreams = execFileSync('qpdf', ['--qdf', '--object-streams=disable', file('pdf'), '-'], { maxBuffer: 64 * 1024 * 1024 }).toString('latin1');
  return {
    pdf: readFileSync(file('pdf')),
    docx: readFileSync(file('docx')),
    html: readFileSync(file('html'), 'utf8'),
    pdfStreams,
    styles: await docxXml(file('docx'), 'word/styles.xml'),
    fontTable: await docxXml(file('docx'), 'word/fontTable.xml'),
    pdfFonts: execFileSync('pdffonts', [file('pdf')]).toString(),
  };
}

afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

describe('a theme is data', () => {
  it('changing its colour and logo changes the PDF, the Word styles and the web page, with no code change; bytes are reproducible', async () => {
    const before = copyProject();
    // The council's green is its headings', its table headers' and its band's: all three become plum.
    const after = copyProject(
      ['heading', 'headerText', 'band'].map((name) => ({ file: ORGANISATION, find: `${name}: "#1d5b45"`, replace: `${name}: "#7a1f5c"` })),
    );
    roots.push(before, after);
    const newLogo = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 60"><text x="0" y="40" font-size="32">A NEW MARK</text></svg>\n';
    writeFileSync(path.join(after, 'packs/shared/organisations/logos/wealdmere.svg'), newLogo);

    const old = await build(before, path.join(before, 'output'));
    const changed = await build(after, path.join(after, 'output'));

    // The PDF: headings filled in the new colour, none left in the old.
    expect(old.pdfStreams).toMatch(fillOperator('#1d5b45'));
    expect(changed.pdfStreams).toMatch(fillOperator('#7a1f5c'));
    expect(changed.pdfStreams).not.toMatch(fillOperator('#1d5b45'));

    // Word: the heading styles in the new colour.
    expect(old.styles).toContain('w:color w:val="1D5B45"');
    expect(changed.styles).toContain('w:color w:val="7A1F5C"');
    expect(changed.styles).not.toContain('1D5B45');

    // The web page: its style sheet, and its logo (a data: URL with the new drawing, and its alt).
    expect(old.html).toMatch(/h1, h2, h3 \{ color: #1d5b45;/);
    expect(changed.html).toMatch(/h1, h2, h3 \{ color: #7a1f5c;/);
    const logoOf = (html: string) => /<img class="logo" src="data:image\/svg\+xml;base64,([^"]+)" alt="([^"]*)"/.exec(html);
    expect(Buffer.from(logoOf(old.html)![1]!, 'base64').toString()).toContain('Wealdmere');
    expect(Buffer.from(logoOf(changed.html)![1]!, 'base64').toString()).toBe(newLogo);
    expect(logoOf(changed.html)![2]).toBe('Wealdmere District Council');

    // The same inputs make the same bytes.
    const again = await build(after, path.join(after, 'output-again'));
    expect(Buffer.compare(again.pdf, changed.pdf)).toBe(0);
    expect(Buffer.compare(again.docx, changed.docx)).toBe(0);
    expect(again.html).toBe(changed.html);
  }, 180_000);

  it("changing its fonts changes the fonts the PDF embeds, Word's styles and embedded fonts, and the web page's", async () => {
    // The sample theme: text in Liberation Sans, headings in Source Serif 4. The change: text in Roboto, headings in Liberation Sans.
    const before = copyProject();
    const after = copyProject([
      { file: ORGANISATION, find: '    body: Liberation Sans\n    headings: Source Serif 4\n', replace: '    body: Roboto\n    headings: Liberation Sans\n' },
    ]);
    roots.push(before, after);
    const old = await build(before, path.join(before, 'output'));
    const changed = await build(after, path.join(after, 'output'));

    // The PDF: the fonts it embeds (pdffonts lists each subset as XXXXXX+PostScriptName, "yes" under emb).
    const embedded = (list: string) => [...new Set([...list.matchAll(/^[A-Z]{6}\+(\S+)/gm)].map((m) => m[1]!.replace(/-.*$/, '')))].sort();
    expect(embedded(old.pdfFonts)).toEqual(['LiberationSans', 'SourceSerif4']);
    expect(embedded(changed.pdfFonts)).toEqual(['LiberationSans', 'Roboto']);

    // Word: the styles name the families, and the font table embeds each one's faces.
    expect(old.styles).toContain('w:ascii="Source Serif 4"');
    expect(old.styles).toContain('w:ascii="Liberation Sans"');
    expect(changed.styles).toContain('w:ascii="Roboto"');
    expect(changed.styles).not.toContain('Source Serif 4');
    expect(changed.fontTable).toMatch(/<w:font w:name="Roboto">[\s\S]*?<w:embedRegular /);
    expect(changed.fontTable).not.toContain('Source Serif 4');

    // The web page: its faces, and the families its text and headings are set in.
    const families = (html: string) => [...new Set([...html.matchAll(/@font-face \{[^}]*font-family: "([^"]+)"/g)].map((m) => m[1]!))].sort();
    expect(families(old.html)).toEqual(['Liberation Sans', 'Source Serif 4']);
    expect(families(changed.html)).toEqual(['Liberation Sans', 'Roboto']);
  }, 180_000);
});
