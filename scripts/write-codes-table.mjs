#!/usr/bin/env node
// npm run codes: writes the README's table of diagnostic codes from the catalogue
// (src/diagnostics/catalogue.ts), between its two marker comments.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CODES_END, CODES_START, withCodesTable } from '../dist/diagnostics/codes-table.js';

const readme = path.join(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'), 'README.md');
const updated = withCodesTable(readFileSync(readme, 'utf8'));
if (updated === undefined) {
  console.error(`README.md has no table of codes to replace: it goes between the lines\n${CODES_START}\n${CODES_END}`);
  process.exit(1);
}
writeFileSync(readme, updated);
console.log('wrote the table of codes in README.md');
