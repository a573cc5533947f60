// Prints diagnostics the way compilers do, with the source line and a caret:
//
//   packs/x/role.yaml:41:17  error  unknown competency "..."  [unknown-competency]
//      41 |   - competency: We are colaborative
//         |                 ^
//     hint: did you mean "We are collaborative"?
//
// In colour (when the front end says the stream shows it): errors red, warnings
// yellow, the code and hint dim.
import { createColors } from 'picocolors';
import type { Diagnostic, Severity } from './diagnostic.js';
import { visibleText } from './hidden-characters.js';
import type { LineAndColumn, SourceText } from './position.js';

/** The most characters of a source line printed under a diagnostic. */
const MAX_SHOWN = 100;

/** Where a diagnostic starts, as a line and column of its file's text; undefined for the file as a whole, or when the text is not known. */
export function placeOf(d: Diagnostic, source: SourceText | undefined): LineAndColumn | undefined {
  return d.span && source ? source.positionOf(d.span.start) : undefined;
}

/** "file:line:column", or the file alone for a finding about the whole file (or when its text is not known). */
export function whereOf(d: Diagnostic, source: SourceText | undefined): string {
  const place = placeOf(d, source);
  return place ? `${d.file}:${place.line}:${place.column}` : d.file;
}

function severityColour(severity: Severity, colour: boolean): (text: string) => string {
  const c = createColors(colour);
  return severity === 'error' ? (text) => c.bold(c.red(text)) : (text) => c.bold(c.yellow(text));
}

/** `source` is the text the diagnostic's span is in, as it was read. */
export function formatDiagnostic(d: Diagnostic, source?: SourceText, colour = false): string {
  const c = createColors(colour);
  const severity = severityColour(d.severity, colour);
  const place = placeOf(d, source);
  // Messages, hints and source lines hold data: a control character in them is shown, never obeyed.
  const lines = [`${whereOf(d, source)}  ${severity(d.severity)}  ${visibleText(d.message)}  ${c.dim(`[${d.code}]`)}`];
  const full = place && source!.lineText(place.line);
  if (place && full !== undefined) {
    // A very long line is shown as a window around the column, so the caret stays on screen.
    const column = Math.max(0, place.column - 1);
    let text = visibleText(full);
    let caret = visibleText(full.slice(0, column)).length;
    if (text.length > MAX_SHOWN) {
      const start = Math.max(0, Math.min(caret - 40, text.length - MAX_SHOWN));
      text = `${start > 0 ? '…' : ''}${text.slice(start, start + MAX_SHOWN)}${start + MAX_SHOWN < text.length ? '…' : ''}`;
      caret = caret - start + (start > 0 ? 1 : 0);
    }
    const gutter = String(place.line).length;
    lines.push(`  ${String(place.line).padStart(gutter + 2)} | ${text}`);
    lines.push(`  ${' '.repeat(gutter + 2)} | ${' '.repeat(caret)}${severity('^')}`);
  }
  if (d.hint) lines.push(c.dim(`    hint: ${visibleText(d.hint)}`));
  return lines.join('\n');
}

/** "2 errors, 1 warning": red when there are errors, yellow when only warnings. */
export function formatSummary(diagnostics: readonly Diagnostic[], colour = false): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const text = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
  return errors > 0 || warnings > 0 ? severityColour(errors > 0 ? 'error' : 'warning', colour)(text) : text;
}
