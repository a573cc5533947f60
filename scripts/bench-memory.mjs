#!/usr/bin/env node
// Does memory grow as one process builds pack after pack? Builds `count` packs
// in this process (both formats, no files written) and, every tenth of the way,
// collects garbage and records the heap in use, the buffers' memory (outside
// the heap) and the resident set. A leak shows as a heap or buffers that keep
// rising; flat ones after the first few packs are what we want. Needs --expose-gc (bench.mjs starts it so).
//
//   node --expose-gc scripts/bench-memory.mjs <project-root> <count>
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const tool = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [projectRoot, countText] = process.argv.slice(2);
const count = Number(countText);
const load = (file) => import(pathToFileURL(path.join(tool, 'dist', file)).href);
const { planPack, selectPacks } = await load('pipeline/build.js');
const { DataFileCache } = await load('load/load-pack.js');
const { writers } = await load('writers/index.js');

const { packs } = await selectPacks(projectRoot, []);
const pdf = await writers.pdf();
const docx = await writers.docx();
const samples = [];
const every = Math.max(1, Math.floor(count / 10));
for (let i = 0; i < count; i++) {
  // A new cache per pack, as a long-running watch or server would have per build.
  const plan = await planPack(projectRoot, packs[i % packs.length], new DataFileCache(projectRoot));
  if (!plan.document) throw new Error(`${packs[i % packs.length].id} did not compose`);
  await pdf(plan.document);
  await docx(plan.document);
  if ((i + 1) % every === 0 || i + 1 === count) {
    globalThis.gc?.();
    // Buffers' memory is outside the heap: a buffer kept by a cache shows here, not in heapUsed.
    const { heapUsed, arrayBuffers, rss } = process.memoryUsage();
    samples.push({ packs: i + 1, heapMb: heapUsed / 1024 / 1024, buffersMb: arrayBuffers / 1024 / 1024, rssMb: rss / 1024 / 1024 });
  }
}
process.stdout.write(JSON.stringify(samples));
