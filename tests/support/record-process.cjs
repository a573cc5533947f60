// Test support (node --require, through NODE_OPTIONS so that a process the
// command starts loads it too): appends a line to $RECORD_PROCESS_FILE with this
// process's id, its parent's, the flags Node was started with, and the C
// library's settings it was given (GLIBC_TUNABLES).
const { appendFileSync } = require('node:fs');

appendFileSync(process.env.RECORD_PROCESS_FILE, `${JSON.stringify({ pid: process.pid, ppid: process.ppid, execArgv: process.execArgv, glibcTunables: process.env.GLIBC_TUNABLES })}\n`);
