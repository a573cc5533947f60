// Reads a file a pack names only if it is a regular file no larger than a
// limit, checked before it is opened: a named pipe or device could hang the
// read or never end, and a huge file is refused without being read.
import { readFile, stat } from 'node:fs/promises';
import type { ReadLog } from './read-log.js';

export type BoundedRead =
  | { ok: true; bytes: Buffer }
  | { ok: false; problem: 'not-found' }
  | { ok: false; problem: 'not-a-file' }
  | { ok: false; problem: 'too-large'; size: number };

/** `log`, when given, notes what the file held. */
export async function readBoundedFile(absolutePath: string, maxBytes: number, log?: ReadLog): Promise<BoundedRead> {
  let size: number;
  try {
    const info = await stat(absolutePath);
    if (!info.isFile()) return { ok: false, problem: 'not-a-file' };
    size = info.size;
  } catch {
    return { ok: false, problem: 'not-found' };
  }
  if (size > maxBytes) return { ok: false, problem: 'too-large', size };
  const bytes = await readFile(absolutePath);
  log?.note(absolutePath, bytes);
  return { ok: true, bytes };
}
