#!/usr/bin/env node
// The first step of npm's `prepare` script (package.json): exits 0 when the rest
// (compiling the tool and making its startup snapshot) may be left out, and 1
// when it must run.
//
// Why: npm runs `prepare` on `npm ci` and `npm install`, as it should, but npx
// runs it again the first time it is asked for `packs` in a folder. npm 7 and
// later find `packs` in the project's own package.json and install the project
// into npx's cache to link the command, running its lifecycle scripts; that copy
// is a link to the project folder itself, already prepared by `npm ci`. So the
// README's first `npx packs build` took 13 s here, 12 of them compiling the tool
// again and remaking the snapshot (about 1 s after that).
//
// It is left out only when npx is what runs it (npm_command=exec) and the
// compiled tool has a fresh startup snapshot, that is one made from exactly the
// compiled code there is (src/startup/startup-snapshot.ts); every other time,
// and whenever that cannot be told, `prepare` runs in full.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const snapshotModule = path.join(root, 'dist/startup/startup-snapshot.js');

let prepared = false;
if (process.env.npm_command === 'exec' && existsSync(snapshotModule)) {
  try {
    const { freshSnapshot } = await import(pathToFileURL(snapshotModule).href);
    prepared = freshSnapshot(root) !== undefined;
  } catch {
    // A compiled tool that cannot be loaded is not prepared: prepare runs in full.
  }
}
process.exit(prepared ? 0 : 1);
