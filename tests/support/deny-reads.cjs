// Fault injection for tests (node --require): opening a file whose path ends
// with one of PACKS_DENY_READ (comma-separated, like "packs/x/role.yaml") fails
// with EACCES, as a file the user may not read would. The tests run as root on
// CI, which permissions do not stop, so this stands in for `chmod 000`. Only
// fs.openSync is touched (the one way the tool opens a project's files), and the
// ES module view of node:fs is updated to match.
const fs = require('node:fs');
const { syncBuiltinESMExports } = require('node:module');

const denied = (process.env.PACKS_DENY_READ ?? '').split(',').filter(Boolean);
const isDenied = (file) => denied.some((end) => String(file).split('\\').join('/').endsWith(end));

const openSync = fs.openSync;
fs.openSync = function (file, ...rest) {
  if (isDenied(file)) throw Object.assign(new Error(`EACCES: permission denied, open '${file}' (injected by deny-reads.cjs)`), { code: 'EACCES' });
  return openSync.call(this, file, ...rest);
};
syncBuiltinESMExports();
