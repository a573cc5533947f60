// Text in a drawing, set in the document's body font (the theme's, or Roboto,
// which pdfmake ships) and written as outlines: each glyph outlined once and
// placed where the text needs it (GlyphOutlines, below). Outlines draw the
// same in every writer and every viewer, with no font to find or embed, and keep the labels out of the document's text (a
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
 * The text of one drawing, as glyph outlines. Each glyph (of a face, at a size) is outlined once,
 * in the drawing's <defs>, and placed with a <use> wherever the text needs it: a label repeats
 * the same few dozen letters, so this keeps the drawing a fraction of the size of writing every
 * outline in full, in the SVG and in each format that carries it. Every reader of the drawing
 * draws <use> (pdfmake's svg-to-pdfkit, resvg, Word, LibreOffice, browsers); xlink:href rather
 * than SVG 2's bare href, because the older readers know only that. The ids are short and the
 * same in every drawing (g0, g1, ...): the web page, where two drawings share one document,
 * prefixes them per drawing.
 */
export class GlyphOutlines {
  private readonly ids = new Map<string, string | null>();
  private readonly faces = new Map<Face, number>();
  private readonly outlines: string[] = [];

  /** A glyph's id in the <defs>, outlined there on its first use; null for a glyph with no outline (a space). */
  private idOf(glyph: fontkit.Glyph, f: Face, size: number): string | null {
    if (!this.faces.has(f)) this.faces.set(f, this.faces.size);
    const key = `${this.faces.get(f)} ${size} ${glyph.id}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      const d = glyphOutline(glyph, f, size);
      id = d === '' ? null : `g${this.outlines.length}`;
      if (id !== null) this.outlines.push(`<path id="${id}" d="${d}"/>`);
      this.ids.set(key, id);
    }
    return id;
  }

  /** One line of text whose baseline starts at (x, y): a <use> for each glyph. */
  private line(text: string, f: Face, size: number, x: number, y: number): string {
    const scale = size / f.unitsPerEm;
    const run = f.layout(text);
    const uses: string[] = [];
    let penX = 0;
    run.glyphs.forEach((glyph, i) => {
      const position = run.positions[i]!;
      const id = this.idOf(glyph, f, size);
      if (id !== null) uses.push(`<use xlink:href="#${id}" x="${num(x + (penX + position.xOffset) * scale)}" y="${num(y - position.yOffset * scale)}"/>`);
      penX += position.xAdvance;
    });
    return uses.join('');
  }

  /** A few lines of text in one colour, the first baseline at `top` + `size`; `align` places each line on `x`. */
  textBlock(lines: readonly string[], f: Face, size: number, x: number, top: number, align: 'left' | 'centre', colour: string, leading = 1.2): string {
    const uses = lines
      .map((line, i) => {
        const left = align === 'centre' ? x - textWidth(line, f, size) / 2 : x;
        return this.line(line, f, size, left, top + size * 0.93 + i * size * leading);
      })
      .join('');
    return uses === '' ? '' : `<g fill="${colour}">${uses}</g>`;
  }

  /** The <defs> of every glyph placed so far: the drawing's first part, so that readers find each before its first use. */
  defs(): string {
    return this.outlines.length === 0 ? '' : `<defs>${this.outlines.join('')}</defs>`;
  }
}

/** A glyph's outline at `size` points, its origin (on the baseline) at (x, y), (0, 0) unless given, as SVG path data. */
function glyphOutline(glyph: fontkit.Glyph, f: Face, size: number, x = 0, y = 0): string {
  const scale = size / f.unitsPerEm;
  const point = (px: number, py: number) => `${num(x + px * scale)} ${num(y - py * scale)}`;
  const out: string[] = [];
  for (const { command, args } of glyph.path.commands) {
    const pairs: string[] = [];
    for (let a = 0; a + 1 < args.length; a += 2) pairs.push(point(args[a]!, args[a + 1]!));
    if (command === 'moveTo') out.push(`M${pairs[0]}`);
    else if (command === 'lineTo') out.push(`L${pairs[0]}`);
    else if (command === 'quadraticCurveTo') out.push(`Q${pairs.join(' ')}`);
    else if (command === 'bezierCurveTo') out.push(`C${pairs.join(' ')}`);
    else out.push('Z');
  }
  return out.join('');
}

/**
 * One line of text whose baseline starts at (x, y) as a single path's data, every glyph in full;
 * `letterSpacing` points are added after each glyph, as SVG's letter-spacing does. For lettering
 * drawn once (scripts/make-sample-logos.mjs); a drawing's text goes through GlyphOutlines.
 */
export function textOutline(text: string, f: Face, size: number, x: number, y: number, letterSpacing = 0): string {
  const scale = size / f.unitsPerEm;
  const run = f.layout(text);
  let penX = 0;
  return run.glyphs
    .map((glyph, i) => {
      const position = run.positions[i]!;
      const d = glyphOutline(glyph, f, size, x + (penX + position.xOffset) * scale, y - position.yOffset * scale);
      penX += position.xAdvance + letterSpacing / scale;
      return d;
    })
    .join('');
}
