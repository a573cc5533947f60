// Loads a pack: its pack.yaml and every data file it names, each read with
// positions and checked against the schema of its kind (the fields that pass
// are kept, so that later checks run on whatever is sound), a variant's `set:`
// applied, and the images the files name. Shared files are read once per build,
// so that what is found in one (a starter's placeholder left in it, say) is found once.
import path from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnosticAt, type YamlFile } from '../pack/data-file.js';
import { dataKinds, type DataKey, type LoadedPack, type Partly } from '../pack/loaded-pack.js';
import type { PackLocation } from '../pack/location.js';
import { schemaFileName } from '../schema/json-schema.js';
import { schemas, type DataKind } from '../schema/index.js';
import { FontCache, loadFonts } from './fonts.js';
import { ImageCache, loadImages } from './images.js';
import { fileInsideProject } from '../pack/project-files.js';
import { ReadLog } from './read-log.js';
import { placeholderText } from './placeholder-text.js';
import { checkSchema } from './schema-check.js';
import { relocateVariantDiagnostics, startVariant } from './variants.js';
import { loadYamlFile } from './yaml-file.js';

/** Caches each file's load-and-check result for the length of one build. */
export class DataFileCache {
  private readonly results = new Map<string, Promise<{ checked?: Partly<DataKind>; diagnostics: Diagnostic[] }>>();
  /** What each file held when this cache read it. */
  readonly reads = new ReadLog();
  /** The images the packs name, read once each. */
  readonly images: ImageCache;
  /** The font files themes give, read once each. */
  readonly fonts: FontCache;
  /** `replacements` gives new contents for some files (by absolute path), to check an edit before writing it. */
  constructor(
    readonly root: string,
    private readonly replacements: ReadonlyMap<string, string> = new Map(),
  ) {
    this.images = new ImageCache(root, this.reads);
    this.fonts = new FontCache(root, this.reads);
  }

  /** Every file this cache has read, by absolute path: what a pack drew on. */
  get files(): string[] {
    return [...new Set([...this.results.keys()].map((key) => key.split('\0')[1]!))];
  }

  load<K extends DataKind>(kind: K, absolutePath: string): Promise<{ checked?: Partly<K>; diagnostics: Diagnostic[] }> {
    const key = `${kind}\0${absolutePath}`;
    let result = this.results.get(key);
    if (!result) {
      result = (async () => {
        const loaded = await loadYamlFile(this.root, absolutePath, this.replacements.get(absolutePath), this.reads);
        if (!loaded.ok) return { diagnostics: loaded.diagnostics };
        loaded.diagnostics.push(...checkSchemaComment(loaded.file, kind), ...placeholderText(loaded.file));
        const checked = checkSchema(loaded.file, kind, schemas[kind]);
        return {
          checked: { file: checked.file, data: checked.data, complete: checked.ok, ...(checked.ok ? {} : { lost: checked.lost }) } as Partly<DataKind>,
          diagnostics: [...loaded.diagnostics, ...checked.diagnostics],
        };
      })();
      this.results.set(key, result);
    }
    return result as Promise<{ checked?: Partly<K>; diagnostics: Diagnostic[] }>;
  }

  /** Forgets the files at `paths` (absolute), data files and images, so that the next pack to need them reads them again. */
  forget(paths: readonly string[]): void {
    const forgotten = new Set(paths);
    for (const key of [...this.results.keys()]) if (forgotten.has(key.split('\0')[1]!)) this.results.delete(key);
    this.images.forget(forgotten);
    this.fonts.forget(forgotten);
    this.reads.forget(forgotten);
  }
}

/**
 * A data file may name its JSON Schema for editors (`# yaml-language-server: $schema=...`);
 * naming another kind's schema would have the editor suggest the wrong fields.
 */
function checkSchemaComment(file: YamlFile, kind: DataKind): Diagnostic[] {
  const match = /^#\s*yaml-language-server:\s*\$schema=(\S+)/m.exec(file.source);
  if (!match || path.posix.basename(match[1]!) === schemaFileName(kind)) return [];
  return [
    diagnostic(
      {
        code: 'wrong-schema',
        message: `this ${kind} file names the schema ${path.posix.basename(match[1]!)}`,
        hint: `name ${schemaFileName(kind)}, so that editors suggest the fields of a ${kind} file`,
      },
      file.file,
      { start: match.index, end: match.index + match[0].length },
    ),
  ];
}


export async function loadPack(
  location: PackLocation,
  cache: DataFileCache,
): Promise<{ pack?: LoadedPack; diagnostics: Diagnostic[]; inputs: string[] }> {
  /** Every file this pack reads or looks for, found or not: what a change to would change the pack. */
  const inputs = [location.packFile];
  const packResult = await cache.load('pack', location.packFile);
  if (!packResult.checked) return { diagnostics: packResult.diagnostics, inputs };
  // A variant works on a copy of pack.yaml's data with its `set:` applied (validate/variants.ts).
  const variant = startVariant(location, packResult.checked);
  const pack = variant.pack;
  const diagnostics: Diagnostic[] = [...packResult.diagnostics, ...variant.diagnostics];
  // The id written in pack.yaml is the folder's, for a variant too.
  const folder = location.variant ? path.basename(location.dir) : location.id;
  const writtenId = packResult.checked.data.id;
  if (writtenId !== undefined && writtenId !== folder) {
    diagnostics.push(
      diagnosticAt(pack.file, ['id'], {
        code: 'pack-id-mismatch',
        message: `pack id "${writtenId}" does not match its folder name "${folder}"`,
        hint: `rename the folder or set \`id: ${folder}\``,
      }),
    );
  }
  const loaded: Partial<Record<DataKey, Partly<DataKind> | null>> = {};
  const refs = pack.data.data;
  if (!refs) return { pack: { location, pack }, diagnostics, inputs };
  /** Loads one file a pack names, reporting a missing file or one outside the project at its reference. */
  const loadRef = async <K extends DataKind>(kind: K, ref: string, at: (string | number)[], what: string) => {
    const target = fileInsideProject(cache.root, location.dir, ref);
    if (target !== undefined) inputs.push(target);
    if (target === undefined) {
      diagnostics.push(
        diagnosticAt(pack.file, at, {
          code: 'file-outside-project',
          message: `${what} file "${ref}" is outside the project`,
          hint: 'data files must be inside the project folder',
        }),
      );
      return undefined;
    }
    const result = await cache.load(kind, target);
    if (result.diagnostics.some((d) => d.code === 'file-not-found')) {
      diagnostics.push(
        diagnosticAt(pack.file, at, {
          code: 'file-not-found',
          message: `${what} file not found: ${ref}`,
          hint: 'paths are relative to the pack folder, e.g. ../shared/frameworks/cvf-police-staff.yaml',
        }),
      );
      return undefined;
    }
    // A folder or a pipe where the file should be, or a file it may not read, is shown where it is named, as a missing file is.
    const notAFile = result.diagnostics.find((d) => d.code === 'not-a-file' || d.code === 'file-unreadable');
    if (notAFile) {
      diagnostics.push(diagnosticAt(pack.file, at, notAFile));
      return undefined;
    }
    diagnostics.push(...result.diagnostics);
    return result.checked;
  };
  for (const key of Object.keys(dataKinds) as DataKey[]) {
    const ref = refs[key];
    loaded[key] = ref === null ? null : await loadRef(dataKinds[key], ref, ['data', key], key);
  }
  const calendars: Partly<'calendar'>[] = [];
  for (const [i, ref] of refs.calendars.entries()) {
    const calendar = await loadRef('calendar', ref, ['data', 'calendars', i], 'calendar');
    if (calendar) calendars.push(calendar);
  }
  const finished = variant.finish?.(loaded);
  if (finished) {
    Object.assign(loaded, finished.files);
    diagnostics.push(...finished.diagnostics);
  }
  const applied = finished ? { variant: finished.variant } : {};
  const dataFiles = Object.values(loaded).filter((file): file is Partly<DataKind> => file !== null && file !== undefined);
  const { images, diagnostics: imageDiagnostics, paths: imagePaths } = await loadImages(cache.root, dataFiles, cache.images);
  diagnostics.push(...relocateVariantDiagnostics(applied, imageDiagnostics));
  inputs.push(...imagePaths);
  const { fonts, diagnostics: fontDiagnostics, paths: fontPaths } = loadFonts(cache.root, loaded.organisation, cache.fonts);
  diagnostics.push(...relocateVariantDiagnostics(applied, fontDiagnostics));
  inputs.push(...fontPaths);
  // Returned as far as it loaded, so that every check that can run does.
  return { pack: { location, pack, ...(loaded as Omit<LoadedPack, 'location' | 'pack'>), calendars, images, fonts, ...applied }, diagnostics, inputs };
}
