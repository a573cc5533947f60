// Prints diagnostics the way compilers do, with the source line and a caret:
//
//   packs/x/role.yaml:41:17  error  unknown competency "..."  [unknown-competency]
//      41 |   - competency: We are colaborative
//         |                 ^
//     hint: did you mean "We are collaborative"?
import type { Diagnostic } from './diagnostic.js';

/** Returns the text of a 1-based line of a source, or undefined. */
function sourceLine(source: string | undefined, line: number): string | undefined {
  if (source === undefined || line < 1) return undefined;
  return source.split(/\r?\n/)[line - 1];
}

/** The most characters of a source line printed under a diagnostic. */
const MAX_SHOWN = 100;

export function formatDiagnostic(d: Diagnostic, source?: string): string {
  const where = d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file;
  const lines = [`${where}  ${d.severity}  ${d.message}  [${d.code}]`];
  const full = sourceLine(source, d.line);
  if (full !== undefined) {
    // A very long line is shown as a window around the column, so the caret stays on screen.
    let text = full;
    let caret = Math.max(0, d.column - 1);
    if (full.length > MAX_SHOWN) {
      const start = Math.max(0, Math.min(caret - 40, full.length - MAX_SHOWN));
      text = `${start > 0 ? '…' : ''}${full.slice(start, start + MAX_SHOWN)}${start + MAX_SHOWN < full.length ? '…' : ''}`;
      caret = caret - start + (start > 0 ? 1 : 0);
    }
    const gutter = String(d.line).length;
    lines.push(`  ${String(d.line).padStart(gutter + 2)} | ${text}`);
    lines.push(`  ${' '.repeat(gutter + 2)} | ${' '.repeat(caret)}^`);
  }
  if (d.hint) lines.push(`    hint: ${d.hint}`);
  return lines.join('\n');
}

export function formatSummary(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}
