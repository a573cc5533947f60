// Loaded into each Node process of a benchmarked command (node --require, through
// NODE_OPTIONS, so that the copy `packs build` starts loads it too): as the
// process exits, it appends its peak resident memory, in KB, to $BENCH_PEAK_FILE.
const { appendFileSync } = require('node:fs');

process.on('exit', () => appendFileSync(process.env.BENCH_PEAK_FILE, `${process.resourceUsage().maxRSS}\n`));
