// The one way the tool writes a file: outputs, data edits, the change log, the
// build state, the redline and the edit journal all come here. A file is written
// whole or not at all:
//
// 1. every byte goes into a temporary file beside it (a short write is
//    continued until all of it is written), which is then flushed to the disk;
// 2. the temporary file is renamed over the file, and the folder is flushed too
//    where the system allows it, so that the rename itself survives a power cut;
// 3. on any error the temporary file is removed and the old file is left whole,
//    and the error is a WriteFailed, which says in plain words what to do.
//
// A temporary file's name is one only this tool makes: `.~packs-writing.<process
// id>.<random>.<file name>`. A clean-up removes only names of that form whose
// writer (the process id) is gone, so it can never take a user's own file.
//
// The file system is called through the `fs` object at call time, not through
// functions imported by name, so that the tests' fault injection (a short write,
// a full disk, a kill in the middle) reaches these calls.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { WriteFailed, type WriteOutcome } from './write-errors.js';

export { WriteFailed } from './write-errors.js';

const TEMPORARY_PREFIX = '.~packs-writing.';
const TEMPORARY = /^\.~packs-writing\.(\d+)\.[0-9a-f]{12}\.(.+)$/;

const errorCode = (error: unknown): string | undefined => {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : undefined;
};

/** A system error as a WriteFailed about `target`; anything else (a bug) as it is. */
export function asWriteFailed(error: unknown, target: string, outcome: WriteOutcome = 'file unchanged'): unknown {
  if (error instanceof WriteFailed) return error;
  const code = errorCode(error);
  return code ? new WriteFailed(target, code, outcome) : error;
}

function callback<T>(run: (done: (error: NodeJS.ErrnoException | null, value?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => run((error, value) => (error ? reject(error) : resolve(value as T))));
}

const open = (file: string, flags: string, mode?: number) => callback<number>((done) => fs.open(file, flags, mode, done));
const write = (fd: number, bytes: Buffer, offset: number) => callback<number>((done) => fs.write(fd, bytes, offset, bytes.length - offset, null, done));
const fsync = (fd: number) => callback<void>((done) => fs.fsync(fd, done));
const close = (fd: number) => callback<void>((done) => fs.close(fd, done));
const rename = (from: string, to: string) => callback<void>((done) => fs.rename(from, to, done));
const unlink = (file: string) => callback<void>((done) => fs.unlink(file, done));
const link = (from: string, to: string) => callback<void>((done) => fs.link(from, to, done));

/** Flushes a folder, so a rename or removal in it survives a power cut. Not every system can. */
async function syncFolder(folder: string): Promise<void> {
  let fd: number | undefined;
  try {
    fd = await open(folder, 'r');
    await fsync(fd);
  } catch {
    // Windows cannot open a folder, some file systems cannot flush one: the rename is done either way.
  } finally {
    if (fd !== undefined) await close(fd).catch(() => {});
  }
}

/** Writes `data` to `file`, whole or not at all (see the top of this file). Throws WriteFailed. */
export async function writeFileWhole(file: string, data: string | Uint8Array): Promise<void> {
  await writeWhole(file, data, 'replace');
}

/**
 * Writes `data` to `file` whole, only if there is no such file: returns false,
 * writing nothing, if there is one. The file appears at once and whole (a hard
 * link to the flushed temporary file, which fails if the name is taken), so two
 * writers cannot both make it.
 */
export async function createFileWhole(file: string, data: string | Uint8Array): Promise<boolean> {
  return writeWhole(file, data, 'create');
}

async function writeWhole(file: string, data: string | Uint8Array, how: 'replace' | 'create'): Promise<boolean> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const folder = path.dirname(file);
  const temporary = path.join(folder, `${TEMPORARY_PREFIX}${process.pid}.${randomBytes(6).toString('hex')}.${path.basename(file)}`);
  let fd: number | undefined;
  let created = false;
  try {
    fd = await open(temporary, 'wx', 0o666);
    created = true;
    for (let offset = 0; offset < bytes.length; ) {
      const written = await write(fd, bytes, offset);
      if (written <= 0) throw Object.assign(new Error('no byte was written'), { code: 'EIO' });
      offset += written;
    }
    await fsync(fd);
    const opened = fd;
    fd = undefined;
    await close(opened);
    if (how === 'replace') {
      await rename(temporary, file);
      created = false;
    } else {
      const linked = await link(temporary, file).then(
        () => true,
        (error: unknown) => {
          if (errorCode(error) === 'EEXIST') return false;
          throw error;
        },
      );
      await unlink(temporary);
      created = false;
      if (!linked) return false;
    }
  } catch (error) {
    if (fd !== undefined) await close(fd).catch(() => {});
    if (created) await unlink(temporary).catch(() => {});
    throw asWriteFailed(error, file);
  }
  await syncFolder(folder);
  return true;
}

/**
 * Makes `folder` holding exactly `files` (relative path → bytes), whole or not
 * at all: every file is written and flushed into a temporary folder beside it,
 * which is then renamed into place. Fails (WriteFailed, EEXIST or ENOTEMPTY) if
 * a folder with something in it is already there.
 */
export async function writeFolderWhole(folder: string, files: ReadonlyMap<string, Uint8Array>): Promise<void> {
  const parent = path.dirname(folder);
  const temporary = path.join(parent, `${TEMPORARY_PREFIX}${process.pid}.${randomBytes(6).toString('hex')}.${path.basename(folder)}`);
  try {
    await fs.promises.mkdir(temporary);
    for (const [relative, bytes] of files) {
      const file = path.join(temporary, relative);
      await fs.promises.mkdir(path.dirname(file), { recursive: true });
      const fd = await open(file, 'wx', 0o666);
      try {
        const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        for (let offset = 0; offset < buffer.length; ) {
          const written = await write(fd, buffer, offset);
          if (written <= 0) throw Object.assign(new Error('no byte was written'), { code: 'EIO' });
          offset += written;
        }
        await fsync(fd);
      } finally {
        await close(fd).catch(() => {});
      }
    }
    await rename(temporary, folder);
  } catch (error) {
    fs.rmSync(temporary, { recursive: true, force: true });
    throw asWriteFailed(error, folder, 'nothing written');
  }
  await syncFolder(parent);
}

/** Removes a file, if it is there, and flushes its folder. Throws WriteFailed. */
export async function removeFile(file: string): Promise<void> {
  try {
    await unlink(file);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return;
    throw asWriteFailed(error, file);
  }
  await syncFolder(path.dirname(file));
}

/** Makes a folder and those above it, as needed. Throws WriteFailed. */
export async function makeFolder(folder: string): Promise<void> {
  try {
    await fs.promises.mkdir(folder, { recursive: true });
  } catch (error) {
    // A recursive mkdir can report ENOENT for what is a read-only disk or a denied folder:
    // make the first missing folder on its own to learn the real reason.
    let first = folder;
    while (!fs.existsSync(path.dirname(first)) && path.dirname(first) !== first) first = path.dirname(first);
    const reason = await fs.promises.mkdir(first).then(
      () => error,
      (direct: unknown) => direct,
    );
    throw asWriteFailed(reason, folder, 'nothing written');
  }
}

/** Whether a process with this id is running (one of another user's counts). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

/** Whether `name` is one of this tool's temporary files, and if so the process that wrote it. */
export function temporaryWriter(name: string): number | undefined {
  const match = TEMPORARY.exec(name);
  return match ? Number(match[1]) : undefined;
}

/**
 * Removes the temporary files a writer that is gone left in `folder` (a write
 * interrupted by a kill or a power cut). Only names this tool makes, and only
 * those whose process is no longer running: another command may be writing the
 * others right now. Returns the names removed.
 */
export function removeAbandonedTemporaries(folder: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return [];
  }
  const abandoned = names.filter((name) => {
    const writer = temporaryWriter(name);
    return writer !== undefined && writer !== process.pid && !alive(writer);
  });
  // recursive: a snapshot folder being written (writeFolderWhole) is temporary too.
  for (const name of abandoned) fs.rmSync(path.join(folder, name), { force: true, recursive: true });
  return abandoned;
}
