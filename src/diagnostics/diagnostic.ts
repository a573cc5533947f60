// A diagnostic is data: what went wrong, where, and how to fix it. Every step
// of the pipeline returns these instead of throwing, so that a build can report
// every mistake at once. Only the CLI prints them.
//
// Where it is: the file, and a span of offsets into the text of the file as it
// was read. Line and column are worked out only when it is printed (position.ts).
import { catalogue, type DiagnosticCode, type Severity } from './catalogue.js';

export type { DiagnosticCode, Severity } from './catalogue.js';

/** A stretch of a file's text: the offset (in UTF-16 code units) of its first character and the one after its last. */
export interface Span {
  start: number;
  end: number;
}

/** What a check found, before it is placed: its code, what happened and, when there is something useful to say, how to fix it. */
export interface Finding {
  code: DiagnosticCode;
  message: string;
  hint?: string | undefined;
}

export interface Diagnostic {
  /** Stable rule id, e.g. `unknown-competency`: a key of the catalogue. */
  code: DiagnosticCode;
  /** The catalogue's severity for the code. */
  severity: Severity;
  message: string;
  /** Path relative to the project root, with forward slashes. */
  file: string;
  /** Where in the file's text; absent when the finding is about the file as a whole. */
  span?: Span;
  hint?: string;
}

/** A finding placed in a file (at a span of its text, or the file as a whole), with its code's severity. */
export function diagnostic(finding: Finding, file: string, span?: Span): Diagnostic {
  return {
    code: finding.code,
    severity: catalogue[finding.code].severity,
    message: finding.message,
    file,
    ...(span ? { span: { start: span.start, end: span.end } } : {}),
    ...(finding.hint ? { hint: finding.hint } : {}),
  };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Where a diagnostic starts in its file; a finding about the whole file comes before any inside it. */
const startOf = (d: Diagnostic) => d.span?.start ?? -1;

/** Orders diagnostics by file, then position, then code, so output is stable. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      a.file.localeCompare(b.file, 'en') ||
      startOf(a) - startOf(b) ||
      a.code.localeCompare(b.code, 'en') ||
      a.message.localeCompare(b.message, 'en'),
  );
}

/** Removes exact repeats (the same finding reached by two packs sharing a file). */
export function uniqueDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.file}\0${startOf(d)}\0${d.code}\0${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
