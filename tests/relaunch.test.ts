// On two cores or fewer, `packs build` and `packs watch` start Node again with
// one V8 background thread (src/cli/relaunch.ts), and `packs build` from the
// startup snapshot. The copy is the command in all but its flags, and it does
// not outlive the process that started it.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HUGE_PAGES_TUNABLE, POOL_FLAG, relaunchFlags, withHugePages, type RelaunchSituation } from '../dist/cli/relaunch.js';
import { freshSnapshot, lessOptimisation } from '../dist/startup/startup-snapshot.js';
import { copyProject } from './support/project.js';
import { projectRoot } from './support/read-outputs.js';

const twoCores: RelaunchSituation = { args: ['build'], execArgv: [], env: {}, cores: 2, platform: 'linux' };

describe('when the command starts Node again', () => {
  it('does for build and watch on two cores or fewer, and not otherwise', () => {
    // Build also optimises less (where this Node's V8 has such flags); watch, which stays warm, does not.
    const buildFlags = [POOL_FLAG, ...lessOptimisation(process.versions.v8)];
    expect(relaunchFlags(twoCores)).toEqual(buildFlags);
    expect(relaunchFlags({ ...twoCores, args: ['watch', 'met-dac-2021'] })).toEqual([POOL_FLAG]);
    expect(relaunchFlags({ ...twoCores, cores: 1 })).toEqual(buildFlags);
    // Quick commands, more cores, Windows, the flag already given, turned off, or a debugger or profiler attached.
    for (const args of [['list'], ['validate'], ['show', 'met-dac-2021'], ['--help'], []]) expect(relaunchFlags({ ...twoCores, args })).toEqual([]);
    expect(relaunchFlags({ ...twoCores, cores: 4 })).toEqual([]);
    expect(relaunchFlags({ ...twoCores, platform: 'win32' })).toEqual([]);
    expect(relaunchFlags({ ...twoCores, execArgv: [POOL_FLAG] })).toEqual([]);
    expect(relaunchFlags({ ...twoCores, env: { NODE_OPTIONS: '--max-old-space-size=4096 --v8-pool-size=2' } })).toEqual([]);
    expect(relaunchFlags({ ...twoCores, env: { PACKS_NO_RELAUNCH: '1' } })).toEqual([]);
    expect(relaunchFlags({ ...twoCores, execArgv: ['--inspect-brk'] })).toEqual([]);
    expect(relaunchFlags({ ...twoCores, execArgv: ['--cpu-prof'] })).toEqual([]);
  });
});

describe("the copy's environment", () => {
  it('asks glibc for huge pages on Linux, keeping the tunables the user set', () => {
    expect(HUGE_PAGES_TUNABLE).toBe('glibc.malloc.hugetlb=1');
    expect(withHugePages({ HOME: '/home/hr' }, 'linux')).toEqual({ HOME: '/home/hr', GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1' });
    expect(withHugePages({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' }, 'linux')).toEqual({
      GLIBC_TUNABLES: 'glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1',
    });
    // The user's own choice of that tunable stands; other systems' C libraries have no such setting.
    expect(withHugePages({ GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0' }, 'linux')).toEqual({ GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0' });
    expect(withHugePages({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2:glibc.malloc.hugetlb=0' }, 'linux').GLIBC_TUNABLES).toBe(
      'glibc.malloc.arena_max=2:glibc.malloc.hugetlb=0',
    );
    expect(withHugePages({ HOME: '/Users/hr' }, 'darwin')).toEqual({ HOME: '/Users/hr' });
    // The environment given is left as it was.
    const env = { GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' };
    withHugePages(env, 'linux');
    expect(env).toEqual({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' });
  });
});

interface Recorded {
  pid: number;
  ppid: number;
  execArgv: string[];
  glibcTunables?: string;
}

/** Runs `packs <args>` with every Node process it starts recorded; `whileRunning` may act on it before it ends. */
async function runRecorded(args: string[], whileRunning?: (child: ReturnType<typeof spawn>, output: () => string) => Promise<void>) {
  const root = copyProject();
  const record = path.join(mkdtempSync(path.join(tmpdir(), 'packs-processes-')), 'processes.jsonl');
  const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'packs.js'), ...args], {
    cwd: root,
    // No C library settings of the caller's: the test sees the ones the command gives its copy.
    env: { ...process.env, GLIBC_TUNABLES: undefined, NODE_OPTIONS: `--require ${path.join(projectRoot, 'tests/support/record-process.cjs')}`, RECORD_PROCESS_FILE: record },
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  await whileRunning?.(child, () => output);
  const { code, signal } = await ended;
  const processes = readFileSync(record, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Recorded);
  return { code, signal, output, processes, root };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const relaunches = availableParallelism() <= 2 && process.platform !== 'win32';
// `packs build` also starts again from the startup snapshot, on any number of cores (tests/startup-snapshot.test.ts).
const fromSnapshot = freshSnapshot(projectRoot) !== undefined && process.platform !== 'win32';

describe(`packs build on this machine (${availableParallelism()} cores)`, () => {
  it(relaunches || fromSnapshot ? 'runs in a copy started with its flags, with the same exit code' : 'runs in this process', async () => {
    const run = await runRecorded(['build', 'met-deputy-director-project-delivery', '--today', '2020-12-01', '--only', 'pdf']);
    expect(run.code).toBe(0);
    expect(run.output).toContain('1 pack: 1 built, 0 up to date, 0 not built');
    const [first, ...rest] = run.processes;
    expect(first!.execArgv).toEqual([]);
    if (relaunches || fromSnapshot) {
      expect(rest).toHaveLength(1);
      expect(rest[0]!.ppid).toBe(first!.pid);
      expect(rest[0]!.execArgv.includes(POOL_FLAG)).toBe(relaunches);
      expect(rest[0]!.execArgv.includes('--snapshot-blob')).toBe(fromSnapshot);
      // The flags that have V8 optimise less, given once each, whether from the snapshot or not.
      for (const flag of lessOptimisation(process.versions.v8)) expect(rest[0]!.execArgv.filter((given) => given === flag)).toHaveLength(1);
      expect(first!.glibcTunables).toBeUndefined();
      expect(rest[0]!.glibcTunables).toBe(process.platform === 'linux' ? HUGE_PAGES_TUNABLE : undefined);
    } else {
      expect(rest).toEqual([]);
    }
    // A mistake's exit code comes through too.
    expect((await runRecorded(['build', 'no-such-pack'])).code).toBe(2);
  });

  it('stops the copy when the process that started it is killed outright', async () => {
    const run = await runRecorded(['watch', 'met-deputy-director-project-delivery', '--today', '2020-12-01', '--only', 'pdf'], async (child, output) => {
      for (let waited = 0; !output().includes('watching') && waited < 60_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
      child.kill('SIGKILL');
    });
    expect(run.signal).toBe('SIGKILL');
    expect(run.processes).toHaveLength(relaunches ? 2 : 1);
    const copy = run.processes[1];
    if (copy) {
      let waited = 0;
      while (alive(copy.pid) && waited < 5000) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        waited += 100;
      }
      expect(alive(copy.pid)).toBe(false);
    }
  });
});

describe('when the copy cannot be started', () => {
  it('runs the command in this process instead', () => {
    // A Node that is not there: the copy fails to start (ENOENT), so the command must run here.
    const script = path.join(mkdtempSync(path.join(tmpdir(), 'packs-relaunch-')), 'run.mjs');
    writeFileSync(
      script,
      `import { runCommand } from ${JSON.stringify(pathToFileURL(path.join(projectRoot, 'dist/cli/relaunch.js')).href)};
      process.execPath = '/nonexistent/node';
      const code = await runCommand('/nonexistent/packs.js', ['build'], async () => 42);
      console.log(JSON.stringify({ code }));`,
    );
    const env = { ...process.env };
    delete env.PACKS_NO_RELAUNCH;
    delete env.PACKS_NO_SNAPSHOT;
    const run = spawnSync(process.execPath, [script], { encoding: 'utf8', env, timeout: 30_000 });
    expect(run.stdout.trim(), run.stderr).toBe(JSON.stringify({ code: 42 }));
  });
});
