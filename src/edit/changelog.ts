// The change log of a pack: changelog.yaml in its folder, one entry per change,
// newest last, appended as text so that what is there is never rewritten.
import { stringify } from 'yaml';

export const CHANGELOG_FILE = 'changelog.yaml';

export interface ChangeEntry {
  date: string;
  version: string;
  field: string;
  old: string;
  new: string;
  /** Set when the change is a pay award (`--from`): the day its new rates take effect. */
  from?: string;
  note: string | null;
  /** Set when the change was made in a shared file, not in the pack's own. */
  file?: string;
  /**
   * Set when the value changed is one a variant sets: the variant's id. A pack and
   * its variants share one change log, so without it the entry would read as the pack's.
   */
  variant?: string;
}

const HEADER = [
  '# What changed in this pack, newest last. `packs set` adds an entry for every change it makes;',
  '# entries are not edited afterwards.',
  '',
].join('\n');

/** The text to append (with a header when the log is new). */
export function changelogAppend(existing: string | undefined, entry: ChangeEntry): string {
  const item = stringify([{ ...entry }], { lineWidth: 0, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' });
  const start = existing === undefined || existing.trim() === '' ? HEADER : existing.endsWith('\n') ? '' : '\n';
  return start + item;
}

/** The next patch version: 1.0.0 → 1.0.1. */
export function nextVersion(version: string): string {
  const [major, minor, patch] = version.split('.').map(Number) as [number, number, number];
  return `${major}.${minor}.${patch + 1}`;
}
