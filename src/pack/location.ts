// Where a pack is: its id, its folder and its pack.yaml, and for a variant its
// place in that file. Finding the packs of a project is load/project.ts's job.

export const PACK_FILE = 'pack.yaml';

export interface PackLocation {
  /** The pack's id: its folder name, or for a variant the variant's own id. */
  id: string;
  dir: string;
  packFile: string;
  /** Set when this is a variant declared under `variants:` in packFile: its id and its place in that list. */
  variant?: { id: string; index: number };
  /**
   * Variants declared in packFile whose id is taken (by a pack folder or an earlier variant):
   * they are not locations of their own, and checking this pack.yaml reports each.
   */
  idClashes?: VariantIdClash[];
}

export interface VariantIdClash {
  /** The variant's place in the `variants:` list. */
  index: number;
  id: string;
  /** What has the id already, in words: "the pack in packs/x", "an earlier variant in this file". */
  takenBy: string;
}
