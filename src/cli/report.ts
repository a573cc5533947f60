// Printing for people: diagnostics with their source lines, and one line per pack.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sortDiagnostics, uniqueDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostic, formatSummary } from '../diagnostics/format.js';

/**
 * Prints diagnostics with their source lines, read from disk unless `replaced`
 * gives a file's text (an edit that was checked but not written).
 */
export function printDiagnostics(
  root: string,
  diagnostics: readonly Diagnostic[],
  write: (text: string) => void,
  replaced: ReadonlyMap<string, string> = new Map(),
): void {
  const sorted = sortDiagnostics(uniqueDiagnostics(diagnostics));
  if (sorted.length === 0) return;
  const sources = new Map<string, string | undefined>(replaced);
  const sourceOf = (file: string) => {
    if (!sources.has(file)) {
      try {
        sources.set(file, readFileSync(path.join(root, file), 'utf8'));
      } catch {
        sources.set(file, undefined);
      }
    }
    return sources.get(file);
  };
  for (const d of sorted) write(formatDiagnostic(d, sourceOf(d.file)) + '\n');
  write(`\n${formatSummary(sorted)}\n`);
}

export function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(0)} KB`;
}

export function formatSeconds(milliseconds: number): string {
  return `${(milliseconds / 1000).toFixed(2)} s`;
}
