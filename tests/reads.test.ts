// Every file the tool reads from a project is inside it and an ordinary file
// (src/pack/project-files.ts): a link out of the project is refused without
// being read, so none of what it leads to is ever printed; a named pipe, which
// a read would wait on for ever, is refused without being opened. Pipes cannot
// be committed as fixtures, so they are made here; the commands that meet one
// run as processes of their own, killed if they hang (a hung read would block
// this test's own thread), and each must end with exactly its diagnostic.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './support/read-outputs.js';
import { runCli, spawnCollecting, type CliRun } from './support/project.js';

/** The base fixture pack and the project's templates, in a new folder. */
function project(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'packs-reads-'));
  cpSync(path.join(projectRoot, 'tests/fixtures/base'), root, { recursive: true });
  cpSync(path.join(projectRoot, 'templates'), path.join(root, 'templates'), { recursive: true });
  return root;
}

/** A file outside any project holding a line no output may ever show. */
const SECRET = 'AWS_SECRET_ACCESS_KEY=never-print-this-7f3a';
function secretFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'packs-secret-'));
  const file = path.join(dir, 'environ');
  writeFileSync(file, `${SECRET}\nsecond: line\n`);
  return file;
}

/** Replaces a file of the project with a symbolic link to `target`. */
function linkInPlaceOf(root: string, file: string, target: string): void {
  rmSync(path.join(root, file));
  symlinkSync(target, path.join(root, file));
}

/** Replaces a file of the project (or makes one) with a named pipe that nothing ever writes to. */
function pipeInPlaceOf(root: string, file: string): void {
  rmSync(path.join(root, file), { force: true });
  execFileSync('mkfifo', [path.join(root, file)]);
}

/** Runs `packs <args>` as its own process, killed after a minute: a command that hangs shows as status null. */
function runBounded(args: string[], cwd: string): Promise<CliRun> {
  return spawnCollecting(process.execPath, [path.join(projectRoot, 'bin/packs.js'), ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
}

const printed = (run: CliRun) => `${run.stderr}[exit ${run.status}]\n`;

describe('symbolic links', () => {
  it('to a secret outside the project, as pack.yaml or as a data file, are refused unread and nothing of it is printed; links inside the project are followed', async () => {
    const secret = secretFile();
    const root = project();
    linkInPlaceOf(root, 'packs/sample-pack/pack.yaml', secret);
    const expected =
      'packs/sample-pack/pack.yaml  error  packs/sample-pack/pack.yaml links to a file outside the project  [file-outside-project]\n' +
      '    hint: copy the file into the project instead of linking to it\n\n1 error, 0 warnings\n[exit 1]\n';
    expect(printed(await runCli(['validate', '--today', '2021-01-01'], root))).toBe(expected);
    for (const args of [['validate'], ['build'], ['list'], ['show', 'sample-pack'], ['set', 'sample-pack', 'pay.basic', '1'], ['diff', 'sample-pack', 'packs/sample-pack']]) {
      const run = await runCli([...args, '--root', root], root);
      expect(`${run.stdout}${run.stderr}`).not.toContain('never-print-this');
      expect(`${run.stdout}${run.stderr}`).not.toContain('second: line');
    }

    const dataRoot = project();
    linkInPlaceOf(dataRoot, 'packs/shared/values.yaml', secret);
    const run = await runCli(['validate', '--today', '2021-01-01'], dataRoot);
    expect(printed(run)).toBe(
      'packs/sample-pack/pack.yaml:12:11  error  values file "../shared/values.yaml" is outside the project  [file-outside-project]\n' +
        '    12 |   values: ../shared/values.yaml\n' +
        '       |           ^\n' +
        '    hint: data files must be inside the project folder\n\n1 error, 0 warnings\n[exit 1]\n',
    );
    expect(run.stdout + run.stderr).not.toContain('never-print-this');

    // A link inside the project to a file inside it is read as that file, pack.yaml included.
    const insideRoot = project();
    cpSync(path.join(insideRoot, 'packs/shared/values.yaml'), path.join(insideRoot, 'packs/shared/values-2021.yaml'));
    linkInPlaceOf(insideRoot, 'packs/shared/values.yaml', 'values-2021.yaml');
    cpSync(path.join(insideRoot, 'packs/sample-pack/pack.yaml'), path.join(insideRoot, 'packs/sample-pack/pack.source.yaml'));
    linkInPlaceOf(insideRoot, 'packs/sample-pack/pack.yaml', 'pack.source.yaml');
    expect(printed(await runCli(['validate', '--today', '2021-01-01'], insideRoot))).toBe('[exit 0]\n');
  });
});

describe('a named pipe where a file should be', () => {
  it('as a data file: refused at the line that names it, without waiting on it', async () => {
    const root = project();
    pipeInPlaceOf(root, 'packs/shared/values.yaml');
    expect(printed(await runBounded(['validate', '--today', '2021-01-01'], root))).toBe(
      'packs/sample-pack/pack.yaml:12:11  error  packs/shared/values.yaml is a named pipe, not a file  [not-a-file]\n' +
        '    12 |   values: ../shared/values.yaml\n' +
        '       |           ^\n' +
        '    hint: the tool reads only ordinary files: put the file itself here\n\n1 error, 0 warnings\n[exit 1]\n',
    );
  });

  it('as pack.yaml: the pack is still found, and refused', async () => {
    const root = project();
    pipeInPlaceOf(root, 'packs/sample-pack/pack.yaml');
    expect(printed(await runBounded(['validate', '--today', '2021-01-01'], root))).toBe(
      'packs/sample-pack/pack.yaml  error  packs/sample-pack/pack.yaml is a named pipe, not a file  [not-a-file]\n' +
        '    hint: the tool reads only ordinary files: put the file itself here\n\n1 error, 0 warnings\n[exit 1]\n',
    );
  });

  it('among the partials: validate and build both end, saying which', async () => {
    const root = project();
    pipeInPlaceOf(root, 'templates/partials/stalled.hbs');
    const expected =
      'templates/partials/stalled.hbs  error  partial templates/partials/stalled.hbs is a named pipe, not a file  [not-a-file]\n' +
      '    hint: the tool reads only ordinary files: put the file itself here\n\n1 error, 0 warnings\n[exit 1]\n';
    expect(printed(await runBounded(['validate', '--today', '2021-01-01'], root))).toBe(expected);
    expect(printed(await runBounded(['build', '--today', '2021-01-01'], root))).toBe(expected);
  });

  it('as a section template: refused, not read', async () => {
    const root = project();
    pipeInPlaceOf(root, 'templates/sections/cover.md.hbs');
    expect(printed(await runBounded(['validate', '--today', '2021-01-01'], root))).toBe(
      'templates/sections/cover.md.hbs  error  template templates/sections/cover.md.hbs is a named pipe, not a file  [not-a-file]\n' +
        '    hint: the tool reads only ordinary files: put the file itself here\n\n1 error, 0 warnings\n[exit 1]\n',
    );
  });

  it('put in place of a data file after a build: the next build, checking what changed, does not wait on it', async () => {
    const root = project();
    expect((await runBounded(['build', '--today', '2021-01-01'], root)).status).toBe(0);
    pipeInPlaceOf(root, 'packs/shared/values.yaml');
    const run = await runBounded(['build', '--today', '2021-01-01'], root);
    expect([run.status, run.stderr.split('\n')[0]]).toEqual([1, 'packs/sample-pack/pack.yaml:12:11  error  packs/shared/values.yaml is a named pipe, not a file  [not-a-file]']);
  });

  it('as the change log: packs set changes nothing, and says why', async () => {
    const root = project();
    pipeInPlaceOf(root, 'packs/sample-pack/changelog.yaml');
    const before = readFileSync(path.join(root, 'packs/shared/pay-scale.yaml'), 'utf8');
    const run = await runBounded(['set', 'sample-pack', 'pay.basic', '51000', '--today', '2021-01-01'], root);
    expect([run.status, run.stderr]).toEqual([
      1,
      'packs set: packs/sample-pack/changelog.yaml is a named pipe, not a file, so the change could not be logged; nothing was changed (make it an ordinary file in the pack folder)\n',
    ]);
    expect(readFileSync(path.join(root, 'packs/shared/pay-scale.yaml'), 'utf8')).toBe(before);
  });
});

describe('a file saved again while it is read', () => {
  // tests/support/save-after-check.cjs saves the file again between the tool's check of it and its opening of it.
  it('is read as saved, not reported as missing', async () => {
    const root = project();
    const run = await spawnCollecting(
      process.execPath,
      ['--require', path.join(projectRoot, 'tests/support/save-after-check.cjs'), path.join(projectRoot, 'bin/packs.js'), 'validate', '--today', '2021-01-01'],
      { cwd: root, env: { ...process.env, NO_COLOR: '1', PACKS_SAVE_AFTER_CHECK: 'packs/sample-pack/role.yaml' }, timeout: 60_000 },
    );
    expect(printed(run)).toBe('[exit 0]\n');
  });
});

describe('a file the user may not read', () => {
  // Tests run as root, whom permissions do not stop: tests/support/deny-reads.cjs makes opening the file fail with EACCES.
  const denyReads = path.join(projectRoot, 'tests/support/deny-reads.cjs');
  const validateDenying = (root: string, files: string): Promise<CliRun> =>
    spawnCollecting(process.execPath, ['--require', denyReads, path.join(projectRoot, 'bin/packs.js'), 'validate', '--today', '2021-01-01'], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', PACKS_DENY_READ: files },
      timeout: 60_000,
    });
  const HINT = "    hint: check the file's permissions (and its folder's): the tool must be allowed to read it\n";

  it('a data file or a template is reported as unreadable, not as missing', async () => {
    const root = project();
    expect(printed(await validateDenying(root, 'packs/sample-pack/role.yaml'))).toBe(
      'packs/sample-pack/pack.yaml:13:9  error  packs/sample-pack/role.yaml cannot be read: permission denied  [file-unreadable]\n' +
        '    13 |   role: role.yaml\n' +
        '       |         ^\n' +
        HINT +
        '\n1 error, 0 warnings\n[exit 1]\n',
    );
    expect(printed(await validateDenying(root, 'templates/sections/cover.md.hbs'))).toBe(
      'templates/sections/cover.md.hbs  error  template templates/sections/cover.md.hbs cannot be read: permission denied  [file-unreadable]\n' +
        HINT +
        '\n1 error, 0 warnings\n[exit 1]\n',
    );
  });

  it('an image is reported as unreadable, not as missing', async () => {
    const root = project();
    cpSync(path.join(projectRoot, 'tests/fixtures/image-not-found/packs/shared/organisation.yaml'), path.join(root, 'packs/shared/organisation.yaml'));
    const organisation = path.join(root, 'packs/shared/organisation.yaml');
    writeFileSync(organisation, readFileSync(organisation, 'utf8').replace('images/chrat.png', 'chart.png'));
    cpSync(path.join(projectRoot, 'tests/support/chart.png'), path.join(root, 'packs/shared/chart.png'));
    expect(printed(await validateDenying(root, 'packs/shared/chart.png'))).toBe(
      'packs/shared/organisation.yaml:19:12  error  image packs/shared/chart.png cannot be read: permission denied  [file-unreadable]\n' +
        '    19 |     image: chart.png\n' +
        '       |            ^\n' +
        HINT +
        '\n1 error, 0 warnings\n[exit 1]\n',
    );
  });
});

describe('size limits', () => {
  it('a template over 1 MB is refused before it is read', async () => {
    const root = project();
    writeFileSync(path.join(root, 'templates/sections/cover.md.hbs'), '# Cover\n' + 'x'.repeat(1024 * 1024));
    const run = await runCli(['validate', '--today', '2021-01-01'], root);
    expect(printed(run)).toBe(
      'templates/sections/cover.md.hbs  error  template templates/sections/cover.md.hbs is 1048584 bytes; templates may be at most 1048576 bytes  [file-too-large]\n' +
        '    hint: check that this is the right file\n\n1 error, 0 warnings\n[exit 1]\n',
    );
  });
});
