// Text in a drawing, set in the document's body font (the theme's, or Roboto,
// which pdfmake ships) and written as outlines: each line of text becomes one
// SVG path. Outlines draw the same in every writer and every viewer, with no
// font to find or embed, and keep the labels out of the document's text (a
// drawing's words reach readers as its alternative text, and the tables beside
// it say the same). Widths come from the same font's own metrics, so wrapping
// is measured, not guessed.
import * as fontkit from 'fontkit';
import type { FontFamily } from '../../model/document.js';
import { shippedFontFamily } from '../../pack/shipped-fonts.js';

/** One face a drawing's text is set in. */
export type Face = fontkit.Font;

/** The two faces a drawing uses: labels in regular, names and titles in bold. */
export interface Lettering {
  regular: Face;
  bold: Face;
}

// Parsed once per process for each face's bytes: the model hands the same bytes to every drawing of a build.
const parsed = new WeakMap<Uint8Array, Face>();

function face(bytes: Uint8Array): Face {
  let f = parsed.get(bytes);
  if (f === undefined) {
    f = fontkit.create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    parsed.set(bytes, f);
  }
  return f;
}

/**
 * The faces of a family: the theme's body family, or Roboto (bold is Roboto Medium, as the
 * PDF's bold text is) when the theme gives no fonts.
 */
export function letteringOf(family: FontFamily | undefined = shippedFontFamily('Roboto')!): Lettering {
  return { regular: face(family.regular), bold: face(family.bold) };
}

/** A number as the SVG writes it: at most two decimals, so the text is the same on every machine. */
export const num = (n: number): string => String(Math.round(n * 100) / 100);

/** How wide `text` is, in points, at `size` points. */
export function textWidth(text: string, f: Face, size: number): number {
  return (f.layout(text).advanceWidth * size) / f.unitsPerEm;
}

/** `text` broken into lines no wider than `width` at spaces; a word wider than a line is broken where it must be. */
export function wrap(text: string, f: Face, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const joined = line === '' ? word : `${line} ${word}`;
    if (textWidth(joined, f, size) <= width) {
      line = joined;
      continue;
    }
    if (line !== '') lines.push(line);
    line = word;
    while (textWidth(line, f, size) > width && line.length > 1) {
      let cut = line.length - 1;
      while (cut > 1 && textWidth(line.slice(0, cut), f, size) > width) cut--;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/**
 * The outline of one line of text whose baseline starts at (x, y), as SVG path data;
 * `letterSpacing` points are added after each glyph, as SVG's letter-spacing does.
 */
export function textOutline(text: string, f: Face, size: number, x: number, y: number, letterSpacing = 0): string {
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
    penX += position.xAdvance + letterSpacing / scale;
  });
  return out.join('');
}

/** A few lines of text, each its outline, the first baseline at `top` + `size`; `align` places each line on `x`. */
export function textBlock(lines: readonly string[], f: Face, size: number, x: number, top: number, align: 'left' | 'centre', colour: string, leading = 1.2): string {
  const d = lines
    .map((line, i) => {
      const left = align === 'centre' ? x - textWidth(line, f, size) / 2 : x;
      return textOutline(line, f, size, left, top + size * 0.93 + i * size * leading);
    })
    .join('');
  return d === '' ? '' : `<path fill="${colour}" d="${d}"/>`;
}
