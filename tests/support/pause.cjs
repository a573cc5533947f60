// Pauses for tests (node --require), so that a test can run one command in the
// middle of another. Each pause says it has begun by making a file in
// PACKS_PAUSE_DIR, and ends when the test makes another there:
//
//   PACKS_PAUSE_BEFORE_READ=<name>  (a reader) just before the first file of that name is
//       looked at or opened, in any thread: makes `reading-paused`, waits for `go-reading`. The whole
//       thread waits, as if the disk were slow. Also makes `waiting-for-lock` when a
//       thread first finds the project's lock (.packs-edit.lock) taken.
//   PACKS_PAUSE_AFTER_WRITE=<name>  (a writer) just after a file of that name is put in
//       place (the rename that ends a whole write): makes `writing-paused`, waits for
//       `go-writing`. Its event loop keeps running, so the locks it holds stay fresh.
const fs = require('node:fs');
const path = require('node:path');

const dir = process.env.PACKS_PAUSE_DIR;
const beforeRead = process.env.PACKS_PAUSE_BEFORE_READ;
const afterWrite = process.env.PACKS_PAUSE_AFTER_WRITE;
const GIVE_UP_MS = 60_000; // a test that never says go fails on its own timeout, not here

/** Makes `name` in the pause folder; false if it was already there (another thread made it). */
function signal(name) {
  try {
    fs.closeSync(fs.openSync(path.join(dir, name), 'wx'));
    return true;
  } catch {
    return false;
  }
}
const told = (name) => fs.existsSync(path.join(dir, name));

if (dir && beforeRead) {
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  const pauseBefore = (file) => {
    if (path.basename(String(file)) !== beforeRead || !signal('reading-paused')) return;
    const until = Date.now() + GIVE_UP_MS;
    while (!told('go-reading') && Date.now() < until) Atomics.wait(sleeper, 0, 0, 20);
  };
  // A file is looked at (statSync) before it is opened: the pause comes before both.
  for (const name of ['statSync', 'openSync']) {
    const original = fs[name];
    fs[name] = function (file, ...rest) {
      pauseBefore(file);
      return original.call(this, file, ...rest);
    };
  }
  const mkdir = fs.mkdir;
  fs.mkdir = function (folder, ...rest) {
    const done = rest.pop();
    return mkdir.call(this, folder, ...rest, (error, ...results) => {
      if (error?.code === 'EEXIST' && path.basename(String(folder)) === '.packs-edit.lock') signal('waiting-for-lock');
      done(error, ...results);
    });
  };
}

if (dir && afterWrite) {
  const rename = fs.rename;
  fs.rename = function (from, to, done) {
    return rename.call(this, from, to, (error) => {
      if (error || path.basename(String(to)) !== afterWrite || !signal('writing-paused')) return done(error);
      const until = Date.now() + GIVE_UP_MS;
      const poll = () => (told('go-writing') || Date.now() > until ? done(null) : setTimeout(poll, 20));
      poll();
    });
  };
}
