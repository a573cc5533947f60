// `packs build` starts from a startup snapshot of the tool, made by `npm ci` and
// by `npm test` (scripts/build-snapshot.mjs): the same bytes as a build that
// loads the tool as usual, the project's own templates even when they changed
// after the snapshot was made, and no snapshot at all once the tool has changed.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  argumentsFromSnapshot,
  currentSnapshotKey,
  freshSnapshot,
  lessOptimisation,
  SNAPSHOT_BLOB,
  SNAPSHOT_BUNDLE,
  SNAPSHOT_DIR,
  SNAPSHOT_KEY_FILE,
  SNAPSHOT_V8_FLAGS,
  MANY_PACKS,
  snapshotAllowed,
  type SnapshotSituation,
} from '../dist/startup/startup-snapshot.js';
import { packIdsIn, packsAskedFor } from '../dist/startup/pack-count.js';
import { oneByteSource } from '../scripts/one-byte-source.mjs';
import { copyProject } from './support/project.js';
import { pdfPages, projectRoot } from './support/read-outputs.js';

const build: SnapshotSituation = { args: ['build'], execArgv: [], env: {}, platform: 'linux', cores: 2 };

describe('when packs may start from the snapshot', () => {
  it('is for packs build, with no Node flags but preloaded modules, and not when turned off or on Windows', () => {
    expect(snapshotAllowed(build)).toBe(true);
    expect(snapshotAllowed({ ...build, args: ['build', 'met-dac-2021', '--only', 'pdf'] })).toBe(true);
    expect(snapshotAllowed({ ...build, env: { NODE_OPTIONS: '--require ./a.cjs -r b.cjs --import=./c.mjs' } })).toBe(true);
    // Told to build in workers, the warm thread would only hand them the packs.
    for (const jobs of [['--jobs', '1'], ['-j', '1'], ['--jobs=1'], ['-j1']]) expect(snapshotAllowed({ ...build, args: ['build', ...jobs] })).toBe(true);
    for (const jobs of [['--jobs', '2'], ['-j', '4'], ['--jobs=2'], ['-j2']]) expect(snapshotAllowed({ ...build, args: ['build', ...jobs] })).toBe(false);
    expect(snapshotAllowed({ ...build, args: ['build', '--', '--jobs', '2'] })).toBe(true);
    // Watch mode keeps running: it would pay for the snapshot's interpreted regular expressions on every rebuild.
    for (const args of [['watch'], ['validate'], ['list'], ['show', 'met-dac-2021'], ['--help'], []]) expect(snapshotAllowed({ ...build, args })).toBe(false);
    // Node's own flags could differ from the snapshot's (Node would refuse it) or attach a debugger.
    expect(snapshotAllowed({ ...build, execArgv: ['--inspect-brk'] })).toBe(false);
    expect(snapshotAllowed({ ...build, execArgv: ['--require', 'a.cjs'] })).toBe(false);
    expect(snapshotAllowed({ ...build, env: { NODE_OPTIONS: '--max-old-space-size=4096' } })).toBe(false);
    expect(snapshotAllowed({ ...build, env: { NODE_OPTIONS: '--require a.cjs --expose-gc' } })).toBe(false);
    expect(snapshotAllowed({ ...build, env: { PACKS_NO_SNAPSHOT: '1' } })).toBe(false);
    expect(snapshotAllowed({ ...build, env: { PACKS_NO_RELAUNCH: '1' } })).toBe(false);
    expect(snapshotAllowed({ ...build, platform: 'win32' })).toBe(false);
  });

  it('is not for many packs on two cores or more, unless --jobs 1 asks for one thread', () => {
    const packs = (n: number) => () => n;
    expect(snapshotAllowed(build, packs(MANY_PACKS - 1))).toBe(true);
    expect(snapshotAllowed(build, packs(MANY_PACKS))).toBe(false);
    expect(snapshotAllowed({ ...build, cores: 1 }, packs(500))).toBe(true);
    expect(snapshotAllowed({ ...build, args: ['build', '--jobs', '1'] }, packs(500))).toBe(true);
    // The packs are counted last, when nothing else has ruled the snapshot out.
    expect(snapshotAllowed({ ...build, args: ['watch'] }, () => expect.unreachable())).toBe(false);
  });

  it('counts the packs a build asks for from the project: the packs named, or all of them and their variants, or a shard', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'packs-count-'));
    const write = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    };
    write('packs/campaign/pack.yaml', 'id: campaign\nvariants: # one a borough\n  - id: campaign-camden\n    set: {role.title: A}\n  - id: "campaign-hackney"\n    set:\n      role.title: B\ndata:\n  - id: not-a-variant\n');
    write('packs/single/pack.yaml', 'id: single\n');
    // Flow style, and a block list whose entries are flow mappings or do not start with their id.
    write('packs/flow/pack.yaml', 'id: flow\nvariants: [{id: flow-a, set: {role.title: A}},\n  {id: "flow-b"}]  # two\nrole: role.yaml\n');
    write('packs/mixed/pack.yaml', 'id: mixed\nvariants:\n# at the margin\n  - {id: mixed-a}\n  - set:\n      role.title: B\n    id: mixed-b # last\n');
    write('packs/shared/organisations/met.yaml', 'name: Met\n');
    expect(packIdsIn(root)).toEqual(['campaign', 'campaign-camden', 'campaign-hackney', 'flow', 'flow-a', 'flow-b', 'mixed', 'mixed-a', 'mixed-b', 'single']);
    expect(packsAskedFor(['build'], root)).toBe(10);
    expect(packsAskedFor(['build', 'single'], root)).toBe(1);
    expect(packsAskedFor(['build', '--only', 'pdf', 'docx', 'campaign-hackney', 'single', '--force'], root)).toBe(2);
    expect(packsAskedFor(['build', '--shard', '1/3'], root)).toBe(4);
    expect(packsAskedFor(['build', '--shard=2/2', 'campaign', 'single'], root)).toBe(1);
    expect(packsAskedFor(['build', '--root', root], tmpdir())).toBe(10);
    expect(packsAskedFor(['build', `--root=${path.join(root, 'packs')}`], tmpdir())).toBe(0);
    rmSync(root, { recursive: true, force: true });
  });

  it("finds the command's arguments after Node's path, given once (Node 20) or twice", () => {
    expect(argumentsFromSnapshot(['/usr/bin/node', 'build', 'a', '--force'])).toEqual(['build', 'a', '--force']);
    expect(argumentsFromSnapshot(['/usr/bin/node', '/usr/bin/node', 'build', 'a'])).toEqual(['build', 'a']);
  });
});

describe('the V8 flags with which a build from the snapshot optimises less', () => {
  it('are for the V8s of Node 20, 22 and 24, each in the form that V8 knows, and none for others', () => {
    const inlining = '--max-inlined-bytecode-size-cumulative=200';
    expect(lessOptimisation('11.3.244.8-node.33')).toEqual(['--interrupt-budget=400000', inlining]);
    for (const later of ['12.4.254.21-node.33', '13.6.233.17-node.37']) expect(lessOptimisation(later)).toEqual(['--invocation-count-for-turbofan=18000', inlining]);
    // Node 21's V8 and those after Node 24's: a flag one of them lacked would stop Node.
    for (const other of ['11.8.172.17-node.19', '14.1.146.11-node.14']) expect(lessOptimisation(other)).toEqual([]);
  });

  it('are among the flags the snapshot is made and started with, and this Node accepts them', () => {
    const flags = lessOptimisation(process.versions.v8);
    for (const flag of flags) expect(SNAPSHOT_V8_FLAGS).toContain(flag);
    const run = spawnSync(process.execPath, [...SNAPSHOT_V8_FLAGS, '-e', '0'], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
  });
});

describe('a snapshot is used only when it was made from this very tool', () => {
  it('and not once its code, fonts, patches, package files or Node differ', () => {
    const tool = mkdtempSync(path.join(tmpdir(), 'packs-tool-'));
    const files: Record<string, string> = {
      'package.json': '{"name":"t"}',
      'package-lock.json': '{"lockfileVersion":3}',
      'dist/cli/main.js': 'export {};',
      'fonts/a.ttf': 'font',
      'patches/pdfkit+1.patch': 'patch',
    };
    for (const [file, text] of Object.entries(files)) {
      mkdirFor(path.join(tool, file));
      writeFileSync(path.join(tool, file), text);
    }
    const blob = path.join(tool, SNAPSHOT_DIR, SNAPSHOT_BLOB);
    mkdirFor(blob);
    writeFileSync(blob, 'blob');
    const keyFile = path.join(tool, SNAPSHOT_DIR, SNAPSHOT_KEY_FILE);
    writeFileSync(keyFile, JSON.stringify(currentSnapshotKey(tool)));
    expect(freshSnapshot(tool)).toBe(blob);

    for (const file of Object.keys(files)) {
      appendFileSync(path.join(tool, file), ' ');
      expect(freshSnapshot(tool), file).toBeUndefined();
      writeFileSync(path.join(tool, file), files[file]!);
      expect(freshSnapshot(tool), file).toBe(blob);
    }
    writeFileSync(keyFile, JSON.stringify({ ...currentSnapshotKey(tool), node: 'v20.0.0' }));
    expect(freshSnapshot(tool)).toBeUndefined();
    // Made in another folder: the paths the snapshot holds would be wrong here.
    writeFileSync(keyFile, JSON.stringify({ ...currentSnapshotKey(tool), root: path.join(tool, 'elsewhere') }));
    expect(freshSnapshot(tool)).toBeUndefined();
    writeFileSync(keyFile, JSON.stringify(currentSnapshotKey(tool)));
    rmSync(blob);
    expect(freshSnapshot(tool)).toBeUndefined();
    writeFileSync(blob, 'blob');
    writeFileSync(keyFile, 'not json');
    expect(freshSnapshot(tool)).toBeUndefined();
  });
});

const mkdirFor = (file: string) => mkdirSync(path.dirname(file), { recursive: true });

/** Runs `node <tool>/bin/packs.js <args>` in `cwd`, recording every Node process it starts and the flags it gave each. */
function recordedRun(tool: string, cwd: string, args: string[], env: Record<string, string> = {}) {
  const record = path.join(mkdtempSync(path.join(tmpdir(), 'packs-processes-')), 'processes.jsonl');
  const run = spawnSync(process.execPath, [path.join(tool, 'bin', 'packs.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env, NODE_OPTIONS: `--require ${path.join(projectRoot, 'tests/support/record-process.cjs')}`, RECORD_PROCESS_FILE: record },
  });
  const processes = readFileSync(record, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { execArgv: string[] });
  const fromSnapshot = processes.some((process) => process.execArgv.includes('--snapshot-blob'));
  return { status: run.status, output: run.stdout + run.stderr, fromSnapshot };
}

const outputsOf = (dir: string) =>
  readdirSync(dir)
    .filter((name) => /\.(pdf|docx)$/.test(name))
    .sort();

/** A copy of the whole tool (its libraries linked), to make a snapshot of and then change. */
function copyTool(): string {
  const tool = mkdtempSync(path.join(tmpdir(), 'packs-tool-'));
  for (const name of ['package.json', 'package-lock.json', 'bin', 'dist', 'fonts', 'patches', 'scripts', 'packs', 'templates']) {
    cpSync(path.join(projectRoot, name), path.join(tool, name), { recursive: true });
  }
  symlinkSync(path.join(projectRoot, 'node_modules'), path.join(tool, 'node_modules'), 'dir');
  return tool;
}

function makeSnapshot(tool: string): void {
  const made = spawnSync(process.execPath, [path.join(tool, 'scripts', 'build-snapshot.mjs')], { cwd: tool, encoding: 'utf8' });
  expect(made.stdout + made.stderr).toContain('startup snapshot made');
  expect(freshSnapshot(tool)).toBe(path.join(tool, SNAPSHOT_DIR, SNAPSHOT_BLOB));
}

describe('packs build from the snapshot', () => {
  it('starts from the one npm test made, and writes the same bytes as a build that does not', () => {
    expect(freshSnapshot(projectRoot), 'npm test makes the snapshot first (scripts/build-snapshot.mjs)').toBeDefined();
    const root = copyProject();
    const args = ['build', '--today', '2020-12-01'];
    const warm = recordedRun(projectRoot, root, [...args, '--out', 'warm']);
    expect(warm.status, warm.output).toBe(0);
    expect(warm.fromSnapshot).toBe(true);
    expect(warm.output).toContain('2 packs: 2 built, 0 up to date, 0 not built');
    const usual = recordedRun(projectRoot, root, [...args, '--out', 'usual'], { PACKS_NO_SNAPSHOT: '1' });
    expect(usual.status, usual.output).toBe(0);
    expect(usual.fromSnapshot).toBe(false);

    // Both packs: the first is the one the snapshot was warmed on, the second is not.
    const files = outputsOf(path.join(root, 'usual'));
    expect(files).toEqual([
      'met-dac-2021.docx',
      'met-dac-2021.pdf',
      'met-deputy-director-project-delivery.docx',
      'met-deputy-director-project-delivery.pdf',
    ]);
    expect(outputsOf(path.join(root, 'warm'))).toEqual(files);
    for (const file of files) expect(readFileSync(path.join(root, 'warm', file)).equals(readFileSync(path.join(root, 'usual', file))), file).toBe(true);
    expect(pdfPages(path.join(root, 'warm', 'met-deputy-director-project-delivery.pdf')).join('\n')).toContain('Deputy Director for Project Delivery');
  });

  it("reads the project's templates as they are now, and is not used once the tool has changed", () => {
    const tool = copyTool();
    makeSnapshot(tool);

    // The snapshot was warmed on the tool's first pack, met-dac-2021, with these templates: a section and a partial.
    const edit = (file: string, find: string, replace: string) => {
      const text = readFileSync(path.join(tool, file), 'utf8');
      expect(text).toContain(find);
      writeFileSync(path.join(tool, file), text.replace(find, replace));
    };
    edit('templates/sections/role-profile.md.hbs', '## Role Purpose', '## Purpose of the Role');
    edit('templates/partials/bullets.hbs', '- {{this}}', '- {{this}} (listed)');
    const args = ['build', 'met-dac-2021', '--today', '2020-12-01', '--only', 'pdf', '--out', 'out'];
    const warm = recordedRun(tool, tool, args);
    expect(warm.status, warm.output).toBe(0);
    expect(warm.fromSnapshot).toBe(true);
    const text = pdfPages(path.join(tool, 'out', 'met-dac-2021.pdf')).join('\n');
    expect(text).toContain('Purpose of the Role');
    expect(text).not.toContain('Role Purpose');
    expect(text).toContain('(listed)');

    // Changed code: the snapshot no longer matches, and the build loads the tool as usual.
    appendFileSync(path.join(tool, 'dist', 'cli', 'main.js'), '\n// changed\n');
    expect(freshSnapshot(tool)).toBeUndefined();
    const usual = recordedRun(tool, tool, [...args, '--force']);
    expect(usual.status, usual.output).toBe(0);
    expect(usual.fromSnapshot).toBe(false);
    expect(usual.output).toContain('1 pack: 1 built');
  });

  it('is still made when the first pack is invalid, and a build from it reports that pack as a build does', () => {
    const tool = copyTool();
    appendFileSync(path.join(tool, 'packs', 'met-dac-2021', 'role.yaml'), 'broken: [\n');
    makeSnapshot(tool);
    const run = recordedRun(tool, tool, ['build', '--today', '2020-12-01', '--out', 'out']);
    expect(run.status).toBe(1);
    expect(run.fromSnapshot).toBe(true);
    expect(run.output).toContain('2 packs: 1 built, 0 up to date, 1 not built');
    expect(run.output).toContain('packs/met-dac-2021/role.yaml:');
  });
});

describe("npm's prepare script, run again by npx", () => {
  /** The exit code of scripts/already-prepared.mjs in `tool`, run as npm runs it for `npmCommand`. */
  const alreadyPrepared = (tool: string, npmCommand: string | undefined) => {
    const run = spawnSync(process.execPath, [path.join(tool, 'scripts', 'already-prepared.mjs')], {
      cwd: tool,
      encoding: 'utf8',
      env: { ...process.env, npm_command: npmCommand },
    });
    expect(run.stdout + run.stderr).toBe('');
    return run.status;
  };

  it('is left out only under npx, while the compiled tool has a fresh snapshot', () => {
    const tool = copyTool();
    // Copied without its snapshot: prepare must make it, even under npx.
    rmSync(path.join(tool, SNAPSHOT_DIR), { recursive: true, force: true });
    expect(alreadyPrepared(tool, 'exec')).toBe(1);
    makeSnapshot(tool);
    expect(alreadyPrepared(tool, 'exec')).toBe(0);
    // npm ci, npm install and a script run by hand always prepare in full.
    expect(alreadyPrepared(tool, 'ci')).toBe(1);
    expect(alreadyPrepared(tool, 'install')).toBe(1);
    expect(alreadyPrepared(tool, undefined)).toBe(1);
    // Compiled code changed since the snapshot was made: npx prepares in full too.
    appendFileSync(path.join(tool, 'dist', 'cli', 'main.js'), '\n// changed\n');
    expect(alreadyPrepared(tool, 'exec')).toBe(1);
    // Not yet compiled at all.
    rmSync(path.join(tool, 'dist'), { recursive: true });
    expect(alreadyPrepared(tool, 'exec')).toBe(1);
  });
});

describe("the snapshot's source, one byte a character", () => {
  const twoByte = /[^\u0000-\u00ff]/;
  const evaluate = (source: string) => new Function(`${source}\nreturn pattern;`)() as RegExp;

  it('escapes the characters above U+00FF in comments and regular expressions, which still match the same', async () => {
    const source = 'const pattern = /ゴシック|[ｧ-ｯ]|😀|£/u; // a dash — and a quote ’';
    const escaped = (await oneByteSource(source))!;
    expect(escaped).not.toMatch(twoByte);
    expect(escaped).toContain('£');
    expect(escaped).toContain('// a dash \\u2014 and a quote \\u2019');
    const [before, after] = [evaluate(source), evaluate(escaped)];
    for (const text of ['ゴシック', 'ｨ', '😀', '£', 'x', '\ud83d']) expect(after.test(text), text).toBe(before.test(text));
    // Nothing to do: the same text.
    expect(await oneByteSource('const pattern = /£\\d/; // plain')).toBe('const pattern = /£\\d/; // plain');
  });

  it('leaves the source as it is when a template holds such a character, as an escape would change its raw text', async () => {
    expect(await oneByteSource('const pattern = String.raw`—`;')).toBeUndefined();
    expect(await oneByteSource('const pattern = `a ${1} — b`;')).toBeUndefined();
  });

  it('is how npm test made the bundle it started from', () => {
    expect(freshSnapshot(projectRoot)).toBeDefined();
    const bundle = readFileSync(path.join(projectRoot, SNAPSHOT_DIR, SNAPSHOT_BUNDLE), 'utf8');
    expect(bundle).not.toMatch(twoByte);
    expect(bundle).toContain('\\u30b4'); // from docx's pattern of East Asian sans-serif font names
  });
});
