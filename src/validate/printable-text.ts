// Every character a pack prints must have a glyph in the PDF's font, or the PDF
// would show an empty box where Word shows the character (see pack/printable.ts
// for why there is no fallback font). Checked here, at the character's place in
// a data file or a template, before either format is built.
import { HIDDEN_IN_VALUE } from '../diagnostics/hidden-characters.js';
import { diagnostic, type Diagnostic, type Finding } from '../diagnostics/diagnostic.js';
import { nodeAt, spanOf, type PathSegment, type YamlFile } from '../pack/data-file.js';
import type { LoadedPack, Partly } from '../pack/loaded-pack.js';
import { themeFonts } from '../pack/fonts.js';
import { firstUnprintable, themeCoverage, type ThemeCoverage, type Unprintable } from '../pack/printable.js';
import type { DataKind } from '../schema/index.js';

function finding(found: Unprintable): Finding {
  if (found.font !== undefined) {
    return {
      code: 'missing-glyph',
      message: `"${found.character}" (${found.codePoint}, ${found.script}) cannot be printed: the theme's font ${found.font} has no glyph for it`,
      hint: "write the text without it, or set the pack in a font that has it (the theme's `fonts` in the organisation file)",
    };
  }
  return {
    code: 'missing-glyph',
    message: `"${found.character}" (${found.codePoint}, ${found.script}) cannot be printed: the PDF's font has no glyph for it`,
    hint: "the PDF's font has Latin letters (with Welsh and Polish), Greek and Cyrillic; write the text in those, or publish it apart from the pack",
  };
}

/** Every text in some data, with its path: the strings a template may print. */
function* textsOf(value: unknown, path: PathSegment[] = []): Generator<[string, PathSegment[]]> {
  if (typeof value === 'string') yield [value, path];
  else if (Array.isArray(value)) for (const [index, item] of value.entries()) yield* textsOf(item, [...path, index]);
  else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) yield* textsOf(item, [...path, key]);
}

/**
 * The character's own place when the value's text in the file holds it (as
 * written, not as an escape), else the whole value.
 */
function spanIn(file: YamlFile, path: PathSegment[], character: string) {
  const span = spanOf(nodeAt(file, path));
  const at = file.source.slice(span.start, span.end).indexOf(character);
  return at >= 0 ? { start: span.start + at, end: span.start + at + character.length } : span;
}

// The invisible characters load reports in data files as hidden-character
// (load/hidden-characters.ts) are not reported twice. (A file that allows them
// prints them as empty boxes in the PDF.)

function checkFile(part: Partly<DataKind> | null | undefined, theme: ThemeCoverage | undefined): Diagnostic[] {
  if (!part) return [];
  const found: Diagnostic[] = [];
  for (const [text, path] of textsOf(part.data)) {
    const unprintable = firstUnprintable(text.replace(HIDDEN_IN_VALUE, ' '), theme);
    if (unprintable) found.push(diagnostic(finding(unprintable), part.file.file, spanIn(part.file, path, unprintable.character)));
  }
  return found;
}

/** What the pack's theme sets it in, if it names fonts that loaded. */
export function packCoverage(pack: LoadedPack): ThemeCoverage | undefined {
  const organisation = pack.organisation;
  return organisation ? themeCoverage(themeFonts(organisation.file, organisation.data, pack.fonts ?? new Map())) : undefined;
}

/** Each text of a pack's data files that holds a character the pack's fonts cannot print. */
export function checkPrintableData(pack: LoadedPack): Diagnostic[] {
  const files = [pack.pack, pack.organisation, pack.framework, pack.values, pack.role, pack.letter, pack.remuneration, pack.payScale, pack.timeline, ...(pack.calendars ?? [])];
  const theme = packCoverage(pack);
  return files.flatMap((file) => checkFile(file as Partly<DataKind> | null | undefined, theme));
}

/** Handlebars comments (`{{! … }}`, `{{!-- … --}}`) are not printed. */
const COMMENT = /\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}/g;

/** Each line of a template or partial that holds a character the pack's fonts cannot print (today's, unless a theme's are given), at its first such character. */
export function checkPrintableTemplate(file: string, source: string, theme?: ThemeCoverage): Diagnostic[] {
  const printed = source.replace(COMMENT, (comment) => comment.replace(/[^\n]/g, ' '));
  const found: Diagnostic[] = [];
  let lineStart = 0;
  for (const line of printed.split('\n')) {
    const unprintable = firstUnprintable(line, theme);
    if (unprintable) {
      const start = lineStart + unprintable.index;
      found.push(diagnostic(finding(unprintable), file, { start, end: start + unprintable.character.length }));
    }
    lineStart += line.length + 1;
  }
  return found;
}
