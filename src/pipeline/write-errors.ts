// What a command reports when it could not write, or could not take a lock: kept
// apart from the modules that write, so that the command line can tell these
// errors apart without loading them.

/** Another command holds a lock, and went on holding it for longer than any command should. */
export class OutputBusyError extends Error {}

/** An interrupted edit that cannot be finished: a file it changes has been changed by someone else since. */
export class JournalConflict extends Error {}

/** A pack's files kept changing while it was read, however often it was read again (build.ts, planSettledPack). */
export class FilesKeptChanging extends Error {}

/** Why a command stopped as a whole, as plain data, to cross from a worker thread to the main thread. */
export interface Stopped {
  reason: 'output-busy' | 'journal-conflict' | 'files-kept-changing';
  message: string;
}

/** The error that stops a command as a whole as plain data, or undefined for any other error. */
export function asStopped(error: unknown): Stopped | undefined {
  if (error instanceof OutputBusyError) return { reason: 'output-busy', message: error.message };
  if (error instanceof JournalConflict) return { reason: 'journal-conflict', message: error.message };
  if (error instanceof FilesKeptChanging) return { reason: 'files-kept-changing', message: error.message };
  return undefined;
}

/** The error of its class again, from the plain data that crossed threads. */
export function stoppedError({ reason, message }: Stopped): Error {
  const Class = { 'output-busy': OutputBusyError, 'journal-conflict': JournalConflict, 'files-kept-changing': FilesKeptChanging }[reason];
  return new Class(message);
}

/**
 * What is left after a failed write: the file as it was; or, in an edit of
 * several files, every file as it was; or an edit the next command finishes.
 */
export type WriteOutcome = 'file unchanged' | 'nothing written' | 'edit undone' | 'edit pending';

/** A file or folder the tool could not write. */
export class WriteFailed extends Error {
  constructor(
    /** The file (or folder) that could not be written, absolute. */
    readonly target: string,
    /** The system's error code, e.g. ENOSPC. */
    readonly code: string,
    readonly outcome: WriteOutcome = 'file unchanged',
  ) {
    super(writeFailureMessage(target, code, outcome));
    this.name = 'WriteFailed';
  }
}

const LEFT: Record<WriteOutcome, string> = {
  'file unchanged': 'it was left as it was',
  'nothing written': 'nothing was written',
  'edit undone': 'nothing was changed',
  'edit pending': 'the edit is half made, and the next packs command will finish it',
};

/** What went wrong, and what to do about it, in a few words each. */
function explain(code: string): { reason: string; advice: string } {
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return { reason: 'the disk is full', advice: 'free some space and run the command again' };
    case 'EACCES':
    case 'EPERM':
      return { reason: 'permission denied', advice: 'choose a folder you may write to, or ask for access to this one' };
    case 'EROFS':
      return { reason: 'the disk is read-only', advice: 'choose a folder on a disk you can write to' };
    case 'ENOTDIR':
    case 'EEXIST':
      return { reason: 'part of that path is a file, not a folder', advice: 'give a folder' };
    case 'EISDIR':
      return { reason: 'it is a folder', advice: 'give the name of a file' };
    case 'ENOENT':
      return { reason: 'its folder is not there', advice: 'check the folder exists and run the command again' };
    default:
      return { reason: `the system reported ${code}`, advice: 'check the disk and run the command again' };
  }
}

/** The one line printed for a failed write; `shown` is the path as the user should see it. */
export function writeFailureMessage(target: string, code: string, outcome: WriteOutcome, shown = target): string {
  const { reason, advice } = explain(code);
  // A path that names a file for a folder (or the reverse) was never written: nothing to say about what is left.
  const wrongKind = ['ENOTDIR', 'EEXIST', 'EISDIR'].includes(code);
  return `could not write ${shown}: ${reason}${wrongKind ? '' : `; ${LEFT[outcome]}`}. ${advice[0]!.toUpperCase()}${advice.slice(1)}.`;
}


/** An approvals.yaml that cannot be read as packs approve wrote it (edited by hand): the message says where, and how to put it right. */
export class ApprovalsFileInvalid extends Error {}
