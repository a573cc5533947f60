// Variants: a pack.yaml may declare `variants:`, each an `id` and `set:`, a
// mapping of field paths to values. A variant is its pack with those fields
// changed, built as a pack of its own (output/<variant-id>.pdf, .docx and .html).
//
//   variants:
//     - id: met-dac-2021-frontline-policing
//       set:
//         role.title: Deputy Assistant Commissioner, Frontline Policing
//         timeline.stages.final-interview.date: 2021-01-21
//
// A path starts with the file it changes — `pack` for pack.yaml, or a key under
// its `data:` — then names fields; in a list, a part picks the element whose `id`
// it is (or, failing that, the element at that position, from 0). Only fields a
// file of that kind has may be set, and each changed file must still pass its
// schema; such mistakes are reported at the `set` entry in pack.yaml. The data
// files are shared by every pack in a build (DataFileCache), so a variant
// changes a copy.
import type { z } from 'zod';
import type { Diagnostic, DiagnosticCode, Finding } from '../diagnostics/diagnostic.js';
import type { PackLocation } from '../pack/location.js';
import { diagnosticAt, nodeAt, spanOf, valueAt, type PathSegment, type YamlFile } from '../pack/data-file.js';
import { schemas } from '../schema/index.js';
import { PARSE_IN_OUR_WORDS } from './issue-words.js';
import { closest } from '../pack/suggest.js';
import { VARIANT_FILES, type AppliedVariant, type LoadedPack, type Override, type Partly, type VariantFile } from '../pack/loaded-pack.js';

type DataFile = Exclude<VariantFile, 'pack'>;

/** The fields of pack.yaml a variant may not set: why, and what to do instead. */
const REFUSED: Record<string, { why: string; hint: string }> = {
  id: { why: "the pack's id is its folder name, and a variant's is the `id:` of its entry", hint: "change the variant's own `id:` instead" },
  variants: { why: 'a variant cannot have variants of its own', hint: "declare each variant in the pack's `variants:` list" },
  data: {
    why: 'a variant draws on the same files as its pack',
    hint: 'set the fields that differ, like role.title, or make a pack of its own that names other files',
  },
};

/** A `set` entry whose path is well formed, waiting for its file to be loaded. */
interface Entry {
  key: string;
  file: VariantFile;
  fields: string[];
  value: unknown;
  at: PathSegment[];
}

const finding = (code: DiagnosticCode, message: string, hint?: string): Finding => ({ code, message, hint });

/** `duplicate-id` for each variant whose id a pack folder or an earlier variant has (found by findPacks). */
function clashDiagnostics(location: PackLocation, packFile: YamlFile): Diagnostic[] {
  return (location.idClashes ?? []).map((clash) =>
    diagnosticAt(
      packFile,
      ['variants', clash.index, 'id'],
      finding(
        'duplicate-id',
        `variant id "${clash.id}" is already the id of ${clash.takenBy}`,
        `give each variant an id no pack folder or other variant has: its files are output/${clash.id}.pdf, .docx and .html`,
      ),
    ),
  );
}

/** Splits each `set` key into its file and fields, refusing what a variant may not set. */
function parseEntries(set: Record<string, unknown>, index: number, packFile: YamlFile, refs: Partial<Record<DataFile, string | null>>) {
  const entries: Entry[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const [key, value] of Object.entries(set)) {
    const at: PathSegment[] = ['variants', index, 'set', key];
    const report = (code: DiagnosticCode, message: string, hint?: string) => diagnostics.push(diagnosticAt(packFile, at, finding(code, message, hint), true));
    const [file, ...fields] = key.split('.');
    if (fields.length === 0 || fields.some((field) => field === '') || file === '') {
      report(
        'invalid-value',
        `\`${key}\` is not a field path`,
        fields.length === 0 ? `name the file, then the field, separated by dots, like ${key || 'role'}.title` : 'separate the parts with single dots, like timeline.stages.final-interview.date',
      );
      continue;
    }
    if (!(VARIANT_FILES as readonly string[]).includes(file!)) {
      const guess = closest(file!, VARIANT_FILES);
      report(
        'unknown-field',
        `\`${file}\` is not a file a variant can change`,
        guess ? `did you mean \`${[guess, ...fields].join('.')}\`?` : `a path starts with one of: ${VARIANT_FILES.join(', ')}`,
      );
      continue;
    }
    if (file === 'pack' && Object.hasOwn(REFUSED, fields[0]!)) {
      const refused = REFUSED[fields[0]!]!;
      report('variant-cannot-set', `a variant cannot set \`${key}\`: ${refused.why}`, refused.hint);
      continue;
    }
    if (file !== 'pack' && refs[file as DataFile] === null) {
      report('variant-cannot-set', `a variant cannot set \`${key}\`: this pack names no ${file} file`, `name one under \`data:\` in pack.yaml, as \`${file}:\``);
      continue;
    }
    entries.push({ key, file: file as VariantFile, fields, value: value, at });
  }
  return { entries, diagnostics };
}

type Found = { ok: true; path: PathSegment[] } | { ok: false; message: string; hint: string };

/** Follows a path's fields through data: object keys, and list elements by id or position. */
function findPath(data: unknown, file: VariantFile, fields: readonly string[]): Found {
  const path: PathSegment[] = [];
  let node = data;
  const named = (n: number, replacement?: string) =>
    [file, ...fields.slice(0, n), ...(replacement === undefined ? [] : [replacement, ...fields.slice(n + 1)])].join('.');
  for (const [i, field] of fields.entries()) {
    if (Array.isArray(node)) {
      const ids = node.flatMap((item: unknown) =>
        item !== null && typeof item === 'object' && Object.hasOwn(item, 'id') ? [String((item as { id: unknown }).id)] : [],
      );
      let position = node.findIndex((item: unknown) => item !== null && typeof item === 'object' && String((item as { id?: unknown }).id) === field);
      if (position < 0 && /^(0|[1-9]\d*)$/.test(field) && Number(field) < node.length) position = Number(field);
      if (position < 0) {
        const count = node.length === 1 ? 'it has 1 element, numbered 0' : `it has ${node.length} elements${node.length > 0 ? `, numbered 0 to ${node.length - 1}` : ''}`;
        if (/^\d+$/.test(field) || ids.length === 0) {
          return {
            ok: false,
            message: `${named(i)} has no element ${field}`,
            hint: ids.length > 0 ? `${count}; or name one by its id: ${ids.join(', ')}` : count,
          };
        }
        const guess = closest(field, ids);
        return {
          ok: false,
          message: `\`${field}\` is not an id in ${named(i)}`,
          hint: guess ? `did you mean \`${named(i, guess)}\`?` : `ids: ${ids.join(', ')}`,
        };
      }
      path.push(position);
      node = node[position];
    } else if (node !== null && typeof node === 'object') {
      if (!Object.hasOwn(node, field)) {
        const known = Object.keys(node);
        const guess = closest(field, known);
        return {
          ok: false,
          message: `\`${field}\` is not a field of ${named(i)}`,
          hint: guess ? `did you mean \`${named(i, guess)}\`?` : `known fields: ${known.join(', ')}`,
        };
      }
      path.push(field);
      node = (node as Record<string, unknown>)[field];
    } else {
      return {
        ok: false,
        message: `${named(i)} is ${node === null ? 'empty' : 'a single value'}, so it has no field \`${field}\``,
        hint: `set \`${named(i)}\` as a whole`,
      };
    }
  }
  return { ok: true, path };
}

const isPrefix = (prefix: readonly PathSegment[], path: readonly PathSegment[]) =>
  prefix.length <= path.length && prefix.every((segment, i) => segment === path[i]);

function commonLength(a: readonly PathSegment[], b: readonly PathSegment[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

const describe = (segments: readonly PathSegment[]) => segments.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('');

/** A schema issue in a changed file, reported at the `set` entry it is about (the one whose path is nearest the issue's). */
function issueDiagnostics(
  issue: z.core.$ZodIssue,
  file: VariantFile,
  applied: { entry: Entry; path: PathSegment[] }[],
  before: unknown,
  after: unknown,
  packFile: YamlFile,
): Diagnostic[] {
  const at = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
  const inside = applied.filter((a) => isPrefix(a.path, at)).sort((a, b) => b.path.length - a.path.length)[0];
  const nearest = inside ?? [...applied].sort((a, b) => commonLength(b.path, at) - commonLength(a.path, at))[0]!;
  // Inside an entry's value, point into it and name it as the entry does; otherwise name the field in full, at the entry.
  const rest = inside ? at.slice(inside.path.length) : [];
  const where = (extra: readonly PathSegment[]) => (inside ? `${inside.entry.key}${describe([...rest, ...extra])}` : `${file}${describe([...at, ...extra])}`);
  const position = [...nearest.entry.at, ...rest];
  if (issue.code === 'unrecognized_keys') {
    const known = valueAt(before, at);
    const fields = known.found && known.value !== null && typeof known.value === 'object' ? Object.keys(known.value) : [];
    return issue.keys.map((key) => {
      const guess = closest(key, fields);
      return diagnosticAt(
        packFile,
        inside ? [...position, key] : position,
        finding('unknown-field', `\`${key}\` is not a field of ${where([])}`, guess ? `did you mean \`${guess}\`?` : fields.length > 0 ? `known fields: ${fields.join(', ')}` : undefined),
        inside !== undefined,
      );
    });
  }
  const params = issue.code === 'custom' ? (issue.params as { hint?: string; code?: 'link-not-allowed' } | undefined) : undefined;
  const hint = params?.hint;
  const missing = (issue.code === 'invalid_type' || issue.code === 'custom') && !valueAt(after, at).found && at.length > 0;
  if (missing) {
    const field = String(at[at.length - 1]);
    const holder = inside ? (rest.length > 0 ? `${inside.entry.key}${describe(rest.slice(0, -1))}` : inside.entry.key) : `${file}${describe(at.slice(0, -1))}`;
    return [diagnosticAt(packFile, inside ? position.slice(0, -1) : position, finding('missing-field', `${holder} is missing required field \`${field}\``, hint))];
  }
  return [diagnosticAt(packFile, position, finding(params?.code ?? 'invalid-value', `${where([])} ${issue.message}`, hint))];
}

/**
 * Applies the entries for one file to a copy of its data and checks the result
 * against the file's schema. The cached file is never changed.
 */
function applyToFile<K extends VariantFile>(
  file: K,
  part: Partly<K>,
  entries: Entry[],
  packFile: YamlFile,
): { part: Partly<K>; overrides: Override[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const data: unknown = structuredClone(part.data);
  const applied: { entry: Entry; path: PathSegment[] }[] = [];
  for (const entry of entries) {
    const found = findPath(data, file, entry.fields);
    if (!found.ok) {
      diagnostics.push(diagnosticAt(packFile, entry.at, finding('unknown-field', found.message, found.hint), true));
      continue;
    }
    const parent = valueAt(data, found.path.slice(0, -1)).value as Record<PathSegment, unknown>;
    parent[found.path[found.path.length - 1]!] = structuredClone(entry.value);
    applied.push({ entry, path: found.path });
  }
  const overrides = applied.map(({ entry, path }) => ({ key: entry.key, file, target: part.file, path, at: entry.at }));
  if (applied.length === 0) return { part, overrides, diagnostics };
  const result = (schemas[file] as z.ZodType).safeParse(data, PARSE_IN_OUR_WORDS);
  if (!result.success) {
    diagnostics.push(...result.error.issues.flatMap((issue) => issueDiagnostics(issue, file, applied, part.data, data, packFile)));
    // The variant cannot be built; the checks that need only sound fields still run, on the pack's own data.
    return { part: { ...part, complete: false }, overrides: [], diagnostics };
  }
  return { part: { file: part.file, data: result.data as Partly<K>['data'], complete: true }, overrides, diagnostics };
}

/** The data files of a pack as loadPack holds them, by their key under `data:`. */
export type LoadedFiles = Partial<Record<DataFile, Partly<DataFile> | null | undefined>>;

/**
 * A variant being applied: `start` changes pack.yaml's own fields (before the
 * data files are loaded), `finish` the data files' (once they are).
 */
export interface VariantStart {
  pack: Partly<'pack'>;
  diagnostics: Diagnostic[];
  /** Applies the entries for data files to copies of them; undefined for a pack that is not a variant. */
  finish?: (files: LoadedFiles) => { files: LoadedFiles; variant: AppliedVariant; diagnostics: Diagnostic[] };
}

export function startVariant(location: PackLocation, pack: Partly<'pack'>): VariantStart {
  const diagnostics = clashDiagnostics(location, pack.file);
  const wanted = location.variant;
  // When `variants:` fails its schema, that is reported and the variant cannot be built.
  if (!wanted || pack.data.variants === undefined) return { pack, diagnostics };
  const index = pack.data.variants.findIndex((variant) => variant.id === wanted.id);
  if (index < 0) {
    diagnostics.push(
      diagnosticAt(
        pack.file,
        ['variants'],
        finding('variant-not-found', `pack.yaml declares no variant "${wanted.id}"`, 'pack.yaml changed while the command ran: run it again'),
      ),
    );
    return { pack: { ...pack, complete: false }, diagnostics };
  }
  const parsed = parseEntries(pack.data.variants[index]!.set, index, pack.file, pack.data.data ?? {});
  diagnostics.push(...parsed.diagnostics);
  const overrides: Override[] = [];
  let variantPack = pack;
  const forPack = parsed.entries.filter((entry) => entry.file === 'pack');
  if (pack.complete) {
    const applied = applyToFile('pack', pack, forPack, pack.file);
    diagnostics.push(...applied.diagnostics);
    overrides.push(...applied.overrides);
    // The variant's own id is what its outputs and the data they carry are named by.
    variantPack = { ...applied.part, data: { ...applied.part.data, id: wanted.id } };
  }
  const finish = (files: LoadedFiles) => {
    const changed: LoadedFiles = { ...files };
    const found: Diagnostic[] = [];
    for (const file of VARIANT_FILES) {
      if (file === 'pack') continue;
      const entries = parsed.entries.filter((entry) => entry.file === file);
      const part = files[file];
      // A file that could not be read, or failed its schema, has been reported; the variant cannot be built.
      if (entries.length === 0 || !part || !part.complete) continue;
      const applied = applyToFile(file, part, entries, pack.file);
      changed[file] = applied.part;
      found.push(...applied.diagnostics);
      overrides.push(...applied.overrides);
    }
    return { files: changed, variant: { id: wanted.id, index, packFile: pack.file, overrides }, diagnostics: found };
  };
  return { pack: variantPack, diagnostics, finish };
}

/**
 * Where a variant sets the value at `path` of `file`: pack.yaml, at the `set`
 * entry (or inside its value); undefined when the variant does not set it.
 * For `packs show` and `packs set`, so that a variant's value is read, and
 * changed, where it is written.
 */
export function variantSource(
  pack: Pick<LoadedPack, 'variant'>,
  file: YamlFile,
  path: readonly PathSegment[],
): { file: YamlFile; path: PathSegment[] } | undefined {
  const override = pack.variant?.overrides.findLast((o) => o.target === file && isPrefix(o.path, path));
  return override && { file: pack.variant!.packFile, path: [...override.at, ...path.slice(override.path.length)] };
}

/**
 * Moves each diagnostic about a value a variant set from the data file (where
 * the pack's own value is) to the `set` entry in pack.yaml that gave the value.
 */
export function relocateVariantDiagnostics(pack: Pick<LoadedPack, 'variant'> | undefined, diagnostics: Diagnostic[]): Diagnostic[] {
  const variant = pack?.variant;
  if (!variant || variant.overrides.length === 0) return diagnostics;
  // Each value a variant set, as a span of its data file, and the span of the `set` entry that set it.
  const moves = variant.overrides.flatMap((override) => {
    const node = override.target.document.getIn(override.path, true) as { range?: [number, number, number] } | undefined;
    if (!node?.range) return [];
    return [{ file: override.target.file, start: node.range[0], end: node.range[1], to: spanOf(nodeAt(variant.packFile, override.at)) }];
  });
  return diagnostics.map((d) => {
    const span = d.span;
    if (!span) return d;
    // The last override wins, as it does when the values are applied.
    const move = moves.findLast((m) => m.file === d.file && span.start >= m.start && span.start < m.end);
    return move ? { ...d, file: variant.packFile.file, span: move.to } : d;
  });
}
