// What each file held when a build read it: the SHA-256 of its bytes. The build
// cache keys a pack by these rather than by the files as they are once the build
// is over, so a file saved while a build runs (which may already have used its
// old contents) makes the next build build the pack again, instead of taking
// outputs made from the old contents for outputs of the new.
import { createHash } from 'node:crypto';

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export class ReadLog {
  private readonly hashes = new Map<string, string>();

  /** Notes the bytes just read from a file (by absolute path). */
  note(absolutePath: string, bytes: Uint8Array): void {
    this.hashes.set(absolutePath, sha256Hex(bytes));
  }

  /** The hash of each of `paths` that was read, by path. */
  hashesOf(paths: Iterable<string>): Map<string, string> {
    const found = new Map<string, string>();
    for (const file of paths) {
      const hash = this.hashes.get(file);
      if (hash !== undefined) found.set(file, hash);
    }
    return found;
  }

  /** Forgets what `paths` held (every file, when none are given): they are to be read again. */
  forget(paths?: Iterable<string>): void {
    if (paths === undefined) this.hashes.clear();
    else for (const file of paths) this.hashes.delete(file);
  }
}
