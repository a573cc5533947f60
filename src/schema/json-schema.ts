// JSON Schema for each kind of data file, generated from the zod schemas so
// that an editor with the YAML extension autocompletes and underlines mistakes
// as the file is typed. The files in schemas/ are these, committed; a test
// fails when they are stale (run `npm run schemas` to write them again).
import { z } from 'zod';
import { schemas, type DataKind } from './index.js';

export const SCHEMA_DIR = 'schemas';

export function schemaFileName(kind: DataKind): string {
  return `${kind}.schema.json`;
}

/** The JSON Schema of each kind, as the text written to schemas/<kind>.schema.json. */
export function jsonSchemaFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const kind of Object.keys(schemas).sort() as DataKind[]) {
    // "input": what a person writes, so fields with defaults are optional.
    const schema = z.toJSONSchema(schemas[kind], { io: 'input', target: 'draft-2020-12' });
    const titled = { title: `${kind} data file`, ...schema };
    files.set(schemaFileName(kind), JSON.stringify(titled, null, 2) + '\n');
  }
  return files;
}
