#!/usr/bin/env node
// How long `packs watch` takes to rebuild a pack after a save, warm: in a
// throwaway copy of the project, the watcher (from dist/) builds the pack once,
// then a file the pack reads is saved again and again, and each time is timed
// from the write to the rebuilt outputs being written. Both formats, then
// `--only pdf`. It prints figures; it asserts nothing (the target, ≤ 250 ms,
// lives in the issue).
//
//   node scripts/bench-watch.mjs [pack-id]        (BENCH_WATCH_RUNS=7 by default)
//
// or, from another script: `const { measureWatchRebuild } = await import('./scripts/bench-watch.mjs')`.
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Times `runs` warm rebuilds of `packId` after a save, for both formats and for `--only pdf`.
 * Each figure is a median in milliseconds: `total` from the write to the outputs being written,
 * `build` the build itself (load, check, compose, render, write), `wait` the rest (the file
 * watcher seeing the save, and the quiet time the watcher waits for more saves, `quietMs`).
 */
export async function measureWatchRebuild({ root = projectRoot, packId = 'met-dac-2021', runs = 7, quietMs } = {}) {
  const { startWatch, DEFAULT_QUIET_MS } = await import(pathToFileURL(path.join(root, 'dist', 'pipeline', 'watch.js')).href);
  const copy = mkdtempSync(path.join(tmpdir(), 'packs-bench-watch-'));
  try {
    cpSync(path.join(root, 'packs'), path.join(copy, 'packs'), { recursive: true });
    cpSync(path.join(root, 'templates'), path.join(copy, 'templates'), { recursive: true });
    // The file saved: the pack's own pack.yaml, with one more comment line each time.
    const saved = path.join(copy, 'packs', packId, 'pack.yaml');
    const result = { packId, runs, quietMs: quietMs ?? DEFAULT_QUIET_MS };
    for (const [label, formats] of [
      ['both', ['pdf', 'docx']],
      ['pdf', ['pdf']],
    ]) {
      let waiting;
      const watch = await startWatch({
        root: copy,
        ids: [packId],
        outDir: path.join(copy, `output-${label}`),
        formats,
        ...(quietMs === undefined ? {} : { quietMs }),
        onRebuild: (rebuild) => waiting?.(rebuild),
        onError: (error) => {
          throw error;
        },
      });
      try {
        await watch.ready;
        const totals = [];
        const builds = [];
        // One save first that is not counted, so that every counted one is warm.
        for (let i = 0; i <= runs; i++) {
          const rebuilt = new Promise((resolve) => (waiting = resolve));
          const started = performance.now();
          appendFileSync(saved, `# bench save ${label} ${i}\n`);
          const rebuild = await rebuilt;
          const ended = performance.now();
          const pack = rebuild.packs.find((p) => p.id === packId);
          if (!pack?.build || pack.build.outputs.length !== formats.length) {
            throw new Error(`the rebuild of ${packId} wrote nothing: ${String(pack?.error ?? JSON.stringify(pack?.build?.diagnostics))}`);
          }
          if (i === 0) continue;
          totals.push(ended - started);
          builds.push(pack.build.milliseconds);
        }
        result[label] = {
          total: median(totals),
          build: median(builds),
          wait: median(totals.map((total, i) => total - builds[i])),
        };
      } finally {
        waiting = undefined;
        await watch.close();
      }
    }
    return result;
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const packId = process.argv[2] ?? 'met-dac-2021';
  const runs = Number(process.env.BENCH_WATCH_RUNS ?? 7);
  const figures = await measureWatchRebuild({ packId, runs });
  const ms = (value) => `${value.toFixed(0).padStart(5)} ms`;
  console.log(`packs watch: ${packId}, a save to its pack.yaml, warm, median of ${runs} (quiet time ${figures.quietMs} ms)`);
  console.log(`Node ${process.version}, ${process.platform} ${process.arch}${process.execArgv.length > 0 ? `, started with ${process.execArgv.join(' ')}` : ''}`);
  console.log('');
  console.log('                      save → written    build    wait (seen + quiet)');
  for (const [label, name] of [
    ['both', 'PDF and .docx'],
    ['pdf', '--only pdf'],
  ]) {
    const f = figures[label];
    console.log(`${name.padEnd(20)}  ${ms(f.total)}      ${ms(f.build)}   ${ms(f.wait)}`);
  }
}
