#!/usr/bin/env node
// npm run schemas: writes schemas/<kind>.schema.json from the zod schemas.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { jsonSchemaFiles, SCHEMA_DIR } from '../dist/schema/json-schema.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
mkdirSync(path.join(root, SCHEMA_DIR), { recursive: true });
for (const [name, text] of jsonSchemaFiles()) {
  writeFileSync(path.join(root, SCHEMA_DIR, name), text);
  console.log(`wrote ${SCHEMA_DIR}/${name}`);
}
