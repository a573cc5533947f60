// Picks the packs to work on: all of them, or those named, in the order named.
// Naming a pack picks it and its variants; naming a variant picks just that one.
import { findPacks } from '../load/project.js';
import { finishInterruptedEdit } from './edit-journal.js';
import { type PackLocation } from '../pack/location.js';

/** Unknown names are returned, not thrown: the caller decides how to say so. */
export async function selectPacks(root: string, ids: readonly string[]) {
  // The packs are read as a whole edit left them, never half of one (edit-journal.ts).
  await finishInterruptedEdit(root);
  const all = await findPacks(root);
  if (ids.length === 0) return { packs: all, unknown: [] as string[], all };
  const unknown = ids.filter((id) => !all.some((p) => p.id === id));
  const chosen = new Map<string, PackLocation>();
  for (const id of ids) {
    const named = all.find((p) => p.id === id);
    if (!named) continue;
    const picked = named.variant ? [named] : all.filter((p) => p.packFile === named.packFile);
    for (const location of picked) if (!chosen.has(location.id)) chosen.set(location.id, location);
  }
  return { packs: [...chosen.values()], unknown, all };
}
