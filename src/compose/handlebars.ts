// The one Handlebars environment of the tool: a private instance, strict (a
// field that does not exist is an error, not an empty string), only the
// built-in block helpers (not `log` or `lookup`), no prototype access. Templates produce Markdown, so
// values are inserted as they are, not HTML-escaped.
import Handlebars from 'handlebars';
import { RenderBudget } from './render-budget.js';

export const handlebars = Handlebars.create();

// Two of Handlebars' built-in helpers are taken away. `log` writes to the
// console, that is to standard output, which would break `--format json` (and
// tell nobody anything). `lookup` reads a field named at run time, past the
// check of every field a template uses. Unregistered, and unknown to the
// compiler below, either is an unknown helper in a template.
handlebars.unregisterHelper('log');
handlebars.unregisterHelper('lookup');

/**
 * Each registered partial's file (relative to the project root) and source: the checks walk
 * them, and each render is given them compiled (compile below).
 */
export const partialSources = new Map<string, { file: string; source: string }>();

/** The helpers a template may use; anything else is reported as an unknown helper. */
export const knownHelpers = { if: true, unless: true, each: true, with: true } as const;

export const compileOptions = {
  strict: true,
  // The compiler knows `log` and `lookup` unless told otherwise.
  knownHelpers: { ...knownHelpers, log: false, lookup: false },
  knownHelpersOnly: true,
  noEscape: true,
  preventIndent: true,
} as const;

export const runtimeOptions = {
  allowProtoPropertiesByDefault: false,
  allowProtoMethodsByDefault: false,
} as const;

export type CompiledTemplate = (context: unknown) => string;

/**
 * How many parsed templates, compiled templates and compiled partials are kept
 * by their source. Past that a store starts again: watch mode parses and
 * compiles each saved version of a template it rebuilds with.
 */
const KEPT_BY_SOURCE_LIMIT = 500;

/** What was made from each template source in this process, at most KEPT_BY_SOURCE_LIMIT of them. */
class KeptBySource<T> {
  private readonly kept = new Map<string, T>();

  get(source: string): T | undefined {
    return this.kept.get(source);
  }

  keep(source: string, made: T): T {
    if (this.kept.size >= KEPT_BY_SOURCE_LIMIT) this.kept.clear();
    this.kept.set(source, made);
    return made;
  }
}

/**
 * Templates compiled in this process, by their source. A template is a function
 * of its source and the fixed options above, so the same text need not be
 * compiled twice: not by every pack of a batch (stage text is compiled per pack),
 * nor after templates are forgotten (watch mode).
 */
const compiledBySource = new KeptBySource<HandlebarsTemplateDelegate>();

export function compile(source: string): CompiledTemplate {
  const template = compiledBySource.get(source) ?? compiledBySource.keep(source, handlebars.compile(source, compileOptions));
  return (context) => {
    // Each render counts its own work, through the `each` helper and every partial (render-budget.ts).
    const budget = new RenderBudget();
    const partials: Record<string, HandlebarsTemplateDelegate> = {};
    for (const [name, { file, source: partialSource }] of partialSources) partials[name] = budget.partial(file, compiledPartial(partialSource));
    const helpers = { each: budget.each(handlebars.helpers['each'] as Parameters<RenderBudget['each']>[0]) };
    return budget.finish(template(context, { ...runtimeOptions, helpers, partials }));
  };
}

/**
 * Templates' syntax trees, by their source: each pack and variant checks the same
 * section templates and partials, and nothing changes a tree once parsed.
 */
const parsedBySource = new KeptBySource<hbs.AST.Program>();

/** A template's syntax tree, parsed once per source text in a process. Throws a syntax error as handlebars.parse does. */
export function parseTemplate(source: string): hbs.AST.Program {
  return parsedBySource.get(source) ?? parsedBySource.keep(source, handlebars.parse(source));
}

/**
 * Partials compiled in this process, by their source. Each render is given
 * them as functions (not the sources registered with handlebars, which it would
 * compile and call itself), so that the render's budget counts every use.
 */
const compiledPartials = new KeptBySource<(context: unknown, options: unknown) => string>();

function compiledPartial(source: string): (context: unknown, options: unknown) => string {
  return compiledPartials.get(source) ?? compiledPartials.keep(source, handlebars.compile(source, compileOptions) as (context: unknown, options: unknown) => string);
}

/** Registers a partial: `{{> name}}` in any template renders it. */
export function registerPartial(name: string, file: string, source: string): void {
  partialSources.set(name, { file, source });
}

/** Forgets every partial (their compiled functions are kept by source). */
export function unregisterPartials(): void {
  partialSources.clear();
}

/** A 1-based line and column in a template. */
export interface TemplatePosition {
  line: number;
  column: number;
}

/**
 * Where a Handlebars error happened, when it says: its start and, when known, its end.
 * Handlebars gives 1-based lines and 0-based columns, or (for a parse error) only a line in its message.
 */
export function errorPosition(error: unknown): { start: TemplatePosition; end?: TemplatePosition } | undefined {
  const e = error as { lineNumber?: number; column?: number; endLineNumber?: number; endColumn?: number; message?: string };
  if (typeof e.lineNumber === 'number') {
    const start = { line: e.lineNumber, column: (e.column ?? 0) + 1 };
    return typeof e.endLineNumber === 'number' ? { start, end: { line: e.endLineNumber, column: (e.endColumn ?? 0) + 1 } } : { start };
  }
  const match = /line (\d+)/.exec(e.message ?? '');
  return match ? { start: { line: Number(match[1]), column: 1 } } : undefined;
}

/** The first line of a Handlebars error message, without its code excerpt. */
export function errorMessage(error: unknown): string {
  // Handlebars ends some messages with " - line:column"; the diagnostic gives the position itself.
  return String((error as Error).message ?? error).split('\n')[0]!.replace(/ - \d+:\d+$/, '');
}
