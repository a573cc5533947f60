// What of a file that fails its schema is still sound, for the checks that run
// after loading: every top-level field that passes its schema, and within it
// every list element that passes on its own — found again inside each element,
// so that a stage with one bad paragraph keeps its other paragraphs if it still
// passes without it. An element that fails is dropped whole, never patched: a
// stage whose time is wrong, checked without its time, would be checked at
// midnight and could be reported out of order when it is not.
//
// Dropping elements moves the ones after them, so the sound part records where
// each kept element is in the file (for findings about it to point there), and
// what the dropped ones could be referred to by (so that a reference to one is
// not reported as unknown when the element itself is what is wrong).
import type { PathSegment } from '../pack/data-file.js';

/** The parts of a zod schema this walks: its definition, and parsing. */
interface SchemaNode {
  def: {
    type: string;
    innerType?: SchemaNode;
    in?: SchemaNode;
    element?: SchemaNode;
    options?: SchemaNode[];
    shape?: Record<string, SchemaNode>;
    getter?: () => SchemaNode;
  };
  safeParse(value: unknown): { success: boolean; data?: unknown };
}

export interface SoundPart {
  /** The fields that pass, parsed (defaults filled in), with the elements that fail left out of their lists. */
  data: Record<string, unknown>;
  /** For each list that lost elements, by its path in the file (as JSON): the position in the file of each element kept. */
  kept: Map<string, number[]>;
  /** For each list that lost elements, by its path in `data` (as JSON): the words (lower case) the lost elements hold, any of which a reference to one might use. */
  lost: Map<string, string[]>;
}

const DROPPED = Symbol('dropped');

/** What one pruned value records, committed only when the value around it passes. */
interface Pruned {
  value: unknown;
  kept: [string, number[]][];
  lost: [string, string[]][];
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The schema inside wrappers that change only whether a value may be absent or null, or how it is turned afterwards. */
function unwrap(schema: SchemaNode): SchemaNode {
  let node = schema;
  for (let guard = 0; guard < 20; guard++) {
    const def = node.def;
    if (['optional', 'nullable', 'default', 'prefault', 'nonoptional', 'readonly', 'catch'].includes(def.type) && def.innerType) node = def.innerType;
    else if (def.type === 'pipe' && def.in) node = def.in;
    else if (def.type === 'lazy' && def.getter) node = def.getter();
    else break;
  }
  return node;
}

/** The words a dropped element could be referred to by: its own text, or each text or number field of it (`id`, `name`, a misspelt `idd`). */
function wordsOf(element: unknown): string[] {
  const scalars = isPlainObject(element) ? Object.values(element) : [element];
  return scalars.flatMap((value) => (typeof value === 'string' || typeof value === 'number' ? [String(value).trim().toLowerCase()] : []));
}

/** The value with every list element that fails (at any depth) left out, if that makes it pass; DROPPED if nothing does. */
function prune(schema: SchemaNode, raw: unknown, filePath: PathSegment[], dataPath: PathSegment[]): Pruned | typeof DROPPED {
  if (schema.safeParse(raw).success) return { value: raw, kept: [], lost: [] };
  const inner = unwrap(schema);
  const candidates: Pruned[] = [];
  if (inner.def.type === 'array' && inner.def.element && Array.isArray(raw)) {
    const element = inner.def.element;
    const found: Pruned = { value: [], kept: [], lost: [] };
    const values: unknown[] = [];
    const positions: number[] = [];
    const lostWords: string[] = [];
    raw.forEach((item, i) => {
      const pruned = prune(element, item, [...filePath, i], [...dataPath, values.length]);
      if (pruned === DROPPED) {
        lostWords.push(...wordsOf(item));
        return;
      }
      values.push(pruned.value);
      positions.push(i);
      found.kept.push(...pruned.kept);
      found.lost.push(...pruned.lost);
    });
    if (values.length < raw.length) {
      found.kept.push([JSON.stringify(filePath), positions]);
      found.lost.push([JSON.stringify(dataPath), lostWords]);
    }
    found.value = values;
    candidates.push(found);
  } else if (inner.def.type === 'object' && inner.def.shape && isPlainObject(raw)) {
    // A field is never left out of an object below the top: the object would pass as something it does not say.
    const found: Pruned = { value: { ...raw }, kept: [], lost: [] };
    for (const [key, field] of Object.entries(inner.def.shape)) {
      if (!Object.hasOwn(raw, key)) continue;
      const pruned = prune(field, raw[key], [...filePath, key], [...dataPath, key]);
      if (pruned === DROPPED) return DROPPED;
      (found.value as Record<string, unknown>)[key] = pruned.value;
      found.kept.push(...pruned.kept);
      found.lost.push(...pruned.lost);
    }
    candidates.push(found);
  } else if (inner.def.type === 'union' && inner.def.options) {
    for (const option of inner.def.options) {
      const pruned = prune(option, raw, filePath, dataPath);
      if (pruned !== DROPPED) candidates.push(pruned);
    }
  }
  return candidates.find((candidate) => schema.safeParse(candidate.value).success) ?? DROPPED;
}

/** The sound part of some data that fails its (object) schema. */
export function soundPart(schema: unknown, data: unknown): SoundPart {
  const part: SoundPart = { data: {}, kept: new Map(), lost: new Map() };
  const shape = unwrap(schema as SchemaNode).def.shape;
  if (!shape || !isPlainObject(data)) return part;
  for (const [key, field] of Object.entries(shape)) {
    const pruned = prune(field, data[key], [key], [key]);
    if (pruned === DROPPED) continue;
    part.data[key] = field.safeParse(pruned.value).data;
    for (const [list, positions] of pruned.kept) part.kept.set(list, positions);
    for (const [list, words] of pruned.lost) part.lost.set(list, words);
  }
  return part;
}
