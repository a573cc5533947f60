// Text in a drawing, set in the project's font (Roboto, which pdfmake ships) and
// written as outlines: each line of text becomes one SVG path. Outlines draw the
// same in every writer and every viewer, with no font to find or embed, and keep
// the labels out of the document's text (a drawing's words reach readers as its
// alternative text, and the tables beside it say the same). Widths come from the
// font's own metrics, so wrapping is measured, not guessed.
import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';

export type Weight = 'regular' | 'bold';

const require = createRequire(import.meta.url);
const fontDir = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'build', 'fonts', 'Roboto');
// Bold is Roboto Medium, as the PDF's bold text is.
const files: Record<Weight, string> = { regular: 'Roboto-Regular.ttf', bold: 'Roboto-Medium.ttf' };
const opened = new Map<Weight, fontkit.Font>();

function font(weight: Weight): fontkit.Font {
  let f = opened.get(weight);
  if (f === undefined) {
    f = fontkit.openSync(path.join(fontDir, files[weight]));
    opened.set(weight, f);
  }
  return f;
}

/** A number as the SVG writes it: at most two decimals, so the text is the same on every machine. */
export const num = (n: number): string => String(Math.round(n * 100) / 100);

/** How wide `text` is, in points, at `size` points. */
export function textWidth(text: string, weight: Weight, size: number): number {
  const f = font(weight);
  return (f.layout(text).advanceWidth * size) / f.unitsPerEm;
}

/** `text` broken into lines no wider than `width` at spaces; a word wider than a line is broken where it must be. */
export function wrap(text: string, weight: Weight, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const joined = line === '' ? word : `${line} ${word}`;
    if (textWidth(joined, weight, size) <= width) {
      line = joined;
      continue;
    }
    if (line !== '') lines.push(line);
    line = word;
    while (textWidth(line, weight, size) > width && line.length > 1) {
      let cut = line.length - 1;
      while (cut > 1 && textWidth(line.slice(0, cut), weight, size) > width) cut--;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** The outline of one line of text whose baseline starts at (x, y), as SVG path data. */
export function textOutline(text: string, weight: Weight, size: number, x: number, y: number): string {
  const f = font(weight);
  const scale = size / f.unitsPerEm;
  const run = f.layout(text);
  const out: string[] = [];
  let penX = 0;
  run.glyphs.forEach((glyph, i) => {
    const position = run.positions[i]!;
    const gx = x + (penX + position.xOffset) * scale;
    const gy = y - position.yOffset * scale;
    const point = (px: number, py: number) => `${num(gx + px * scale)} ${num(gy - py * scale)}`;
    for (const { command, args } of glyph.path.commands) {
      const pairs: string[] = [];
      for (let a = 0; a + 1 < args.length; a += 2) pairs.push(point(args[a]!, args[a + 1]!));
      if (command === 'moveTo') out.push(`M${pairs[0]}`);
      else if (command === 'lineTo') out.push(`L${pairs[0]}`);
      else if (command === 'quadraticCurveTo') out.push(`Q${pairs.join(' ')}`);
      else if (command === 'bezierCurveTo') out.push(`C${pairs.join(' ')}`);
      else out.push('Z');
    }
    penX += position.xAdvance;
  });
  return out.join('');
}

/** A few lines of text, each its outline, the first baseline at `top` + `size`; `align` places each line on `x`. */
export function textBlock(lines: readonly string[], weight: Weight, size: number, x: number, top: number, align: 'left' | 'centre', colour: string, leading = 1.2): string {
  const d = lines
    .map((line, i) => {
      const left = align === 'centre' ? x - textWidth(line, weight, size) / 2 : x;
      return textOutline(line, weight, size, left, top + size * 0.93 + i * size * leading);
    })
    .join('');
  return d === '' ? '' : `<path fill="${colour}" d="${d}"/>`;
}
