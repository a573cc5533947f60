#!/usr/bin/env node
// The `packs` command. The TypeScript sources are compiled to dist/ by `npm ci`
// (the package's `prepare` script); this file only hands over to the compiled CLI,
// through runCommand, which may first start Node again with a flag for speed
// (see src/cli/relaunch.ts).
import { fileURLToPath } from 'node:url';
import { runCommand } from '../dist/cli/relaunch.js';

const args = process.argv.slice(2);
process.exitCode = await runCommand(fileURLToPath(import.meta.url), args, async () => {
  const { main } = await import('../dist/cli/main.js');
  return main(args);
});
