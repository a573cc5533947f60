// Finds the packs of a project: every folder under packs/ that holds a pack.yaml.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export const PACK_FILE = 'pack.yaml';

export interface PackLocation {
  /** The pack's folder name, which is its id. */
  id: string;
  dir: string;
  packFile: string;
}

export async function findPacks(root: string): Promise<PackLocation[]> {
  const packsDir = path.join(root, 'packs');
  let entries: string[];
  try {
    entries = await readdir(packsDir);
  } catch {
    return [];
  }
  const packs: PackLocation[] = [];
  for (const name of entries.sort()) {
    const dir = path.join(packsDir, name);
    const packFile = path.join(dir, PACK_FILE);
    try {
      if ((await stat(packFile)).isFile()) packs.push({ id: name, dir, packFile });
    } catch {
      // A folder without pack.yaml holds shared data, not a pack.
    }
  }
  return packs;
}
