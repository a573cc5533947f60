// The one Handlebars environment of the tool: a private instance, strict (a
// field that does not exist is an error, not an empty string), only the
// built-in block helpers, no prototype access. Templates produce Markdown, so
// values are inserted as they are, not HTML-escaped.
import Handlebars from 'handlebars';

export const handlebars = Handlebars.create();

/**
 * Each registered partial's file (relative to the project root) and source. Handlebars replaces
 * a partial's source with its compiled function once used, so the checks keep their own copy.
 */
export const partialSources = new Map<string, { file: string; source: string }>();

/** The helpers a template may use; anything else is reported as an unknown helper. */
export const knownHelpers = { if: true, unless: true, each: true, with: true } as const;

export const compileOptions = {
  strict: true,
  knownHelpers,
  knownHelpersOnly: true,
  noEscape: true,
  preventIndent: true,
} as const;

export const runtimeOptions = {
  allowProtoPropertiesByDefault: false,
  allowProtoMethodsByDefault: false,
} as const;

export type CompiledTemplate = (context: unknown) => string;

export function compile(source: string): CompiledTemplate {
  const template = handlebars.compile(source, compileOptions);
  return (context) => template(context, runtimeOptions);
}

/** Where a Handlebars error happened, when its message says (line is 1-based, column 0-based). */
export function errorPosition(error: unknown): { line: number; column: number } | undefined {
  const e = error as { lineNumber?: number; column?: number; message?: string };
  if (typeof e.lineNumber === 'number') return { line: e.lineNumber, column: (e.column ?? 0) + 1 };
  const match = /line (\d+)/.exec(e.message ?? '');
  return match ? { line: Number(match[1]), column: 1 } : undefined;
}

/** The first line of a Handlebars error message, without its code excerpt. */
export function errorMessage(error: unknown): string {
  // Handlebars ends some messages with " - line:column"; the diagnostic gives the position itself.
  return String((error as Error).message ?? error).split('\n')[0]!.replace(/ - \d+:\d+$/, '');
}
