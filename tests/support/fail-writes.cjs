// Fault injection for tests (node --require): the N-th temporary file the tool
// writes (PACKS_FAIL_NTH, default 1; counted in this thread) fails as a full or
// read-only disk would make it fail. PACKS_FAIL_WRITE says how:
//   enospc  its first write is short (half the bytes), the next fails with ENOSPC
//   eacces  opening it fails with EACCES (a folder the user may not write to)
//   erofs   opening it fails with EROFS (a read-only disk)
// Only the tool's own temporary files (.~packs-writing.*) are touched: reading,
// and anything else, goes on as normal.
const fs = require('node:fs');

const mode = process.env.PACKS_FAIL_WRITE;
const nth = Number(process.env.PACKS_FAIL_NTH ?? '1');
const temporary = (file) => /(^|[\\/])\.~packs-writing\.[^\\/]*$/.test(String(file));
const failure = (code) => Object.assign(new Error(`${code}: injected by fail-writes.cjs`), { code });
let opened = 0;
/** File descriptors of the temporary file that fails, and how many writes each has had. */
const doomed = new Map();

const open = fs.open;
fs.open = function (file, ...rest) {
  if (!temporary(file)) return open.call(this, file, ...rest);
  opened += 1;
  const callback = rest[rest.length - 1];
  if (opened === nth && (mode === 'eacces' || mode === 'erofs')) {
    process.nextTick(callback, failure(mode.toUpperCase()));
    return;
  }
  rest[rest.length - 1] = (error, fd) => {
    if (!error && opened === nth && mode === 'enospc') doomed.set(fd, 0);
    callback(error, fd);
  };
  return open.call(this, file, ...rest);
};

const write = fs.write;
fs.write = function (fd, buffer, offset, length, position, callback) {
  if (!doomed.has(fd)) return write.call(this, fd, buffer, offset, length, position, callback);
  const writes = doomed.get(fd);
  doomed.set(fd, writes + 1);
  if (writes > 0) return process.nextTick(callback, failure('ENOSPC'));
  // A short write: half of what was asked for lands.
  return write.call(this, fd, buffer, offset, Math.max(1, Math.floor(length / 2)), position, callback);
};

// A closed descriptor's number is soon given to another file: forget it.
const close = fs.close;
fs.close = function (fd, ...rest) {
  doomed.delete(fd);
  return close.call(this, fd, ...rest);
};
