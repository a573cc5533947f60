// Batch builds: worker threads do not change a byte; the build cache skips a
// pack whose inputs are unchanged and rebuilds exactly the packs a changed file
// feeds; shards split a campaign into disjoint parts that together are all of it.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { forgetTemplates } from '../dist/compose/templates.js';
import { BuildCache, byteSettings } from '../dist/pipeline/build-cache.js';
import { fingerprintOf } from '../dist/pipeline/tool-fingerprint.js';
import { buildMany } from '../dist/pipeline/build-many.js';
import { buildPack, selectPacks } from '../dist/pipeline/build.js';
import { shardOf } from '../dist/pipeline/shard.js';
import { formatDiagnostic } from '../dist/diagnostics/format.js';
import { DataFileCache } from '../dist/load/load-pack.js';
import { copyProject, runCli } from './support/project.js';
import { projectRoot } from './support/read-outputs.js';

const DAC = 'met-dac-2021';
const DD = 'met-deputy-director-project-delivery';
const W = 'wealdmere-head-of-housing-2027';
const build = (root: string, ...args: string[]) => runCli(['build', '--today', '2020-12-01', ...args], root);

/** The status word of each pack in a build's output: "built", "up to date" or "not built". */
function statuses(stdout: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    const match = /^([✓=✗]) (\S+)/.exec(line);
    if (match) found[match[2]!] = { '✓': 'built', '=': 'up to date', '✗': 'not built' }[match[1]!]!;
  }
  return found;
}

describe('worker threads', () => {
  // With one worker the three packs are built one after another in one thread,
  // which shares what it has laid out (fonts, words, the lines of paragraphs with
  // the same content) between them; with three, each is built alone. The variant
  // changes a heading and text that wraps, so lines kept from the pack before it
  // would show if they were taken for different content.
  it('give the same bytes with 1 and with 3 workers', async () => {
    const root = copyProject();
    appendFileSync(
      path.join(root, 'packs', DAC, 'pack.yaml'),
      `\nvariants:\n  - id: ${DAC}-variant\n    set:\n      role.title: Deputy Assistant Commissioner for Frontline Policing and Partnerships across London\n`,
    );
    expect((await build(root, '--out', 'one', '--jobs', '1')).status).toBe(0);
    const three = await build(root, '--out', 'three', '--jobs', '3');
    expect(three.status).toBe(0);
    expect(statuses(three.stdout)).toEqual({ [DAC]: 'built', [`${DAC}-variant`]: 'built', [DD]: 'built', [W]: 'built' });
    for (const file of [DAC, `${DAC}-variant`, DD, W].flatMap((id) => [`${id}.pdf`, `${id}.docx`, `${id}.html`])) {
      expect(readFileSync(path.join(root, 'one', file)).equals(readFileSync(path.join(root, 'three', file))), file).toBe(true);
    }
  });

  it('stop a pack that needs more memory than a worker may use, not the build, and say what to do', async () => {
    const root = copyProject();
    // More packs than workers: a worker started in place of one that ran out of memory runs out of it
    // too, with no pack to blame, and that must not stop the build.
    const { packs } = await selectPacks(root, []);
    const ids = packs.map((p) => p.id);
    expect(ids).toHaveLength(3);
    // A worker given 4 MB runs out of it before it has built anything.
    const outcomes = await buildMany(root, packs, { outDir: path.join(root, 'output'), formats: ['pdf'], jobs: 2, workerHeapMb: 4 });
    expect(outcomes.map((o) => [o.location.id, o.status, o.outputs.length])).toEqual(ids.map((id) => [id, 'failed', 0]));
    expect(outcomes.map((o) => o.diagnostics.map((d) => formatDiagnostic(d)))).toEqual(
      ids.map((id) => [
        `packs/${id}/pack.yaml  error  building ${id} needed more than the 4 MB a worker thread may use  [out-of-memory]\n` +
          '    hint: build it with --jobs 1, which has no such limit, and check its images are not larger than they need to be',
      ]),
    );
  });

  it('refuses a number of jobs that is not a whole number', async () => {
    const run = await build(copyProject(), '--jobs', '0');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("option '-j, --jobs <n>' argument '0' is invalid. give a whole number of at least 1, like 4");
  });
});

describe('loading only what a build needs', () => {
  it('a .docx-only build of one pack loads neither pdfmake nor the worker pool', async () => {
    const root = copyProject();
    const script = `import { createRequire } from 'node:module';
      const { main } = await import(${JSON.stringify(path.join(projectRoot, 'dist/cli/main.js'))});
      const code = await main(['build', '${DAC}', '--only', 'docx', '--today', '2020-12-01'], { stdout() {}, stderr() {}, cwd: ${JSON.stringify(root)} });
      const loaded = Object.keys(createRequire(import.meta.url).cache);
      console.log(JSON.stringify({ code, pdfmake: loaded.some((p) => p.includes('/pdfmake/')), piscina: loaded.some((p) => p.includes('/piscina/')) }));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: root });
    expect(JSON.parse(run.stdout)).toEqual({ code: 0, pdfmake: false, piscina: false });
  });
});

describe('the build cache', () => {
  it('skips unchanged packs, rebuilds exactly those a changed file feeds, and rebuilds a deleted output', async () => {
    const root = copyProject();
    expect(statuses((await build(root)).stdout)).toEqual({ [DAC]: 'built', [DD]: 'built', [W]: 'built' });
    const first = readFileSync(path.join(root, 'output', `${DAC}.pdf`));

    // Nothing changed: nothing is built, and the files are the same files.
    const again = await build(root);
    expect(again.status).toBe(0);
    expect(statuses(again.stdout)).toEqual({ [DAC]: 'up to date', [DD]: 'up to date', [W]: 'up to date' });
    expect(again.stdout).toContain('3 packs: 0 built, 3 up to date, 0 not built');
    expect(readFileSync(path.join(root, 'output', `${DAC}.pdf`)).equals(first)).toBe(true);

    // The 2020 organisation file feeds only the DAC pack; the 2025 one only the Deputy Director's; neither the Wealdmere pack.
    const org2020 = path.join(root, 'packs/shared/organisations/met-2020.yaml');
    writeFileSync(org2020, readFileSync(org2020, 'utf8').replace('one of the oldest police services', 'one of the very oldest police services'));
    expect(statuses((await build(root)).stdout)).toEqual({ [DAC]: 'built', [DD]: 'up to date', [W]: 'up to date' });
    const org2025 = path.join(root, 'packs/shared/organisations/met-2025.yaml');
    writeFileSync(org2025, readFileSync(org2025, 'utf8') + '# a comment changes the bytes, so the pack is built again\n');
    expect(statuses((await build(root)).stdout)).toEqual({ [DAC]: 'up to date', [DD]: 'built', [W]: 'up to date' });

    // A template all use: all are built.
    const partial = path.join(root, 'templates/partials/paragraphs.hbs');
    writeFileSync(partial, readFileSync(partial, 'utf8') + '\n');
    expect(statuses((await build(root)).stdout)).toEqual({ [DAC]: 'built', [DD]: 'built', [W]: 'built' });

    // A deleted output, and an output changed by hand, are built again.
    rmSync(path.join(root, 'output', `${DD}.docx`));
    writeFileSync(path.join(root, 'output', `${DAC}.pdf`), 'edited by hand');
    expect(statuses((await build(root)).stdout)).toEqual({ [DAC]: 'built', [DD]: 'built', [W]: 'up to date' });
    expect(readFileSync(path.join(root, 'output', `${DAC}.pdf`)).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('reports an up-to-date pack with its warnings, and checks its dates again on another day without writing it', async () => {
    const root = copyProject();
    const dated = (today: string) => runCli(['build', '--today', today], root);
    const warningLines = (stderr: string) => stderr.split('\n').filter((line) => line.includes('  warning  '));
    const applicationPack =
      'packs/met-dac-2021/timeline.yaml:11:11  warning  stage "Application Pack" is on 2021-01-11, which is before today (2021-01-12)  [date-in-past]';

    const first = await dated('2021-01-12');
    expect(statuses(first.stdout)).toEqual({ [DAC]: 'built', [DD]: 'built', [W]: 'built' });
    expect(warningLines(first.stderr)).toEqual([applicationPack]);
    const pdf = path.join(root, 'output', `${DAC}.pdf`);
    const written = statSync(pdf).mtimeMs;

    // The same day again: nothing is built, and the warning is still there.
    const again = await dated('2021-01-12');
    expect(again.status).toBe(0);
    expect(statuses(again.stdout)).toEqual({ [DAC]: 'up to date', [DD]: 'up to date', [W]: 'up to date' });
    expect(warningLines(again.stderr)).toEqual([applicationPack]);
    expect(again.stderr).toContain('0 errors, 1 warning');

    // Two days on, a second stage has passed: found, though the files are not written again.
    const later = await dated('2021-01-14');
    expect(statuses(later.stdout)).toEqual({ [DAC]: 'up to date', [DD]: 'up to date', [W]: 'up to date' });
    expect(warningLines(later.stderr)).toEqual([
      'packs/met-dac-2021/timeline.yaml:11:11  warning  stage "Application Pack" is on 2021-01-11, which is before today (2021-01-14)  [date-in-past]',
      'packs/met-dac-2021/timeline.yaml:19:11  warning  stage "Shortlisting" is on 2021-01-13, which is before today (2021-01-14)  [date-in-past]',
    ]);
    expect(statSync(pdf).mtimeMs).toBe(written);
    // And remembered for that day.
    expect(warningLines((await dated('2021-01-14')).stderr)).toHaveLength(2);
  });

  it('keys a pack by its files as the build read them, so one saved during the build has it built again', async () => {
    const root = copyProject();
    const outDir = path.join(root, 'output');
    const settings = byteSettings({ formats: ['pdf'] });
    const location = (await selectPacks(root, [DD])).packs[0]!;
    const role = path.join(root, 'packs', DD, 'role.yaml');
    const template = path.join(root, 'templates/sections/principles-and-values.md.hbs');

    /** Builds the pack; `meanwhile` runs after its files were read and before the build is recorded. */
    const buildAndRecord = async (meanwhile: () => void) => {
      forgetTemplates(); // as a new process would: templates are read again
      const build = await buildPack(root, location, new DataFileCache(root), { outDir, formats: ['pdf'] });
      expect(build.outputs).toHaveLength(1);
      meanwhile();
      const state = new BuildCache(root, outDir, settings);
      state.record(DD, build, build.outputs, undefined);
      await state.save();
      return new BuildCache(root, outDir, settings).upToDate(DD, undefined);
    };

    // Nothing saved meanwhile: the next build finds it up to date.
    expect(await buildAndRecord(() => {})).toBeDefined();
    // A data file saved meanwhile: the outputs are from its old contents, so it is not up to date.
    expect(await buildAndRecord(() => writeFileSync(role, readFileSync(role, 'utf8').replace('Deputy Director', 'Deputy Director (Acting)')))).toBeUndefined();
    // And a template.
    expect(await buildAndRecord(() => writeFileSync(template, readFileSync(template, 'utf8') + '\nA sentence saved during the build.\n'))).toBeUndefined();
  });

  it('builds a pack it was checking again for a new day, if one of its files was saved before the check read it', async () => {
    const root = copyProject();
    const outDir = path.join(root, 'output');
    const { packs } = await selectPacks(root, [DAC, DD]);
    const statusesOf = async (today: string, afterFirst: () => void = () => {}) => {
      const seen: string[] = [];
      const outcomes = await buildMany(root, packs, { outDir, formats: ['pdf'], today, jobs: 1 }, () => {
        if (seen.push('') === 1) afterFirst();
      });
      return Object.fromEntries(outcomes.map((outcome) => [outcome.location.id, outcome.status]));
    };
    expect(await statusesOf('2021-01-12')).toEqual({ [DAC]: 'built', [DD]: 'built' });
    // The next day both are checked again, one after the other; the Deputy Director's role
    // is saved once the DAC pack's check is done, so its check reads the new role.
    const role = path.join(root, 'packs', DD, 'role.yaml');
    const saveRole = () => writeFileSync(role, readFileSync(role, 'utf8').replace('title: Deputy Director for Project Delivery', 'title: Deputy Director, Project Delivery'));
    expect(await statusesOf('2021-01-13', saveRole)).toEqual({ [DAC]: 'up-to-date', [DD]: 'built' });
    expect(await statusesOf('2021-01-13')).toEqual({ [DAC]: 'up-to-date', [DD]: 'up-to-date' });
  });

  it("counts every compiled file of the tool in its fingerprint, the worker threads' CommonJS entry too", () => {
    const tool = mkdtempSync(path.join(tmpdir(), 'packs-tool-'));
    for (const [file, text] of Object.entries({ 'package.json': '{}', 'dist/cli/main.js': 'a', 'dist/pipeline/entry.cjs': 'b', 'fonts/x.ttf': 'c', 'patches/x.patch': 'd' })) {
      mkdirSync(path.dirname(path.join(tool, file)), { recursive: true });
      writeFileSync(path.join(tool, file), text);
    }
    const before = fingerprintOf(tool);
    expect(fingerprintOf(tool)).toBe(before);
    for (const file of ['dist/pipeline/entry.cjs', 'dist/cli/main.js', 'fonts/x.ttf', 'patches/x.patch']) {
      const previous = fingerprintOf(tool);
      appendFileSync(path.join(tool, file), 'changed');
      expect(fingerprintOf(tool), file).not.toBe(previous);
    }
  });

  it('rebuilds a pack when a file it looked for and did not find appears', async () => {
    const root = copyProject();
    await build(root);
    // The DAC pack looks for each section template in its own templates/ folder first.
    cpSync(path.join(root, 'templates/sections/principles-and-values.md.hbs'), path.join(root, `packs/${DD}/templates/principles-and-values.md.hbs`));
    expect(statuses((await build(root)).stdout)).toEqual({ [DAC]: 'up to date', [DD]: 'built', [W]: 'up to date' });
  });

  it('builds everything with --force, and again when the options that change the bytes change', async () => {
    const root = copyProject();
    await build(root);
    expect(statuses((await build(root, '--force')).stdout)).toEqual({ [DAC]: 'built', [DD]: 'built', [W]: 'built' });
    expect(statuses((await build(root, '--only', 'pdf')).stdout)).toEqual({ [DAC]: 'built', [DD]: 'built', [W]: 'built' });
    const repeated = await runCli(['build', '--today', '2020-12-01', '--only', 'pdf'], root);
    expect(statuses(repeated.stdout)).toEqual({ [DAC]: 'up to date', [DD]: 'up to date', [W]: 'up to date' });
  });
});

describe('shards', () => {
  it('split the packs into disjoint parts that together build each pack exactly once', async () => {
    const root = copyProject();
    // A campaign of ten packs: copies of the Deputy Director pack under other ids.
    const ids = Array.from({ length: 10 }, (_, i) => `campaign-${String(i + 1).padStart(2, '0')}`);
    for (const id of ids) {
      cpSync(path.join(root, 'packs', DD), path.join(root, 'packs', id), { recursive: true });
      const pack = path.join(root, 'packs', id, 'pack.yaml');
      writeFileSync(pack, readFileSync(pack, 'utf8').replace(`id: ${DD}`, `id: ${id}`));
    }
    rmSync(path.join(root, 'packs', DAC), { recursive: true });
    rmSync(path.join(root, 'packs', DD), { recursive: true });
    rmSync(path.join(root, 'packs', W), { recursive: true });
    const built: string[] = [];
    for (let k = 1; k <= 3; k++) {
      const out = `shard-${k}`;
      const run = await build(root, '--shard', `${k}/3`, '--only', 'pdf', '--out', out);
      expect(run.status, run.stderr).toBe(0);
      const files = readdirSync(path.join(root, out)).filter((name) => name.endsWith('.pdf'));
      // What the shard built is what the shard function assigns to it, and the CLI says so.
      expect(files.map((f) => f.replace('.pdf', '')).sort()).toEqual(ids.filter((id) => shardOf(id, 3) === k));
      expect(Object.keys(statuses(run.stdout)).sort()).toEqual(files.map((f) => f.replace('.pdf', '')).sort());
      built.push(...files);
    }
    expect(built.sort()).toEqual(ids.map((id) => `${id}.pdf`));
    // Not all in one shard: the split does split.
    expect(new Set(ids.map((id) => shardOf(id, 3))).size).toBe(3);
  }, 120_000);

  it('refuses a shard that is not K/N with 1 ≤ K ≤ N', async () => {
    const run = await build(copyProject(), '--shard', '4/3');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("option '--shard <K/N>' argument '4/3' is invalid. give K/N with 1 ≤ K ≤ N, like 2/4");
  });
});
