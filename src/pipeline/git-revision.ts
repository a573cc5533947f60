// A project as it was at a git revision, read with `git archive` into a
// temporary folder: the working tree is never touched.
//
// The revision is what a user typed, so it is never given to git where it
// could be read as an option (`--output=FILE` would have git write FILE): one
// starting with "-" is refused, and the rest is checked with
// `git rev-parse --verify --end-of-options REV^{commit}` and used by the commit
// id that gives. The temporary copies live as long as the command that asked
// for them (diagnostics printed at the end may quote their files) and are
// removed whatever happens: at the end of the command, on an exception, on
// process.exit, and on Ctrl-C or a polite kill while it runs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type RevisionResult = { ok: true; root: string } | { ok: false; message: string };

/** The prefix of every temporary copy's folder, in the system's temporary folder. */
export const REVISION_FOLDER_PREFIX = 'packs-rev-';

/** The signals that end a command: the copies are removed, then the signal ends the process as it would have. */
const ENDING_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** The commit id `revision` names in the repository at `repo`, or why it names none. */
function commitOf(repo: string, revision: string): { ok: true; commit: string } | { ok: false; message: string } {
  if (revision.startsWith('-')) {
    return { ok: false, message: `"${revision}" is not a revision: a revision is a commit, branch or tag such as HEAD~3 or main, and never starts with "-"` };
  }
  const parsed = spawnSync('git', ['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`], { cwd: repo, encoding: 'utf8' });
  const commit = parsed.stdout?.trim() ?? '';
  if (parsed.status !== 0 || !/^[0-9a-f]{40,64}$/.test(commit)) {
    return { ok: false, message: `"${revision}" names no commit in this repository (try git log --oneline to see the commits)` };
  }
  return { ok: true, commit };
}

/**
 * The temporary copies of a project at revisions that one command reads. Call
 * removeAll() when the command has finished with them (in a finally block);
 * until then, they are also removed if the process ends.
 */
export class RevisionCopies {
  private readonly folders: string[] = [];
  private listening = false;
  private readonly onSignal = (signal: NodeJS.Signals) => {
    this.removeAll();
    process.kill(process.pid, signal); // no listener left: the signal ends the process as it would have
  };
  private readonly onExit = () => this.removeAll();

  /** The project at `cwd` as it was at `revision`, in a temporary folder. */
  at(cwd: string, revision: string): RevisionResult {
    const top = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd, encoding: 'utf8' });
    if (top.status !== 0) return { ok: false, message: `${cwd} is not in a git repository, so --rev cannot be read` };
    const repo = top.stdout.trim();
    const found = commitOf(repo, revision);
    if (!found.ok) return found;
    // The project may be a folder inside the repository: archive that folder's packs and templates.
    const prefix = path.relative(repo, cwd).split(path.sep).join('/');
    const paths = ['packs', 'templates'].map((p) => (prefix ? `${prefix}/${p}` : p));
    const archive = spawnSync('git', ['archive', '--format=tar', found.commit, '--', ...paths], { cwd: repo, maxBuffer: 512 * 1024 * 1024 });
    if (archive.status !== 0) {
      return { ok: false, message: `cannot read revision "${revision}": ${archive.stderr.toString().trim().split('\n')[0]}` };
    }
    const dir = this.newFolder();
    const extract = spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout });
    if (extract.status !== 0) return { ok: false, message: `cannot unpack revision "${revision}"` };
    return { ok: true, root: prefix ? path.join(dir, prefix) : dir };
  }

  /** A new temporary folder, removed with the others; the process listeners are set before it exists. */
  private newFolder(): string {
    if (!this.listening) {
      this.listening = true;
      for (const signal of ENDING_SIGNALS) process.once(signal, this.onSignal);
      process.once('exit', this.onExit);
    }
    const dir = mkdtempSync(path.join(tmpdir(), REVISION_FOLDER_PREFIX));
    this.folders.push(dir);
    return dir;
  }

  /**
   * Removes every copy made, and stops listening for the process's end a moment
   * later: reading a pack hardly waits on the event loop, so a Ctrl-C that came
   * meanwhile is handed over only once it does, and must still end the process as it
   * would have. (The next turn is too soon: setImmediate ran before it was handed over.)
   */
  removeAll(): void {
    for (const dir of this.folders.splice(0)) rmSync(dir, { recursive: true, force: true });
    setTimeout(() => {
      if (this.folders.length > 0) return; // in use again
      this.listening = false;
      for (const signal of ENDING_SIGNALS) process.off(signal, this.onSignal);
      process.off('exit', this.onExit);
    }, 100);
  }
}
