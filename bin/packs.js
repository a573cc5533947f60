#!/usr/bin/env node
// The `packs` command. `npm ci` compiles the TypeScript sources into dist/ (the
// package's `prepare` script); this file only runs the compiled CLI.
import module from 'node:module';

// Node 22 and later keep the compiled code of the modules loaded between runs (Node 20 has no such cache).
module.enableCompileCache?.();
const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
