// Picks the packs to work on: all of them, or those named, in the order named.
import { findPacks } from '../load/project.js';

/** Unknown names are returned, not thrown: the caller decides how to say so. */
export async function selectPacks(root: string, ids: readonly string[]) {
  const all = await findPacks(root);
  if (ids.length === 0) return { packs: all, unknown: [] as string[], all };
  const unknown = ids.filter((id) => !all.some((p) => p.id === id));
  const packs = [...new Set(ids)].flatMap((id) => all.filter((p) => p.id === id));
  return { packs, unknown, all };
}
