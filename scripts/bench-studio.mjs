#!/usr/bin/env node
// How fast the studio answers a recruiter, warm, in a throwaway copy of the
// project: `packs studio` started as a user starts it, timed to its first page;
// then a field of the pack saved again and again (an HTTP POST from the studio's
// own page, as the form sends it), each time timed to the refreshed HTML preview
// (the POST answered, the preview fetched) and to the PDF and Word files ready
// (the studio answers a request for them once they are rebuilt). It prints
// figures; it asserts nothing (the targets, ≤ 300 ms, ≤ 1 s and ≤ 2 s, live in
// issue 24).
//
//   node scripts/bench-studio.mjs [pack-id]        (BENCH_STUDIO_RUNS=7 by default)
//
// or, from another script: `const { measureStudio } = await import('./scripts/bench-studio.mjs')`.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** One HTTP request to the studio; resolves with its status and body. */
function send(port, { method = 'GET', path: at, headers = {}, body }) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path: at, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Medians in milliseconds over `runs` saves of the pack's basic pay: `preview` from the POST
 * to the preview fetched, `files` from the POST to the PDF and Word files fetched; and
 * `firstPage`, from starting the studio to its home page answered.
 */
export async function measureStudio({ root = projectRoot, packId = 'met-dac-2021', runs = 7 } = {}) {
  const copy = mkdtempSync(path.join(tmpdir(), 'packs-bench-studio-'));
  const nodeFlags = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts.studio.split(/\s+/).slice(1, -2);
  let child;
  try {
    cpSync(path.join(root, 'packs'), path.join(copy, 'packs'), { recursive: true });
    cpSync(path.join(root, 'templates'), path.join(copy, 'templates'), { recursive: true });
    const started = performance.now();
    child = spawn(process.execPath, [...nodeFlags, path.join(root, 'bin', 'packs.js'), 'studio', '--root', copy, '--today', '2021-01-04'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let printed = '';
    const port = await new Promise((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (chunk) => {
        printed += chunk;
        const found = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(printed);
        if (found) resolve(Number(found[1]));
      });
      child.on('exit', (code) => reject(new Error(`the studio stopped (${code})`)));
    });
    const home = await send(port, { path: '/' });
    const firstPage = performance.now() - started;
    if (home.status !== 200) throw new Error(`the home page answered ${home.status}`);
    const page = await send(port, { path: `/packs/${packId}` });
    const secret = /name="secret" value="([^"]+)"/.exec(page.body)[1];
    const file = (format) => `/packs/${packId}/files/${packId}.${format}`;
    await send(port, { path: file('pdf') }); // the first build, before the saves are timed
    const origin = `http://127.0.0.1:${port}`;
    const preview = [];
    const files = [];
    // One warm-up save, then the timed ones; each a new figure, so that each is a change.
    for (let i = 0; i <= runs; i++) {
      const body = new URLSearchParams({ secret, field: 'pay.basic', value: String(156694 + i) }).toString();
      const t0 = performance.now();
      const saved = await send(port, { method: 'POST', path: `/packs/${packId}/set`, headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' }, body });
      if (saved.status !== 303) throw new Error(`a save answered ${saved.status}: ${saved.body.slice(0, 500)}`);
      await send(port, { path: file('html') });
      const t1 = performance.now();
      await Promise.all([send(port, { path: file('pdf') }), send(port, { path: file('docx') })]);
      const t2 = performance.now();
      if (i > 0) {
        preview.push(t1 - t0);
        files.push(t2 - t0);
      }
    }
    return { packId, runs, firstPage, preview: median(preview), files: median(files) };
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      await exited;
    }
    rmSync(copy, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await measureStudio({ packId: process.argv[2] ?? 'met-dac-2021', runs: Number(process.env.BENCH_STUDIO_RUNS ?? 7) });
  console.log(JSON.stringify(figures, null, 2));
}
