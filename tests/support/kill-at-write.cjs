// Fault injection for tests (node --require): the process kills itself (SIGKILL,
// as a power cut or `kill -9` would stop it) just before its N-th change to the
// file system (PACKS_KILL_AT): opening a file to write, writing, flushing,
// renaming, linking, removing, making or removing a folder, touching a lock. With
// PACKS_KILL_AT unset it counts them and prints the count to stderr at exit, so a
// test can pick moments across the whole of a command's writing.
const fs = require('node:fs');

const at = process.env.PACKS_KILL_AT === undefined ? Infinity : Number(process.env.PACKS_KILL_AT);
let changes = 0;
const count = () => {
  changes += 1;
  if (changes >= at) process.kill(process.pid, 'SIGKILL');
};

for (const name of ['write', 'fsync', 'rename', 'link', 'unlink', 'mkdir', 'rmdir', 'rm', 'utimes']) {
  const original = fs[name];
  fs[name] = function (...args) {
    count();
    return original.apply(this, args);
  };
}
const open = fs.open;
fs.open = function (file, flags, ...rest) {
  if (typeof flags === 'string' && /[wa+]/.test(flags)) count();
  return open.call(this, file, flags, ...rest);
};
if (at === Infinity) process.on('exit', () => process.stderr.write(`file-system changes: ${changes}\n`));
