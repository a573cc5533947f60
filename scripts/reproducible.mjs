#!/usr/bin/env node
// npm run reproducible: builds every pack several ways — all at once in four
// worker threads, all at once in one thread, in another time zone and
// language, and each pack alone — and prints the SHA-256 of every output for each way. The same inputs must give the same bytes whichever way they were
// built; the script exits 1 if not.
//
//   node scripts/reproducible.mjs [--root <project>]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const tool = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rootFlag = process.argv.indexOf('--root');
const root = path.resolve(rootFlag > 0 ? process.argv[rootFlag + 1] : tool);
const cli = path.join(tool, 'bin', 'packs.js');
const work = mkdtempSync(path.join(tmpdir(), 'packs-reproducible-'));

/** Runs `packs` with some arguments and environment; a failed build stops the script. */
function packs(args, env = {}) {
  const run = spawnSync(process.execPath, [cli, ...args, '--root', root], { encoding: 'utf8', env: { ...process.env, ...env } });
  if (run.status !== 0) {
    process.stderr.write(run.stdout + run.stderr);
    process.exit(2);
  }
  return run.stdout;
}

const ids = packs(['list']).split('\n').filter(Boolean);
const ways = [
  { name: 'all packs, 4 worker threads', build: (out) => packs(['build', '--out', out, '--jobs', '4']) },
  { name: 'all again, in one thread', build: (out) => packs(['build', '--out', out, '--jobs', '1']) },
  {
    name: 'TZ=Pacific/Kiritimati LANG=de_DE',
    build: (out) => packs(['build', '--out', out], { TZ: 'Pacific/Kiritimati', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' }),
  },
  { name: 'one pack at a time', build: (out) => ids.forEach((id) => packs(['build', id, '--out', out])) },
];

const sums = new Map(); // output file → one SHA-256 per way
ways.forEach((way, i) => {
  const out = path.join(work, String(i));
  way.build(out);
  for (const file of readdirSync(out).filter((name) => /\.(pdf|docx|html)$/.test(name)).sort()) {
    if (!sums.has(file)) sums.set(file, []);
    sums.get(file)[i] = createHash('sha256').update(readFileSync(path.join(out, file))).digest('hex');
  }
});
rmSync(work, { recursive: true, force: true });

let differ = 0;
console.log(`SHA-256 of every output, built ${ways.length} ways: ${ways.map((w, i) => `(${i + 1}) ${w.name}`).join('; ')}\n`);
for (const [file, hashes] of sums) {
  const same = hashes.length === ways.length && hashes.every((hash) => hash === hashes[0]);
  if (!same) differ++;
  console.log(`${same ? 'same' : 'DIFFERENT'}  ${hashes[0]}  ${file}`);
  if (!same) hashes.forEach((hash, i) => console.log(`    (${i + 1}) ${hash ?? 'not built'}`));
}
console.log(differ === 0 ? `\nAll ${sums.size} outputs are byte-identical every way.` : `\n${differ} of ${sums.size} outputs differ.`);
process.exit(differ === 0 ? 0 : 1);
