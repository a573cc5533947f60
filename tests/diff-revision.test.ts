// packs diff --rev and --from/--to read a revision the user typed: it never
// reaches git as an option (`--rev=--output=FILE` would have git write FILE), a
// name that is not a commit is said plainly, and the temporary copy of the
// project at the revision is removed however the command ends. The commands
// run with a temporary folder of their own (TMPDIR), so what they leave in it
// is theirs alone.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './support/read-outputs.js';
import { runCliProcess } from './support/project.js';

/**
 * A pack in a git repository with one commit, and an empty temporary folder for the
 * command: the base fixture, or the project's own packs (larger, so slower to read).
 */
function repository(packs = path.join(projectRoot, 'tests/fixtures/base/packs')): { root: string; temp: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'packs-git-'));
  cpSync(packs, path.join(root, 'packs'), { recursive: true });
  cpSync(path.join(projectRoot, 'templates'), path.join(root, 'templates'), { recursive: true });
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=ci@example.org', '-c', 'user.name=CI', ...args], { cwd: root, stdio: 'pipe' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'approved');
  const temp = path.join(root, '.tmp');
  mkdirSync(temp);
  writeFileSync(path.join(root, '.git/info/exclude'), '.tmp/\nvictim.txt\n');
  return { root, temp };
}

const diff = (root: string, temp: string, ...args: string[]) => runCliProcess(['diff', 'sample-pack', ...args], { cwd: root, env: { TMPDIR: temp } });

describe('the revision packs diff is given', () => {
  it('is never an option to git: --rev=--output=FILE is refused and FILE is untouched', async () => {
    const { root, temp } = repository();
    const victim = path.join(root, 'victim.txt');
    writeFileSync(victim, 'keep me\n');
    for (const args of [[`--rev=--output=${victim}`], ['--from', `--output=${victim}`], ['--from', 'HEAD', `--to=--output=${victim}`]]) {
      const run = await diff(root, temp, ...args);
      expect([run.status, run.stdout, run.stderr]).toEqual([
        2,
        '',
        `packs diff: "--output=${victim}" is not a revision: a revision is a commit, branch or tag such as HEAD~3 or main, and never starts with "-"\n`,
      ]);
      expect(readFileSync(victim, 'utf8')).toBe('keep me\n');
    }
  });

  it('that names no commit is said plainly', async () => {
    const { root, temp } = repository();
    const run = await diff(root, temp, '--rev', 'no-such-branch');
    expect([run.status, run.stdout, run.stderr]).toEqual([
      2,
      '',
      'packs diff: "no-such-branch" names no commit in this repository (try git log --oneline to see the commits)\n',
    ]);
  });

  it('leaves no temporary copy behind, whether the comparison works or not', async () => {
    const { root, temp } = repository();
    expect((await diff(root, temp, '--rev', 'HEAD')).status).toBe(0);
    expect(readdirSync(temp)).toEqual([]);
    // A pack the revision does not have.
    const missing = await runCliProcess(['diff', 'no-such-pack', '--rev', 'HEAD'], { cwd: root, env: { TMPDIR: temp } });
    expect(missing.status).toBe(2);
    expect(readdirSync(temp)).toEqual([]);
    // A pack with mistakes at the revision: its diagnostics are printed from the copy, which goes after.
    writeFileSync(path.join(root, 'packs/sample-pack/role.yaml'), 'title: [unclosed\n');
    execFileSync('git', ['-c', 'user.email=ci@example.org', '-c', 'user.name=CI', 'commit', '-qam', 'broken'], { cwd: root });
    const broken = await diff(root, temp, '--from', 'HEAD', '--to', 'HEAD~1');
    expect(broken.status).toBe(2);
    expect(broken.stderr).toContain('packs/sample-pack/role.yaml:2:1  error  a list in brackets here is not closed with ], or goes on to a line indented less than the field it belongs to  [yaml-syntax]\n    2 | \n');
    expect(readdirSync(temp)).toEqual([]);
  });

  it('leaves no temporary copy behind when it is stopped while it runs (SIGTERM)', async () => {
    const { root, temp } = repository(path.join(projectRoot, 'packs'));
    const child = spawn(process.execPath, [path.join(projectRoot, 'bin/packs.js'), 'diff', 'met-dac-2021', '--rev', 'HEAD'], {
      cwd: root,
      env: { ...process.env, TMPDIR: temp },
      stdio: 'ignore',
      timeout: 60_000,
    });
    const ended = new Promise<{ status: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (status, signal) => resolve({ status, signal })));
    // Once the copy is there, the command is stopped, sent SIGTERM and let go on, so that the
    // signal comes while it runs however fast it is.
    let sent = false;
    const stop = () => {
      if (sent || readdirSync(temp).length === 0) return;
      sent = true;
      child.kill('SIGSTOP');
      child.kill('SIGTERM');
      child.kill('SIGCONT');
    };
    const watcher = watch(temp, stop);
    const poller = setInterval(stop, 5);
    const end = await ended;
    watcher.close();
    clearInterval(poller);
    expect(sent).toBe(true);
    expect(end).toEqual({ status: null, signal: 'SIGTERM' });
    expect(readdirSync(temp)).toEqual([]);
    expect(existsSync(temp)).toBe(true);
  });
});
