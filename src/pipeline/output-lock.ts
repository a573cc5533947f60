// One build writes into an output folder at a time. Builds started together
// take turns: each waits for the lock (output/.packs-build.lock, holding the
// writer's process id), so eight builds at once leave eight times the same
// complete files, never a mix. A lock left by a process that died is taken over.
//
// The lock is per process, and the worker threads of one build share its id.
// That is enough: the file is made with O_EXCL, so only one thread holds it at a
// time, and a thread that finds it held by its own process sees that process
// alive and waits, as it would for another build. Only a dead holder's lock is
// taken over, and a process with a live thread is not dead.
import { closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = '.packs-build.lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class OutputBusyError extends Error {}

/** Waits for the output folder's lock; returns the function that releases it. */
export async function lockOutput(outDir: string, waitMs = 120_000): Promise<() => void> {
  const lock = path.join(outDir, LOCK_FILE);
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lock, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let holder = NaN;
    try {
      holder = Number(readFileSync(lock, 'utf8'));
    } catch {
      continue; // released between our attempt and our read: try again at once
    }
    if (Number.isInteger(holder) && holder > 0 && !alive(holder)) {
      rmSync(lock, { force: true }); // its writer died: the lock is stale
      continue;
    }
    if (Date.now() > deadline) throw new OutputBusyError(`another build is writing ${outDir} (process ${holder}); try again when it has finished`);
    await sleep(50 + Math.random() * 100);
  }
}

/**
 * Clears what an interrupted build left in an output folder, if there is one,
 * taking the lock to do it: at the start of a build, so that a build that finds
 * every pack up to date clears it too.
 */
export async function clearInterruptedWrites(outDir: string): Promise<void> {
  if (!existsSync(outDir)) return;
  const unlock = await lockOutput(outDir);
  try {
    removeStaleTemporaryFiles(outDir);
  } finally {
    unlock();
  }
}

/**
 * Removes temporary files an interrupted build left (write-file-atomic names them
 * `<file>.<number>`). Called with the lock held, so no other build is writing them.
 */
export function removeStaleTemporaryFiles(outDir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(outDir);
  } catch {
    return [];
  }
  // An output (.pdf, .docx) or the build cache's state (.packs-build-state.json).
  const stale = names.filter((name) => /\.(pdf|docx|json)\.\d+$/.test(name));
  for (const name of stale) rmSync(path.join(outDir, name), { force: true });
  return stale;
}
