// How many packs a `packs build` command line asks for, worked out before the
// command loads anything but Node's own modules: it decides whether the build
// starts from the startup snapshot, whose one warm thread is quickest for a few
// packs, or loads the tool afresh and spreads many packs over worker threads
// (startup-snapshot.ts). Only a guide to that choice: the build itself finds its
// packs properly (load/project.ts), and builds the same bytes either way.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { optionValue } from './command-line.js';

/**
 * The ids `variants:` declares in a pack.yaml, read as text: every `id:` key in
 * the text from the top-level `variants:` key to the next top-level key, so in
 * block style (`- id: …`, in any place in its entry), in flow style
 * (`[{id: …}, …]`) or both (`- {id: …}`).
 */
function variantIds(packYaml: string): string[] {
  const section: string[] = [];
  let inVariants = false;
  for (const line of packYaml.split(/\r?\n/)) {
    if (/^\s*(#|$)/.test(line)) continue; // a blank line or a comment, which may start at the margin inside the list
    if (/^\S/.test(line)) inVariants = /^variants\s*:/.test(line);
    // A comment starts at a # after a space; the id's pattern below stops at one anyway.
    if (inVariants) section.push(line.replace(/^variants\s*:/, '').replace(/\s#.*$/, ''));
  }
  return [...section.join('\n').matchAll(/(?:^|[\s{,[-])id:\s*["']?([^"'\s,{}[\]#]+)/g)].map((match) => match[1]!);
}

/** The ids of the packs in `root`'s packs/ folder and of the variants they declare. */
export function packIdsIn(root: string): string[] {
  const dir = path.join(root, 'packs');
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const ids: string[] = [];
  for (const name of names.sort()) {
    const packFile = path.join(dir, name, 'pack.yaml');
    if (!existsSync(packFile)) continue;
    ids.push(name);
    try {
      ids.push(...variantIds(readFileSync(packFile, 'utf8')));
    } catch {
      // Unreadable: the build reports it.
    }
  }
  return ids;
}

/**
 * How many packs `packs build <args>` builds, before the build cache skips
 * those that are up to date: the packs named, or else every pack, and with
 * `--shard K/N` a share of them. Any word of the command that is a pack's id
 * names that pack: the options' values (folders, formats, numbers, dates) are
 * not told apart from the pack ids, as `--only pdf docx <id>` would need.
 */
export function packsAskedFor(args: readonly string[], cwd: string): number {
  const ids = packIdsIn(path.resolve(cwd, optionValue(args, '--root') ?? '.'));
  const known = new Set(ids);
  const named = new Set(args.filter((arg) => known.has(arg)));
  const count = named.size > 0 ? named.size : ids.length;
  const shards = Number(/^\d+\/(\d+)$/.exec(optionValue(args, '--shard') ?? '')?.[1]);
  return shards > 0 ? Math.ceil(count / shards) : count;
}
