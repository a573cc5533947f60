// Finds, reads and compiles section templates and partials. A pack's own
// templates/ folder comes first, then the project's templates/sections/, so a
// pack can replace one section's wording without copying the others.
import { existsSync, readFileSync } from 'node:fs';
import { partialFiles, templateCandidates } from '../pack/template-files.js';
import path from 'node:path';
import { isInsideProject } from '../load/project-path.js';
import { ReadLog } from '../load/read-log.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { relativeName } from '../pack/data-file.js';
import { compile, errorMessage, errorPosition, knownHelpers, parseTemplate, registerPartial, unregisterPartials, type CompiledTemplate } from './handlebars.js';
import { unknownFieldHint } from './template-check.js';

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

/** Reads a template or partial, noting what it held. */
function readTemplateSource(absolute: string): string {
  const bytes = readFileSync(absolute);
  templateReads.note(absolute, bytes);
  return bytes.toString('utf8');
}

/** A template that is a symbolic link to a file outside the project is never read. */
function outsideProject(file: string): Diagnostic {
  return {
    code: 'file-outside-project',
    severity: 'error',
    message: `template ${file} links to a file outside the project`,
    file,
    line: 0,
    column: 0,
    hint: 'copy the template into the project instead of linking to it',
  };
}

/** Registers every templates/partials/*.hbs once per process; `{{> name}}` uses them. */
export function loadPartials(root: string): Diagnostic[] {
  if (partialsLoadedFrom === root) return [];
  partialsLoadedFrom = root;
  const diagnostics: Diagnostic[] = [];
  for (const absolute of partialFiles(root)) {
    const name = path.basename(absolute);
    if (!isInsideProject(root, absolute)) {
      diagnostics.push(outsideProject(relativeName(root, absolute)));
      continue;
    }
    const source = readTemplateSource(absolute);
    try {
      parseTemplate(source);
      registerPartial(name.replace(/\.hbs$/, ''), relativeName(root, absolute), source);
    } catch (error) {
      diagnostics.push(templateDiagnostic(relativeName(root, absolute), error, 'template-syntax'));
    }
  }
  return diagnostics;
}

/** The `a.b.c` expression a Handlebars error points at, read from the template source. */
function expressionAt(source: string | undefined, line: number, column: number): string | undefined {
  const text = source?.split(/\r?\n/)[line - 1];
  if (text === undefined) return undefined;
  return /^[@\w.\/-]+/.exec(text.slice(column - 1))?.[0];
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
 * Turns a Handlebars error into a diagnostic at the template's line and column,
 * saying which field or helper is unknown and, where it can, what was meant.
 */
export function templateDiagnostic(file: string, error: unknown, fallbackCode: string, source?: string, context?: unknown): Diagnostic {
  const position = errorPosition(error) ?? { line: 0, column: 0 };
  const raw = errorMessage(error);
  const at = { file, ...position };
  const helper = /unknown helper (\S+)/.exec(raw);
  if (helper) {
    return {
      code: 'unknown-helper',
      severity: 'error',
      message: `unknown helper "${helper[1]}"`,
      ...at,
      hint: `templates may use only ${Object.keys(knownHelpers).join(', ')}; compute values in the data instead`,
    };
  }
  const partial = /The partial (\S+) could not be found/.exec(raw);
  if (partial) {
    return { code: 'partial-not-found', severity: 'error', message: `partial "${partial[1]}" not found`, ...at, hint: 'partials live in templates/partials/<name>.hbs' };
  }
  const field = /^"(.+?)" not defined in/.exec(raw);
  if (field) {
    // Usually found before rendering by checkTemplateFields; this is for what only rendering meets.
    const expression = expressionAt(source, position.line, position.column) ?? field[1]!;
    const parent = expression.startsWith('@') || expression.startsWith('this') ? undefined : parentOf(context, expression.split('.'));
    return {
      code: 'unknown-field',
      severity: 'error',
      message: `unknown field "${expression}" in template`,
      ...at,
      hint: parent
        ? unknownFieldHint(expression, field[1]!, parent.value, parent.walked)
        : 'the field is not in the data this template is given; check its spelling, or add it to the data file',
    };
  }
  const hint =
    fallbackCode === 'template-syntax'
      ? 'each {{#if}}, {{#each}}, {{#with}} and {{#unless}} needs its own {{/...}}, closed in reverse order, and each {{ needs }}'
      : undefined;
  return { code: fallbackCode, severity: 'error', message: raw, ...at, ...(hint ? { hint } : {}) };
}

export function findTemplate(root: string, packDir: string, name: string): SectionTemplate | Diagnostic | undefined {
  const absolute = templateCandidates(root, packDir, name).find((candidate) => existsSync(candidate));
  if (!absolute) return undefined;
  const cached = compiled.get(absolute);
  if (cached) return cached;
  const file = relativeName(root, absolute);
  if (!isInsideProject(root, absolute)) return outsideProject(file);
  const source = readTemplateSource(absolute);
  let result: SectionTemplate | Diagnostic;
  try {
    parseTemplate(source); // syntax errors surface here, with their position
    result = { file, source, render: compile(source) };
  } catch (error) {
    result = templateDiagnostic(file, error, 'template-syntax');
  }
  compiled.set(absolute, result);
  return result;
}
