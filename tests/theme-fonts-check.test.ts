// A theme's fonts are checked before anything is built: a name the tool does
// not ship, a file that is not an embeddable TrueType font, and text with a
// character the theme's fonts have no glyph for are each refused where they
// are written, with the project's own words. (The fixture font-unusable holds
// the plainest case, a file that is not a font at all.)
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import subsetFont from 'subset-font';
import { afterAll, describe, expect, it } from 'vitest';
import { copyProject, runCli } from './support/project.js';

const ORGANISATION = 'packs/shared/organisations/wealdmere.yaml';
const PACK = 'wealdmere-head-of-housing-2027';
const LIBERATION = path.resolve('fonts/liberation-sans/LiberationSans-Regular.ttf');
const roots: string[] = [];

afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A copy of the project whose Wealdmere theme sets the whole pack in `body` (YAML, indented under `fonts:`). */
function projectWithFonts(body: string): string {
  const root = copyProject([{ file: ORGANISATION, find: '  fonts:\n    body: Liberation Sans\n    headings: Source Serif 4\n', replace: `  fonts:\n${body}` }]);
  roots.push(root);
  return root;
}

const ownFont = (files: Record<'regular' | 'bold' | 'italic' | 'boldItalic', string>) =>
  `    body:\n      family: Our Sans\n${Object.entries(files).map(([face, file]) => `      ${face}: ${file}\n`).join('')}`;

/** The diagnostics `validate` prints for the pack, without the dates' warnings. */
async function validate(root: string): Promise<{ status: number; errors: string }> {
  const run = await runCli(['validate', '--root', root, '--today', '2026-01-01', PACK]);
  return { status: run.status, errors: run.stderr.split('\n').filter((line) => / error /.test(line)).join('\n') };
}

describe("a theme's fonts", () => {
  it('a font the tool ships is named by its family; a near miss is answered with the name meant, anything else with the list', async () => {
    const near = await validate(projectWithFonts('    body: liberation sans\n'));
    expect(near.status).toBe(1);
    expect(near.errors).toContain('`theme.fonts.body` names "liberation sans", which is not a font the tool ships  [invalid-value]');
    const root = projectWithFonts('    body: Helvetica\n');
    const run = await runCli(['validate', '--root', root, '--today', '2026-01-01', PACK]);
    expect(run.stderr).toContain('names "Helvetica", which is not a font the tool ships');
    expect(run.stderr).toContain("hint: name Roboto, Liberation Sans, Source Serif 4; or give your own font's files: family, regular, bold, italic and boldItalic");
    const near2 = await runCli(['validate', '--root', projectWithFonts('    body: liberation sans\n'), '--today', '2026-01-01', PACK]);
    expect(near2.stderr).toContain('hint: did you mean "Liberation Sans"?');
  });

  it("the organisation's own files are checked: outside the project, a web font, a licence that forbids embedding", async () => {
    const root = projectWithFonts(ownFont({ regular: '../../../../Outside.ttf', bold: 'fonts/Our-Bold.woff2.ttf', italic: 'fonts/Our-Italic.ttf', boldItalic: 'fonts/Our-Italic.ttf' }));
    const fonts = path.join(root, 'packs/shared/organisations/fonts');
    mkdirSync(fonts);
    const source = readFileSync(LIBERATION);
    writeFileSync(path.join(fonts, 'Our-Bold.woff2.ttf'), await subsetFont(source, 'abc', { targetFormat: 'woff2' }));
    // The OS/2 table's fsType (at byte 8 of the table) set to 2: "restricted licence embedding".
    const restricted = Buffer.from(await subsetFont(source, 'abc', { targetFormat: 'truetype' }));
    const tables = restricted.readUInt16BE(4);
    for (let i = 0; i < tables; i++) {
      const entry = 12 + 16 * i;
      if (restricted.toString('latin1', entry, entry + 4) === 'OS/2') restricted.writeUInt16BE(2, restricted.readUInt32BE(entry + 8) + 8);
    }
    writeFileSync(path.join(fonts, 'Our-Italic.ttf'), restricted);
    const { status, errors } = await validate(root);
    expect(status).toBe(1);
    expect(errors.split('\n')).toEqual([
      expect.stringMatching(/wealdmere\.yaml:\d+:\d+ {2}error {2}font "\.\.\/\.\.\/\.\.\/\.\.\/Outside\.ttf" is outside the project {2}\[file-outside-project\]$/),
      expect.stringMatching(/error {2}font packs\/shared\/organisations\/fonts\/Our-Bold\.woff2\.ttf is a web font \(WOFF2\) {2}\[font-unusable\]$/),
      expect.stringMatching(/error {2}font packs\/shared\/organisations\/fonts\/Our-Italic\.ttf is licensed not to be embedded in documents \(its 'restricted licence' flag\) {2}\[font-unusable\]$/),
      expect.stringMatching(/error {2}font packs\/shared\/organisations\/fonts\/Our-Italic\.ttf is licensed not to be embedded/),
    ]);
  });

  it("text with a character the theme's font has no glyph for is refused where it is written, naming the font", async () => {
    const root = projectWithFonts(ownFont({ regular: 'fonts/Our.ttf', bold: 'fonts/Our.ttf', italic: 'fonts/Our.ttf', boldItalic: 'fonts/Our.ttf' }));
    const fonts = path.join(root, 'packs/shared/organisations/fonts');
    mkdirSync(fonts);
    // Every character the pack prints but the pound sign.
    const printed = [...new Set([...readFileSync(path.join(root, 'packs/shared/organisations/wealdmere.yaml'), 'utf8')])].join('');
    writeFileSync(path.join(fonts, 'Our.ttf'), await subsetFont(readFileSync(LIBERATION), printed.replace('£', ''), { targetFormat: 'truetype' }));
    const run = await runCli(['validate', '--root', root, '--today', '2026-01-01', PACK]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/"£" \(U\+00A3, a symbol\) cannot be printed: the theme's font Our Sans has no glyph for it {2}\[missing-glyph\]/);
    expect(run.stderr).toContain("hint: write the text without it, or set the pack in a font that has it (the theme's `fonts` in the organisation file)");
  });

  it('a shipped font with every character the sample pack prints passes', async () => {
    const root = projectWithFonts('    body: Source Serif 4\n');
    expect((await validate(root)).errors).toBe('');
  });

  it("a partial's text is checked against the theme's fonts too, though today's font has the character", async () => {
    // "ĳ" (the Dutch ij) is in Roboto but not in Source Serif 4.
    const withLetter = (root: string) => {
      const partial = path.join(root, 'templates/partials/bullets.hbs');
      writeFileSync(partial, `{{!-- a partial that prints a letter of its own --}}\nĳ\n${readFileSync(partial, 'utf8')}`);
      return root;
    };
    expect((await validate(withLetter(projectWithFonts('    body: Roboto\n')))).errors).toBe('');
    const run = await runCli(['validate', '--root', withLetter(projectWithFonts('    body: Source Serif 4\n')), '--today', '2026-01-01', PACK]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`templates/partials/bullets.hbs:2:1  error  "ĳ" (U+0133, Latin script) cannot be printed: the theme's font Source Serif 4 has no glyph for it  [missing-glyph]`);
  });
});
