// Fault injection for tests (node --require): the first time the tool checks a
// file whose path ends with PACKS_SAVE_AFTER_CHECK (statSync), the file is saved
// again right after the check, as an editor does — new text written beside it
// and renamed over it — so the file the tool then opens is not the one it
// checked. Only fs.statSync is touched, and the ES module view of node:fs is
// updated to match.
const fs = require('node:fs');
const { syncBuiltinESMExports } = require('node:module');

const target = process.env.PACKS_SAVE_AFTER_CHECK ?? '';
let saved = false;

const statSync = fs.statSync;
fs.statSync = function (file, ...rest) {
  const stats = statSync.call(this, file, ...rest);
  if (!saved && target && String(file).split('\\').join('/').endsWith(target)) {
    saved = true;
    const text = fs.readFileSync(file);
    fs.writeFileSync(`${file}.saving`, text);
    fs.renameSync(`${file}.saving`, file);
  }
  return stats;
};
syncBuiltinESMExports();
