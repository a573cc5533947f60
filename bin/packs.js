#!/usr/bin/env node
// The `packs` command. `npm ci` compiles the TypeScript sources into dist/ (the
// package's `prepare` script); this file only runs the compiled CLI.
import module from 'node:module';
import { fileURLToPath } from 'node:url';

// Node 22 and later keep the compiled code of the modules loaded between runs (Node 20 has no such cache).
module.enableCompileCache?.();
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
