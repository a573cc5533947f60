// Checks a loaded file against the zod schema of its kind, turning each zod
// issue into a diagnostic at the position of the YAML node it is about, in the
// project's words: the field and the element it is in, by the element's id or
// name (`stage "shortlisting": \`time\` must be …`), never a position counted
// from 0. What of the file is sound is handed on (sound-part.ts), so the checks
// after loading run on every element that passes, not only on whole fields.
import { isMap, isScalar, type Node } from 'yaml';
import type { z } from 'zod';
import type { Diagnostic, Finding } from '../diagnostics/diagnostic.js';
import { diagnosticAt, nodeAt, valueAt, type PathSegment, type YamlFile } from '../pack/data-file.js';
import { closest } from '../pack/suggest.js';
import { hintFor, kindOf, NONE_OF_THE_KINDS, PARSE_IN_OUR_WORDS, type Issue } from './issue-words.js';
import { soundPart } from './sound-part.js';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/** One of a list's elements, as its name says (`stages` → stage), when English makes that plain. */
function singular(list: string): string | undefined {
  if (/[^aeiou]ies$/.test(list)) return `${list.slice(0, -3)}y`;
  if (/[^su]s$/.test(list)) return list.slice(0, -1);
  return undefined;
}

/** A list's element by its id or name (`stage "interview"`), or by its place counted from 1 (`the 2nd paragraph`). */
function elementName(list: string, element: unknown, index: number): string {
  const one = singular(list);
  const label = isPlainObject(element)
    ? [element['id'], element['name']].find((v) => (typeof v === 'string' && v.trim() !== '') || typeof v === 'number')
    : undefined;
  if (label !== undefined) return one ? `${one} "${String(label).trim()}"` : `the item "${String(label).trim()}" of \`${list}\``;
  return one ? `the ${ordinal(index + 1)} ${one}` : `the ${ordinal(index + 1)} item of \`${list}\``;
}

/**
 * What a path in a file's data names, as a person would say it: the elements it
 * passes through, innermost first, then the field (`the 2nd paragraph of stage
 * "application"`, `stage "interview": \`time\``, `\`applications.email\``);
 * undefined for the file as a whole.
 */
export function describeField(data: unknown, path: readonly PathSegment[]): string | undefined {
  const chain: string[] = [];
  let keys: string[] = [];
  let node = data;
  for (const segment of path) {
    if (typeof segment === 'number') {
      const list = keys.pop() ?? 'items';
      if (keys.length > 0) chain.unshift(`\`${keys.join('.')}\``);
      keys = [];
      const element = Array.isArray(node) ? node[segment] : undefined;
      chain.unshift(elementName(list, element, segment));
      node = element;
    } else {
      keys.push(segment);
      node = isPlainObject(node) ? node[segment] : undefined;
    }
  }
  const field = keys.length > 0 ? `\`${keys.join('.')}\`` : undefined;
  if (chain.length === 0) return field;
  return field ? `${chain.join(' of ')}: ${field}` : chain.join(' of ');
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

/** Words a text began with, shortened for a message. */
const opening = (text: string) => (text.length > 40 ? `${text.slice(0, 40).trimEnd()}…` : text);

/**
 * Text written `Note: bring your passport` where text is expected: YAML reads a
 * colon and a space as a field name and its value, so the text became a mapping
 * of one field. This will happen constantly in prose, so it is said plainly.
 */
function colonInText(file: YamlFile, at: readonly PathSegment[], issue: Issue): Finding | undefined {
  const input = (issue as { input?: unknown }).input;
  const wantsText =
    (issue.code === 'invalid_type' && issue.expected === 'string') ||
    (issue.code === 'invalid_union' && issue.errors.some((option) => option.some((o) => o.code === 'invalid_type' && o.expected === 'string' && o.path.length === 0)));
  if (!wantsText || !isPlainObject(input) || Object.keys(input).length !== 1) return undefined;
  const node = nodeAt(file, at) as Node | null;
  if (!isMap(node) || node.flow || node.items.length !== 1 || !isScalar(node.items[0]!.key) || !node.range) return undefined;
  // Only text on the line of its list item's `- `: fields written on lines of their own are meant as fields.
  const lineStart = file.source.lastIndexOf('\n', node.range[0] - 1) + 1;
  if (!/^\s*-\s+$/.test(file.source.slice(lineStart, node.range[0]))) return undefined;
  const key = String((node.items[0]!.key as { value: unknown }).value);
  const subject = describeField(file.data, at) ?? 'this text';
  return {
    code: 'colon-in-text',
    message: `${subject} starts "${opening(key)}: …": YAML reads the words before a colon and a space as a field name, not as text`,
    hint: 'put the text in quotes, or start it with `|` and write the text on the lines below, indented',
  };
}

/** The options a value came nearest to in a union: undefined when it is not even of the kind of any of them. */
function nearestOption(issue: Extract<Issue, { code: 'invalid_union' }>): Issue[] | undefined {
  const near = issue.errors.filter((option) => !option.every((o) => o.code === 'invalid_type' && o.path.length === 0));
  if (near.length === 0) return undefined;
  const best = [...near].sort((a, b) => a.length - b.length)[0]!;
  return best.map((o) => ({ ...o, path: [...issue.path, ...o.path] }) as Issue);
}

function issueToDiagnostics(file: YamlFile, kind: string, issue: Issue, knownKeys: (p: readonly PropertyKey[]) => string[]): Placed[] {
  const at = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
  const field = describeField(file.data, at);
  const colon = colonInText(file, at, issue);
  if (colon) return [{ diagnostic: diagnosticAt(file, at, colon) }];
  if (issue.code === 'invalid_union') {
    // The mistakes of the option the value is nearest to; or, when it is none of their kinds, which kinds they are.
    const nearest = nearestOption(issue);
    if (nearest) return nearest.flatMap((inner) => issueToDiagnostics(file, kind, inner, knownKeys));
    // A union that words its own mistake (pay: "must be a whole number of pounds") says it, with the first option's hint.
    if (issue.message !== NONE_OF_THE_KINDS) {
      const hint = issue.errors.flat().map(hintFor).find((h) => h !== undefined);
      return [{ diagnostic: diagnosticAt(file, at, { code: 'invalid-value', message: `${field ?? `the ${kind} file`} ${issue.message}`, hint }) }];
    }
    const kinds = [...new Set(issue.errors.flatMap((option) => option.map((o) => o.message.replace(/^must be /, '').replace(/, not .*$/, ''))))];
    const message = `${field ?? `the ${kind} file`} must be ${kinds.join(' or ')}, not ${kindOf((issue as { input?: unknown }).input)}`;
    return [{ diagnostic: diagnosticAt(file, at, { code: 'invalid-value', message }) }];
  }
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys(issue.path);
    return issue.keys.map((key) => {
      const guess = closest(key, known);
      const diagnostic = diagnosticAt(
        file,
        [...at, key],
        {
          code: 'unknown-field',
          message: `\`${key}\` is not a field of ${field ?? kind}`,
          hint: guess ? `did you mean \`${guess}\`?` : `known fields: ${known.join(', ')}`,
        },
        true,
      );
      return guess ? { diagnostic, meant: pathKey(at, guess) } : { diagnostic };
    });
  }
  if (issue.code === 'invalid_key' || issue.code === 'invalid_element') {
    // A name in a set of fields (e.g. a figure's id under `amounts`) that is not one the field takes.
    const name = at[at.length - 1];
    const holder = describeField(file.data, at.slice(0, -1)) ?? kind;
    const reasons = issue.issues.map((inner) => inner.message);
    const message = `the name "${String(name)}" in ${holder} ${reasons.join('; ') || issue.message}`;
    return [{ diagnostic: diagnosticAt(file, at, { code: 'invalid-value', message, hint: issue.issues.map(hintFor).find(Boolean) }, true) }];
  }
  // A refinement that asks for a field (e.g. `alt` with an image) reports a missing field like the schema does.
  const missing = (issue.code === 'invalid_type' || issue.code === 'custom') && at.length > 0 && !valueAt(file.data, at).found;
  // A refinement may name its own code, and the text in the value it is about (a link's target), to point at.
  const params = issue.code === 'custom' ? (issue.params as { hint?: string; code?: 'link-not-allowed'; about?: string } | undefined) : undefined;
  if (missing) {
    const name = String(at[at.length - 1]);
    const holder = describeField(file.data, at.slice(0, -1)) ?? kind;
    const diagnostic = diagnosticAt(file, at, { code: 'missing-field', message: `${holder} is missing required field \`${name}\``, hint: params?.hint });
    return [{ diagnostic, missing: pathKey(at.slice(0, -1), name) }];
  }
  const diagnostic = narrowedTo(file, params?.about, diagnosticAt(file, at, {
    code: params?.code ?? 'invalid-value',
    message: `${field ?? `the ${kind} file`} ${issue.message}`,
    hint: params?.hint ?? hintFor(issue),
  }));
  return [{ diagnostic }];
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

/**
 * Checks data against its schema. When it fails, `data` is its sound part: the
 * fields, and the list elements within them, that pass on their own; `file` is
 * the file to place findings about that data with (its lists may have lost
 * elements, see YamlFile.keptElements), and `lost` what the lost elements hold.
 */
export function checkSchema<S extends z.ZodType>(
  file: YamlFile,
  kind: string,
  schema: S,
):
  | { ok: true; file: YamlFile; data: z.infer<S>; diagnostics: [] }
  | { ok: false; file: YamlFile; data: Partial<z.infer<S>>; lost: ReadonlyMap<string, readonly string[]>; diagnostics: Diagnostic[] } {
  const result = schema.safeParse(file.data, PARSE_IN_OUR_WORDS);
  if (result.success) return { ok: true, file, data: result.data, diagnostics: [] };
  const sound = soundPart(schema, file.data);
  return {
    ok: false,
    file: sound.kept.size > 0 ? { ...file, keptElements: sound.kept } : file,
    data: sound.data as Partial<z.infer<S>>,
    lost: sound.lost,
    diagnostics: withoutEchoes(result.error.issues.flatMap((issue) => issueToDiagnostics(file, kind, issue, (p) => keysAt(schema, p)))),
  };
}
