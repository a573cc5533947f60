// On a machine with two cores or fewer, `packs build` and `packs watch` start
// Node again with one V8 background thread instead of Node's default four, and
// `packs build` also with the flags that have V8 optimise less (see
// lessOptimisation in src/startup/startup-snapshot.ts). And `packs build` starts
// Node again from the startup snapshot when there is a fresh one, on any machine.
//
// Why: V8 runs garbage collection and compilation on those threads. Measured on
// 2 cores (README, "Speed"), four of them contend with the threads doing the
// work: a cold build of the DAC pack took about a fifth longer, 30 packs with
// two workers about a third longer, and the CPU time spent went up by as much.
// The number can only be set when Node starts (`--v8-pool-size`), so the command
// starts itself once more with it; that costs a Node start-up (under 0.1 s),
// which is why the quick commands (list, show, validate, set, diff) are not.
//
// The started copy is this command in all but the flags (and a setting of the C
// library's, see HUGE_PAGES_TUNABLE): the same arguments, streams, working
// folder and exit code. A signal sent to this process is passed
// on; if this process is killed outright, the copy stops too rather than build
// on unseen. Nothing here loads more than Node's own modules.
import { spawn, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { freshSnapshot, lessOptimisation, snapshotAllowed, snapshotStart } from '../startup/startup-snapshot.js';
import { followParent, MARK } from './follow-parent.js';
import { ENDING_SIGNALS } from './ending-signals.js';

/** The flag the command is started again with. */
export const POOL_FLAG = '--v8-pool-size=1';

/** What decides whether to start again. */
export interface RelaunchSituation {
  args: readonly string[];
  execArgv: readonly string[];
  env: NodeJS.ProcessEnv;
  cores: number;
  platform: NodeJS.Platform;
}

/**
 * The flags to start the command again with, or none when it should run as it is.
 * `packs build` also optimises less (measured: see lessOptimisation). Not
 * `packs watch`, which stays warm: its rebuilds measured about the same either
 * way, those of `--only pdf` a few milliseconds slower with them.
 */
export function relaunchFlags({ args, execArgv, env, cores, platform }: RelaunchSituation): string[] {
  if (args[0] !== 'build' && args[0] !== 'watch') return [];
  if (cores > 2 || platform === 'win32') return [];
  if (env.PACKS_NO_RELAUNCH === '1') return [];
  // Already set (so also in the copy started again); or a debugger or profiler is attached to this process.
  const given = [...execArgv, ...(env.NODE_OPTIONS ?? '').split(/\s+/)];
  if (given.some((flag) => /^--(v8-pool-size|inspect|debug|cpu-prof|heap-prof|prof)\b/.test(flag))) return [];
  return args[0] === 'build' ? [POOL_FLAG, ...lessOptimisation(process.versions.v8)] : [POOL_FLAG];
}

/**
 * glibc's setting (a tunable, read as a process starts) that has malloc ask the
 * kernel for 2 MB pages for its large blocks, where the kernel gives them on
 * request (transparent huge pages in "madvise" mode, Debian's default).
 *
 * Why: a process started from the startup snapshot first reads the whole
 * snapshot (37 MB when this was measured) into a block from malloc, and on a
 * virtual machine each 4 KB page the kernel hands out there is costly. Measured
 * on the 2-core machine of README's "Speed": starting from the snapshot touched
 * 35,000 pages; with this, 15,600; the DAC pack cold went from 1.28 s to 1.02 s
 * (medians of 7, taken in turn). Batch builds and watch mode measured the same
 * with and without it, within the noise (200 packs in two workers: 31.9 and
 * 32.9 s against 31.5 and 32.3 s). C libraries other than glibc ignore the
 * variable.
 */
export const HUGE_PAGES_TUNABLE = 'glibc.malloc.hugetlb=1';

/**
 * `env` with HUGE_PAGES_TUNABLE added on Linux to the glibc tunables the user may
 * have set, unless they set that one themselves: the environment of a started copy.
 */
export function withHugePages(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): NodeJS.ProcessEnv {
  const copy: NodeJS.ProcessEnv = { ...env };
  const tunables = env.GLIBC_TUNABLES ?? '';
  if (platform === 'linux' && !/(^|:)glibc\.malloc\.hugetlb=/.test(tunables)) {
    copy.GLIBC_TUNABLES = tunables ? `${tunables}:${HUGE_PAGES_TUNABLE}` : HUGE_PAGES_TUNABLE;
  }
  return copy;
}

/**
 * Starts the command again and mirrors it: resolves to its exit code, or ends
 * this process with the signal that ended it. `start` is what Node runs: the
 * command's script, or a startup snapshot (src/startup/). Resolves to undefined
 * if it could not be started, for the caller to run the command itself.
 */
export function runRelaunched(flags: readonly string[], start: readonly string[], args: readonly string[]): Promise<number | undefined> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...process.execArgv, ...flags, ...start, ...args], {
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
      env: { ...withHugePages(process.env, process.platform), [MARK]: '1' },
    });
    // Ctrl-C reaches both processes; passing it on as well is harmless (watch ignores a second one within a second).
    const pass = (signal: NodeJS.Signals) => child.kill(signal);
    for (const signal of ENDING_SIGNALS) process.on(signal, pass);
    const stopPassing = () => {
      for (const signal of ENDING_SIGNALS) process.off(signal, pass);
    };
    let started = false;
    child.on('spawn', () => (started = true));
    // Only a copy that never started is run here instead; a later error (a signal that could not be passed on) waits for its exit.
    child.on('error', () => {
      if (started) return;
      stopPassing();
      resolve(undefined);
    });
    child.on('exit', (code, signal) => {
      stopPassing();
      if (signal) process.kill(process.pid, signal);
      else resolve(code ?? 1);
    });
  });
}

/**
 * The command's entry: runs `run` here, or starts Node again to run it there,
 * from the startup snapshot if there is a fresh one for this command, or else
 * from this script with the flags above. Resolves to the exit code.
 */
export async function runCommand(script: string, args: readonly string[], run: () => Promise<number>): Promise<number> {
  followParent();
  const situation = { args, execArgv: process.execArgv, env: process.env, cores: availableParallelism(), platform: process.platform };
  const flags = relaunchFlags(situation);
  const snapshot = snapshotAllowed(situation) ? freshSnapshot() : undefined;
  if (flags.length > 0 || snapshot) {
    const start = snapshot ? snapshotStart(snapshot) : [script];
    // The snapshot's own flags include some of these: each once.
    const code = await runRelaunched(flags.filter((flag) => !start.includes(flag)), start, args);
    if (code !== undefined) return code;
  }
  return run();
}

/** The flags `packs <command>` would start Node with on this machine (none where it runs as it is). */
export function cliNodeFlags(command: 'build' | 'watch'): string[] {
  return relaunchFlags({ args: [command], execArgv: [], env: process.env, cores: availableParallelism(), platform: process.platform });
}

/**
 * For the scripts that time the CLI in their own process (scripts/bench*.mjs): runs `script`
 * again with the flags `packs <command>` would use, unless it already has them, and exits with
 * its exit code; so that what they time runs as the command runs.
 */
export function rerunWithCliFlags(script: string, command: 'build' | 'watch'): void {
  const flags = cliNodeFlags(command);
  if (flags.every((flag) => process.execArgv.includes(flag))) return;
  const again = spawnSync(process.execPath, [...process.execArgv, ...flags, script, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: withHugePages(process.env, process.platform),
  });
  process.exit(again.status ?? 1);
}
