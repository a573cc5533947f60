// Printing for people: diagnostics with their source lines, and one line per pack.
import path from 'node:path';
import { sortDiagnostics, uniqueDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostic, formatSummary } from '../diagnostics/format.js';
import { SourceText } from '../diagnostics/position.js';
import { MAX_TEXT_FILE_BYTES, readProjectFile } from '../pack/project-files.js';
import type { Io } from './context.js';

/**
 * The texts diagnostics point into, by project-relative file: read from disk and
 * decoded as the loader decodes them (UTF-8, a byte-order mark dropped), unless
 * `replaced` gives a file's text (an edit that was checked but not written).
 * A file that cannot be read has no text: its diagnostics are printed without a place.
 * It is read as the loader reads it (project-files.ts), so a file the loader
 * refused — a link out of the project, a pipe — is not read here either: no line
 * of it is ever quoted.
 */
export class SourceTexts {
  private readonly texts = new Map<string, SourceText | undefined>();

  constructor(
    private readonly root: string,
    replaced: ReadonlyMap<string, string> = new Map(),
  ) {
    for (const [file, text] of replaced) this.texts.set(file, new SourceText(text));
  }

  get(file: string): SourceText | undefined {
    if (!this.texts.has(file)) {
      const read = readProjectFile(this.root, path.join(this.root, file), MAX_TEXT_FILE_BYTES);
      this.texts.set(file, read.ok ? new SourceText(new TextDecoder('utf-8').decode(read.bytes)) : undefined);
    }
    return this.texts.get(file);
  }
}

/**
 * Prints diagnostics with their source lines to stderr (in colour if the Io says
 * it may), read from disk unless `replaced` gives a file's text.
 */
export function printDiagnostics(
  root: string,
  diagnostics: readonly Diagnostic[],
  io: Pick<Io, 'stderr' | 'stderrColour'>,
  replaced: ReadonlyMap<string, string> = new Map(),
): void {
  const sorted = sortDiagnostics(uniqueDiagnostics(diagnostics));
  if (sorted.length === 0) return;
  const sources = new SourceTexts(root, replaced);
  const colour = io.stderrColour === true;
  for (const d of sorted) io.stderr(formatDiagnostic(d, sources.get(d.file), colour) + '\n');
  io.stderr(`\n${formatSummary(sorted, colour)}\n`);
}

export function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(0)} KB`;
}

export function formatSeconds(milliseconds: number): string {
  return `${(milliseconds / 1000).toFixed(2)} s`;
}

/**
 * A file as the user would type it in their folder: relative to it when inside
 * it, else absolute (a path climbing out with ../ is harder to follow).
 */
export function pathForPeople(userFolder: string, file: string): string {
  const relative = path.relative(userFolder, file);
  return relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative) ? file : relative;
}

/** A folder as the user would type it (see pathForPeople), ending in a slash: "output/", "./". */
export function folderForPeople(userFolder: string, folder: string): string {
  const shown = path.resolve(userFolder) === path.resolve(folder) ? '.' : pathForPeople(userFolder, folder);
  return shown.endsWith(path.sep) ? shown : shown + path.sep;
}
