// Which project a command works on. Without --root, the nearest folder at or
// above the user's own that holds a packs/ folder, as git looks upward for .git
// and tsc for tsconfig.json: a recruiter inside packs/<pack-id>/ works on the
// project that pack belongs to.
//
// The marker is packs/ alone, not packs/ with templates/: packs/ is what every
// command reads, and a project whose packs carry their own templates (each
// pack's templates/ comes first) may have no templates/ folder of its own; were
// templates/ required, such a project would be walked past to whatever folder
// above it happened to have both.
import { statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from './context.js';

/** The folder that makes its parent a project. */
export const PROJECT_MARKER = 'packs';

const isFolder = (candidate: string) => statSync(candidate, { throwIfNoEntry: false })?.isDirectory() === true;

/** The nearest folder at or above `from` that holds packs/, if any. */
export function findProjectRoot(from: string): string | undefined {
  for (let folder = path.resolve(from); ; folder = path.dirname(folder)) {
    if (isFolder(path.join(folder, PROJECT_MARKER))) return folder;
    if (path.dirname(folder) === folder) return undefined;
  }
}

/** The project a command works on: `--root` (from the user's folder) if given, else the one found upward; none is a usage mistake. */
export function projectRoot(userFolder: string, given: string | undefined): string {
  if (given !== undefined) return path.resolve(userFolder, given);
  const found = findProjectRoot(userFolder);
  if (found === undefined) {
    throw new UsageError(
      `no project here: neither ${userFolder} nor any folder above it holds a ${PROJECT_MARKER}/ folder (run packs inside the project's folder, or give --root <folder>)`,
    );
  }
  return found;
}
