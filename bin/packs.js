#!/usr/bin/env node
// The `packs` command. The TypeScript sources are compiled to dist/ by `npm ci`
// (the package's `prepare` script); this file only hands over to the compiled CLI.
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
