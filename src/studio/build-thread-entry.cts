// The file the studio's build thread starts from. A worker thread inherits the
// process's flags, and `--input-type` (which a script run with `node -e` may
// have) refuses an ES module as a thread's first file; a CommonJS one is
// accepted, and it imports the real worker (as src/writers/render-worker-entry.cts).
void import('./build-thread.js');
