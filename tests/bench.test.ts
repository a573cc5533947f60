// `npm run bench` in miniature: one run of each figure and a campaign of 3
// packs instead of 200, so that a change which breaks the benchmark (a syntax
// error in a script, a renamed module it imports, a figure no longer printed)
// fails here rather than on the day someone wants the figures. The figures
// themselves are not asserted: timings belong to the benchmark, not the tests.
import { describe, expect, it } from 'vitest';
import { runScriptAsync } from './support/project.js';

const miniature = {
  BENCH_COLD_RUNS: '1',
  BENCH_WARM_RUNS: '1',
  BENCH_CAMPAIGN: '3',
  BENCH_CAMPAIGN_RUNS: '1',
  BENCH_EXTERNAL_RUNS: '1',
  BENCH_WATCH_RUNS: '1',
  BENCH_STUDIO_RUNS: '1',
  BENCH_MEMORY_PACKS: '2',
};

const seconds = String.raw`\d+\.\d{3} s`;

describe('npm run bench', () => {
  it('runs and prints every figure the issue asks for: (a) cold, (b) warm, (c) a campaign with 1 and all workers, (d) a no-op rebuild, (e) watch, (f) other tools (Typst among them) where installed, (g) memory when asked, and (h) the studio', async () => {
    // Asynchronously: the benchmark takes a while, and vitest's worker must stay responsive meanwhile.
    const run = await runScriptAsync('scripts/bench.mjs', [], { env: miniature });
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.split('\n');
    const figure = (label: string) => {
      const found = lines.find((line) => line.trimStart().startsWith(label));
      expect(found, `no line "${label}" in:\n${run.stdout}`).toBeDefined();
      return found!;
    };
    expect(figure('(a) met-dac-2021, cold CLI')).toBeDefined();
    expect(figure('all three formats')).toMatch(new RegExp(`${seconds}  peak memory \\d+ MB$`));
    expect(figure('PDF only ')).toMatch(new RegExp(`${seconds}$`));
    expect(figure('.docx only')).toMatch(new RegExp(`${seconds}$`));
    expect(figure('met-deputy-director-project-delivery, all three formats')).toMatch(new RegExp(`${seconds}$`));
    expect(figure('(b) met-dac-2021, warm in-process')).toBeDefined();
    expect(figure('PDF writer')).toMatch(new RegExp(`${seconds}$`));
    // What tagging costs (issue 23: at most 25% of the warm PDF writer) and the web page writer (at most 20 ms).
    expect(figure('the same PDF untagged (no structure tree)')).toMatch(new RegExp(`${seconds}  tagging adds -?\\d+%$`));
    expect(figure('Word writer')).toMatch(new RegExp(`${seconds}$`));
    expect(figure('web page writer')).toMatch(/ \d+\.\d ms$/);
    expect(figure('PDF only (the four stages, then the PDF writer)')).toMatch(new RegExp(`${seconds}$`));
    expect(figure('(c) 3 packs (1 pack + 2 variants), all three formats')).toBeDefined();
    expect(figure('1 worker')).toMatch(new RegExp(`${seconds}  peak memory \\d+ MB$`));
    expect(run.stdout).toMatch(new RegExp(String.raw`\n    \d+ workers +${seconds}  peak memory \d+ MB\n`));
    expect(figure('(d) no-op rebuild of the 3 packs')).toBeDefined();
    expect(figure('all up to date')).toMatch(new RegExp(`${seconds}$`));
    expect(figure('(e) watch mode: from saving')).toBeDefined();
    expect(figure('PDF only (--only pdf)')).toMatch(new RegExp(`${seconds}  of which building ${seconds}$`));
    expect(figure('(f) other tools on the same text')).toBeDefined();
    // Each tool is either measured, with its ratio, or named as skipped.
    expect(run.stdout).toMatch(/ratio: packs PDF-only cold \/ Chromium +\d+\.\d\d\n|skipped: chromium not installed/);
    expect(run.stdout).toMatch(/ratio: packs \.docx-only cold \/ pandoc +\d+\.\d\d\n|skipped: pandoc not installed/);
    // Typst, installed for the benchmark only: cold and warm with their ratios, or skipped with how to install it.
    expect(run.stdout).toMatch(
      new RegExp(
        String.raw`Typst, its markup → PDF, cold \(@myriaddreamin/typst-ts-node-compiler [\d.]+\) +${seconds}\n` +
          String.raw` +ratio: packs PDF-only cold / Typst cold +\d+\.\d\d\n` +
          String.raw` +Typst, warm \(compiled again in one process\) +${seconds}\n` +
          String.raw` +ratio: packs PDF-only warm / Typst warm +\d+\.\d\d\n` +
          String.raw` +Typst, warm, its memoized work forgotten each time +${seconds}\n` +
          String.raw` +ratio: packs PDF-only warm / Typst warm, forgotten +\d+\.\d\d\n` +
          String.raw`|skipped: typst not installed \(for its figures: npm install --no-save @myriaddreamin/typst-ts-node-compiler@[\d.]+\)`,
      ),
    );
    expect(figure('(g) memory over 2 packs built one after another')).toBeDefined();
    for (const packs of [1, 2]) expect(figure(`after ${packs} packs`)).toMatch(/ \d+ MB heap  \d+ MB buffers, \d+ MB resident$/);
    // The studio (issue 24: at most 300 ms to the preview, 1 s to the files, 2 s to the first page).
    expect(figure('(h) studio: saving a field of met-dac-2021 (an HTTP POST), warm')).toBeDefined();
    expect(figure('to the refreshed HTML preview')).toMatch(new RegExp(`${seconds}$`));
    expect(figure('to the PDF and Word files ready')).toMatch(new RegExp(`${seconds}$`));
    expect(figure('first page answered after start')).toMatch(new RegExp(`${seconds}$`));
  });
});
