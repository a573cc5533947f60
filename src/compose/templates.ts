// Finds, reads and compiles section templates and partials. A pack's own
// templates/ folder comes first, then the project's templates/sections/, so a
// pack can replace one section's wording without copying the others.
import { partialFiles, templateCandidates } from '../pack/template-files.js';
import path from 'node:path';
import { exists, MAX_TEXT_FILE_BYTES, notAFile, readProjectFile, unreadable } from '../pack/project-files.js';
import { ReadLog } from '../load/read-log.js';
import { diagnostic, type Diagnostic, type DiagnosticCode, type Finding, type Span } from '../diagnostics/diagnostic.js';
import { SourceText } from '../diagnostics/position.js';
import { relativeName } from '../pack/data-file.js';
import { compile, errorMessage, errorPosition, knownHelpers, parseTemplate, partialSources, registerPartial, unregisterPartials, type CompiledTemplate } from './handlebars.js';
import { BLOCK_HELPER_HINT, blockHelperMistake, unknownFieldHint } from './template-check.js';
import { checkPrintableTemplate } from '../validate/printable-text.js';
import { RENDER_TOO_COSTLY_HINT, RenderTooCostly } from './render-budget.js';

export interface SectionTemplate {
  /** Path relative to the project root, for diagnostics. */
  file: string;
  source: string;
  render: CompiledTemplate;
}

const compiled = new Map<string, SectionTemplate | Diagnostic>();
let partialsLoadedFrom: string | undefined;
/** What each template and partial held when it was read: they are read once per process, not once per pack. */
const templateReads = new ReadLog();

/** The hash of each of `paths` that is a template or partial read (and kept) in this process. */
export function templateHashesOf(paths: Iterable<string>): Map<string, string> {
  return templateReads.hashesOf(paths);
}

/**
 * Reads a template or partial, noting what it held, or says why it is not read:
 * a link out of the project, a pipe or a folder, a file over 1 MB. It is decoded
 * as data files are, without a byte-order mark, so that diagnostics point into
 * the text the CLI prints them against.
 */
function readTemplateSource(root: string, absolute: string, what: 'template' | 'partial'): { source: string } | { refused: Diagnostic } {
  const file = relativeName(root, absolute);
  const read = readProjectFile(root, absolute, MAX_TEXT_FILE_BYTES, templateReads);
  if (read.ok) return { source: new TextDecoder('utf-8').decode(read.bytes) };
  const refused = (finding: Finding) => ({ refused: diagnostic(finding, file) });
  switch (read.problem) {
    case 'outside-project':
      return refused({
        code: 'file-outside-project',
        message: `${what} ${file} links to a file outside the project`,
        hint: `copy the ${what} into the project instead of linking to it`,
      });
    case 'not-a-file':
      return refused(notAFile(`${what} ${file}`, read.kind));
    case 'too-large':
      return refused({
        code: 'file-too-large',
        message: `${what} ${file} is ${read.size} bytes; ${what}s may be at most ${MAX_TEXT_FILE_BYTES} bytes`,
        hint: 'check that this is the right file',
      });
    case 'unreadable':
      return refused(unreadable(`${what} ${file}`, read.reason));
    case 'not-found':
      return refused({ code: 'template-not-found', message: `${what} ${file} could not be read: it was removed while the build ran` });
  }
}

/** Registers every templates/partials/*.hbs once per process; `{{> name}}` uses them. */
export function loadPartials(root: string): Diagnostic[] {
  if (partialsLoadedFrom === root) return [];
  partialsLoadedFrom = root;
  const diagnostics: Diagnostic[] = [];
  for (const absolute of partialFiles(root)) {
    const name = path.basename(absolute);
    const read = readTemplateSource(root, absolute, 'partial');
    if ('refused' in read) {
      diagnostics.push(read.refused);
      continue;
    }
    const source = read.source;
    // A partial's text is printed like a template's: every character must have a glyph in the PDF.
    diagnostics.push(...checkPrintableTemplate(relativeName(root, absolute), source));
    try {
      parseTemplate(source);
      registerPartial(name.replace(/\.hbs$/, ''), relativeName(root, absolute), source);
    } catch (error) {
      diagnostics.push(templateDiagnostic(relativeName(root, absolute), source, error, 'template-syntax'));
    }
  }
  return diagnostics;
}

/** The `a.b.c` expression a Handlebars error points at, read from the template source. */
function expressionAt(source: string, span: Span | undefined): string | undefined {
  return span && /^[@\w.\/-]+/.exec(source.slice(span.start))?.[0];
}

/** Where in a template's text a Handlebars error points, if it says. */
function errorSpan(source: string, error: unknown): Span | undefined {
  const position = errorPosition(error);
  if (!position) return undefined;
  const text = new SourceText(source);
  const start = text.offsetOf(position.start.line, position.start.column);
  if (start === undefined) return undefined;
  const end = position.end && text.offsetOf(position.end.line, position.end.column);
  return { start, end: Math.max(start, end ?? start) };
}


/**
 * Forgets every template and registered partial, so that the next build reads
 * them again from disk (watch mode, after a template changed). What handlebars compiled is kept by source
 * (handlebars.ts): a file read again with the same text is not compiled again.
 */
export function forgetTemplates(): void {
  compiled.clear();
  templateReads.forget();
  unregisterPartials();
  partialsLoadedFrom = undefined;
}

/** The value that should hold the last part of a dotted path, and the parts leading to it, if the data has it. */
function parentOf(context: unknown, parts: string[]): { value: unknown; walked: string[] } | undefined {
  let node = context;
  for (const key of parts.slice(0, -1)) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return { value: node, walked: parts.slice(0, -1) };
}

/**
 * Turns a Handlebars error into a diagnostic at its place in the template's text
 * (`source`), saying which field or helper is unknown and, where it can, what was meant.
 */
export function templateDiagnostic(
  file: string,
  source: string,
  error: unknown,
  fallbackCode: Extract<DiagnosticCode, 'template-syntax' | 'template-error'>,
  context?: unknown,
): Diagnostic {
  if (error instanceof RenderTooCostly) return tooCostlyDiagnostic(file, source, error);
  const span = errorSpan(source, error);
  const raw = errorMessage(error);
  const at = (finding: Finding) => diagnostic(finding, file, span);
  const helper = /unknown helper (\S+)/.exec(raw);
  if (helper) {
    return at({
      code: 'unknown-helper',
      message: `unknown helper "${helper[1]}"`,
      hint: `templates may use only ${Object.keys(knownHelpers).join(', ')}; compute values in the data instead`,
    });
  }
  const partial = /The partial (\S+) could not be found/.exec(raw);
  if (partial) {
    return at({ code: 'partial-not-found', message: `partial "${partial[1]}" not found`, hint: 'partials live in templates/partials/<name>.hbs' });
  }
  const field = /^"(.+?)" not defined in/.exec(raw);
  if (field) {
    // Usually found before rendering by checkTemplateFields; this is for what only rendering meets.
    const expression = expressionAt(source, span) ?? field[1]!;
    const parent = expression.startsWith('@') || expression.startsWith('this') ? undefined : parentOf(context, expression.split('.'));
    return at({
      code: 'unknown-field',
      message: `unknown field "${expression}" in template`,
      hint: parent
        ? unknownFieldHint(expression, field[1]!, parent.value, parent.walked)
        : 'the field is not in the data this template is given; check its spelling, or add it to the data file',
    });
  }
  if (fallbackCode === 'template-syntax') {
    return at({
      code: 'template-syntax',
      message: raw,
      hint: 'each {{#if}}, {{#each}}, {{#with}} and {{#unless}} needs its own {{/...}}, closed in reverse order, and each {{ needs }}',
    });
  }
  // A block helper's own complaint (usually found before rendering by checkTemplateFields).
  const helperName = /^#(if|unless|with) requires exactly one argument|^Must pass iterator to #(each)/.exec(raw);
  if (helperName) return at({ code: 'template-error', message: blockHelperMistake((helperName[1] ?? helperName[2])!), hint: BLOCK_HELPER_HINT });
  return at({ code: 'template-error', message: `the template could not be rendered: ${raw}` });
}

/** A render stopped at its budget: at the outermost {{#each}} then running, in the section's template or a partial. */
function tooCostlyDiagnostic(file: string, source: string, error: RenderTooCostly): Diagnostic {
  const partial = error.file === undefined ? undefined : [...partialSources.values()].find((p) => p.file === error.file);
  const where = partial ?? { file, source };
  const text = new SourceText(where.source);
  const start = error.location && text.offsetOf(error.location.start.line, error.location.start.column + 1);
  const end = error.location && text.offsetOf(error.location.end.line, error.location.end.column + 1);
  const span = start === undefined ? undefined : { start, end: Math.max(start, end ?? start) };
  return diagnostic({ code: 'template-too-costly', message: error.message, hint: RENDER_TOO_COSTLY_HINT }, where.file, span);
}

export function findTemplate(root: string, packDir: string, name: string): SectionTemplate | Diagnostic | undefined {
  const absolute = templateCandidates(root, packDir, name).find((candidate) => exists(candidate));
  if (!absolute) return undefined;
  const cached = compiled.get(absolute);
  if (cached) return cached;
  const file = relativeName(root, absolute);
  const read = readTemplateSource(root, absolute, 'template');
  if ('refused' in read) {
    compiled.set(absolute, read.refused);
    return read.refused;
  }
  const source = read.source;
  let result: SectionTemplate | Diagnostic;
  try {
    parseTemplate(source); // syntax errors surface here, with their position
    result = { file, source, render: compile(source) };
  } catch (error) {
    result = templateDiagnostic(file, source, error, 'template-syntax');
  }
  compiled.set(absolute, result);
  return result;
}
