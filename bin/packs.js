#!/usr/bin/env node
// The `packs` command. `npm ci` compiles the TypeScript sources into dist/ (the
// package's `prepare` script); this file only runs the compiled CLI.
import module from 'node:module';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';

// Node 22 and later keep the compiled code of the modules loaded between runs (Node 20 has no such cache).
module.enableCompileCache?.();
// Node 20's V8 (11.3) sends a function to its optimising compiler after little of its bytecode has run, and inlines
// much into it. A build runs most of its code a few times a pack, so that compiler's work, on threads of its own,
// competed with the build for the cores: 64 packs in two workers on two cores took 40 s of CPU time and 21 s, and
// 22 s and 12 s with a budget six times the default and less inlining (npm run bench, (c); docs/benchmark.md).
// Later V8s count calls instead, and were not measured.
if (process.versions.v8.startsWith('11.3.')) v8.setFlagsFromString('--interrupt-budget=400000 --max-inlined-bytecode-size-cumulative=200');
let cli;
try {
  cli = await import('../dist/cli/main.js');
} catch (error) {
  // Before `npm ci` there is no dist/, nor the libraries it loads: say what to do, not where Node looked.
  if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  const tool = fileURLToPath(new URL('..', import.meta.url));
  process.stderr.write(`packs: the tool is not installed in ${tool} (hint: run \`npm ci\` there first; it installs the libraries and compiles the tool)\n`);
  process.exit(2);
}
process.exitCode = await cli.main(process.argv.slice(2));
