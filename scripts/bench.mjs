#!/usr/bin/env node
// npm run bench: how long the DAC pack takes to build in both formats, cold
// (a fresh `packs build` process, as a user runs it) and warm (again and again
// in one process), as medians of several runs, with peak memory. It prints
// figures; it asserts nothing. Targets live in the issues, not in tests.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const packId = process.argv[2] ?? 'met-dac-2021';
const coldRuns = Number(process.env.BENCH_COLD_RUNS ?? 5);
const manyPacks = Number(process.env.BENCH_MANY_PACKS ?? 200);
const warmRuns = Number(process.env.BENCH_WARM_RUNS ?? 7);

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const seconds = (ms) => `${(ms / 1000).toFixed(3)} s`;
const megabytes = (kb) => `${(kb / 1024).toFixed(0)} MB`;

const out = mkdtempSync(path.join(tmpdir(), 'packs-bench-'));
try {
  // Cold: a new process each time, timed from outside; peak memory from the child's rusage.
  const cold = [];
  let coldPeakKb = 0;
  for (let i = 0; i < coldRuns; i++) {
    const started = performance.now();
    const run = spawnSync(process.execPath, [path.join(root, 'bin', 'packs.js'), 'build', packId, '--out', out], { cwd: root, encoding: 'utf8' });
    cold.push(performance.now() - started);
    if (run.status !== 0) throw new Error(`build failed:\n${run.stdout}${run.stderr}`);
  }
  // Peak resident memory of one cold build, measured by the child itself.
  const measured = spawnSync(
    process.execPath,
    ['-e', `const {main}=await import(${JSON.stringify(path.join(root, 'dist/cli/main.js'))});await main(['build',${JSON.stringify(packId)},'--out',${JSON.stringify(out)}],{stdout(){},stderr(){},cwd:${JSON.stringify(root)}});process.stdout.write(String(process.resourceUsage().maxRSS))`],
    { cwd: root, encoding: 'utf8', input: '' },
  );
  coldPeakKb = Number(measured.stdout.trim());

  // Warm: the same process builds the pack again and again.
  const { planPack, selectPacks } = await import(path.join(root, 'dist/pipeline/build.js'));
  const { DataFileCache } = await import(path.join(root, 'dist/validate/load-pack.js'));
  const { writers } = await import(path.join(root, 'dist/writers/index.js'));
  const { packs } = await selectPacks(root, [packId]);
  const warm = { total: [], pdf: [], docx: [], plan: [] };
  for (let i = 0; i < warmRuns + 1; i++) {
    const t0 = performance.now();
    const plan = await planPack(root, packs[0], new DataFileCache(root));
    const t1 = performance.now();
    await (await writers.pdf())(plan.document);
    const t2 = performance.now();
    await (await writers.docx())(plan.document);
    const t3 = performance.now();
    if (i === 0) continue; // the first run loads and compiles; it is the cold case's business
    warm.plan.push(t1 - t0);
    warm.pdf.push(t2 - t1);
    warm.docx.push(t3 - t2);
    warm.total.push(t3 - t0);
  }

  // Validating many packs: copies of the pack (each its own folder and id) sharing the shared data.
  const campaign = mkdtempSync(path.join(tmpdir(), 'packs-bench-campaign-'));
  cpSync(path.join(root, 'templates'), path.join(campaign, 'templates'), { recursive: true });
  cpSync(path.join(root, 'packs', 'shared'), path.join(campaign, 'packs', 'shared'), { recursive: true });
  for (let i = 1; i <= manyPacks; i++) {
    const id = `${packId}-${String(i).padStart(3, '0')}`;
    const dir = path.join(campaign, 'packs', id);
    cpSync(path.join(root, 'packs', packId), dir, { recursive: true });
    const packFile = path.join(dir, 'pack.yaml');
    writeFileSync(packFile, readFileSync(packFile, 'utf8').replace(/^id: .*$/m, `id: ${id}`));
  }
  const validateRuns = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const run = spawnSync(process.execPath, [path.join(root, 'bin', 'packs.js'), 'validate', '--root', campaign, '--format', 'json'], { encoding: 'utf8' });
    validateRuns.push(performance.now() - started);
    if (run.status !== 0) throw new Error(`validate failed:\n${run.stdout.slice(0, 2000)}`);
  }
  rmSync(campaign, { recursive: true, force: true });

  console.log(`Pack: ${packId}, both formats (PDF and .docx)`);
  console.log(`Node ${process.version}, ${process.platform} ${process.arch}`);
  console.log('');
  console.log(`cold (fresh process, median of ${coldRuns})   ${seconds(median(cold))}`);
  console.log(`warm (in-process, median of ${warmRuns})      ${seconds(median(warm.total))}`);
  console.log(`  load, validate, resolve, compose   ${seconds(median(warm.plan))}`);
  console.log(`  PDF writer                         ${seconds(median(warm.pdf))}`);
  console.log(`  Word writer                        ${seconds(median(warm.docx))}`);
  console.log(`peak memory (one cold build, RSS)    ${megabytes(coldPeakKb)}`);
  console.log(`validate ${manyPacks} packs (fresh process, median of 3)  ${seconds(median(validateRuns))}`);
  console.log(`warm process RSS after runs          ${megabytes(process.memoryUsage().rss / 1024)}`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
