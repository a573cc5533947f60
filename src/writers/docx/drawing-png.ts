// A drawing's PNG, for the Word readers that cannot show its SVG: rendered by
// resvg at twice the drawing's size in pixels (96 an inch), so it stays sharp
// when printed. A drawing's text is outlines, so no font is looked for: the
// PNG is the same on every machine.
import { Resvg } from '@resvg/resvg-js';

export function drawingPng(svg: string): Uint8Array {
  const resvg = new Resvg(svg, { fitTo: { mode: 'zoom', value: (96 / 72) * 2 }, font: { loadSystemFonts: false }, background: '#ffffff' });
  return resvg.render().asPng();
}
