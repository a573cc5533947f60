// Every file the tool reads from a project is read here, so that one place
// holds the rules: a file a pack names (pack.yaml, data files, shared files,
// calendars, templates, partials, images, the change log) is read only when
//
//  - it is inside the project, also after following symbolic links (a link
//    inside the project to a file inside it is fine; one to /proc/self/environ
//    is refused without being opened, so none of its text can reach a message);
//  - it is a regular file: a named pipe could block a read for ever, a device
//    never end, a folder is not a file. Checked before it is opened, and again
//    on the open descriptor (opened non-blocking, so a pipe swapped in between
//    cannot block the open), which must be the very file that was checked;
//  - it is no larger than the limit its caller gives, also if it grows while
//    being read.
//
// Reads are synchronous: the files are small, each pack reads them one after
// another, and templates are read where rendering (which is synchronous) needs them.
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../diagnostics/diagnostic.js';
import { MAX_DATA_FILE_BYTES } from './limits.js';

/** The largest data file, template or change log a person writes, and more: the same limit for all. */
export const MAX_TEXT_FILE_BYTES = MAX_DATA_FILE_BYTES;

/** Whatever notes the bytes read from a file (a build's read log). */
export interface ReadNotes {
  note(absolutePath: string, bytes: Uint8Array): void;
}

export type FileRead =
  | { ok: true; bytes: Buffer }
  | { ok: false; problem: 'not-found' }
  | { ok: false; problem: 'outside-project' }
  /** `kind` says what it is instead, in words: "a named pipe", "a folder". */
  | { ok: false; problem: 'not-a-file'; kind: string }
  | { ok: false; problem: 'too-large'; size: number }
  /** It is there, but the system refuses to open it: `reason` says why, in words ("permission denied"). */
  | { ok: false; problem: 'unreadable'; reason: string };

/** What a failed stat, realpath or open means for the reader: refused by permissions, or not there (any more). */
function failedRead(error: unknown): FileRead {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM') return { ok: false, problem: 'unreadable', reason: 'permission denied' };
  return { ok: false, problem: 'not-found' };
}

/** The finding for `file` (as printed, like "packs/x/role.yaml" or "image logo"), which could not be opened for `reason`. */
export function unreadable(file: string, reason: string): Finding {
  return {
    code: 'file-unreadable',
    message: `${file} cannot be read: ${reason}`,
    hint: "check the file's permissions (and its folder's): the tool must be allowed to read it",
  };
}

/** Whether `file` is strictly inside `base` (not `base` itself). */
export function within(base: string, file: string): boolean {
  const relative = path.relative(base, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** The real path of `file` (every symbolic link followed), or undefined when it does not exist. */
function realPath(file: string): string | undefined {
  try {
    return realpathSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Whether an absolute path is inside the project `root`, also after following
 * symbolic links. A path that does not exist is inside if it is written inside:
 * whoever opens it reports it as not found.
 */
function isInsideProject(root: string, target: string): boolean {
  if (!within(root, target)) return false;
  const real = realPath(target);
  return real === undefined || within(realPath(root) ?? root, real);
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

/** The finding for `file` (as printed), found to be `kind` ("a named pipe") where a file was expected. */
export function notAFile(file: string, kind: string): Finding {
  return {
    code: 'not-a-file',
    message: `${file} is ${kind}, not a file`,
    hint: 'the tool reads only ordinary files: put the file itself here',
  };
}

/** What something that is not a regular file is, in words. */
function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** Opened without blocking (a pipe) and without following a link put in place of the checked file. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

/**
 * Reads `file` if it is a regular file of at most `maxBytes`, checked before it
 * is opened and again on what was opened. For files the project does not own
 * (a built file named on the command line, the build's own state); a project's
 * files go through readProjectFile.
 */
export function readRegularFile(file: string, maxBytes: number, notes?: ReadNotes, notedAs = file): FileRead {
  return readAgainIfReplaced(() => readRegularFileOnce(realPath(file) ?? file, maxBytes, notes, notedAs));
}

/** What readRegularFileOnce says when the file it checked was replaced before it was opened. */
const REPLACED = Symbol('replaced');

/**
 * A file replaced between the check and the open (an editor saving, `packs set` renaming its new text into
 * place) is read again, checks and all: the new file is the one meant, and "not found" would be untrue.
 */
function readAgainIfReplaced(readOnce: () => FileRead | typeof REPLACED): FileRead {
  for (let attempt = 1; ; attempt++) {
    const read = readOnce();
    if (read !== REPLACED) return read;
    if (attempt === 3) return { ok: false, problem: 'not-found' };
  }
}

function readRegularFileOnce(file: string, maxBytes: number, notes: ReadNotes | undefined, notedAs: string): FileRead | typeof REPLACED {
  let checked: Stats;
  try {
    checked = statSync(file);
  } catch (error) {
    return failedRead(error);
  }
  if (!checked.isFile()) return { ok: false, problem: 'not-a-file', kind: kindOf(checked) };
  if (checked.size > maxBytes) return { ok: false, problem: 'too-large', size: checked.size };
  let fd: number;
  try {
    // `file` is a real path: O_NOFOLLOW refuses a link put in its place since.
    fd = openSync(file, OPEN_FLAGS);
  } catch (error) {
    const read = failedRead(error); // not allowed, or gone or replaced by a link since it was checked
    return read.ok === false && read.problem === 'not-found' ? REPLACED : read;
  }
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile()) return { ok: false, problem: 'not-a-file', kind: kindOf(opened) };
    // Another file put in its place since the check is not the file that was checked.
    if (opened.ino !== checked.ino || opened.dev !== checked.dev) return REPLACED;
    const bytes = readUpTo(fd, maxBytes);
    if (bytes === undefined) return { ok: false, problem: 'too-large', size: Math.max(fstatSync(fd).size, maxBytes + 1) };
    notes?.note(notedAs, bytes);
    return { ok: true, bytes };
  } finally {
    closeSync(fd);
  }
}

/** The bytes of an open file, or undefined when there are more than `maxBytes` (it grew since it was checked). */
function readUpTo(fd: number, maxBytes: number): Buffer | undefined {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.alloc(Math.min(64 * 1024, maxBytes + 1 - total));
    const count = readSync(fd, chunk, 0, chunk.length, null);
    if (count === 0) return Buffer.concat(chunks, total);
    chunks.push(chunk.subarray(0, count));
    total += count;
    if (total > maxBytes) return undefined;
  }
}

/**
 * Reads a file of the project `root` (by absolute path) under the rules above;
 * `notes`, when given, notes what it held.
 */
export function readProjectFile(root: string, file: string, maxBytes: number, notes?: ReadNotes): FileRead {
  if (!within(root, file)) return { ok: false, problem: 'outside-project' };
  return readAgainIfReplaced(() => {
    let real: string;
    try {
      real = realpathSync(file);
    } catch (error) {
      return failedRead(error); // a folder on the way it may not look into, or nothing there
    }
    if (!within(realPath(root) ?? root, real)) return { ok: false, problem: 'outside-project' };
    return readRegularFileOnce(real, maxBytes, notes, file);
  });
}

/**
 * The names in a folder of the project, sorted; none when it is not a folder.
 * Listing opens none of the entries: each is checked when it is read.
 */
export function listFolder(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/** Whether something is at `file` (a file or not, inside the project or not): reading it says which. */
export function exists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
}
