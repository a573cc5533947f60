// The drawings made from a pack's data (the selection timeline, the structure
// chart): in all three formats, with alternative text written from the same
// data, placed by the data, and the same bytes on every build. Read back from
// the built files: qpdf's JSON of the PDF, the .docx's XML and parts, the HTML.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { copyProject, runCli } from './support/project.js';
import { outputFile, pdfPages } from './support/read-outputs.js';

const DAC = 'met-dac-2021';
// The Met theme's logo, from packs/shared/organisations/met-2020.yaml.
const LOGO_ALT = 'Metropolitan Police: New Scotland Yard';
const TIMELINE_ALT =
  'Selection timeline: Application Pack, Monday 11th January 2021, midday (the closing date); Shortlisting, Wednesday 13th January 2021; Final Interview Panel, Wednesday 20th January 2021.';
const STRUCTURE_ALT =
  'Organisation chart: Commissioner at the top. Reporting to Commissioner: Deputy Commissioner; Chief of Corporate Services. ' +
  'Reporting to Deputy Commissioner: Assistant Commissioner for Frontline Policing; Assistant Commissioner for Met Operations; ' +
  'Assistant Commissioner for Professionalism; Assistant Commissioner for Specialist Operations; Chief Digital and Technology Officer.';

/** The /Alt of every Figure in a PDF's structure tree, through qpdf's JSON. */
function figureAlts(file: string): string[] {
  const json = JSON.parse(execFileSync('qpdf', ['--json', '--json-key=qpdf', file], { encoding: 'utf8', maxBuffer: 1 << 28 })) as {
    qpdf: [unknown, Record<string, { value?: Record<string, unknown> }>];
  };
  return Object.values(json.qpdf[1])
    .map(({ value }) => value)
    .filter((value) => value?.['/S'] === '/Figure')
    .map((value) => String(value!['/Alt']).replace(/^u:/, ''));
}

/** The first <svg> of a drawing in the HTML edition whose title is `alt`. */
function svgTitled(html: string, alt: string): string {
  const svg = [...html.matchAll(/<svg [\s\S]*?<\/svg>/g)].map((m) => m[0]).find((s) => s.includes(`>${alt}</title>`));
  if (svg === undefined) throw new Error(`no svg titled "${alt}"`);
  return svg;
}

describe('the drawings', () => {
  it('are Figures with their alt text in the PDF, and add no words to its text', () => {
    const file = outputFile(DAC, 'pdf');
    // With the theme's logo on the cover, a Figure too.
    expect(figureAlts(file).sort()).toEqual([LOGO_ALT, STRUCTURE_ALT, TIMELINE_ALT].sort());
    const text = pdfPages(file).join('\n');
    // The labels are outlines: the stage names are printed by the cover's key facts and the table, not again by the drawing.
    expect(text.match(/Final Interview Panel/g)).toHaveLength(3);
    // "Closing date" as a line of its own is the cover's key fact; the drawing's flag adds no second one.
    expect(text.match(/^Closing date$/gm)).toHaveLength(1);
  });

  it('are SVG pictures with a PNG fallback and their alt text in the .docx', () => {
    const zip = unzipSync(readFileSync(outputFile(DAC, 'docx')));
    const xml = strFromU8(zip['word/document.xml']!);
    const descriptions = [...xml.matchAll(/<wp:docPr [^>]*descr="([^"]*)"/g)].map((m) => m[1]);
    // The logo first, on the cover: an SVG with its PNG as well.
    expect(descriptions).toEqual([LOGO_ALT, STRUCTURE_ALT, TIMELINE_ALT]);
    expect(xml.match(/<asvg:svgBlip /g)).toHaveLength(3);
    const media = Object.keys(zip).filter((name) => name.startsWith('word/media/'));
    expect(media.filter((name) => name.endsWith('.svg'))).toHaveLength(3);
    const pngs = media.filter((name) => name.endsWith('.png'));
    expect(pngs).toHaveLength(3);
    for (const png of pngs) expect([...zip[png]!.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
  });

  it('are inline SVGs in figures, named by their title, on the web page', () => {
    const html = readFileSync(outputFile(DAC, 'html'), 'utf8');
    for (const alt of [TIMELINE_ALT, STRUCTURE_ALT]) {
      const svg = svgTitled(html, alt);
      const id = /aria-labelledby="([^"]+)"/.exec(svg)![1];
      expect(svg).toMatch(new RegExp(`^<svg role="img" aria-labelledby="${id}" [^>]*><title id="${id}">`));
      expect(html).toContain(`<figure>\n${svg}`);
    }
    expect(html).toContain(`</svg>\n</figure>\n<p><em>Executive Structure November 2020</em></p>`);
  });

  it('outline each glyph once and place it wherever the text needs it, with ids unique in the web page', () => {
    const html = readFileSync(outputFile(DAC, 'html'), 'utf8');
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]!);
    expect(new Set(ids).size).toBe(ids.length);
    for (const alt of [TIMELINE_ALT, STRUCTURE_ALT]) {
      const svg = svgTitled(html, alt);
      const defined = [...svg.matchAll(/<path id="([^"]+)"/g)].map((m) => m[1]!);
      const used = [...svg.matchAll(/<use xlink:href="#([^"]+)"/g)].map((m) => m[1]!);
      // Every glyph placed is defined in the same drawing, each defined glyph is placed, and placed more than once on the whole.
      expect(new Set(used)).toEqual(new Set(defined));
      expect(used.length).toBeGreaterThan(2 * defined.length);
    }
    // The two drawings' glyphs do not share ids: the page prefixes each drawing's.
    const glyphIds = (alt: string) => [...svgTitled(html, alt).matchAll(/<path id="([^"]+)"/g)].map((m) => m[1]!);
    expect(glyphIds(TIMELINE_ALT).filter((id) => glyphIds(STRUCTURE_ALT).includes(id))).toEqual([]);
    // Small enough to matter: the structure chart wrote every outline in full in 175 KB.
    expect(svgTitled(html, STRUCTURE_ALT).length).toBeLessThan(40_000);
    // The Word copy is the drawing's own SVG: it declares the xlink namespace its <use>s need.
    const zip = unzipSync(readFileSync(outputFile(DAC, 'docx')));
    const svgs = Object.keys(zip).filter((name) => name.endsWith('.svg')).map((name) => strFromU8(zip[name]!));
    expect(svgs.filter((svg) => svg.includes('<use xlink:href="#g0"'))).toHaveLength(2);
    for (const svg of svgs.filter((s) => s.includes('<use '))) expect(svg).toMatch(/^<svg [^>]*xmlns:xlink="http:\/\/www.w3.org\/1999\/xlink"/);
  });

  it('follow the data: a stage moved later is drawn further along the axis', async () => {
    const markers = (html: string) => [...svgTitled(html, /Selection timeline[^<]*/.exec(html)![0]).matchAll(/<circle cx="([\d.]+)"/g)].map((m) => Number(m[1]));
    const before = markers(readFileSync(outputFile(DAC, 'html'), 'utf8'));
    const root = copyProject([{ file: `packs/${DAC}/timeline.yaml`, find: 'date: 2021-01-13', replace: 'date: 2021-01-15' }]);
    const out = mkdtempSync(path.join(tmpdir(), 'packs-drawings-'));
    try {
      const run = await runCli(['build', DAC, '--root', root, '--out', out, '--only', 'html', '--today', '2020-12-01']);
      expect(run.status).toBe(0);
      const html = readFileSync(path.join(out, `${DAC}.html`), 'utf8');
      expect(html).toContain('Shortlisting, Friday 15th January 2021');
      const after = markers(html);
      // The first and last stages set the axis' ends; shortlisting moves two days of the nine further along.
      expect(after[0]).toBe(before[0]);
      expect(after[2]).toBe(before[2]);
      expect(after[1]! - before[1]!).toBeCloseTo(((after[2]! - after[0]!) * 2) / 9, 1);
    } finally {
      rmSync(root, { recursive: true, force: true });
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);

  it('are the same bytes on every build, the Word PNGs too', async () => {
    const outs = [mkdtempSync(path.join(tmpdir(), 'packs-drawings-')), mkdtempSync(path.join(tmpdir(), 'packs-drawings-'))];
    try {
      for (const out of outs) expect((await runCli(['build', DAC, '--out', out, '--only', 'docx', '--today', '2020-12-01'])).status).toBe(0);
      const [first, second] = outs.map((out) => unzipSync(readFileSync(path.join(out, `${DAC}.docx`))));
      const media = Object.keys(first!).filter((name) => name.startsWith('word/media/'));
      expect(media.filter((name) => name.endsWith('.svg'))).toHaveLength(3);
      for (const name of media) expect(Buffer.from(second![name]!).equals(Buffer.from(first![name]!)), name).toBe(true);
      expect(readFileSync(path.join(outs[0]!, `${DAC}.docx`)).equals(readFileSync(path.join(outs[1]!, `${DAC}.docx`)))).toBe(true);
    } finally {
      for (const out of outs) rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});
