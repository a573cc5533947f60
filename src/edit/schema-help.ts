// A field's help text: the description its zod schema gives the property
// (`.describe()`), found by walking the schema along the field's path in the
// data file. The JSON Schemas an editor shows are written from the same
// schemas (scripts/write-schemas.mjs), so the form and the editor say the same.
import type { z } from 'zod';
import type { PathSegment } from '../pack/data-file.js';

interface Def {
  type: string;
  innerType?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  in?: z.ZodType;
}

const defOf = (schema: z.ZodType) => (schema as unknown as { def: Def }).def;

/** The schema inside wrappers (null, a default, optional, a pipe), and the outermost description on the way in. */
function unwrap(schema: z.ZodType): { inner: z.ZodType; description: string | undefined } {
  let inner = schema;
  let description = schema.description;
  for (;;) {
    const def = defOf(inner);
    const next = def.type === 'pipe' ? def.in : def.innerType;
    if (!next || !['nullable', 'default', 'optional', 'prefault', 'readonly', 'pipe'].includes(def.type)) break;
    inner = next;
    description ??= inner.description;
  }
  return { inner, description };
}

/** The schema of one step down: a property, a record's value, a list's element; in a union, the first option that has it. */
function child(schema: z.ZodType, segment: PathSegment): z.ZodType | undefined {
  const def = defOf(schema);
  if (def.type === 'array') return typeof segment === 'number' ? def.element : undefined;
  if (typeof segment !== 'string') return undefined;
  if (def.type === 'object') return def.shape && Object.hasOwn(def.shape, segment) ? def.shape[segment] : undefined;
  if (def.type === 'record') return def.valueType;
  if (def.type === 'union') {
    for (const option of def.options ?? []) {
      const found = child(unwrap(option).inner, segment);
      if (found) return found;
    }
  }
  return undefined;
}

/** The description the schema gives the value at this path of a data file; undefined when it gives none. */
export function describedAt(schema: z.ZodType, path: readonly PathSegment[]): string | undefined {
  let at = schema;
  for (const segment of path) {
    const next = child(unwrap(at).inner, segment);
    if (!next) return undefined;
    at = next;
  }
  return unwrap(at).description;
}
