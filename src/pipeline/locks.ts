// The two locks: one on an output folder, so that builds started together take
// turns writing it, and one on the project, so that `packs set` edits (and the
// replay of an interrupted edit) take turns. Both are proper-lockfile locks: a
// folder made atomically (`.packs-output.lock`, `.packs-edit.lock`) whose time
// its holder touches every second. A lock whose holder stops touching it — the
// process was killed, or the machine went down — is stale after a few seconds
// and taken over; nothing in it names a process, so an empty or foreign file
// there is only a lock nobody keeps fresh, and never makes a command wait long.
//
// The holders keep their locks for milliseconds (writing files, or checking
// that nothing changed and writing an edit), never while a pack is checked or
// rendered, so a holder's event loop is never busy long enough to miss a touch.
//
// Worker threads of one build each have their own copy of proper-lockfile, so
// they take turns as separate builds do.
import fs from 'node:fs';
import path from 'node:path';
import { OutputBusyError } from './write-errors.js';
import { asWriteFailed, removeAbandonedTemporaries } from './write-file.js';

export { OutputBusyError } from './write-errors.js';

export const OUTPUT_LOCK = '.packs-output.lock';
export const PROJECT_LOCK = '.packs-edit.lock';

/** A lock not touched for this long is stale: its holder is gone. */
const STALE_MS = 4000;
const TOUCH_MS = 1000;
/** How long to wait for a lock a live holder keeps: far longer than any holder keeps one. */
const WAIT_MS = 120_000;

/**
 * A stale lock is removed with rmdir; a file at the lock's place (not a lock this
 * tool made) is removed as well once it is stale, instead of failing the command.
 */
const lockFs = {
  ...fs,
  rmdir(file: string, done: (error: NodeJS.ErrnoException | null) => void) {
    fs.rmdir(file, (error) => (error?.code === 'ENOTDIR' ? fs.unlink(file, done) : done(error)));
  },
};

/** Holds the lock in `folder` named `name` while `work` runs. */
async function holdingLock<T>(folder: string, name: string, busy: string, work: (stillHeld: () => boolean) => Promise<T>): Promise<T> {
  const lockPath = path.join(folder, name);
  let lost = false;
  // Loaded when a lock is first taken: most commands never take one.
  const { lock } = await import('proper-lockfile');
  const deadline = Date.now() + WAIT_MS;
  let release: () => Promise<void>;
  for (;;) {
    try {
      release = await lock(lockPath.replace(/\.lock$/, ''), {
        lockfilePath: lockPath,
        realpath: false,
        stale: STALE_MS,
        update: TOUCH_MS,
        fs: lockFs,
        // Our holder stopped touching it in time (a machine asleep): say so at the next check, do not crash.
        onCompromised: () => (lost = true),
      });
      break;
    } catch (error) {
      // Only a lock held by another is waited for (proper-lockfile's own retries would retry any error,
      // a read-only disk included, for as long as they last).
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw asWriteFailed(error, folder, 'nothing written');
      if (Date.now() > deadline) throw new OutputBusyError(busy);
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 180));
    }
  }
  try {
    return await work(() => !lost);
  } finally {
    await release().catch(() => {});
  }
}

/** Runs `work` holding the output folder's lock. */
export function withOutputLock<T>(outDir: string, work: () => Promise<T>): Promise<T> {
  return holdingLock(outDir, OUTPUT_LOCK, `another build is writing ${outDir}; try again when it has finished`, work);
}

/** Runs `work` holding the project's edit lock; `stillHeld` says whether the lock is still ours. */
export function withProjectLock<T>(root: string, work: (stillHeld: () => boolean) => Promise<T>): Promise<T> {
  return holdingLock(root, PROJECT_LOCK, `another packs command is changing the packs in ${root}; try again when it has finished`, work);
}

/**
 * Clears what an interrupted build left in an output folder, if there is one:
 * at the start of a build, so that a build that finds every pack up to date
 * clears it too. Only this tool's temporary files whose writer is gone are
 * removed (see write-file.ts), so no lock is needed.
 */
export function clearInterruptedWrites(outDir: string): void {
  removeAbandonedTemporaries(outDir);
}
