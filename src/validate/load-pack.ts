// Loads a pack: its pack.yaml and every data file it names, each checked
// against the schema of its kind. Shared files are read once per build.
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnosticAt, loadYamlFile, positionOf, type YamlFile } from '../load/yaml-file.js';
import { schemaFileName } from '../schema/json-schema.js';
import type { PackLocation } from '../load/project.js';
import { schemas, type DataKind, type DataOf } from '../schema/index.js';
import { checkSchema } from './schema-check.js';
import { checkSectionTemplates } from './sections.js';

/** A data file that passed its schema: the parsed data and the file, for positions. */
export interface Checked<K extends DataKind> {
  file: YamlFile;
  data: DataOf<K>;
}

type DataKey = keyof DataOf<'pack'>['data'];

export interface LoadedPack {
  location: PackLocation;
  pack: Checked<'pack'>;
  organisation: Checked<'organisation'>;
  framework: Checked<'framework'>;
  role: Checked<'role'>;
  values: Checked<'values'> | null;
  letter: Checked<'letter'> | null;
  remuneration: Checked<'remuneration'> | null;
  timeline: Checked<'timeline'> | null;
}

/** Caches each file's load-and-check result for the length of one build. */
export class DataFileCache {
  private readonly results = new Map<string, Promise<{ checked?: Checked<DataKind>; diagnostics: Diagnostic[] }>>();
  constructor(readonly root: string) {}

  load<K extends DataKind>(kind: K, absolutePath: string): Promise<{ checked?: Checked<K>; diagnostics: Diagnostic[] }> {
    const key = `${kind}\0${absolutePath}`;
    let result = this.results.get(key);
    if (!result) {
      result = (async () => {
        const loaded = await loadYamlFile(this.root, absolutePath);
        if (!loaded.ok) return { diagnostics: loaded.diagnostics };
        loaded.diagnostics.push(...checkSchemaComment(loaded.file, kind));
        const checked = checkSchema(loaded.file, kind, schemas[kind]);
        if (!checked.ok) return { diagnostics: [...loaded.diagnostics, ...checked.diagnostics] };
        return { checked: { file: loaded.file, data: checked.data } as Checked<DataKind>, diagnostics: loaded.diagnostics };
      })();
      this.results.set(key, result);
    }
    return result as Promise<{ checked?: Checked<K>; diagnostics: Diagnostic[] }>;
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
    {
      code: 'wrong-schema',
      severity: 'warning',
      message: `this ${kind} file names the schema ${path.posix.basename(match[1]!)}`,
      file: file.file,
      ...positionOf(file, match.index),
      hint: `name ${schemaFileName(kind)}, so that editors suggest the fields of a ${kind} file`,
    },
  ];
}

const dataKinds: Record<DataKey, DataKind> = {
  organisation: 'organisation',
  framework: 'framework',
  values: 'values',
  role: 'role',
  letter: 'letter',
  remuneration: 'remuneration',
  timeline: 'timeline',
};

export async function loadPack(
  location: PackLocation,
  cache: DataFileCache,
): Promise<{ pack?: LoadedPack; diagnostics: Diagnostic[] }> {
  const packResult = await cache.load('pack', location.packFile);
  if (!packResult.checked) return { diagnostics: packResult.diagnostics };
  const pack = packResult.checked;
  const diagnostics: Diagnostic[] = [...packResult.diagnostics, ...checkSectionTemplates(cache.root, location, pack)];
  if (pack.data.id !== location.id) {
    diagnostics.push(
      diagnosticAt(pack.file, ['id'], {
        code: 'pack-id-mismatch',
        severity: 'error',
        message: `pack id "${pack.data.id}" does not match its folder name "${location.id}"`,
        hint: `rename the folder or set \`id: ${location.id}\``,
      }),
    );
  }
  const loaded: Partial<Record<DataKey, Checked<DataKind> | null>> = {};
  for (const key of Object.keys(dataKinds) as DataKey[]) {
    const ref = pack.data.data[key];
    if (ref === null) {
      loaded[key] = null;
      continue;
    }
    const target = path.resolve(location.dir, ref);
    const relativeToRoot = path.relative(cache.root, target);
    if (relativeToRoot.startsWith('..') || path.isAbsolute(relativeToRoot)) {
      diagnostics.push(
        diagnosticAt(pack.file, ['data', key], {
          code: 'file-outside-project',
          severity: 'error',
          message: `${key} file "${ref}" is outside the project`,
          hint: 'data files must be inside the project folder',
        }),
      );
      continue;
    }
    const result = await cache.load(dataKinds[key], target);
    if (result.diagnostics.some((d) => d.code === 'file-not-found')) {
      diagnostics.push(
        diagnosticAt(pack.file, ['data', key], {
          code: 'file-not-found',
          severity: 'error',
          message: `${key} file not found: ${ref}`,
          hint: 'paths are relative to the pack folder, e.g. ../shared/frameworks/cvf-police-staff.yaml',
        }),
      );
      continue;
    }
    diagnostics.push(...result.diagnostics);
    loaded[key] = result.checked ?? undefined;
  }
  const required: DataKey[] = ['organisation', 'framework', 'role'];
  const complete = required.every((key) => loaded[key]) && Object.values(loaded).every((v) => v !== undefined);
  // A pack whose files all loaded is returned even with other findings (an id or
  // template mistake), so that cross-file checks can still report theirs.
  if (!complete) return { diagnostics };
  return {
    pack: { location, pack, ...(loaded as Omit<LoadedPack, 'location' | 'pack'>) },
    diagnostics,
  };
}
