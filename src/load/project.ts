// Finds the packs of a project: every folder under packs/ that holds a pack.yaml,
// and each variant its pack.yaml declares (see validate/variants.ts).
import path from 'node:path';
import { exists, listFolder } from '../pack/project-files.js';
import { id as idSchema } from '../schema/common.js';
import { loadYamlFile } from './yaml-file.js';
import { PACK_FILE, type PackLocation, type VariantIdClash } from '../pack/location.js';

/**
 * The variants a pack.yaml declares, read cheaply: just the entries whose id is
 * well formed. A pack.yaml that cannot be read gives none; its mistakes are
 * reported when the pack is checked.
 */
async function declaredVariants(root: string, packFile: string): Promise<{ id: string; index: number }[]> {
  const loaded = await loadYamlFile(root, packFile);
  if (!loaded.ok) return [];
  const data = loaded.file.data as { variants?: unknown } | null;
  if (data === null || typeof data !== 'object' || !Array.isArray(data.variants)) return [];
  return data.variants.flatMap((entry: unknown, index) => {
    const id = entry !== null && typeof entry === 'object' ? (entry as { id?: unknown }).id : undefined;
    return typeof id === 'string' && idSchema.safeParse(id).success ? [{ id, index }] : [];
  });
}

/**
 * Every pack, sorted by folder, each followed by its variants in the order declared.
 * Ids are unique: a variant whose id a folder or an earlier variant has is left out
 * and recorded in `idClashes` of every location of its pack.yaml.
 */
export async function findPacks(root: string): Promise<PackLocation[]> {
  const packsDir = path.join(root, 'packs');
  const bases: PackLocation[] = [];
  for (const name of listFolder(packsDir)) {
    const dir = path.join(packsDir, name);
    const packFile = path.join(dir, PACK_FILE);
    // A folder without pack.yaml holds shared data, not a pack. A pack.yaml that is a pipe, a folder
    // or a link out of the project still makes a pack, so that loading it says what is wrong.
    if (exists(packFile)) bases.push({ id: name, dir, packFile });
  }
  const folders = new Set(bases.map((base) => base.id));
  /** Each variant id given out so far, and the pack that declares it. */
  const taken = new Map<string, string>();
  const packs: PackLocation[] = [];
  for (const base of bases) {
    const variants: PackLocation[] = [];
    const idClashes: VariantIdClash[] = [];
    for (const variant of await declaredVariants(root, base.packFile)) {
      const holder = taken.get(variant.id);
      const takenBy = folders.has(variant.id)
        ? variant.id === base.id
          ? 'this pack (its folder name)'
          : `the pack in packs/${variant.id}`
        : holder === undefined
          ? undefined
          : holder === base.id
            ? 'an earlier variant in this file'
            : `a variant in packs/${holder}/${PACK_FILE}`;
      if (takenBy !== undefined) {
        idClashes.push({ ...variant, takenBy });
        continue;
      }
      taken.set(variant.id, base.id);
      variants.push({ id: variant.id, dir: base.dir, packFile: base.packFile, variant });
    }
    const clashes = idClashes.length > 0 ? { idClashes } : {};
    packs.push({ ...base, ...clashes }, ...variants.map((variant) => ({ ...variant, ...clashes })));
  }
  return packs;
}
