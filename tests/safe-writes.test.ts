// Every file is written whole or not at all, and a write that fails says so in
// one line: on a full disk (injected under the write module, which always runs,
// and on a real small tmpfs where the tests may mount one), on a read-only or
// forbidden folder, or with --out and --redline naming the wrong kind of thing.
// The clean-up of interrupted writes never takes a user's file, and no lock
// left behind makes a build wait.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyProject, spawnCollecting, type CliRun } from './support/project.js';
import { projectRoot } from './support/read-outputs.js';

const PACK = 'met-dac-2021';
const TODAY = '2020-12-14';
const bin = path.join(projectRoot, 'bin/packs.js');
const failWrites = path.join(projectRoot, 'tests/support/fail-writes.cjs');

const packs = (root: string, args: string[], fault?: { mode: string; nth?: number }): Promise<CliRun> =>
  spawnCollecting(process.execPath, [...(fault ? ['--require', failWrites] : []), bin, ...args], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1', ...(fault ? { PACKS_FAIL_WRITE: fault.mode, PACKS_FAIL_NTH: String(fault.nth ?? 1) } : {}) },
  });

/** Every file under `folder` with its bytes, to compare before and after. */
function snapshot(folder: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(folder, { recursive: true, encoding: 'utf8' }).sort()) {
    const file = path.join(folder, name);
    try {
      files.set(name, readFileSync(file).toString('base64'));
    } catch {
      // a folder
    }
  }
  return files;
}

const leftovers = (folder: string) => readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((name) => /(^|\/)(\.~packs-writing\.|\.packs-edit-journal\.json)/.test(name));
const noStackTrace = (run: CliRun) => expect(run.stderr).not.toMatch(/^\s+at /m);

/** A built project whose role has changed since, so the next build writes new files. */
async function builtThenChanged(out = 'out'): Promise<string> {
  const root = copyProject();
  expect((await packs(root, ['build', PACK, '--out', out, '--today', TODAY, '--jobs', '1'])).status).toBe(0);
  const role = path.join(root, 'packs', PACK, 'role.yaml');
  writeFileSync(role, readFileSync(role, 'utf8').replace(/Deputy Assistant Commissioner/, 'Deputy Assistant Commissioner (London)'));
  return root;
}

const canMount = (() => {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const probe = mkdtempSync(path.join(tmpdir(), 'mount-probe-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe]).status === 0;
  if (mounted) spawnSync('umount', [probe]);
  return mounted;
})();

/** A tmpfs of `size` at a new folder (the caller unmounts it). */
function tmpfs(size: string, options = ''): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'tmpfs-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}${options}`, 'tmpfs', folder]);
  expect(mounted.status, String(mounted.stderr)).toBe(0);
  return folder;
}

describe('a full disk, injected under the write module (a short write, then ENOSPC)', () => {
  it('packs build: the previous outputs and build state stay whole, no temporary file is left, one line and exit 1', async () => {
    const root = await builtThenChanged();
    const before = snapshot(path.join(root, 'out'));
    const run = await packs(root, ['build', PACK, '--out', 'out', '--today', TODAY, '--jobs', '1'], { mode: 'enospc' });
    expect(run.stderr).toBe(`packs: could not write out/${PACK}.pdf: the disk is full; it was left as it was. Free some space and run the command again.\n`);
    expect(run.status).toBe(1);
    expect(snapshot(path.join(root, 'out'))).toEqual(before);
    expect(leftovers(root)).toEqual([]);
  });

  it('packs set: nothing changes when the journal, the data file or a later file cannot be written', async () => {
    // The files an edit writes, in order: the journal, timeline.yaml, pack.yaml, changelog.yaml.
    for (const [nth, file] of [
      [1, '.packs-edit-journal.json'],
      [2, `packs/${PACK}/timeline.yaml`],
      [3, `packs/${PACK}/pack.yaml`],
      [4, `packs/${PACK}/changelog.yaml`],
    ] as const) {
      const root = copyProject();
      const before = snapshot(path.join(root, 'packs'));
      const run = await packs(root, ['set', PACK, 'timeline.final-interview.date', '2021-01-27', '--today', TODAY], { mode: 'enospc', nth });
      expect(run.stderr, `failing write ${nth}`).toBe(`packs: could not write ${file}: the disk is full; nothing was changed. Free some space and run the command again.\n`);
      expect(run.status).toBe(1);
      expect(snapshot(path.join(root, 'packs')), `failing write ${nth}`).toEqual(before);
      expect(leftovers(root)).toEqual([]);
    }
  });
});

describe('a full disk, for real: a small tmpfs (where one can be mounted; otherwise the same faults injected)', () => {
  it('packs build and packs set leave every file whole, with one line and exit 1', async () => {
    if (!canMount) {
      // No mount here (a CI runner without privileges): the injected faults above hold the guarantee;
      // run the build case once more through them so this test still proves something.
      const root = await builtThenChanged();
      const run = await packs(root, ['build', PACK, '--out', 'out', '--today', TODAY, '--jobs', '1'], { mode: 'enospc' });
      expect(run.status).toBe(1);
      expect(leftovers(root)).toEqual([]);
      return;
    }
    // Build: the first PDF (about 340 KB) fits, a second one beside it does not.
    const root = await builtThenChanged();
    const disk = tmpfs('500k');
    try {
      expect((await packs(root, ['build', PACK, '--out', disk, '--today', TODAY, '--only', 'pdf', '--jobs', '1'])).status).toBe(0);
      const before = snapshot(disk);
      const full = await packs(root, ['build', PACK, '--out', disk, '--today', TODAY, '--only', 'pdf', '--jobs', '1', '--force']);
      expect(full.stderr).toBe(`packs: could not write ${disk}/${PACK}.pdf: the disk is full; it was left as it was. Free some space and run the command again.\n`);
      expect(full.status).toBe(1);
      expect(snapshot(disk)).toEqual(before);
    } finally {
      spawnSync('umount', [disk]);
    }
    // Set: the project on a tmpfs with 4 KB left, less than the edit's journal needs.
    const project = tmpfs('2m');
    try {
      cpSync(path.join(root, 'packs'), path.join(project, 'packs'), { recursive: true });
      cpSync(path.join(root, 'templates'), path.join(project, 'templates'), { recursive: true });
      const free = () => Number(spawnSync('df', ['--output=avail', '-B1', project], { encoding: 'utf8' }).stdout.split('\n')[1]);
      writeFileSync(path.join(project, 'filler'), Buffer.alloc(free() - 4096));
      const before = snapshot(path.join(project, 'packs'));
      const run = await packs(project, ['set', PACK, 'timeline.final-interview.date', '2021-01-27', '--today', TODAY]);
      expect(run.stderr).toMatch(/^packs: could not write (\.packs-edit-journal\.json|packs\/met-dac-2021\/\S+): the disk is full; nothing was changed\. Free some space and run the command again\.\n$/);
      expect(run.status).toBe(1);
      expect(snapshot(path.join(project, 'packs'))).toEqual(before);
      expect(leftovers(project)).toEqual([]);
    } finally {
      spawnSync('umount', [project]);
    }
  });
});

describe('a folder the tool may not write', () => {
  it('--out on a read-only disk or a forbidden folder: one line naming it and what to do, exit 1, no stack trace', async () => {
    const root = await builtThenChanged();
    const before = snapshot(path.join(root, 'out'));
    const readOnly = await packs(root, ['build', PACK, '--out', 'out', '--today', TODAY, '--jobs', '1'], { mode: 'erofs' });
    expect(readOnly.stderr).toBe(`packs: could not write out/${PACK}.pdf: the disk is read-only; it was left as it was. Choose a folder on a disk you can write to.\n`);
    expect(readOnly.status).toBe(1);
    const forbidden = await packs(root, ['build', PACK, '--out', 'out', '--today', TODAY, '--jobs', '1'], { mode: 'eacces' });
    expect(forbidden.stderr).toBe(`packs: could not write out/${PACK}.pdf: permission denied; it was left as it was. Choose a folder you may write to, or ask for access to this one.\n`);
    expect(forbidden.status).toBe(1);
    expect(snapshot(path.join(root, 'out'))).toEqual(before);
    if (canMount) {
      // And a real read-only mount, where one can be made: the lock cannot even be taken.
      const disk = tmpfs('64k', ',ro');
      try {
        const run = await packs(root, ['build', PACK, '--out', disk, '--today', TODAY, '--jobs', '1']);
        expect(run.stderr).toBe(`packs: could not write ${disk}: the disk is read-only; nothing was written. Choose a folder on a disk you can write to.\n`);
        expect(run.status).toBe(1);
        const below = await packs(root, ['build', PACK, '--out', path.join(disk, 'new'), '--today', TODAY, '--jobs', '1']);
        expect(below.stderr).toBe(`packs: could not write ${disk}/new: the disk is read-only; nothing was written. Choose a folder on a disk you can write to.\n`);
      } finally {
        spawnSync('umount', [disk]);
      }
    }
  });

  it('--out naming a file, and --redline naming a folder, are usage mistakes: one line, exit 2', async () => {
    const root = copyProject();
    writeFileSync(path.join(root, 'notes.txt'), 'mine\n');
    mkdirSync(path.join(root, 'redlines'));
    const out = await packs(root, ['build', PACK, '--out', 'notes.txt', '--today', TODAY]);
    expect(out.stderr).toBe('packs: --out notes.txt is a file, not a folder; give the folder to write the files into\n');
    expect(out.status).toBe(2);
    expect(readFileSync(path.join(root, 'notes.txt'), 'utf8')).toBe('mine\n');
    const below = await packs(root, ['build', PACK, '--out', 'notes.txt/packs', '--today', TODAY]);
    expect(below.stderr).toBe('packs: could not write notes.txt/packs: part of that path is a file, not a folder. Give a folder.\n');
    expect(below.status).toBe(2);
    const redline = await packs(root, ['diff', PACK, 'met-deputy-director-project-delivery', '--redline', 'redlines']);
    expect(redline.stderr).toBe('packs: --redline redlines is a folder; give the name of the file to write, like redlines/changes.docx\n');
    expect(redline.status).toBe(2);
    for (const run of [out, below, redline]) noStackTrace(run);
  });
});

describe('clearing what interrupted writes left', () => {
  it("removes only this tool's temporary files whose writer is gone, never a user's file named like one", async () => {
    const root = await builtThenChanged();
    const out = path.join(root, 'out');
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    const users = ['report.pdf.123', `${PACK}.pdf.4567`, '.packs-build-state.json.99', 'draft.docx.2'];
    for (const name of users) writeFileSync(path.join(out, name), 'a file of the user\n');
    const abandoned = `.~packs-writing.${gone}.0123456789ab.${PACK}.pdf`;
    const ongoing = `.~packs-writing.${process.pid}.0123456789ab.${PACK}.docx`; // a live writer's: not to be touched
    writeFileSync(path.join(out, abandoned), '%PDF-1.7 half');
    writeFileSync(path.join(out, ongoing), 'PK half');
    expect((await packs(root, ['build', PACK, '--out', 'out', '--today', TODAY])).status).toBe(0);
    const left = readdirSync(out);
    for (const name of users) expect(left, name).toContain(name);
    expect(left).toContain(ongoing);
    expect(left).not.toContain(abandoned);
  });
});

describe('a lock nobody keeps', () => {
  // Each build must finish well within the test's timeout: the lock of the version before this one
  // made a build wait 120 s for an empty lock file or one naming a live process that is not a build.
  it('an empty lock file, one naming a live process that is not a build, and a lock its holder stopped keeping do not hold a build up', async () => {
    const root = copyProject();
    const out = path.join(root, 'out');
    mkdirSync(out);
    const build = () => packs(root, ['build', PACK, '--out', 'out', '--today', TODAY, '--force', '--only', 'pdf']);
    for (const [lock, contents] of [
      ['.packs-build.lock', ''],
      ['.packs-build.lock', String(process.pid)],
    ] as const) {
      writeFileSync(path.join(out, lock), contents);
      const run = await build();
      expect(run.status, run.stderr).toBe(0);
    }
    // This version's lock, left by a build that was killed a minute ago: a folder, and (not ours) a file.
    const minuteAgo = new Date(Date.now() - 60_000);
    mkdirSync(path.join(out, '.packs-output.lock'));
    utimesSync(path.join(out, '.packs-output.lock'), minuteAgo, minuteAgo);
    expect((await build()).status).toBe(0);
    expect(existsSync(path.join(out, '.packs-output.lock'))).toBe(false);
    writeFileSync(path.join(out, '.packs-output.lock'), '');
    utimesSync(path.join(out, '.packs-output.lock'), minuteAgo, minuteAgo);
    expect((await build()).status).toBe(0);
    expect(existsSync(path.join(out, '.packs-output.lock'))).toBe(false);
  }, 60_000);
});
