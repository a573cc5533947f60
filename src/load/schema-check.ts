// Checks a loaded file against the zod schema of its kind, turning each zod
// issue into a diagnostic at the position of the YAML node it is about.
import type { z } from 'zod';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnosticAt, valueAt, type PathSegment, type YamlFile } from '../pack/data-file.js';
import { closest } from '../pack/suggest.js';

type Issue = z.core.$ZodIssue;

function describePath(segments: readonly PropertyKey[]): string {
  return segments
    .map((s, i) => (typeof s === 'number' ? `[${s}]` : `${i === 0 ? '' : '.'}${String(s)}`))
    .join('');
}

/**
 * A diagnostic with what the echo check needs to know: for an unknown field, the
 * field it was probably meant to be; for a missing one, the field. Each is a
 * path: the object's, then the field's name.
 */
interface Placed {
  diagnostic: Diagnostic;
  meant?: string;
  missing?: string;
}

const pathKey = (object: readonly PathSegment[], field: string) => JSON.stringify([...object, field]);

function issueToDiagnostics(file: YamlFile, kind: string, issue: Issue, knownKeys: (p: readonly PropertyKey[]) => string[]): Placed[] {
  const at = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
  const where = describePath(at);
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys(issue.path);
    return issue.keys.map((key) => {
      const guess = closest(key, known);
      const diagnostic = diagnosticAt(
        file,
        [...at, key],
        {
          code: 'unknown-field',
          message: `\`${key}\` is not a field of ${where ? `${kind} ${where}` : kind}`,
          hint: guess ? `did you mean \`${guess}\`?` : `known fields: ${known.join(', ')}`,
        },
        true,
      );
      return guess ? { diagnostic, meant: pathKey(at, guess) } : { diagnostic };
    });
  }
  // A refinement that asks for a field (e.g. `alt` with an image) reports a missing field like the schema does.
  const missing = (issue.code === 'invalid_type' || issue.code === 'custom') && !valueAt(file.data, at).found;
  // A refinement may name its own code, and the text in the value it is about (a link's target), to point at.
  const params = issue.code === 'custom' ? (issue.params as { hint?: string; code?: 'link-not-allowed'; about?: string } | undefined) : undefined;
  const diagnostic = narrowedTo(file, params?.about, diagnosticAt(file, at, {
    code: missing ? 'missing-field' : (params?.code ?? 'invalid-value'),
    message: missing ? `${kind} is missing required field \`${where}\`` : `${where || kind} ${issue.message}`,
    hint: params?.hint,
  }));
  const field = at[at.length - 1];
  return [missing && field !== undefined ? { diagnostic, missing: pathKey(at.slice(0, -1), String(field)) } : { diagnostic }];
}

/** A diagnostic about a value placed at `text` within it, when the value's source holds that text as written. */
function narrowedTo(file: YamlFile, text: string | undefined, found: Diagnostic): Diagnostic {
  if (text === undefined || text === '' || !found.span) return found;
  const at = file.source.slice(found.span.start, found.span.end).indexOf(text);
  return at < 0 ? found : { ...found, span: { start: found.span.start + at, end: found.span.start + at + text.length } };
}

/**
 * A misspelt key gives two findings — an unknown field and the missing field it
 * was meant to be, in the same object. The unknown field, with its did-you-mean, says it all.
 */
function withoutEchoes(placed: Placed[]): Diagnostic[] {
  const meant = new Set(placed.flatMap((p) => (p.meant === undefined ? [] : [p.meant])));
  return placed.filter((p) => p.missing === undefined || !meant.has(p.missing)).map((p) => p.diagnostic);
}

/** Lists the keys an object schema accepts at a path, for did-you-mean hints. */
function keysAt(schema: z.ZodType, segments: readonly PropertyKey[]): string[] {
  let current: unknown = schema;
  const unwrap = (s: unknown): unknown => {
    let node = s as { def?: { type?: string; innerType?: unknown; element?: unknown; options?: unknown[] } };
    for (let guard = 0; guard < 10 && node?.def; guard++) {
      const type = node.def.type;
      if (type === 'optional' || type === 'nullable' || type === 'default' || type === 'pipe') {
        node = (node.def.innerType ?? (node.def as { in?: unknown }).in) as typeof node;
      } else if (type === 'union') {
        node = (node.def.options ?? []).find((o) => (o as typeof node)?.def?.type === 'object') as typeof node;
      } else break;
    }
    return node;
  };
  for (const segment of segments) {
    const node = unwrap(current) as { def?: { type?: string; element?: unknown }; shape?: Record<string, unknown> };
    if (node?.def?.type === 'array') current = node.def.element;
    else if (node?.shape) current = node.shape[String(segment)];
    else return [];
  }
  const node = unwrap(current) as { shape?: Record<string, unknown> };
  return node?.shape ? Object.keys(node.shape) : [];
}

/** The top-level fields of some data that pass their own schema, when the whole does not. */
function passingFields(schema: z.ZodType, data: unknown): Record<string, unknown> {
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape;
  if (!shape || data === null || typeof data !== 'object' || Array.isArray(data)) return {};
  const passing: Record<string, unknown> = {};
  for (const [key, fieldSchema] of Object.entries(shape)) {
    const result = fieldSchema.safeParse((data as Record<string, unknown>)[key]);
    if (result.success) passing[key] = result.data;
  }
  return passing;
}

/**
 * Checks data against its schema. When it fails, `data` still holds the
 * top-level fields that pass on their own, for the checks that need only them.
 */
export function checkSchema<S extends z.ZodType>(
  file: YamlFile,
  kind: string,
  schema: S,
): { ok: true; data: z.infer<S>; diagnostics: [] } | { ok: false; data: Partial<z.infer<S>>; diagnostics: Diagnostic[] } {
  const result = schema.safeParse(file.data);
  if (result.success) return { ok: true, data: result.data, diagnostics: [] };
  return {
    ok: false,
    data: passingFields(schema, file.data) as Partial<z.infer<S>>,
    diagnostics: withoutEchoes(result.error.issues.flatMap((issue) => issueToDiagnostics(file, kind, issue, (p) => keysAt(schema, p)))),
  };
}
