// A diagnostic is data: what went wrong, where, and how to fix it. Every step
// of the pipeline returns these instead of throwing, so that a build can report
// every mistake at once. Only the CLI prints them.

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  /** Stable rule id, e.g. `unknown-competency`; documented in the README. */
  code: string;
  severity: Severity;
  message: string;
  /** Path relative to the project root, with forward slashes. */
  file: string;
  /** 1-based line and column; 0 when the finding is about the file as a whole. */
  line: number;
  column: number;
  /** How to fix it, when there is something useful to say. */
  hint?: string;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Orders diagnostics by file, then position, then code, so output is stable. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      a.file.localeCompare(b.file, 'en') ||
      a.line - b.line ||
      a.column - b.column ||
      a.code.localeCompare(b.code, 'en') ||
      a.message.localeCompare(b.message, 'en'),
  );
}

/** Removes exact repeats (the same finding reached by two packs sharing a file). */
export function uniqueDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.file}\0${d.line}\0${d.column}\0${d.code}\0${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
