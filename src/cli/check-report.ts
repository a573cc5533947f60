// What `build` and `validate` print at the end: the diagnostics (or one JSON
// report for other tools) and the exit code.
import { hasErrors, sortDiagnostics, uniqueDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { BuiltOutput } from '../pipeline/build.js';
import { EXIT_INVALID, EXIT_OK, type CheckFlags, type CommandContext } from './context.js';
import { formatBytes, formatSeconds, printDiagnostics, SourceTexts } from './report.js';
import { placeOf } from '../diagnostics/format.js';

export interface PackReport {
  id: string;
  built: boolean;
  diagnostics: Diagnostic[];
  outputs?: BuiltOutput[];
  milliseconds?: number;
  /** Not built because nothing it reads changed since the last build. */
  upToDate?: boolean;
}

/** One line per pack: "✓ met-dac-2021  21 pages  PDF 156 KB  DOCX 28 KB  2.35 s". */
export function buildLine(pack: PackReport): string {
  if (!pack.built) return `✗ ${pack.id}  not built: see the ${hasErrors(pack.diagnostics) ? 'errors' : 'warnings (--strict)'} below`;
  if (pack.upToDate) return `= ${pack.id}  up to date`;
  const outputs = pack.outputs ?? [];
  const pages = outputs.find((o) => o.pages !== undefined)?.pages;
  const sizes = outputs.map((o) => `${o.format.toUpperCase()} ${formatBytes(o.bytes)}`).join('  ');
  return `✓ ${pack.id}  ${pages === undefined ? '' : `${pages} pages  `}${sizes}  ${formatSeconds(pack.milliseconds ?? 0)}`;
}

/** A diagnostic for other tools: where it is as a 1-based line and column (0 and 0 for a file as a whole). */
function jsonDiagnostic(d: Diagnostic, sources: SourceTexts) {
  const place = placeOf(d, sources.get(d.file)) ?? { line: 0, column: 0 };
  return { code: d.code, severity: d.severity, message: d.message, ...(d.hint ? { hint: d.hint } : {}), file: d.file, line: place.line, column: place.column };
}

/** The machine-readable report: every pack's result and every diagnostic, sorted. */
function jsonReport(projectRoot: string, report: PackReport[]) {
  const diagnostics = sortDiagnostics(uniqueDiagnostics(report.flatMap((r) => r.diagnostics)));
  const sources = new SourceTexts(projectRoot);
  return {
    packs: report.map((r) => ({
      id: r.id,
      ok: r.built,
      ...(r.upToDate ? { upToDate: true } : {}),
      ...(r.outputs
        ? { outputs: r.outputs.map((o) => ({ format: o.format, file: o.file, bytes: o.bytes, ...(o.pages === undefined ? {} : { pages: o.pages }) })) }
        : {}),
    })),
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
    diagnostics: diagnostics.map((d) => jsonDiagnostic(d, sources)),
  };
}

/** Prints the diagnostics (or the whole report as JSON), then `summary` if given, and sets the exit code. */
export function finishChecks(context: CommandContext, projectRoot: string, report: PackReport[], options: CheckFlags, summary?: string): void {
  const diagnostics = report.flatMap((r) => r.diagnostics);
  if (options.format === 'json') context.io.stdout(JSON.stringify(jsonReport(projectRoot, report), null, 2) + '\n');
  else printDiagnostics(projectRoot, diagnostics, context.io);
  if (summary !== undefined) context.io.stdout(summary);
  const failed = report.some((r) => !r.built) || hasErrors(diagnostics) || (options.strict && diagnostics.length > 0);
  context.setExit(failed ? EXIT_INVALID : EXIT_OK);
}
