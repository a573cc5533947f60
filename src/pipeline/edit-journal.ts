// An edit of several files that lands whole or not at all, after a kill at any
// moment. `packs set` changes a data file, then the version and date in each
// affected pack.yaml, then each pack's changelog.yaml: three or more files, and
// no file system renames several files at once. So, holding the project's lock:
//
// 1. the journal (.packs-edit-journal.json in the project folder) is written,
//    whole and flushed to the disk: every file's old and new contents. From this
//    moment the edit is made, whatever happens;
// 2. each file is written, whole (write-file.ts);
// 3. the journal is removed.
//
// A kill before 1 leaves the files as they were; a kill after 1 leaves the
// journal, and the next command that reads the project (set, build, validate,
// show, watch, diff, list) finishes the edit before it reads anything: each file
// that still has its old contents is given its new ones. A file that has neither
// (someone changed it since) stops that: the command says so and changes nothing.
//
// A command that reads a pack while an edit is being written (a build that began
// before it) checks, once it has read it, that no journal is there and that no
// file it read has changed since, or reads it again (build.ts, planSettledPack).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sha256Hex } from '../load/read-log.js';
import { MAX_IMAGE_BYTES } from '../pack/limits.js';
import { readRegularFile } from '../pack/project-files.js';
import { withProjectLock } from './locks.js';
import { JournalConflict } from './write-errors.js';
import { createFileWhole, removeAbandonedTemporaries, removeFile, writeFileWhole, WriteFailed } from './write-file.js';

export const JOURNAL_FILE = '.packs-edit-journal.json';
const JOURNAL_FORMAT = 'packs-edit-journal/1';

/** One file of an edit: its contents before (undefined: it did not exist) and after. */
export interface FileChange {
  /** Absolute. */
  file: string;
  before: string | undefined;
  after: string;
}

interface Journal {
  format: typeof JOURNAL_FORMAT;
  /** Paths relative to the project folder, with `/`. */
  files: { path: string; before: string | null; after: string }[];
}

/** What the file holds now, or undefined when it is not there. */
export function currentText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * The SHA-256 of a file's bytes, as the read log hashes them; undefined when it is not there, or no longer a file
 * that can be read (read as every project file is: a pipe put in its place does not block). The largest file a
 * pack reads is an image.
 */
export function currentHash(file: string): string | undefined {
  const read = readRegularFile(file, MAX_IMAGE_BYTES);
  return read.ok ? sha256Hex(read.bytes) : undefined;
}

/**
 * Writes the changes as one edit (see the top of this file), holding the
 * project's lock, if `stillValid` (run once the journal is in place) says the
 * files are still as the edit expects; returns whether it wrote them.
 *
 * The lock makes edits take turns; the journal makes that certain. It is made
 * only where there is none (createFileWhole), and the files are checked after it
 * is in place, so of two edits whose locks overlapped (a holder too slow to keep
 * its lock fresh, whose lock another took over) one finds the other's journal,
 * or finds the other's files, and writes nothing.
 *
 * If a file cannot be written (a full disk), the files already written get their
 * old contents back and the journal is removed, and the WriteFailed is thrown; if
 * even that fails, the journal stays and the next command finishes the edit.
 */
export async function commitEdit(root: string, changes: readonly FileChange[], stillValid: () => boolean): Promise<boolean> {
  const journalPath = path.join(root, JOURNAL_FILE);
  const journal: Journal = {
    format: JOURNAL_FORMAT,
    files: changes.map((change) => ({ path: path.relative(root, change.file).split(path.sep).join('/'), before: change.before ?? null, after: change.after })),
  };
  try {
    if (!(await createFileWhole(journalPath, JSON.stringify(journal, null, 1) + '\n'))) return false;
  } catch (error) {
    throw error instanceof WriteFailed ? new WriteFailed(error.target, error.code, 'edit undone') : error;
  }
  if (!stillValid()) {
    await removeFile(journalPath);
    return false;
  }
  const written: FileChange[] = [];
  try {
    for (const change of changes) {
      await writeFileWhole(change.file, change.after);
      written.push(change);
    }
  } catch (error) {
    if (!(error instanceof WriteFailed)) throw error;
    try {
      for (const change of written.reverse()) {
        if (change.before === undefined) await removeFile(change.file);
        else await writeFileWhole(change.file, change.before);
      }
      await removeFile(journalPath);
    } catch {
      // The journal stays: the next command finishes the edit, so the files agree either way.
      throw new WriteFailed(error.target, error.code, 'edit pending');
    }
    throw new WriteFailed(error.target, error.code, 'edit undone');
  }
  await removeFile(journalPath);
  return true;
}

/** Whether an edit's journal is in the project: an edit is being written, or a killed command left one. */
export function editUnderWay(root: string): boolean {
  return existsSync(path.join(root, JOURNAL_FILE));
}

/**
 * Finishes an edit a killed command left (see the top of this file), and removes
 * the temporary files it left; waits for an edit being written to be done (its
 * writer holds the lock meanwhile). Cheap when there is none: one look at the folder.
 */
export async function finishInterruptedEdit(root: string): Promise<void> {
  removeAbandonedTemporaries(root);
  const journalPath = path.join(root, JOURNAL_FILE);
  if (!editUnderWay(root)) return;
  await withProjectLock(root, async () => {
    const text = currentText(journalPath);
    if (text === undefined) return; // another command finished it while we waited for the lock
    let journal: Journal;
    try {
      journal = JSON.parse(text) as Journal; // written whole by this tool, so it parses unless edited by hand
      if (journal.format !== JOURNAL_FORMAT || !Array.isArray(journal.files)) throw new Error('not a journal');
    } catch {
      throw new JournalConflict(`${JOURNAL_FILE} in ${root} is not an edit journal this tool can read; check the packs' files, then delete it`);
    }
    const changes = journal.files.map((entry) => ({
      file: path.join(root, ...entry.path.split('/')),
      before: entry.before ?? undefined,
      after: entry.after,
    }));
    const pending = changes.filter((change) => currentText(change.file) !== change.after);
    const changedSince = pending.find((change) => currentText(change.file) !== change.before);
    if (changedSince) {
      throw new JournalConflict(
        `an edit by packs set was interrupted, and ${path.relative(root, changedSince.file)} has been changed since, so it cannot be finished; ` +
          `check the files it names in ${JOURNAL_FILE}, then delete that file`,
      );
    }
    for (const change of pending) await writeFileWhole(change.file, change.after);
    await removeFile(journalPath);
    for (const folder of new Set(changes.map((change) => path.dirname(change.file)))) removeAbandonedTemporaries(folder);
  });
}
