// Where a file a pack names may be: inside the project, however the path is
// written. Checked before anything opens the file, so that a pack can never
// make the tool read /etc/passwd, a file behind a symbolic link, or a URL.
import { realpathSync } from 'node:fs';
import path from 'node:path';

/** Whether `file` is strictly inside `base` (not `base` itself). */
export function within(base: string, file: string): boolean {
  const relative = path.relative(base, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * The absolute path of `ref` (relative to `baseDir`) if it stays inside the
 * project `root`, also after following symbolic links; undefined if it is a
 * URL (`file://`, `http://`), an absolute path, or leads outside.
 */
export function fileInsideProject(root: string, baseDir: string, ref: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref) || path.isAbsolute(ref) || ref.startsWith('\\')) return undefined;
  const target = path.resolve(baseDir, ref);
  return isInsideProject(root, target) ? target : undefined;
}

/** Whether an absolute path is inside the project `root`, also after following symbolic links. */
export function isInsideProject(root: string, target: string): boolean {
  if (!within(root, target)) return false;
  try {
    return within(realpathSync(root), realpathSync(target));
  } catch {
    return true; // it does not exist: reported as not found by whoever opens it
  }
}
