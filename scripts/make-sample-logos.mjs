#!/usr/bin/env node
// Writes the sample organisations' logos (packs/shared/organisations/logos/),
// drawings of the project's own making, with their lettering typeset here from
// fonts the tool ships and written as outlines (SVG paths), not as <text>. An
// SVG's <text> is drawn in whatever font each program finds (the PDF writer in
// the theme's font, a browser in its own serif or sans, Word in the machine's),
// so the same logo looked different in every format; outlines draw the same
// everywhere. The words stay in each file's <title> and comment. Run by hand
// after changing a logo's design here (the SVGs are committed):
//
//   npm run build:ts && node scripts/make-sample-logos.mjs
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const tool = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const load = (file) => import(pathToFileURL(path.join(tool, 'dist', file)).href);
// The drawings' own outliner (src/compose/drawings/glyphs.ts), so a logo's lettering is set as a drawing's is.
const { letteringOf, num, textOutline, textWidth } = await load('compose/drawings/glyphs.js');
const { shippedFontFamily } = await load('pack/shipped-fonts.js');

const liberationSans = letteringOf(shippedFontFamily('Liberation Sans'));
const sourceSerif = letteringOf(shippedFontFamily('Source Serif 4'));

/**
 * One line of lettering as a filled path: `face` at `size` points, its baseline starting at (x, y),
 * `spacing` points after each letter; `within` is the x it must end before (the plate's edge), checked here.
 */
function lettering({ text, face, size, x, y, spacing = 0, fill, within }) {
  const end = x + textWidth(text, face, size) + spacing * [...text].length;
  if (end > within) throw new Error(`"${text}" ends at x=${num(end)}, past ${within}: make it smaller`);
  return `<path fill="${fill}" d="${textOutline(text, face, size, x, y, spacing)}"/>`;
}

/** An SVG logo: its size (the viewBox starts at -14, -14: the plate's margin), its title (its words), a comment and its drawing. */
function svg({ width, height, title, comment, body }) {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="-14 -14 ${width} ${height}" width="${width}" height="${height}">`,
    `  <title>${title}</title>`,
    `  <!-- ${comment} Made by scripts/make-sample-logos.mjs: edit that, not this file. -->`,
    ...body.map((element) => `  ${element}`),
    '</svg>',
    '',
  ].join('\n');
}

const MET_BLUE = '#0b2e5f';
const met = svg({
  width: 388,
  height: 124,
  title: 'New Scotland Yard, Metropolitan Police',
  comment:
    "The project's own drawing: the Met's two name marks, NEW SCOTLAND YARD and METROPOLITAN POLICE, set in Liberation Sans Bold as outlines, in the theme's blue. No outside files. On a white plate, so that it reads on the cover's band.",
  body: [
    '<rect x="-14" y="-14" width="388" height="124" rx="6" fill="#ffffff"/>',
    `<rect x="0" y="0" width="8" height="96" fill="${MET_BLUE}"/>`,
    lettering({ text: 'NEW SCOTLAND YARD', face: liberationSans.bold, size: 17, x: 24, y: 36, spacing: 3, fill: MET_BLUE, within: 374 }),
    `<rect x="24" y="48" width="320" height="2" fill="${MET_BLUE}"/>`,
    lettering({ text: 'METROPOLITAN POLICE', face: liberationSans.bold, size: 21, x: 24, y: 80, spacing: 2, fill: MET_BLUE, within: 374 }),
  ],
});

const wealdmere = svg({
  width: 348,
  height: 108,
  title: 'Wealdmere District Council',
  comment:
    "A wordmark of the project's own making for a fictional council: a weald (wooded hills) over a mere, beside Wealdmere in Source Serif 4 Bold and DISTRICT COUNCIL in Liberation Sans, set as outlines; on a white plate so that it reads on the cover's band.",
  body: [
    '<rect x="-14" y="-14" width="348" height="108" rx="6" fill="#ffffff"/>',
    '<path d="M4 52 L22 30 L34 42 L48 22 L68 52 Z" fill="#1d5b45"/>',
    '<rect x="4" y="56" width="64" height="6" rx="3" fill="#2a6f8f"/>',
    lettering({ text: 'Wealdmere', face: sourceSerif.bold, size: 30, x: 82, y: 44, fill: '#1d5b45', within: 334 }),
    lettering({ text: 'DISTRICT COUNCIL', face: liberationSans.regular, size: 13, x: 83, y: 66, spacing: 3, fill: '#3d4a44', within: 334 }),
  ],
});

const logos = path.join(tool, 'packs', 'shared', 'organisations', 'logos');
for (const [name, text] of [['met.svg', met], ['wealdmere.svg', wealdmere]]) {
  writeFileSync(path.join(logos, name), text);
  console.log(`${path.relative(tool, path.join(logos, name))}: ${Buffer.byteLength(text).toLocaleString('en-GB')} bytes`);
}
