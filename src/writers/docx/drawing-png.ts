// A drawing's or an SVG picture's PNG, for the Word readers that cannot show
// its SVG: rendered by resvg at twice its size in pixels (96 an inch), so it
// stays sharp when printed. A drawing's text is outlines; an SVG picture (a
// logo) may set text, which is drawn in the fonts the PDF embeds (Roboto), never
// the machine's own, so the PNG is the same on every machine.
import { createRequire } from 'node:module';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';

const require = createRequire(import.meta.url);
const robotoDir = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'build', 'fonts', 'Roboto');
const fontFiles = ['Roboto-Regular.ttf', 'Roboto-Medium.ttf', 'Roboto-Italic.ttf', 'Roboto-MediumItalic.ttf'].map((file) => path.join(robotoDir, file));

export function drawingPng(svg: string, background: string | undefined = '#ffffff'): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: (96 / 72) * 2 },
    font: { loadSystemFonts: false, fontFiles, defaultFontFamily: 'Roboto', sansSerifFamily: 'Roboto', serifFamily: 'Roboto' },
    ...(background ? { background } : {}),
  });
  return resvg.render().asPng();
}
