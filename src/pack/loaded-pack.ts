// A pack as the stages see it once its files are read: each data file with
// the fields that passed its schema (Partly), and, when every file passed, the
// complete pack that resolve works on. Loading it is load/load-pack.ts's job.
import type { DataKind, DataOf } from '../schema/index.js';
import type { PathSegment, YamlFile } from './data-file.js';
import type { LoadedFont } from './fonts.js';
import type { LoadedImage } from './images.js';
import type { PackLocation } from './location.js';

/** A data file that passed its schema: the parsed data and the file, for positions. */
export interface Checked<K extends DataKind> {
  file: YamlFile;
  data: DataOf<K>;
}

/**
 * A data file that was read, with what of it passed its schema: the top-level
 * fields that pass, and in them every list element that passes on its own.
 * `complete` is false when something did not: the checks still run on the rest,
 * so that one mistake does not hide the others. `file` places findings about
 * `data` (whose lists may have lost elements) in the file.
 */
export interface Partly<K extends DataKind> {
  file: YamlFile;
  data: Partial<DataOf<K>>;
  complete: boolean;
  /** For each list that lost elements to a schema error, by its path in `data` (as JSON): the words (lower case) those elements hold. */
  lost?: ReadonlyMap<string, readonly string[]>;
}

/**
 * Whether a list of a file lost an element to a schema error (already reported):
 * any element, or, given a name, one holding that name (as its id, its name or
 * any other field). A check that looks a name up in such a list does not report
 * it unknown, nor trusts what it finds there instead.
 */
export function lostFrom(part: Pick<Partly<DataKind>, 'lost'> | null | undefined, list: readonly PathSegment[], name?: string | number): boolean {
  const lost = part?.lost?.get(JSON.stringify(list));
  if (!lost) return false;
  return name === undefined || lost.includes(String(name).trim().toLowerCase());
}

/** The single-file references of pack.yaml's `data:` (calendars, a list, are loaded apart). */
export type DataKey = Exclude<keyof DataOf<'pack'>['data'], 'calendars'>;

/**
 * The file with the fields a check needs, if they all passed their schema —
 * so that a check runs whenever what it reads is sound, whatever else is wrong.
 */
export function usable<K extends DataKind, F extends keyof DataOf<K>>(
  part: Partly<K> | null | undefined,
  fields: readonly F[],
): { file: YamlFile; data: Pick<DataOf<K>, F> & Partial<DataOf<K>> } | undefined {
  if (!part || !fields.every((field) => part.data[field] !== undefined)) return undefined;
  return part as { file: YamlFile; data: Pick<DataOf<K>, F> & Partial<DataOf<K>> };
}

/** What a path may start with: pack.yaml itself, then the files pack.yaml's `data:` names. */
export const VARIANT_FILES = ['pack', 'organisation', 'framework', 'values', 'role', 'letter', 'remuneration', 'payScale', 'timeline'] as const;
export type VariantFile = (typeof VARIANT_FILES)[number];

/** One `set` entry that was applied. */
export interface Override {
  /** The path as written in `set`: `timeline.stages.final-interview.date`. */
  key: string;
  file: VariantFile;
  /** The file whose value it replaces. */
  target: YamlFile;
  /** Where in that file's data, with list elements by position. */
  path: PathSegment[];
  /** Where the entry is in pack.yaml: `['variants', i, 'set', key]`. */
  at: PathSegment[];
}

/** A variant as applied to its pack: what `packs show`, `packs set` and diagnostics need to know. */
export interface AppliedVariant {
  id: string;
  index: number;
  packFile: YamlFile;
  overrides: Override[];
}

/** A pack as far as it could be loaded: a file is null when the pack names none, undefined when it could not be read. */
export interface LoadedPack {
  location: PackLocation;
  pack: Partly<'pack'>;
  organisation?: Partly<'organisation'> | null;
  framework?: Partly<'framework'> | null;
  role?: Partly<'role'> | null;
  values?: Partly<'values'> | null;
  letter?: Partly<'letter'> | null;
  remuneration?: Partly<'remuneration'> | null;
  payScale?: Partly<'payScale'> | null;
  timeline?: Partly<'timeline'> | null;
  /** The calendars that could be read; one that could not is left out (and reported). */
  calendars?: Partly<'calendar'>[];
  /** The images the data files name that passed their checks, by key (see validate/images.ts). */
  images?: Map<string, LoadedImage>;
  /** The font files a theme gives that passed their checks, by key (see load/fonts.ts). */
  fonts?: Map<string, LoadedFont>;
  /** For a variant, the fields it set (its files above are copies with them set). */
  variant?: AppliedVariant;
}

/** A pack whose every file passed its schema: what resolve works on. */
export interface CompletePack {
  location: PackLocation;
  pack: Checked<'pack'>;
  organisation: Checked<'organisation'>;
  framework: Checked<'framework'>;
  role: Checked<'role'>;
  values: Checked<'values'> | null;
  letter: Checked<'letter'> | null;
  remuneration: Checked<'remuneration'> | null;
  payScale: Checked<'payScale'> | null;
  timeline: Checked<'timeline'> | null;
  calendars: Checked<'calendar'>[];
  images: Map<string, LoadedImage>;
  fonts: Map<string, LoadedFont>;
  variant?: AppliedVariant;
}

const requiredFiles = ['organisation', 'framework', 'role'] as const;

/** The pack with every file complete, or undefined if any file is missing or has a schema error. */
export function completePack(pack: LoadedPack): CompletePack | undefined {
  const files = ['pack', ...Object.keys(dataKinds)] as (keyof LoadedPack)[];
  const calendars = pack.calendars;
  if (!pack.images || !pack.fonts) return undefined;
  if (!calendars || !calendars.every((c) => c.complete) || calendars.length !== (pack.pack.data.data?.calendars.length ?? 0)) return undefined;
  for (const key of files) {
    const file = pack[key] as Partly<DataKind> | null | undefined;
    if (file === undefined || (file !== null && !file.complete)) return undefined;
    if (file === null && (requiredFiles as readonly string[]).includes(key)) return undefined;
  }
  return pack as unknown as CompletePack;
}


/** The kind of each file pack.yaml's `data:` names, by its key there. */
export const dataKinds: Record<DataKey, DataKind> = {
  organisation: 'organisation',
  framework: 'framework',
  values: 'values',
  role: 'role',
  letter: 'letter',
  remuneration: 'remuneration',
  payScale: 'payScale',
  timeline: 'timeline',
};
