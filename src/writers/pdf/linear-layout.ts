// pdfmake's layout of a paragraph, made linear in the paragraph's length.
//
// pdfmake 0.3.11 did three things whose cost grows with the square of a
// paragraph's length; a 900 KB paragraph took 338 s. Each is one of its methods
// replaced here by the same code without the quadratic part, so the lines break
// at the same places and the PDFs are byte for byte the same.
//
// 1. `LayoutBuilder.buildNextLine` fills a line word by word, and for every word
//    asked whether it fits with `textNode._inlines.slice(1)`: a copy of every
//    word still to come, made only so that a word glued to the next ones
//    (`noNewLine`) is measured with them. Here it is given only the glued run.
// 2. It then takes each word off the front of that array with `shift`, which V8
//    does in place only while the array is under about 32,000 elements: past
//    that, every `shift` moves all the rest (a 40,000-word array emptied this way
//    takes 1 s, 160,000 words 16 s). So a paragraph of more than `WINDOW` words is
//    handed over a window at a time: pdfmake's array holds the next words, and
//    the rest wait in our own array, last first, moved in as the window empties.
// 3. `TextInlines.buildInlines` flattened a paragraph's pieces of text (each run
//    of bold, italic or link text is one) with `reduce` and `concat`, copying
//    the pieces so far for each piece. Here they are pushed onto one array.
//
// They replace methods on pdfmake's classes from our side, rather than in
// patches/: the change is ours to read and test, and the version it was written
// for is checked when the writer loads.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The parts of a pdfmake inline (one word, with the space after it) that line breaking reads. */
interface PdfInline {
  text: string;
  width: number;
  noWrap?: boolean;
  noNewLine?: boolean;
}

interface PdfLine {
  lastLineInParagraph: boolean;
  hasEnoughSpaceForInline(inline: PdfInline, nextInlines: PdfInline[]): boolean;
  getAvailableWidth(): number;
  addInline(inline: PdfInline): void;
}

interface PdfTextNode {
  _inlines?: PdfInline[];
}

/** A word as `TextInlines.measure` leaves it. */
interface MeasuredInline extends PdfInline {
  leadingCut: number;
  trailingCut: number;
  lineEnd?: boolean;
}

interface TextInlines {
  measure(words: PdfInline[], styleContextStack: unknown): MeasuredInline[];
  buildInlines(textArray: unknown, styleContextStack: unknown): { items: MeasuredInline[]; minWidth: number; maxWidth: number };
}

interface LayoutBuilder {
  writer: { context(): { availableWidth: number } };
  buildNextLine(textNode: PdfTextNode): PdfLine | null;
}

const pdfmakeVersion: string = require('pdfmake/package.json').version;
const { default: LayoutBuilderClass } = require('pdfmake/js/LayoutBuilder.js') as { default: { prototype: LayoutBuilder } };
const { default: LineClass } = require('pdfmake/js/Line.js') as { default: new (maxWidth: number) => PdfLine };
const { default: TextInlinesClass } = require('pdfmake/js/TextInlines.js') as {
  default: {
    new (pdfDocument: null): { widthOfText(text: string, inline: PdfInline): number };
    prototype: TextInlines;
  };
};
const { default: TextBreakerClass } = require('pdfmake/js/TextBreaker.js') as {
  default: new () => { getBreaks(texts: unknown[], styleContextStack: unknown): PdfInline[] };
};
const { default: StyleContextStackClass } = require('pdfmake/js/StyleContextStack.js') as {
  default: { getStyleProperty(item: object, styleContextStack: unknown, property: string, defaultValue: unknown): unknown };
};

/** The most words pdfmake's array of a paragraph holds at once (see the top of this module). */
export const WINDOW = 8192;

/** For a paragraph handed over a window at a time: its words after the window, last first. */
const waiting = new WeakMap<PdfInline[], PdfInline[]>();

/**
 * The paragraph's words for pdfmake to take from the front: a long paragraph's
 * array is swapped, once, for a window of its first words, and the window is
 * filled up again from the words waiting whenever it is half empty.
 */
function wordsAhead(textNode: PdfTextNode): PdfInline[] | undefined {
  let inlines = textNode._inlines;
  if (!inlines) return inlines;
  if (inlines.length > WINDOW && !waiting.has(inlines)) {
    const window = inlines.slice(0, WINDOW);
    waiting.set(window, inlines.slice(WINDOW).reverse());
    textNode._inlines = inlines = window;
  }
  topUp(inlines);
  return inlines;
}

/** Moves waiting words into a window that is half empty; true while some still wait. */
function topUp(window: PdfInline[]): boolean {
  const rest = waiting.get(window);
  if (!rest) return false;
  if (window.length < WINDOW / 2) {
    while (window.length < WINDOW && rest.length > 0) window.push(rest.pop()!);
  }
  if (rest.length > 0) return true;
  waiting.delete(window);
  return false;
}

/**
 * The words after the first of a window that `Line.hasEnoughSpaceForInline`
 * reads: when the first is glued to what follows (`noNewLine`), the glued run
 * and the word that ends it, on into the words waiting if need be; otherwise
 * none. pdfmake passed every word still to come.
 */
function gluedAfterFirst(window: PdfInline[]): PdfInline[] {
  const glued: PdfInline[] = [];
  if (!window[0]?.noNewLine) return glued;
  const rest = waiting.get(window) ?? [];
  for (let i = 1; i < window.length + rest.length; i += 1) {
    const next = i < window.length ? window[i]! : rest[rest.length - 1 - (i - window.length)]!;
    glued.push(next);
    if (!next.noNewLine) break;
  }
  return glued;
}

/** The longest start of `text`, at least one character, that is no wider than `maxWidth` (pdfmake's own search). */
function findMaxFitLength(text: string, maxWidth: number, measure: (part: string) => number): number {
  let low = 1;
  let high = text.length;
  let bestFit = 1;
  while (low <= high) {
    const mid = Math.floor((low + high) / 2);
    if (measure(text.substring(0, mid)) <= maxWidth) {
      bestFit = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return bestFit;
}

function cloneInline(inline: PdfInline): PdfInline {
  const copy = (inline.constructor as () => PdfInline)();
  for (const key in inline) (copy as unknown as Record<string, unknown>)[key] = (inline as unknown as Record<string, unknown>)[key];
  return copy;
}

/** pdfmake 0.3.11's `buildNextLine`, but for the words it hands the fit check. */
function buildNextLine(this: LayoutBuilder, textNode: PdfTextNode): PdfLine | null {
  const inlines = wordsAhead(textNode);
  if (!inlines || inlines.length === 0) return null;
  const line = new LineClass(this.writer.context().availableWidth);
  const textInlines = new TextInlinesClass(null);
  let isForceContinue = false;
  while (inlines.length > 0 && (line.hasEnoughSpaceForInline(inlines[0]!, gluedAfterFirst(inlines)) || isForceContinue)) {
    let isHardWrap = false;
    const inline = inlines.shift()!;
    // A word wider than what is left of the line is cut where it fills it, and the rest goes on.
    if (!inline.noWrap && inline.text.length > 1 && inline.width > line.getAvailableWidth()) {
      const maxChars = findMaxFitLength(inline.text, line.getAvailableWidth(), (part) => textInlines.widthOfText(part, inline));
      if (maxChars < inline.text.length) {
        const rest = cloneInline(inline);
        rest.text = inline.text.substr(maxChars);
        inline.text = inline.text.substr(0, maxChars);
        rest.width = textInlines.widthOfText(rest.text, rest);
        inline.width = textInlines.widthOfText(inline.text, inline);
        inlines.unshift(rest);
        isHardWrap = true;
      }
    }
    line.addInline(inline);
    isForceContinue = Boolean(inline.noNewLine) && !isHardWrap;
    topUp(inlines);
  }
  line.lastLineInParagraph = inlines.length === 0;
  return line;
}

/**
 * A paragraph's pieces of text in one flat array, as pdfmake's `flattenTextArray`
 * made them: a piece whose `text` is an array is replaced by its pieces, at any
 * depth; an array among the pieces gives its items (flattened if it holds arrays).
 */
export function flattenTextArray(textArray: unknown): unknown[] {
  const flat: unknown[] = [];
  const flattenInto = (pieces: unknown[]) => {
    for (const piece of pieces) {
      const text = (piece as { text?: unknown }).text;
      if (Array.isArray(text)) flattenInto(text);
      else if (Array.isArray(piece) && piece.some(Array.isArray)) flattenInto(piece);
      else if (Array.isArray(piece)) for (const item of piece) flat.push(item);
      else flat.push(piece);
    }
  };
  flattenInto(Array.isArray(textArray) ? textArray : [textArray]);
  return flat;
}

/** pdfmake 0.3.11's `buildInlines`, but for how the pieces are flattened. */
function buildInlines(this: TextInlines, textArray: unknown, styleContextStack: unknown) {
  const trimmedWidth = (item: { width: number; leadingCut: number; trailingCut: number }) => Math.max(0, item.width - item.leadingCut - item.trailingCut);
  let minWidth = 0;
  let maxWidth = 0;
  let currentLineWidth: { width: number; leadingCut: number; trailingCut: number } | null | undefined;
  const words = new TextBreakerClass().getBreaks(flattenTextArray(textArray), styleContextStack);
  const measured = this.measure(words, styleContextStack);
  for (const inline of measured) {
    minWidth = Math.max(minWidth, trimmedWidth(inline));
    if (!currentLineWidth) currentLineWidth = { width: 0, leadingCut: inline.leadingCut, trailingCut: 0 };
    currentLineWidth.width += inline.width;
    currentLineWidth.trailingCut = inline.trailingCut;
    maxWidth = Math.max(maxWidth, trimmedWidth(currentLineWidth));
    if (inline.lineEnd) currentLineWidth = null;
  }
  if (StyleContextStackClass.getStyleProperty({}, styleContextStack, 'noWrap', false)) minWidth = maxWidth;
  return { items: measured, minWidth, maxWidth };
}

// Written for pdfmake 0.3.11: another version must be read again before these apply to it.
if (pdfmakeVersion !== '0.3.11') {
  throw new Error(`src/writers/pdf/linear-layout.ts was written for pdfmake 0.3.11, not ${pdfmakeVersion}: compare buildNextLine and buildInlines and update them`);
}
LayoutBuilderClass.prototype.buildNextLine = buildNextLine;
TextInlinesClass.prototype.buildInlines = buildInlines;
