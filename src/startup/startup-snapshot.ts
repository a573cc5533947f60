// The startup snapshot: `packs build` starting from a saved image of a Node
// process that has already loaded the tool and built a pack, rather than from
// nothing. A cold build spends most of its time loading modules, parsing fonts
// and compiling code it runs once; from the snapshot it skips that (README,
// "Speed"). `npm ci` makes the snapshot (scripts/build-snapshot.mjs, through
// the package's `prepare` script) into dist-startup/.
//
// A snapshot is only used when it was made from exactly this tool: the same
// compiled code, fonts, patches, package files and installed libraries (their
// lock file), in the same folder, by the same Node on the same platform. When it
// is missing, stale or not made (`npm ci --omit=dev` has no bundler), the command
// loads its modules as usual; nothing else changes. Only Node's own modules here,
// as the command checks this before it loads anything else.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sha256Hex } from '../load/read-log.js';
import { fingerprintOf, toolRoot } from '../pipeline/tool-fingerprint.js';
import { optionValue } from './command-line.js';
import { packsAskedFor } from './pack-count.js';

/** Where the snapshot and what it was made from are kept (not in dist/, whose files are part of the fingerprint). */
export const SNAPSHOT_DIR = 'dist-startup';
export const SNAPSHOT_BLOB = 'packs.blob';
export const SNAPSHOT_BUNDLE = 'packs.cjs';
export const SNAPSHOT_KEY_FILE = 'key.json';

/**
 * The flags that have V8 optimise less, for the V8 given (`process.versions.v8`):
 * it sends a function to its optimising compiler (TurboFan) after about six
 * times as much of its bytecode has run as by default, and inlines at most 200
 * bytes of other functions' bytecode into it rather than 920. Node 20's V8
 * (11.3) counts the first in bytecode run (`--interrupt-budget`, 66 KB by
 * default), Node 22's and 24's (12.4, 13.6) in calls
 * (`--invocation-count-for-turbofan`, 3000). Other versions get none: a flag
 * their V8 lacked would stop Node.
 *
 * Why: measured on 2 cores in Node 20 (`perf`), a build of 60 packs in one
 * thread spent 31% of its CPU time in that compiler, on a background thread,
 * and a cold build mostly compiles code it runs once. Medians of 7 (cold) and
 * of 3 (100 packs in two workers), taken in turn, with these flags against
 * without:
 * - Node 20: the DAC pack cold 0.77 s against 0.86 s (CPU time 0.60 against
 *   0.97 s); 100 packs 16.4 s against 17.9 s (medians of 7).
 * - Node 22: cold 0.77 s against 0.84 s; 100 packs 14.4 s against 16.2 s.
 * - Node 24: cold 0.75 s against 0.77 s, within the noise (its mid-tier
 *   compiler, Maglev, is on, and does much of that work for less); 100 packs
 *   16.8 s against 18.0 s.
 * `packs build` not started from the snapshot (many packs in workers) is given
 * them too, on two cores or fewer (src/cli/relaunch.ts).
 */
export function lessOptimisation(v8Version: string): string[] {
  const smallerInlining = '--max-inlined-bytecode-size-cumulative=200';
  if (v8Version.startsWith('11.3.')) return ['--interrupt-budget=400000', smallerInlining];
  if (/^1[23]\./.test(v8Version)) return ['--invocation-count-for-turbofan=18000', smallerInlining];
  return [];
}

/**
 * V8 flags the snapshot is made and run with (Node refuses a snapshot run with
 * other V8 flags).
 * - A compiled regular expression cannot be saved in a snapshot, so they are
 *   all interpreted: about 5% slower once warm, which is why only `packs build`
 *   starts from the snapshot, and not `packs watch`.
 * - A process started from the snapshot begins with a young generation of 1 MB
 *   and an old one sized to what it restored, so a cold build collected garbage
 *   about 30 times, once over the whole restored heap. Starting at 16 MB and
 *   128 MB it does so about 9 times, and not over the whole heap. Measured, medians
 *   of 13 runs: the DAC pack cold 0.71 s against 0.80 s, the Deputy Director pack
 *   0.74 s against 0.79 s; 200 packs in its thread 37 s against 44 s, with the
 *   same peak memory (478 MB); a cold build's peak about 17 MB higher.
 * - The young generation's most is 16 MB too, as Node 20 and 22 have it: Node 24
 *   sizes it from the machine's memory, and 200 packs in its thread peaked at
 *   578 MB against 495 MB, in the same time.
 * - In Node 20 to 24, fewer functions are optimised, and into smaller code
 *   (see lessOptimisation).
 */
export const SNAPSHOT_V8_FLAGS = [
  '--regexp-interpret-all',
  '--min-semi-space-size=16',
  '--max-semi-space-size=16',
  '--initial-old-space-size=128',
  ...lessOptimisation(process.versions.v8),
];

/** What the snapshot's key is made of. */
export interface SnapshotKey {
  node: string;
  platform: string;
  arch: string;
  flags: string[];
  root: string;
  tool: string;
  lockFile: string;
}

/** The key of a snapshot made now, from the tool installed at `root`. */
export function currentSnapshotKey(root: string = toolRoot): SnapshotKey {
  const lockFile = path.join(root, 'package-lock.json');
  return {
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    flags: SNAPSHOT_V8_FLAGS,
    root,
    tool: fingerprintOf(root),
    lockFile: existsSync(lockFile) ? sha256Hex(readFileSync(lockFile)) : '',
  };
}

/** The snapshot made from this very tool, or undefined when there is none or it is stale. */
export function freshSnapshot(root: string = toolRoot): string | undefined {
  const dir = path.join(root, SNAPSHOT_DIR);
  const blob = path.join(dir, SNAPSHOT_BLOB);
  let saved: unknown;
  try {
    saved = JSON.parse(readFileSync(path.join(dir, SNAPSHOT_KEY_FILE), 'utf8'));
  } catch {
    return undefined;
  }
  if (!existsSync(blob)) return undefined;
  return JSON.stringify(saved) === JSON.stringify(currentSnapshotKey(root)) ? blob : undefined;
}

/** What decides whether `packs` may start from the snapshot. */
export interface SnapshotSituation {
  args: readonly string[];
  execArgv: readonly string[];
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  cores: number;
}

/**
 * From this many packs to build, on two cores or more, a build without --jobs
 * does not start from the snapshot but loads the tool and takes a worker thread
 * a core, as workers are then the quicker. Measured on 2 cores, 200 packs:
 * 36 s (408 MB) in the snapshot's thread against 31 s (369 MB) in two workers
 * in Node 20, and 30 s against 22 s in Node 24; 40 packs: 6.9 s against 7.7 s.
 */
export const MANY_PACKS = 64;

/** The number given with --jobs (or -j), if any. */
function jobsAskedFor(args: readonly string[]): number | undefined {
  const value = optionValue(args, '--jobs', '-j');
  return value === undefined ? undefined : Number(value);
}

/**
 * Whether this command may start from a snapshot: `packs build` only, and not
 * when told to build in two or more workers (the warm thread would only hand
 * packs to them, and hold some 100 MB more meanwhile), nor, on two cores or
 * more, when it is to build MANY_PACKS or more and --jobs is not given (see
 * there); not on Windows (where the command never starts again, see
 * relaunch.ts); not when turned off; and not when Node was given flags of its
 * own, which could differ from the snapshot's (Node stops if they do) or want a
 * debugger. Preloaded modules (`--require`, `--import` in NODE_OPTIONS) are
 * fine. `packs` counts the packs asked for from the project's files, last, as
 * it is the one check that reads any.
 */
export function snapshotAllowed(
  { args, execArgv, env, platform, cores }: SnapshotSituation,
  packs: () => number = () => packsAskedFor(args, process.cwd()),
): boolean {
  if (args[0] !== 'build' || platform === 'win32') return false;
  const jobs = jobsAskedFor(args);
  if ((jobs ?? 1) > 1) return false;
  if (env.PACKS_NO_RELAUNCH === '1' || env.PACKS_NO_SNAPSHOT === '1') return false;
  if (execArgv.length > 0) return false;
  const options = (env.NODE_OPTIONS ?? '').split(/\s+/).filter(Boolean);
  for (let i = 0; i < options.length; i++) {
    const option = options[i]!;
    if (option === '-r' || option === '--require' || option === '--import') i++;
    else if (!/^--(require|import)=/.test(option)) return false;
  }
  return jobs !== undefined || cores < 2 || packs() < MANY_PACKS;
}

/** The Node arguments that start a process from `blob` (the command's own arguments follow). */
export function snapshotStart(blob: string): string[] {
  return [...SNAPSHOT_V8_FLAGS, '--snapshot-blob', blob];
}

/**
 * The command's arguments in a process started from the snapshot. There is no
 * script: Node 20 puts them straight after its own path; later versions repeat
 * that path first, as a script's would be.
 */
export function argumentsFromSnapshot(argv: readonly string[]): string[] {
  return argv.slice(argv[1] === argv[0] ? 2 : 1);
}
