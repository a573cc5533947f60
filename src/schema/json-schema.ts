// JSON Schema for each kind of data file, generated from the zod schemas so
// that an editor with the YAML extension autocompletes and underlines mistakes
// as the file is typed. The files in schemas/ are these, committed; a test
// fails when they are stale (run `npm run schemas` to write them again).
// docs/editors.md says what an editor does with them.
import { z } from 'zod';
import { markdown, text } from './common.js';
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
    const schema = z.toJSONSchema(schemas[kind], { io: 'input', target: 'draft-2020-12', override: forEditors });
    withoutNotesInBranches(schema);
    const titled = { title: `${kind} data file`, ...schema };
    files.set(schemaFileName(kind), JSON.stringify(titled, null, 2) + '\n');
  }
  return files;
}

interface SchemaNode {
  _zod: { parent?: SchemaNode; def: { type: string; innerType?: SchemaNode; element?: SchemaNode; checks?: { _zod: { def: { format?: string; pattern?: RegExp } } }[] } };
}

/** What zod gives an override: a zod schema and the JSON Schema made of it, to change in place. */
interface OverrideContext {
  zodSchema: unknown;
  jsonSchema: Record<string, unknown>;
}

/** What an editor needs beyond what zod writes: the whole description, and patterns as the validator reads them. */
function forEditors({ zodSchema, jsonSchema }: OverrideContext): void {
  const schema = zodSchema as SchemaNode;
  const note = buildingBlockNote(schema);
  const description = jsonSchema.description;
  if (note !== undefined && typeof description === 'string' && !description.includes(note)) {
    jsonSchema.description = `${description} ${note}`;
  }
  // The extension shows errorMessage for a value of the wrong type (`version: 1.0`, a number).
  if (typeof jsonSchema.patternErrorMessage === 'string') jsonSchema.errorMessage ??= jsonSchema.patternErrorMessage;
  if (typeof jsonSchema.pattern === 'string') jsonSchema.pattern = asWritten(schema, jsonSchema.pattern);
}

/**
 * A nullable field is anyOf [its value, null], and the YAML extension's hover shows the first
 * description it meets: the value's bare note. The note is already in the field's own
 * description, so each such branch loses it. Done on the finished JSON, where zod is done
 * sharing and changing its nodes; a branch is copied, as the same node may be used bare elsewhere.
 */
function withoutNotesInBranches(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) withoutNotesInBranches(item);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const schema = node as Record<string, unknown>;
  if (typeof schema.description === 'string' && Array.isArray(schema.anyOf)) {
    schema.anyOf = schema.anyOf.map((branch: Record<string, unknown>) => {
      if (!NOTES.has(branch.description as string)) return branch;
      const { description: _, ...rest } = branch;
      return rest;
    });
  }
  for (const value of Object.values(schema)) withoutNotesInBranches(value);
}

/** What the building blocks of text say of every field made of them: whether it is Markdown. */
const NOTES = new Set([markdown, text].map((block) => z.globalRegistry.get(block)?.description));

/**
 * The note of the building block a field is made of (`markdown` says Markdown
 * may be used, `text` that it prints as written), found through the schema the
 * field was described from, what it wraps (nullable, default) and its items.
 * zod writes a field's own description in its place; it is put back after it,
 * so an editor still says whether the field takes Markdown.
 */
function buildingBlockNote(schema: SchemaNode): string | undefined {
  for (let node = madeFrom(schema); node !== undefined; node = madeFrom(node)) {
    const description = z.globalRegistry.get(node as unknown as z.ZodType)?.description;
    if (NOTES.has(description)) return description;
  }
  return undefined;
}

function madeFrom(schema: SchemaNode): SchemaNode | undefined {
  const { parent, def } = schema._zod;
  if (parent !== undefined) return parent;
  if (def.type === 'nullable' || def.type === 'default' || def.type === 'optional') return def.innerType;
  if (def.type === 'array') return def.element;
  return undefined;
}

/**
 * The pattern as the validator reads it. JSON Schema has no flags, so zod
 * drops the `i` of a case-insensitive regex (imageFile's `/\.(png|jpe?g)$/i`)
 * and an editor would underline `chart.PNG`, which the validator accepts:
 * each letter is written as both its cases instead.
 */
function asWritten(schema: SchemaNode, pattern: string): string {
  const check = schema._zod.def.checks?.find((c) => c._zod.def.format === 'regex' && c._zod.def.pattern?.source === pattern);
  const flags = check?._zod.def.pattern?.flags ?? '';
  return flags.includes('i') ? eitherCase(pattern) : pattern;
}

function eitherCase(pattern: string): string {
  if (pattern.includes('[')) throw new Error(`a case-insensitive pattern with a [set] needs writing out by hand: ${pattern}`);
  let out = '';
  for (let at = 0; at < pattern.length; at++) {
    const char = pattern[at]!;
    if (char === '\\') {
      out += char + (pattern[++at] ?? '');
    } else if (/[a-z]/i.test(char)) {
      out += `[${char.toLowerCase()}${char.toUpperCase()}]`;
    } else {
      out += char;
    }
  }
  return out;
}
