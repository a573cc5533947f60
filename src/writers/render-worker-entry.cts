// The file a RenderThread's worker starts from. A worker thread inherits the
// process's flags, and `--input-type` (which a script run with `node -e` may
// have) refuses an ES module as a thread's first file; a CommonJS one is
// accepted, and it imports the real worker.
void import('./render-worker.js');
