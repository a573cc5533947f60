// Where a command works: the project found from any folder inside it, as git and
// tsc find theirs; --root over that; paths the user types meant from their own
// folder, under `npm run packs -- …` too; and the folder a command wrote to,
// named as the user would type it.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findProjectRoot } from '../dist/cli/project-root.js';
import { userFolder } from '../dist/cli/user-folder.js';
import { copyProject, runCli, runCliProcess, spawnCollecting } from './support/project.js';
import { projectRoot } from './support/read-outputs.js';

const DAC = 'met-dac-2021';
const DD = 'met-deputy-director-project-delivery';
const W = 'wealdmere-head-of-housing-2027';

/** A folder that is in no project: nothing at or above it holds packs/. */
function outsideAnyProject(): string {
  const folder = realpathSync(mkdtempSync(path.join(tmpdir(), 'packs-nowhere-')));
  expect(findProjectRoot(folder), `a folder above ${folder} holds packs/`).toBeUndefined();
  return folder;
}

describe('the project, found upward', () => {
  it('is the nearest folder at or above the current one that holds packs/', () => {
    const root = copyProject();
    for (const folder of ['.', 'packs', `packs/${DAC}`, 'packs/shared/pay-scales', 'templates/sections']) {
      expect(findProjectRoot(path.join(root, folder)), folder).toBe(root);
    }
    // A project inside a project: the nearer one.
    const inner = path.join(root, 'packs', DAC, 'nested');
    mkdirSync(path.join(inner, 'packs'), { recursive: true });
    expect(findProjectRoot(inner)).toBe(inner);
    // A file named packs is not a project's folder.
    const notProject = outsideAnyProject();
    writeFileSync(path.join(notProject, 'packs'), '');
    expect(findProjectRoot(notProject)).toBeUndefined();
  });

  it('run from inside a pack folder, every command finds the project', async () => {
    const root = copyProject();
    const inPack = path.join(root, 'packs', DAC);
    expect(await runCli(['validate', '--today', '2020-12-01'], inPack)).toEqual({ status: 0, stdout: `✓ ${DAC}\n✓ ${DD}\n✓ ${W}\n`, stderr: '' });
    expect((await runCli(['list'], inPack)).stdout).toBe(`${DAC}\n${DD}\n${W}\n`);
    expect((await runCli(['show', DAC, '--today', '2020-12-01'], inPack)).stdout).toContain('Role:     Deputy Assistant Commissioner\n');
    const set = await runCli(['set', DAC, 'timeline.final-interview.date', '2021-01-27', '--today', '2020-12-01'], inPack);
    expect(set.status, set.stderr).toBe(0);
    expect(readFileSync(path.join(inPack, 'timeline.yaml'), 'utf8')).toContain('    date: 2021-01-27\n');
    // The diagnostics name files from the project, as from its folder.
    const warned = await runCli(['validate', DAC, '--today', '2021-01-28'], inPack);
    expect(warned.stderr).toContain(`packs/${DAC}/timeline.yaml:11:11  warning  stage "Application Pack" is on 2021-01-11, which is before today (2021-01-28)  [date-in-past]`);
  });

  it('builds into the project’s output/ from any folder in it, and says where the files are', async () => {
    const root = copyProject();
    const inPack = path.join(root, 'packs', DD);
    const run = await runCli(['build', DD, '--only', 'pdf', '--today', '2020-12-01'], inPack);
    expect(run.status, run.stderr).toBe(0);
    expect(readdirSync(path.join(root, 'output')).sort()).toEqual(['.packs-build-state.json', `${DD}.pdf`]);
    expect(existsSync(path.join(inPack, 'output'))).toBe(false);
    // Outside the user's folder, the folder is named in full rather than with ../../.
    expect(run.stdout).toMatch(new RegExp(`^1 pack: 1 built, 0 up to date, 0 not built, in \\d+\\.\\d\\d s; files in ${path.join(root, 'output')}/$`, 'm'));
    // From the project's folder, relative.
    expect((await runCli(['build', DD, '--only', 'pdf', '--today', '2020-12-01'], root)).stdout).toMatch(/; files in output\/\n$/);
  });

  it('takes --out from the folder the user is in', async () => {
    const root = copyProject();
    const inPack = path.join(root, 'packs', DD);
    const run = await runCli(['build', DD, '--only', 'pdf', '--today', '2020-12-01', '--out', 'drafts'], inPack);
    expect(run.status, run.stderr).toBe(0);
    expect(readdirSync(path.join(inPack, 'drafts'))).toContain(`${DD}.pdf`);
    expect(run.stdout).toMatch(/; files in drafts\/\n$/);
    expect(existsSync(path.join(root, 'output'))).toBe(false);
  });

  it('says in one line, exit 2, that there is no project, naming the folder it looked from', async () => {
    const nowhere = outsideAnyProject();
    for (const command of [['validate'], ['build'], ['list'], ['show', DAC], ['set', DAC, 'pay.basic', '1'], ['diff', DAC, '--rev', 'HEAD']]) {
      expect(await runCli(command, nowhere), command.join(' ')).toEqual({
        status: 2,
        stdout: '',
        stderr: `packs: no project here: neither ${nowhere} nor any folder above it holds a packs/ folder (run packs inside the project's folder, or give --root <folder>)\n`,
      });
    }
  });

  it('takes --root over the project it would find, from the folder the user is in', async () => {
    const here = copyProject();
    const other = copyProject();
    rmSync(path.join(other, 'packs', DAC), { recursive: true });
    const inPack = path.join(here, 'packs', DAC);
    expect((await runCli(['list', '--root', other], inPack)).stdout).toBe(`${DD}\n${W}\n`);
    expect((await runCli(['list', '--root', path.relative(inPack, other)], inPack)).stdout).toBe(`${DD}\n${W}\n`);
    // A --root without packs/ is not looked above.
    const empty = outsideAnyProject();
    expect((await runCli(['validate', '--root', empty], inPack)).stderr).toBe(`packs: no packs found under ${path.join(empty, 'packs')}\n`);
  });
});

describe('packs diff, from a folder inside the project', () => {
  const git = (root: string, ...args: string[]) => execFileSync('git', ['-c', 'user.email=ci@example.org', '-c', 'user.name=CI', ...args], { cwd: root, stdio: 'pipe' });

  it('finds a pack by its id, and a revision of it, in the project', async () => {
    const root = copyProject();
    git(root, 'init', '-q');
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'approved');
    const timeline = path.join(root, 'packs', DAC, 'timeline.yaml');
    writeFileSync(timeline, readFileSync(timeline, 'utf8').replace('date: 2021-01-20', 'date: 2021-01-27'));
    const inPack = path.join(root, 'packs', DAC);
    const firstLine = 'Selection process › Final Interview Panel   20th January 2021 → 27th January 2021';
    const revision = await runCli(['diff', DAC, '--rev', 'HEAD'], inPack);
    expect([revision.status, revision.stderr, revision.stdout.split('\n')[0]]).toEqual([1, '', firstLine]);
    // Two ids, and a pack folder as typed from here ('.').
    const approved = path.join(root, 'packs', 'met-dac-2021-approved');
    cpSync(inPack, approved, { recursive: true });
    writeFileSync(path.join(approved, 'timeline.yaml'), readFileSync(timeline, 'utf8').replace('date: 2021-01-27', 'date: 2021-01-20'));
    writeFileSync(path.join(approved, 'pack.yaml'), readFileSync(path.join(approved, 'pack.yaml'), 'utf8').replace(`id: ${DAC}`, 'id: met-dac-2021-approved'));
    expect((await runCli(['diff', 'met-dac-2021-approved', DAC], inPack)).stdout.split('\n')[0]).toBe(firstLine);
    expect((await runCli(['diff', '../met-dac-2021-approved', '.'], inPack)).stdout.split('\n')[0]).toBe(firstLine);
  });

  it('compares two built files with no project anywhere, and says a pack id needs one', async () => {
    const built = copyProject();
    expect((await runCli(['build', DAC, '--today', '2020-12-01'], built)).status).toBe(0);
    const nowhere = outsideAnyProject();
    cpSync(path.join(built, 'output', `${DAC}.pdf`), path.join(nowhere, 'a.pdf'));
    cpSync(path.join(built, 'output', `${DAC}.docx`), path.join(nowhere, 'b.docx'));
    expect(await runCli(['diff', 'a.pdf', 'b.docx'], nowhere)).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(await runCli(['diff', 'a.pdf', DAC], nowhere)).toEqual({
      status: 2,
      stdout: '',
      stderr: `packs diff: "${DAC}" is not a built .pdf or .docx or a pack folder, and there is no project here (a folder holding packs/) to find a pack of that name in\n`,
    });
  });

  it('writes the redline where the user said, and says where', async () => {
    const root = copyProject();
    const other = copyProject([{ file: `packs/${DAC}/timeline.yaml`, find: 'date: 2021-01-20', replace: 'date: 2021-01-27' }]);
    const inPack = path.join(root, 'packs', DAC);
    const run = await runCli(['diff', DAC, path.join(other, 'packs', DAC), '--redline', 'review.docx', '--format', 'json'], inPack);
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout).changes[0].key).toBe('Selection process › Final Interview Panel');
    expect(run.stderr).toBe('redline written to review.docx\n');
    expect(readFileSync(path.join(inPack, 'review.docx')).subarray(0, 2).toString()).toBe('PK');
    const elsewhere = path.join(outsideAnyProject(), 'review.docx');
    expect((await runCli(['diff', DAC, path.join(other, 'packs', DAC), '--redline', elsewhere], inPack)).stderr).toBe(`redline written to ${elsewhere}\n`);
  });
});

describe('the folder the user typed the command in', () => {
  const packageJson = path.join(projectRoot, 'package.json');
  const typedIn = path.join(projectRoot, 'packs', DAC);

  it('is the one npm leaves in INIT_CWD when it runs the packs or build script in the package’s folder', () => {
    for (const script of ['packs', 'build']) {
      expect(userFolder({ INIT_CWD: typedIn, npm_lifecycle_event: script, npm_package_json: packageJson }, projectRoot), script).toBe(typedIn);
    }
  });

  it('is the current folder for any other process INIT_CWD was passed down to', () => {
    const elsewhere = outsideAnyProject();
    // `npm test` ran the process that started this one.
    expect(userFolder({ INIT_CWD: typedIn, npm_lifecycle_event: 'test', npm_package_json: packageJson }, projectRoot)).toBe(projectRoot);
    // A packs script started a process in another folder (or changed folder before running packs).
    expect(userFolder({ INIT_CWD: typedIn, npm_lifecycle_event: 'packs', npm_package_json: packageJson }, elsewhere)).toBe(elsewhere);
    // Not from npm at all, or an npm older than 7, which does not say which package.json.
    expect(userFolder({}, elsewhere)).toBe(elsewhere);
    expect(userFolder({ INIT_CWD: typedIn, npm_lifecycle_event: 'packs' }, projectRoot)).toBe(projectRoot);
  });

  it('in its own process, a stray INIT_CWD from `npm test` does not move the command', async () => {
    const root = copyProject();
    rmSync(path.join(root, 'packs', DAC), { recursive: true }); // unlike the project INIT_CWD is in
    const run = await runCliProcess(['list'], {
      cwd: root,
      env: { INIT_CWD: path.join(projectRoot, 'packs'), npm_lifecycle_event: 'test', npm_package_json: path.join(root, 'package.json') },
    });
    expect(run).toEqual({ status: 0, stdout: `${DD}\n${W}\n`, stderr: '' });
  });
});

describe('npm run packs -- …', () => {
  /** `npm run packs -- <args>` typed in `cwd`; in a folder outside the tool's, `--prefix` names the tool's folder. */
  const npmRunPacks = (cwd: string, args: string[], prefix: string[] = []) =>
    spawnCollecting('npm', [...prefix, '--silent', '--no-update-notifier', 'run', 'packs', '--', ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });

  it('works on the project the user is in, with paths as the user typed them', async () => {
    const root = copyProject();
    rmSync(path.join(root, 'packs', DAC), { recursive: true }); // unlike the tool's own project
    const inPack = path.join(root, 'packs', DD);
    const tool = ['--prefix', projectRoot];
    expect(await npmRunPacks(inPack, ['validate', '--today', '2020-12-01'], tool)).toEqual({ status: 0, stdout: `✓ ${DD}\n✓ ${W}\n`, stderr: '' });
    const build = await npmRunPacks(inPack, ['build', DD, '--only', 'pdf', '--today', '2020-12-01', '--out', 'drafts'], tool);
    expect(build.status, build.stderr).toBe(0);
    expect(build.stdout).toMatch(/; files in drafts\/\n$/);
    expect(readdirSync(path.join(inPack, 'drafts'))).toContain(`${DD}.pdf`);
  });

  it('in the tool’s own folder, works on its packs', async () => {
    const run = await npmRunPacks(path.join(projectRoot, 'packs', DAC), ['list']);
    expect(run).toEqual({ status: 0, stdout: `${DAC}\n${DD}\n${W}\n`, stderr: '' });
  });
});
