#!/usr/bin/env node
// Makes the startup snapshot `packs build` starts from (src/startup/): run by
// `npm ci` and `npm install` (the package's `prepare` script, after tsc) and
// before the tests. It
//   1. bundles dist/startup/snapshot-main.js and everything it imports into one
//      CommonJS file, as Node can only make a snapshot from one script, with its
//      characters written to fit one byte each (one-byte-source.mjs);
//   2. has Node run that file with --build-snapshot, which loads the tool, renders
//      the project's valid packs in memory (up to six), and writes the process to a file;
//   3. checks that a process starts from it;
//   4. writes the key: what the snapshot was made from (startup-snapshot.ts).
// If any step fails it says so and leaves no snapshot: the command then loads
// its modules as usual. It never fails the install.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { oneByteSource } from './one-byte-source.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const startup = await import(pathToFileURL(path.join(root, 'dist/startup/startup-snapshot.js')).href);
const dir = path.join(root, startup.SNAPSHOT_DIR);
const bundle = path.join(dir, startup.SNAPSHOT_BUNDLE);
const blob = path.join(dir, startup.SNAPSHOT_BLOB);
const keyFile = path.join(dir, startup.SNAPSHOT_KEY_FILE);

/**
 * Libraries left out of the bundle, and required from the tool's folder when
 * first used: none may be loaded while the snapshot is made. piscina starts its
 * worker threads from a file next to its own, and chokidar watches files with
 * handles a snapshot cannot keep; both are imported only when used ('module').
 * write-file-atomic asks worker_threads for the thread's id as it loads, and a
 * process started from a snapshot in which worker_threads was loaded cannot start
 * threads; it is imported by the build's modules, so its one export, a function,
 * stands in for it until first called ('function').
 */
const LOADED_AT_RUN_TIME = { piscina: 'module', chokidar: 'module', 'write-file-atomic': 'function' };

/** Each compiled file's `import.meta.url` becomes its own address: a bundle has no modules to ask. */
const ownAddress = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /[\\/]dist[\\/].*\.js$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
      loader: 'js',
    }));
  },
};

/** The libraries above, required from the tool's folder when first imported or called. */
const loadedAtRunTime = {
  name: 'loaded-at-run-time',
  setup(build) {
    const names = new RegExp(`^(${Object.keys(LOADED_AT_RUN_TIME).join('|')})$`);
    build.onResolve({ filter: names }, (args) => ({ path: args.path, namespace: 'run-time' }));
    build.onLoad({ filter: /.*/, namespace: 'run-time' }, (args) => {
      const load = `require('node:module').createRequire(${JSON.stringify(path.join(root, 'package.json'))})(${JSON.stringify(args.path)})`;
      const contents =
        LOADED_AT_RUN_TIME[args.path] === 'function'
          ? `let real;
             const load = () => (real ??= ${load});
             module.exports = (...args) => load()(...args);`
          : `module.exports = ${load};`;
      return { contents, loader: 'js' };
    });
  },
};

function fail(step, detail) {
  rmSync(dir, { recursive: true, force: true });
  console.warn(`packs: no startup snapshot (${step}); builds will load the tool as usual.${detail ? `\n${detail.trim().split('\n').slice(-12).join('\n')}` : ''}`);
  process.exit(0);
}

if (process.platform === 'win32') fail('not made on Windows, where the command does not start again');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  fail('the bundler, esbuild, is not installed: it is a development dependency');
}
try {
  await esbuild.build({
    entryPoints: [path.join(root, 'dist/startup/snapshot-main.js')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: `node${process.versions.node.split('.')[0]}`,
    plugins: [ownAddress, loadedAtRunTime],
    logLevel: 'silent',
  });
  const bundled = readFileSync(bundle, 'utf8');
  const oneByte = await oneByteSource(bundled);
  if (oneByte === undefined) console.warn('packs: the startup snapshot keeps its source at two bytes a character, as a template in it holds a character above U+00FF');
  writeFileSync(bundle, oneByte ?? bundled);
} catch (error) {
  fail('bundling failed', String(error?.message ?? error));
}

const started = performance.now();
// --no-warnings: Node warns that some of its modules are not yet verified in snapshots; the check below is ours.
const made = spawnSync(process.execPath, ['--no-warnings', ...startup.SNAPSHOT_V8_FLAGS, '--snapshot-blob', blob, '--build-snapshot', bundle], { cwd: root, encoding: 'utf8' });
if (made.status !== 0) fail(`node --build-snapshot exited ${made.status ?? made.signal}`, made.stderr);

const check = spawnSync(process.execPath, [...startup.snapshotStart(blob), 'build', '--help'], { cwd: root, encoding: 'utf8' });
if (check.status !== 0 || !check.stdout.includes('Usage: packs build')) fail('a process started from it did not run', check.stderr || check.stdout);

writeFileSync(keyFile, `${JSON.stringify(startup.currentSnapshotKey(root), null, 2)}\n`);
const megabytes = (file) => (statSync(file).size / 1024 / 1024).toFixed(0);
console.log(`packs: startup snapshot made in ${((performance.now() - started) / 1000).toFixed(1)} s (${startup.SNAPSHOT_DIR}/${startup.SNAPSHOT_BLOB}, ${megabytes(blob)} MB)`);
