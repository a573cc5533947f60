// `packs watch`: rebuilds only the packs a saved file affects, once per burst of
// saves, sees editors' atomic saves, and keeps going after an invalid save or a
// failed build. The watcher runs in-process on a throwaway copy of the project;
// the last test runs the real command and stops it with Ctrl-C (SIGINT).
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isEditorTemporaryFile, startWatch, type Rebuild, type Watch, type WatchOptions } from '../src/pipeline/watch.js';
import { copyProject, runCli } from './support/project.js';
import { whereOf } from '../src/diagnostics/format.js';
import { SourceText } from '../src/diagnostics/position.js';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { pdfPages, projectRoot, squash } from './support/read-outputs.js';

const DAC = 'met-dac-2021';
const DD = 'met-deputy-director-project-delivery';
const W = 'wealdmere-head-of-housing-2027';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The rebuilds a watcher reports, taken one at a time, each awaited with a time limit. */
class Rebuilds {
  readonly all: Rebuild[] = [];
  /** When each rebuild was reported (performance.now()). */
  readonly at: number[] = [];
  readonly errors: unknown[] = [];
  private taken = 0;
  private waiting: (() => void) | undefined;

  push(rebuild: Rebuild): void {
    this.all.push(rebuild);
    this.at.push(performance.now());
    this.waiting?.();
  }

  /** The next rebuild not yet taken, waiting for it if need be. */
  async next(timeoutMs = 60_000): Promise<Rebuild> {
    if (this.taken < this.all.length) return this.all[this.taken++]!;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no rebuild within ${timeoutMs} ms`)), timeoutMs);
      this.waiting = () => {
        clearTimeout(timer);
        this.waiting = undefined;
        resolve();
      };
    });
    return this.all[this.taken++]!;
  }

  /** Rebuilds reported and not yet taken. */
  get untaken(): Rebuild[] {
    return this.all.slice(this.taken);
  }
}

const running: Watch[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((watch) => watch.close()));
});

/** Starts a watcher on a copy of the project; resolves once the first build is done and saves are seen. */
async function watchCopy(options: Partial<WatchOptions> = {}) {
  const root = copyProject();
  const outDir = path.join(root, 'output');
  const rebuilds = new Rebuilds();
  const watch = await startWatch({
    root,
    outDir,
    formats: ['pdf'],
    today: '2020-12-01',
    onRebuild: (rebuild) => rebuilds.push(rebuild),
    onError: (error) => rebuilds.errors.push(error),
    ...options,
  });
  running.push(watch);
  const start = await rebuilds.next();
  expect(start.reason).toBe('start');
  expect(start.packs.map((p) => [p.id, p.build?.outputs.length])).toEqual([
    [DAC, options.formats?.length ?? 1],
    [DD, options.formats?.length ?? 1],
    [W, options.formats?.length ?? 1],
  ]);
  await watch.ready;
  const file = (relative: string) => path.join(root, relative);
  const edit = (relative: string, find: string, replace: string) => {
    const text = readFileSync(file(relative), 'utf8');
    if (!text.includes(find)) throw new Error(`"${find}" is not in ${relative}`);
    writeFileSync(file(relative), text.replace(find, replace));
  };
  return { root, outDir, rebuilds, watch, file, edit };
}

const pdfText = (file: string) => squash(pdfPages(file).join('\n'));
const rebuilt = (rebuild: Rebuild) => rebuild.packs.map((p) => p.id);

describe('packs watch', () => {
  it('builds a burst of saves once, with the last one, and only the pack it affects', async () => {
    const { outDir, rebuilds, file } = await watchCopy({ quietMs: 400 });
    const timeline = file(`packs/${DAC}/timeline.yaml`);
    const original = readFileSync(timeline, 'utf8');
    // Five saves in quick succession, each valid, each moving the final interview.
    for (const date of ['2021-01-18', '2021-01-19', '2021-01-21', '2021-01-22', '2021-01-25']) {
      writeFileSync(timeline, original.replace('date: 2021-01-20', `date: ${date}`));
      await sleep(60); // more than chokidar's 50 ms between change events, so each save is seen
    }
    const rebuild = await rebuilds.next();
    expect(rebuild.reason).toBe('change');
    expect(rebuilt(rebuild)).toEqual([DAC]);
    expect(rebuild.packs[0]!.changed).toEqual([timeline]);
    expect(rebuild.packs[0]!.build!.diagnostics).toEqual([]);
    expect(rebuild.packs[0]!.build!.outputs.map((o) => o.format)).toEqual(['pdf']);
    const text = pdfText(path.join(outDir, `${DAC}.pdf`));
    expect(text).toContain(squash('25th January 2021'));
    expect(text).not.toContain(squash('20th January 2021'));
    // No second rebuild follows, of either pack.
    await sleep(1000);
    expect(rebuilds.untaken).toEqual([]);
    expect(rebuilds.errors).toEqual([]);
  });

  it('records what it builds for the build cache: `packs build` afterwards finds every pack up to date', async () => {
    const { root, rebuilds, edit } = await watchCopy();
    edit(`packs/${DAC}/timeline.yaml`, 'date: 2021-01-20', 'date: 2021-01-21');
    expect(rebuilt(await rebuilds.next())).toEqual([DAC]);
    await Promise.all(running.splice(0).map((watch) => watch.close()));
    const run = await runCli(['build', '--only', 'pdf', '--today', '2020-12-01'], root);
    expect(run.stdout).toContain(`= ${DAC}  up to date\n= ${DD}  up to date\n= ${W}  up to date\n3 packs: 0 built, 3 up to date`);
  });

  it('builds a save made during a rebuild after it, never two rebuilds at once', async () => {
    const { outDir, rebuilds, file } = await watchCopy({ formats: ['pdf', 'docx'], quietMs: 100 });
    const timeline = file(`packs/${DAC}/timeline.yaml`);
    const original = readFileSync(timeline, 'utf8');
    writeFileSync(timeline, original.replace('date: 2021-01-20', 'date: 2021-01-21'));
    await sleep(400); // the rebuild (both formats: more than a second) has started
    writeFileSync(timeline, original.replace('date: 2021-01-20', 'date: 2021-01-22'));
    const first = await rebuilds.next();
    const second = await rebuilds.next();
    expect([rebuilt(first), rebuilt(second)]).toEqual([[DAC], [DAC]]);
    // The second started after the first ended.
    expect(rebuilds.at[2]! - second.milliseconds).toBeGreaterThanOrEqual(rebuilds.at[1]!);
    expect(second.packs[0]!.build!.outputs.map((o) => o.format)).toEqual(['pdf', 'docx']);
    expect(pdfText(path.join(outDir, `${DAC}.pdf`))).toContain(squash('22nd January 2021'));
    await sleep(500);
    expect(rebuilds.untaken).toEqual([]);
  });

  it('sees an atomic save: a temporary file written beside the data file and renamed over it', async () => {
    const { outDir, rebuilds, file } = await watchCopy();
    const timeline = file(`packs/${DAC}/timeline.yaml`);
    const temporary = `${timeline}.saving`;
    writeFileSync(temporary, readFileSync(timeline, 'utf8').replace('date: 2021-01-20', 'date: 2021-01-27'));
    renameSync(temporary, timeline);
    const rebuild = await rebuilds.next();
    expect(rebuilt(rebuild)).toEqual([DAC]);
    expect(rebuild.packs[0]!.changed).toEqual([timeline]);
    expect(pdfText(path.join(outDir, `${DAC}.pdf`))).toContain(squash('27th January 2021'));
    // An editor's swap and backup files are not changes.
    writeFileSync(file(`packs/${DAC}/.timeline.yaml.swp`), 'swap');
    writeFileSync(file(`packs/${DAC}/timeline.yaml~`), 'backup');
    writeFileSync(file(`packs/${DAC}/4913`), '');
    await sleep(600);
    expect(rebuilds.untaken).toEqual([]);
    expect(rebuilds.errors).toEqual([]);
  });

  it('reports an invalid save, leaves the previous PDF as it was, and rebuilds on the next valid save', async () => {
    const { root, outDir, rebuilds, edit } = await watchCopy();
    const pdf = path.join(outDir, `${DAC}.pdf`);
    const before = readFileSync(pdf);

    edit(`packs/${DAC}/role.yaml`, 'competency: We are collaborative', 'competency: We are colaborative');
    const invalid = await rebuilds.next();
    expect(rebuilt(invalid)).toEqual([DAC]);
    const build = invalid.packs[0]!.build!;
    expect(build.outputs).toEqual([]);
    const where = (d: Diagnostic) => whereOf(d, new SourceText(readFileSync(path.join(root, d.file), 'utf8')));
    expect(build.diagnostics.map((d) => `${where(d)} ${d.code} ${d.message}`)).toEqual([
      `packs/${DAC}/role.yaml:48:19 unknown-competency unknown competency "We are colaborative" in framework cvf-chief-officers`,
    ]);
    expect(readFileSync(pdf).equals(before)).toBe(true);

    edit(`packs/${DAC}/role.yaml`, 'competency: We are colaborative', 'competency: We are collaborative');
    const valid = await rebuilds.next();
    expect(rebuilt(valid)).toEqual([DAC]);
    expect(valid.packs[0]!.build!.diagnostics).toEqual([]);
    expect(valid.packs[0]!.build!.outputs.map((o) => o.format)).toEqual(['pdf']);
    expect(rebuilds.errors).toEqual([]);
  });

  it('ignores the files editors make beside the one being saved', () => {
    const temporary = [
      ...['.timeline.yaml.swp', '.timeline.yaml.swx', 'timeline.yaml~', '.#timeline.yaml', '#timeline.yaml#', '4913'],
      ...['timeline.yaml___jb_tmp___', 'timeline.yaml.tmp', '.packs-build.lock'],
    ];
    expect(temporary.filter((name) => !isEditorTemporaryFile(name))).toEqual([]);
    const real = ['timeline.yaml', 'pack.yaml', 'cover.md.hbs', 'bullets.hbs', 'met-executive-structure-2020.png', '2021.yaml'];
    expect(real.filter((name) => isEditorTemporaryFile(name))).toEqual([]);
  });

  it('rebuilds only the pack that uses a changed shared file', async () => {
    const { outDir, rebuilds, watch, file, edit } = await watchCopy();
    // What each pack reads, as its last build listed it.
    expect(watch.packs().get(DD)).toContain(file('packs/shared/organisations/met-2025.yaml'));
    expect(watch.packs().get(DAC)).not.toContain(file('packs/shared/organisations/met-2025.yaml'));
    edit('packs/shared/organisations/met-2025.yaml', 'heading: Our Strategy', 'heading: Our Strategy for 2025');
    const rebuild = await rebuilds.next();
    expect(rebuilt(rebuild)).toEqual([DD]);
    expect(rebuild.packs[0]!.changed).toEqual([file('packs/shared/organisations/met-2025.yaml')]);
    expect(pdfText(path.join(outDir, `${DD}.pdf`))).toContain(squash('Our Strategy for 2025'));
    await sleep(600);
    expect(rebuilds.untaken).toEqual([]);
  });

  it('rebuilds every pack when a partial changes, and reads the template again', async () => {
    const { outDir, rebuilds, file } = await watchCopy();
    const partial = file('templates/partials/bullets.hbs');
    const original = readFileSync(partial, 'utf8');
    const before = [DAC, DD, W].map((id) => pdfText(path.join(outDir, `${id}.pdf`)));
    writeFileSync(partial, original.replace('- {{this}}', '- Bullet: {{this}}'));
    const rebuild = await rebuilds.next();
    expect(rebuilt(rebuild)).toEqual([DAC, DD, W]);
    for (const id of [DAC, DD, W]) expect(pdfText(path.join(outDir, `${id}.pdf`))).toContain('Bullet:');
    // Back as it was: what handlebars compiled from this text before is used again, and says the same.
    writeFileSync(partial, original);
    expect(rebuilt(await rebuilds.next())).toEqual([DAC, DD, W]);
    expect([DAC, DD, W].map((id) => pdfText(path.join(outDir, `${id}.pdf`)))).toEqual(before);
  });

  it('adds a pack whose pack.yaml appears, drops one whose pack.yaml goes, and survives a build that throws', async () => {
    const { root, outDir, rebuilds, watch, file } = await watchCopy();
    cpSync(file(`packs/${DAC}`), file('packs/met-dac-2022'), { recursive: true });
    const packFile = file('packs/met-dac-2022/pack.yaml');
    writeFileSync(packFile, readFileSync(packFile, 'utf8').replace(`id: ${DAC}`, 'id: met-dac-2022'));
    const added = await rebuilds.next();
    expect(added.packs.map((p) => [p.id, p.added, p.changed, p.build?.outputs.length])).toEqual([['met-dac-2022', true, [packFile], 1]]);
    expect([...watch.packs().keys()]).toEqual([DAC, 'met-dac-2022', DD, W]);

    rmSync(file('packs/met-dac-2022'), { recursive: true });
    const removed = await rebuilds.next();
    expect(removed.removed).toEqual([{ id: 'met-dac-2022', file: packFile }]);
    expect(removed.packs).toEqual([]);
    expect([...watch.packs().keys()]).toEqual([DAC, DD, W]);

    // The output folder made a file: the build throws; the watcher reports it and goes on.
    rmSync(outDir, { recursive: true });
    writeFileSync(outDir, '');
    writeFileSync(file(`packs/${DD}/role.yaml`), readFileSync(file(`packs/${DD}/role.yaml`), 'utf8') + '\n# saved again\n');
    const failed = await rebuilds.next();
    expect(rebuilt(failed)).toEqual([DD]);
    expect(failed.packs[0]!.build).toBeUndefined();
    expect(String(failed.packs[0]!.error)).toMatch(/^WriteFailed: could not write .*: part of that path is a file, not a folder/);
    rmSync(outDir);
    mkdirSync(outDir);
    writeFileSync(file(`packs/${DD}/role.yaml`), readFileSync(file(`packs/${DD}/role.yaml`), 'utf8') + '# and again\n');
    const recovered = await rebuilds.next();
    expect(recovered.packs[0]!.build!.outputs.map((o) => path.relative(root, o.file))).toEqual([`output/${DD}.pdf`]);
  });

  it('asks for the day at each rebuild, so a watch left running past midnight checks against the new day', async () => {
    let day = '2020-12-01';
    const { rebuilds, edit } = await watchCopy({ today: () => day });
    // The first build, before the DAC pack's stages (11, 13 and 20 January 2021), warned of nothing.
    day = '2021-01-12'; // the application stage is now past; shortlisting and the interview are not
    edit(`packs/${DAC}/role.yaml`, 'title:', 'title:  ');
    const rebuild = await rebuilds.next();
    expect(rebuilt(rebuild)).toEqual([DAC]);
    expect(rebuild.packs[0]!.build!.diagnostics.map((d) => `${d.code}  ${d.message}`)).toEqual([
      'date-in-past  stage "Application Pack" is on 2021-01-11, which is before today (2021-01-12)',
    ]);
  });

  it('runs as `packs watch`: one line per rebuild, diagnostics as build prints them, exit 0 on Ctrl-C', async () => {
    const root = copyProject();
    const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'packs.js'), 'watch', DD, '--only', 'pdf', '--today', '2020-12-01'], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const until = async (what: () => boolean, label: string) => {
      const deadline = Date.now() + 60_000;
      while (!what()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}\nstdout:\n${stdout}\nstderr:\n${stderr}`);
        await sleep(50);
      }
    };
    try {
      await until(() => stdout.includes('watching packs/ and templates/ for changes, writing to output/ (Ctrl-C to stop)\n'), 'the watcher to start');
      expect(stdout).toMatch(new RegExp(`^✓ ${DD} {2}\\d+ pages {2}PDF \\d+ KB {2}\\d+\\.\\d\\d s\\n`));
      const role = path.join(root, 'packs', DD, 'role.yaml');
      const text = readFileSync(role, 'utf8');
      const [, competency] = /competency: (.+)/.exec(text)!;
      writeFileSync(role, text.replace(`competency: ${competency}`, `competency: ${competency}x`));
      await until(() => stderr.includes('1 error, 0 warnings'), 'the diagnostic');
      expect(stdout).toContain(`packs/${DD}/role.yaml → ✗ ${DD}  not built: see the errors below\n`);
      expect(stderr).toMatch(new RegExp(`^packs/${DD}/role\\.yaml:\\d+:\\d+ {2}error {2}unknown competency .*\\[unknown-competency\\]\\n`));
      writeFileSync(role, text);
      await until(() => /→ ✓ /.test(stdout), 'the rebuild');
      expect(stdout).toMatch(new RegExp(`packs/${DD}/role\\.yaml → ✓ ${DD} {2}\\d+ pages {2}PDF \\d+ KB {2}\\d+\\.\\d\\d s\\n`));
      // A build that cannot write: one sentence, as `packs build` says it, with the path as the user sees it.
      const outDir = path.join(root, 'output');
      rmSync(outDir, { recursive: true });
      writeFileSync(outDir, '');
      writeFileSync(role, `${text}# saved again\n`);
      await until(() => stdout.includes('rebuild failed'), 'the failed rebuild');
      expect(stdout.split('\n').filter((line) => line.includes('rebuild failed'))).toEqual([
        `packs/${DD}/role.yaml → ✗ ${DD}  rebuild failed: could not write output: part of that path is a file, not a folder. Give a folder.`,
      ]);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    expect(stdout).toMatch(/stopped watching\n$/);
  });
});
