#!/usr/bin/env node
// npm run bench: how fast packs are built, measured side by side in one run,
// as medians of several runs, with peak memory. It prints figures; it asserts
// nothing (targets live in the issues, not in tests).
//
//   (a) the DAC pack, all three formats, cold: a fresh `packs build` process each time
//       (and PDF only and .docx only, for the comparisons in (f); and the
//       project's other pack);
//   (b) the same, warm: again and again in one process;
//   (c) a campaign of generated packs, built with 1 worker and with all cores,
//       with the peak memory of the build;
//   (d) a no-op rebuild of that campaign (the build cache finds it up to date);
//   (e) a watch-mode rebuild after one change (scripts/bench-watch.mjs);
//   (f) where installed, headless Chromium printing the pack's text as HTML to
//       PDF, pandoc turning it as Markdown into .docx, and Typst compiling it as
//       Typst markup to PDF, cold and warm (scripts/bench-external.mjs; Typst is
//       installed for the benchmark only: see scripts/bench-typst.mjs).
//
//   (g) with BENCH_MEMORY_PACKS=1000, whether memory grows over that many packs
//       built one after another in one process (scripts/bench-memory.mjs).
//   (h) the studio: from saving a field (an HTTP POST) to the refreshed HTML
//       preview, and to the PDF and Word files ready, warm; and its first page
//       answered after start (scripts/bench-studio.mjs).
//
// Settings: BENCH_COLD_RUNS (5), BENCH_WARM_RUNS (7), BENCH_CAMPAIGN (200 packs),
// BENCH_CAMPAIGN_RUNS (1), BENCH_EXTERNAL_RUNS (5), BENCH_WATCH_RUNS (9),
// BENCH_MEMORY_PACKS (0: not measured), BENCH_STUDIO_RUNS (7).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const packId = 'met-dac-2021';
const settings = {
  cold: Number(process.env.BENCH_COLD_RUNS ?? 5),
  warm: Number(process.env.BENCH_WARM_RUNS ?? 7),
  campaign: Number(process.env.BENCH_CAMPAIGN ?? 200),
  campaignRuns: Number(process.env.BENCH_CAMPAIGN_RUNS ?? 1),
  external: Number(process.env.BENCH_EXTERNAL_RUNS ?? 5),
  watch: Number(process.env.BENCH_WATCH_RUNS ?? 9),
  studio: Number(process.env.BENCH_STUDIO_RUNS ?? 7),
};
const cli = path.join(root, 'bin', 'packs.js');
// Node's own flags from package.json's `packs` script (`node <flags> bin/packs.js`), so the benchmark runs the
// command as `npm run packs` and `npm run build` do, without npm's own start-up.
const nodeFlags = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts.packs.split(/\s+/).slice(1, -1);
const cores = availableParallelism();

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const seconds = (ms) => (ms === undefined ? 'n/a' : `${(ms / 1000).toFixed(3)} s`);
const megabytes = (kb) => `${(kb / 1024).toFixed(0)} MB`;
const line = (label, value, note = '') => console.log(`${label.padEnd(58)} ${String(value).padStart(10)}${note ? `  ${note}` : ''}`);

/**
 * Runs `node <flags> bin/packs.js <args>` as a user runs it, timed from outside, with its
 * peak memory, worker threads included, which the process reports through
 * scripts/bench-peak.cjs.
 */
function timedBuild(args, { cwd = root, env = {} } = {}) {
  const peaks = path.join(work, `peaks-${process.hrtime.bigint()}.txt`);
  const started = performance.now();
  const run = spawnSync(process.execPath, [...nodeFlags, cli, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, ...env, NODE_OPTIONS: `--require ${path.join(root, 'scripts', 'bench-peak.cjs')}`, BENCH_PEAK_FILE: peaks },
  });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`packs ${args.join(' ')} exited ${run.status ?? run.signal}:\n${(run.stdout + run.stderr).slice(-2000)}`);
  const maxRssKb = Math.max(...readFileSync(peaks, 'utf8').trim().split('\n').map(Number));
  rmSync(peaks);
  return { ms, maxRssKb };
}

/** The ids `packs list` prints for the project. */
function packIds() {
  return spawnSync(process.execPath, [cli, 'list'], { cwd: root, encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
}

/** A project of `count` packs: variants of the DAC pack, each a different business area. */
function makeCampaign(count) {
  const campaign = mkdtempSync(path.join(tmpdir(), 'packs-bench-campaign-'));
  cpSync(path.join(root, 'templates'), path.join(campaign, 'templates'), { recursive: true });
  cpSync(path.join(root, 'packs', 'shared'), path.join(campaign, 'packs', 'shared'), { recursive: true });
  cpSync(path.join(root, 'packs', packId), path.join(campaign, 'packs', packId), { recursive: true });
  const packFile = path.join(campaign, 'packs', packId, 'pack.yaml');
  const variants = Array.from({ length: count - 1 }, (_, i) => {
    const n = String(i + 1).padStart(3, '0');
    return [
      `  - id: ${packId}-area-${n}`,
      '    set:',
      `      pack.subtitle: Deputy Assistant Commissioner Selection Process, Business Area ${n}`,
      `      role.title: Deputy Assistant Commissioner, Business Area ${n}`,
    ].join('\n');
  });
  writeFileSync(packFile, `${readFileSync(packFile, 'utf8').trimEnd()}\nvariants:\n${variants.join('\n')}\n`);
  return campaign;
}

const work = mkdtempSync(path.join(tmpdir(), 'packs-bench-'));
try {
  console.log(`recruitment-packs benchmark — ${new Date().toISOString().slice(0, 10)}`);
  console.log(`Node ${process.version}, ${process.platform} ${process.arch}, ${cores} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${megabytes(totalmem() / 1024)} memory`);
  console.log('');

  // (a) cold
  const cold = { both: [], pdf: [], docx: [], other: [] };
  const otherPack = packIds().find((id) => id !== packId);
  for (let i = 0; i < settings.cold; i++) {
    cold.both.push(timedBuild(['build', packId, '--force', '--out', path.join(work, 'cold')]));
    cold.pdf.push(timedBuild(['build', packId, '--force', '--only', 'pdf', '--out', path.join(work, 'cold-pdf')]).ms);
    cold.docx.push(timedBuild(['build', packId, '--force', '--only', 'docx', '--out', path.join(work, 'cold-docx')]).ms);
    if (otherPack) cold.other.push(timedBuild(['build', otherPack, '--force', '--out', path.join(work, 'cold-other')]).ms);
  }
  console.log(`(a) ${packId}, cold CLI (fresh process; median of ${settings.cold})`);
  line('    all three formats', seconds(median(cold.both.map((run) => run.ms))), `peak memory ${megabytes(Math.max(...cold.both.map((run) => run.maxRssKb)))}`);
  line('    PDF only', seconds(median(cold.pdf)));
  line('    .docx only', seconds(median(cold.docx)));
  if (otherPack) line(`    ${otherPack}, all three formats`, seconds(median(cold.other)));

  // (b) warm
  const { planPack, selectPacks } = await import(pathToFileURL(path.join(root, 'dist/pipeline/build.js')).href);
  const { DataFileCache } = await import(pathToFileURL(path.join(root, 'dist/load/load-pack.js')).href);
  const { writers } = await import(pathToFileURL(path.join(root, 'dist/writers/index.js')).href);
  const { writePdf } = await import(pathToFileURL(path.join(root, 'dist/writers/pdf/index.js')).href);
  const { packs } = await selectPacks(root, [packId]);
  const warm = { total: [], plan: [], pdf: [], docx: [], html: [], pdfOnly: [], untagged: [] };
  for (let i = 0; i < settings.warm + 1; i++) {
    const t0 = performance.now();
    const plan = await planPack(root, packs[0], new DataFileCache(root));
    const t1 = performance.now();
    await (await writers.pdf())(plan.document);
    const t2 = performance.now();
    await (await writers.docx())(plan.document);
    const t3 = performance.now();
    await (await writers.html())(plan.document);
    const t4 = performance.now();
    // The PDF as it would be without its structure tree: what tagging costs (not part of a build).
    await writePdf(plan.document, { tagged: false });
    const t5 = performance.now();
    if (i === 0) continue; // the first run loads modules: that is the cold case
    warm.plan.push(t1 - t0);
    warm.pdf.push(t2 - t1);
    warm.docx.push(t3 - t2);
    warm.html.push(t4 - t3);
    warm.total.push(t4 - t0);
    warm.pdfOnly.push(t2 - t0);
    warm.untagged.push(t5 - t4);
  }
  const milliseconds = (ms) => `${ms.toFixed(1)} ms`;
  console.log(`(b) ${packId}, warm in-process (median of ${settings.warm})`);
  line('    all three formats', seconds(median(warm.total)));
  line('      load, validate, resolve, compose', seconds(median(warm.plan)));
  line('      PDF writer', seconds(median(warm.pdf)));
  line('        the same PDF untagged (no structure tree)', seconds(median(warm.untagged)), `tagging adds ${((median(warm.pdf) / median(warm.untagged) - 1) * 100).toFixed(0)}%`);
  line('      Word writer (most of it: the contents’ page numbers)', seconds(median(warm.docx)));
  line('      web page writer', milliseconds(median(warm.html)));
  line('    PDF only (the four stages, then the PDF writer)', seconds(median(warm.pdfOnly)));

  // (c) and (d): a campaign
  const campaign = makeCampaign(settings.campaign);
  const campaignRun = (jobs) => {
    const runs = [];
    for (let i = 0; i < settings.campaignRuns; i++) {
      runs.push(timedBuild(['build', '--root', campaign, '--out', path.join(work, `campaign-${jobs}`), '--jobs', String(jobs), '--force', '--today', '2020-12-01']));
    }
    return { ms: median(runs.map((r) => r.ms)), maxRssKb: Math.max(...runs.map((r) => r.maxRssKb)) };
  };
  const one = campaignRun(1);
  const all = campaignRun(cores);
  let memory;
  const memoryPacks = Number(process.env.BENCH_MEMORY_PACKS ?? 0);
  if (memoryPacks > 0) {
    const run = spawnSync(process.execPath, ['--expose-gc', path.join(root, 'scripts/bench-memory.mjs'), campaign, String(memoryPacks)], { encoding: 'utf8' });
    memory = run.status === 0 ? JSON.parse(run.stdout) : run.stderr.slice(-500);
  }
  const noop = [];
  for (let i = 0; i < 5; i++) noop.push(timedBuild(['build', '--root', campaign, '--out', path.join(work, `campaign-${cores}`), '--today', '2020-12-01']).ms);
  rmSync(campaign, { recursive: true, force: true });
  console.log(`(c) ${settings.campaign} packs (1 pack + ${settings.campaign - 1} variants), all three formats (median of ${settings.campaignRuns})`);
  line('    1 worker', seconds(one.ms), `peak memory ${megabytes(one.maxRssKb)}`);
  line(`    ${cores} workers`, seconds(all.ms), `peak memory ${megabytes(all.maxRssKb)}`);
  console.log(`(d) no-op rebuild of the ${settings.campaign} packs (median of 5)`);
  line('    all up to date', seconds(median(noop)));

  if (memory !== undefined) {
    console.log(`(g) memory over ${memoryPacks} packs built one after another in one process (after garbage collection)`);
    if (typeof memory === 'string') console.log(`    failed: ${memory}`);
    else for (const sample of memory) line(`    after ${sample.packs} packs`, `${sample.heapMb.toFixed(0)} MB heap`, `${sample.buffersMb.toFixed(0)} MB buffers, ${sample.rssMb.toFixed(0)} MB resident`);
  }

  // (e) watch
  try {
    const { measureWatchRebuild } = await import(pathToFileURL(path.join(root, 'scripts/bench-watch.mjs')).href);
    const watch = await measureWatchRebuild({ root, packId, runs: settings.watch });
    console.log(`(e) watch mode: from saving the pack's pack.yaml to its rebuilt files, warm (median of ${settings.watch}; ${watch.quietMs} ms of it is the wait for quiet)`);
    line('    all three formats', seconds(watch.both.total), `of which building ${seconds(watch.both.build)}`);
    line('    PDF only (--only pdf)', seconds(watch.pdf.total), `of which building ${seconds(watch.pdf.build)}`);
  } catch (error) {
    console.log(`(e) watch mode: not measured (${error.message})`);
  }

  // (f) other tools
  const { measureExternal } = await import(pathToFileURL(path.join(root, 'scripts/bench-external.mjs')).href);
  const external = await measureExternal({ root, packId, runs: settings.external, warmRuns: settings.warm });
  console.log(`(f) other tools on the same text (median of ${settings.external}; Typst warm, median of ${settings.warm})`);
  if (external.chromiumPdfMs !== undefined) {
    line(`    headless Chromium, HTML → PDF (${external.chromiumVersion ?? '?'})`, seconds(external.chromiumPdfMs));
    line('    ratio: packs PDF-only cold / Chromium', (median(cold.pdf) / external.chromiumPdfMs).toFixed(2));
  }
  if (external.pandocDocxMs !== undefined) {
    line(`    pandoc, Markdown → .docx (${external.pandocVersion ?? '?'})`, seconds(external.pandocDocxMs));
    line('    ratio: packs .docx-only cold / pandoc', (median(cold.docx) / external.pandocDocxMs).toFixed(2));
  }
  if (external.typstColdMs !== undefined) {
    line(`    Typst, its markup → PDF, cold (${external.typstVersion})`, seconds(external.typstColdMs));
    line('    ratio: packs PDF-only cold / Typst cold', (median(cold.pdf) / external.typstColdMs).toFixed(2));
    line('    Typst, warm (compiled again in one process)', seconds(external.typstWarmMs));
    line('    ratio: packs PDF-only warm / Typst warm', (median(warm.pdfOnly) / external.typstWarmMs).toFixed(2));
    line('    Typst, warm, its memoized work forgotten each time', seconds(external.typstForgetfulMs));
    line('    ratio: packs PDF-only warm / Typst warm, forgotten', (median(warm.pdfOnly) / external.typstForgetfulMs).toFixed(2));
  }
  for (const reason of external.skipped ?? []) console.log(`    skipped: ${reason}`);

  // (h) the studio
  try {
    const { measureStudio } = await import(pathToFileURL(path.join(root, 'scripts/bench-studio.mjs')).href);
    const studio = await measureStudio({ root, packId, runs: settings.studio });
    console.log(`(h) studio: saving a field of ${packId} (an HTTP POST), warm (median of ${settings.studio})`);
    line('    to the refreshed HTML preview', seconds(studio.preview));
    line('    to the PDF and Word files ready', seconds(studio.files));
    line('    first page answered after start', seconds(studio.firstPage));
  } catch (error) {
    console.log(`(h) studio: not measured (${error.message})`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
