// `packs set`: change one date, time or figure, safely. The edit is checked as
// if it were made — every pack is validated against the changed file — and only
// then written (atomically), with each affected pack's version bumped and the
// change logged in its changelog.yaml.
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { changelogAppend, CHANGELOG_FILE, nextVersion } from '../edit/changelog.js';
import { displayValue, fieldsOf, parseValue, replaceScalar, type Field } from '../edit/fields.js';
import { findPacks } from '../load/project.js';
import { type PackLocation } from '../pack/location.js';
import { loadYamlFile } from '../load/yaml-file.js';
import { closest } from '../pack/suggest.js';
import { MAX_TEXT_FILE_BYTES, readProjectFile } from '../pack/project-files.js';
import { completePack } from '../pack/loaded-pack.js';
import { DataFileCache, loadPack } from '../load/load-pack.js';
import { planPack } from './build.js';

export type SetResult =
  | { ok: true; field: Field; from: string; to: string; packs: { id: string; version: string; changelog: string }[] }
  | { ok: false; message: string; hint?: string; diagnostics: Diagnostic[]; edited?: { file: string; text: string } };

/** Whether a pack prints the value at this place: a shared pay figure affects the packs on that grade and those rates only. */
async function printsField(location: PackLocation, field: Field, cache: DataFileCache): Promise<boolean> {
  const loaded = await loadPack(location, cache);
  const pack = loaded.pack && completePack(loaded.pack);
  if (!pack) return false;
  return fieldsOf(pack).some(
    (f) => f.file.absolutePath === field.file.absolutePath && f.path.join('\0') === field.path.join('\0'),
  );
}

/** Errors as comparable keys, to tell the errors an edit makes from those already there. */
const errorKeys = (diagnostics: Diagnostic[]) =>
  new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}\0${d.file}\0${d.message}`));

export async function setField(
  root: string,
  packId: string,
  fieldName: string,
  typed: string,
  options: { note?: string; today: string },
): Promise<SetResult> {
  const all = await findPacks(root);
  const location = all.find((p) => p.id === packId);
  if (!location) return { ok: false, message: `unknown pack "${packId}"`, hint: `the packs are: ${all.map((p) => p.id).join(', ')}`, diagnostics: [] };
  const loaded = await loadPack(location, new DataFileCache(root));
  const pack = loaded.pack && completePack(loaded.pack);
  if (!pack || hasErrors(loaded.diagnostics)) {
    return { ok: false, message: `pack "${packId}" has mistakes; fix them first (npm run packs -- validate ${packId})`, diagnostics: loaded.diagnostics };
  }
  const fields = fieldsOf(pack);
  const field = fields.find((f) => f.name === fieldName);
  if (!field) {
    const guess = closest(fieldName, fields.map((f) => f.name));
    return {
      ok: false,
      message: `"${fieldName}" is not a field of pack ${packId}`,
      hint: guess ? `did you mean ${guess}?` : `fields: ${fields.map((f) => f.name).join(', ')}`,
      diagnostics: [],
    };
  }
  const parsed = parseValue(field.kind, typed);
  if (!parsed.ok) return { ok: false, message: parsed.message, diagnostics: [] };
  if (parsed.value === field.value) return { ok: false, message: `${fieldName} is already ${parsed.value}`, diagnostics: [] };

  // Check every pack against the edited file before writing anything.
  const edited = replaceScalar(field.file, field.path, parsed.value);
  const before: Diagnostic[] = [];
  const after: Diagnostic[] = [];
  const affected: PackLocation[] = [];
  const cacheBefore = new DataFileCache(root);
  const cacheAfter = new DataFileCache(root, new Map([[field.file.absolutePath, edited]]));
  for (const other of all) {
    const planBefore = await planPack(root, other, cacheBefore, { today: options.today });
    const planAfter = await planPack(root, other, cacheAfter, { today: options.today });
    before.push(...planBefore.diagnostics);
    after.push(...planAfter.diagnostics);
    if (await printsField(other, field, cacheBefore)) affected.push(other); // files already read by planBefore
  }
  const old = errorKeys(before);
  const introduced = after.filter((d) => d.severity === 'error' && !old.has(`${d.code}\0${d.file}\0${d.message}`));
  if (introduced.length > 0) {
    return {
      ok: false,
      message: `${fieldName} = ${parsed.value} would make ${introduced.length === 1 ? 'a pack' : 'packs'} invalid; nothing was changed`,
      diagnostics: introduced,
      edited: { file: field.file.file, text: edited },
    };
  }

  // Each change log is read before anything is written: one that cannot be read stops the edit whole.
  const changelogs = new Map<string, string | undefined>();
  for (const other of affected) {
    const changelog = path.join(other.dir, CHANGELOG_FILE);
    if (changelogs.has(changelog)) continue;
    const read = readProjectFile(root, changelog, MAX_TEXT_FILE_BYTES);
    if (read.ok) changelogs.set(changelog, new TextDecoder('utf-8').decode(read.bytes));
    else if (read.problem === 'not-found') changelogs.set(changelog, undefined);
    else {
      const shown = path.relative(root, changelog).split(path.sep).join('/');
      const why = read.problem === 'outside-project' ? 'links to a file outside the project' : read.problem === 'not-a-file' ? `is ${read.kind}, not a file` : `is ${read.size} bytes, more than a change log can be`;
      // A mistake in the pack (exit 1), not in the command: no hint, which would make it a usage mistake (cli/commands/set.ts).
      return { ok: false, message: `${shown} ${why}, so the change could not be logged; nothing was changed (make it an ordinary file in the pack folder)`, diagnostics: [] };
    }
  }

  await writeFileAtomic(field.file.absolutePath, edited);
  const packs: { id: string; version: string; changelog: string }[] = [];
  const logged = new Set<string>();
  for (const other of affected) {
    // A pack and its variants share pack.yaml and changelog.yaml: one version bump, one entry.
    if (logged.has(other.packFile)) continue;
    logged.add(other.packFile);
    // Read again: pack.yaml may be the edited file (a value a variant sets).
    const onDisk = await loadYamlFile(root, other.packFile);
    if (!onDisk.ok) throw new Error(`${other.packFile} did not parse after the edit`);
    const packFile = { file: onDisk.file };
    const version = nextVersion(String((onDisk.file.data as { version: unknown }).version));
    // Two single-line edits: the version, then (in the text with the new version) its date.
    const withVersion = replaceScalar(packFile.file, ['version'], version);
    const reparsed = await loadYamlFile(root, packFile.file.absolutePath, withVersion);
    if (!reparsed.ok) throw new Error(`${packFile.file.file} did not parse after its version was changed`);
    await writeFileAtomic(packFile.file.absolutePath, replaceScalar(reparsed.file, ['date'], options.today));
    const changelog = path.join(other.dir, CHANGELOG_FILE);
    const existing = changelogs.get(changelog);
    const entry = changelogAppend(existing, {
      date: options.today,
      version,
      field: fieldName,
      old: field.value,
      new: parsed.value,
      note: options.note ?? null,
      ...(field.shared ? { file: field.file.file } : {}),
      ...(field.setByVariant ? { variant: packId } : {}),
    });
    await writeFileAtomic(changelog, (existing ?? '') + entry);
    packs.push({ id: other.id, version, changelog: path.relative(root, changelog).split(path.sep).join('/') });
  }
  return { ok: true, field, from: displayValue(field.kind, field.value), to: displayValue(field.kind, parsed.value), packs };
}
