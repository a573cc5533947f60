// `--shard K/N`: which packs this machine builds when a campaign is split over
// N machines (a CI matrix, an indexed batch job). A pack belongs to the shard
// its id hashes to, so the split is the same on every machine, every shard is
// disjoint from the others, together they are every pack, and adding a pack
// never moves the others to another shard.
import { createHash } from 'node:crypto';

export interface Shard {
  /** 1-based: shard 1 of 4 is the first. */
  index: number;
  count: number;
}

/** Parses "K/N"; undefined if it is not two whole numbers with 1 ≤ K ≤ N. */
export function parseShard(text: string): Shard | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) return undefined;
  const index = Number(match[1]);
  const count = Number(match[2]);
  return index >= 1 && count >= 1 && index <= count ? { index, count } : undefined;
}

/** The shard (1-based) a pack id belongs to, of `count`. */
export function shardOf(id: string, count: number): number {
  const hash = createHash('sha256').update(id).digest();
  return (hash.readUInt32BE(0) % count) + 1;
}

export function inShard(id: string, shard: Shard | undefined): boolean {
  return shard === undefined || shardOf(id, shard.count) === shard.index;
}
