// `packs set`: change one date, time, figure or piece of prose, safely. The edit is checked as
// if it were made — every pack is validated against the changed file — and only
// then written, with each affected pack's version bumped and the change logged in
// its changelog.yaml: all of it or none of it (edit-journal.ts).
//
// A pay figure with `--from <date>` is a pay award: a new set of rates from that
// day, a copy of the rates in force then with the one figure changed, and the old
// set kept, so a pack prints the new rates once its `salary.on` reaches the date
// and a pack dated before it still prints what was paid then.
import path from 'node:path';
import { commitEdit, currentHash, currentText, finishInterruptedEdit, type FileChange } from './edit-journal.js';
import { withProjectLock } from './locks.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { changelogAppend, CHANGELOG_FILE, nextVersion } from '../edit/changelog.js';
import { addRates, displayValue, fieldsOf, parseValue, payFields, replaceParagraphs, replaceScalar, replaceText, type Field } from '../edit/fields.js';
import { isProse, paragraphsOf } from '../edit/prose.js';
import { rateInForce } from '../pack/pay.js';
import type { PayScale } from '../schema/pay-scale.js';
import { findPacks } from '../load/project.js';
import { type PackLocation } from '../pack/location.js';
import { loadYamlFile } from '../load/yaml-file.js';
import { closest } from '../pack/suggest.js';
import { MAX_TEXT_FILE_BYTES, readProjectFile } from '../pack/project-files.js';
import { completePack } from '../pack/loaded-pack.js';
import { DataFileCache, loadPack } from '../load/load-pack.js';
import { planPack, type PackPlan } from './build.js';

export type SetResult =
  | { ok: true; field: Field; from: string; to: string; packs: { id: string; version: string; changelog: string }[]; affected: string[]; award?: { from: string; fromText: string; added: boolean } }
  | { ok: false; message: string; hint?: string; diagnostics: Diagnostic[]; edited?: { file: string; text: string } };

/** Whether a pack prints the value at this place: a shared pay figure affects the packs on that grade and those rates only. */
export async function printsField(location: PackLocation, field: Field, cache: DataFileCache, award: boolean): Promise<boolean> {
  const loaded = await loadPack(location, cache);
  const pack = loaded.pack && completePack(loaded.pack);
  if (!pack) return false;
  // A pay award concerns every pack on the grade that prints the figure, whichever set of rates it prints now.
  const same = (f: Field) => (award ? f.name === field.name && f.path[1] === field.path[1] : f.path.join('\0') === field.path.join('\0'));
  return fieldsOf(pack).some((f) => f.file.absolutePath === field.file.absolutePath && same(f));
}

/**
 * The edited text of a pay award from a day: a new set of rates from that day
 * (the set in force then, copied, with this figure changed), or, when a set
 * already starts that day, that set with the figure changed. Refused when a
 * later set exists, which the award would not reach.
 */
function awardEdit(field: Field, scale: PayScale, from: string, value: string): { text: string; old: string; added: boolean } | { message: string } {
  const g = field.path[1] as number;
  const grade = scale.grades[g]!;
  const later = grade.rates.find((rate) => rate.from > from);
  if (later) {
    return { message: `grade "${grade.id}" already has rates from ${later.from}, after ${from}; nothing was changed (give a date on or after ${grade.rates.at(-1)!.from}, or change those rates in ${field.file.file} by hand)` };
  }
  const source = rateInForce(grade, from);
  if (!source) return { message: `grade "${grade.id}" has no rates in force on ${from} to copy; nothing was changed (its first rates are from ${grade.rates[0]!.from})` };
  const r = grade.rates.indexOf(source);
  const location = field.path.includes('locations') ? String(field.path[field.path.indexOf('locations') + 1]) : null;
  const there = payFields(scale, source, location).find((f) => f.name === field.name);
  if (!there) return { message: `the rates from ${source.from} give no ${field.name} to change; nothing was changed (add it to ${field.file.file} by hand)` };
  const old = String(field.file.document.getIn(['grades', g, 'rates', r, 'amounts', ...there.path]));
  if (source.from === from) return { text: replaceScalar(field.file, ['grades', g, 'rates', r, 'amounts', ...there.path], value), old, added: false };
  const text = addRates(field.file, g, r, from, there.path, value);
  if (text === undefined) return { message: `the rates in ${field.file.file} are not written one item a line, so a new set cannot be added safely; nothing was changed (add it by hand)` };
  return { text, old, added: true };
}

/** Errors as comparable keys, to tell the errors an edit makes from those already there. */
const errorKeys = (diagnostics: Diagnostic[]) =>
  new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}\0${d.file}\0${d.message}`));

type Failure = Extract<SetResult, { ok: false }>;

interface PlannedEdit {
  ok: true;
  result: Extract<SetResult, { ok: true }>;
  changes: FileChange[];
  /** The SHA-256 of each file the checks read, by absolute path. */
  read: Map<string, string>;
}

/** How many times the checks run again when another edit lands while they run. */
const ATTEMPTS = 10;

export async function setField(
  root: string,
  packId: string,
  fieldName: string,
  typed: string,
  options: { note?: string; today: string; from?: string },
): Promise<SetResult> {
  // The checks run without the project's lock: on a large project they take seconds, and a lock
  // is kept only by a holder that is not busy (see locks.ts). Holding the lock, the edit is
  // written only if no file the checks read, and none it writes, has changed since they read it;
  // if one has (another edit landed meanwhile), the checks run again on the files as they are now.
  // So two edits at once take turns, and neither is lost.
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    await finishInterruptedEdit(root);
    const planned = await planEdit(root, packId, fieldName, typed, options);
    if (!planned.ok) return planned;
    const unchanged = () =>
      [...planned.read].every(([file, hash]) => currentHash(file) === hash) &&
      planned.changes.every((change) => currentText(change.file) === change.before);
    const written = await withProjectLock(root, async (stillHeld) => unchanged() && stillHeld() && commitEdit(root, planned.changes, unchanged));
    if (written) return planned.result;
  }
  return { ok: false, message: `the packs' files kept changing while ${fieldName} was being checked; nothing was changed, so run the command again`, diagnostics: [] };
}

/** Checks the edit against every pack and works out every file it writes; writes nothing. */
async function planEdit(
  root: string,
  packId: string,
  fieldName: string,
  typed: string,
  options: { note?: string; today: string; from?: string },
): Promise<PlannedEdit | Failure> {
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
  const parsed = parseValue(field.kind, typed, fieldName);
  if (!parsed.ok) return { ok: false, message: parsed.message, diagnostics: [] };
  // How the value reads in messages and the change log: prose in brief ("3 paragraphs: …"), any other value as typed.
  const shown = (value: string) => (isProse(field.kind) ? displayValue(field.kind, value, field.unit) : value);
  let edited: string;
  let oldValue = field.value;
  let award: { from: string; fromText: string; added: boolean } | undefined;
  if (options.from !== undefined) {
    if (!field.name.startsWith('pay.') || !pack.payScale) {
      return { ok: false, message: `--from gives the day a pay award starts, so it goes only with a pay figure (pay.…), not ${fieldName}`, hint: 'leave out --from', diagnostics: [] };
    }
    if (field.setByVariant || field.file.absolutePath !== pack.payScale.file.absolutePath) {
      return { ok: false, message: `${fieldName} is set by a variant, under \`set:\` in ${field.file.file}, so a pay award from a day cannot be added to it; nothing was changed`, hint: 'leave out --from to change the value the variant sets, or add the award to the pay scale by hand', diagnostics: [] };
    }
    const day = parseValue('date', options.from);
    if (!day.ok) return { ok: false, message: `--from ${day.message}`, hint: 'give the day the award takes effect, YYYY-MM-DD', diagnostics: [] };
    const made = awardEdit(field, pack.payScale.data, day.value, parsed.value);
    if ('message' in made) return { ok: false, message: made.message, diagnostics: [] };
    if (parsed.value === made.old) return { ok: false, message: `${fieldName} is already ${parsed.value} in the rates in force on ${day.value}`, diagnostics: [] };
    edited = made.text;
    oldValue = made.old;
    award = { from: day.value, fromText: displayValue('date', day.value), added: made.added };
  } else {
    if (parsed.value === field.value) return { ok: false, message: `${fieldName} is already ${shown(parsed.value)}`, diagnostics: [] };
    if (field.kind === 'paragraphs') {
      const text = replaceParagraphs(field.file, field.path, paragraphsOf(parsed.value));
      if (text === undefined) {
        return { ok: false, message: `${fieldName} in ${field.file.file} is not written one item a line, or has comments between its items, so it cannot be replaced safely; nothing was changed (edit it by hand)`, diagnostics: [] };
      }
      edited = text;
    } else edited = field.kind === 'text' ? replaceText(field.file, field.path, parsed.value) : replaceScalar(field.file, field.path, parsed.value);
    // Prose is written by the yaml library's rules: read it back, as a pack will, before anything else.
    if (isProse(field.kind)) {
      const reread = await loadYamlFile(root, field.file.absolutePath, edited);
      const node = reread.ok ? (reread.file.document.getIn(field.path, true) as { toJSON?: () => unknown } | undefined) : undefined;
      const value = node?.toJSON?.();
      const expected = field.kind === 'paragraphs' ? paragraphsOf(parsed.value) : parsed.value;
      if (JSON.stringify(value) !== JSON.stringify(expected)) {
        return { ok: false, message: `${fieldName} could not be written so that ${field.file.file} reads back as typed; nothing was changed (edit it by hand)`, diagnostics: [] };
      }
    }
  }

  // Check every pack against the edited file before writing anything.
  const before: Diagnostic[] = [];
  const after: Diagnostic[] = [];
  const affected: PackLocation[] = [];
  const cacheBefore = new DataFileCache(root);
  const cacheAfter = new DataFileCache(root, new Map([[field.file.absolutePath, edited]]));
  const plans: PackPlan[] = [];
  for (const other of all) {
    const planBefore = await planPack(root, other, cacheBefore, { today: options.today });
    plans.push(planBefore);
    // Which files a pack reads follows from its pack.yaml, not from the edited file: a pack that did not read it is not changed by it.
    const reads = planBefore.hashesAsRead.has(field.file.absolutePath);
    const planAfter = reads ? await planPack(root, other, cacheAfter, { today: options.today }) : planBefore;
    before.push(...planBefore.diagnostics);
    after.push(...planAfter.diagnostics);
    if (await printsField(other, field, cacheBefore, award !== undefined)) affected.push(other); // files already read by planBefore
  }
  const old = errorKeys(before);
  const introduced = after.filter((d) => d.severity === 'error' && !old.has(`${d.code}\0${d.file}\0${d.message}`));
  if (introduced.length > 0) {
    return {
      ok: false,
      message: `${fieldName} = ${shown(parsed.value)} would make ${introduced.length === 1 ? 'a pack' : 'packs'} invalid; nothing was changed`,
      diagnostics: introduced,
      edited: { file: field.file.file, text: edited },
    };
  }

  // Each change log is checked before anything is planned: one that is not an ordinary file of the pack stops the edit whole.
  for (const other of affected) {
    const changelog = path.join(other.dir, CHANGELOG_FILE);
    const read = readProjectFile(root, changelog, MAX_TEXT_FILE_BYTES);
    if (read.ok || read.problem === 'not-found') continue;
    const shown = path.relative(root, changelog).split(path.sep).join('/');
    const why = read.problem === 'outside-project' ? 'links to a file outside the project' : read.problem === 'not-a-file' ? `is ${read.kind}, not a file` : read.problem === 'unreadable' ? `cannot be read (${read.reason})` : `is ${read.size} bytes, more than a change log can be`;
    // A mistake in the pack (exit 1), not in the command: no hint, which would make it a usage mistake (cli/commands/set.ts).
    return { ok: false, message: `${shown} ${why}, so the change could not be logged; nothing was changed (make it an ordinary file in the pack folder)`, diagnostics: [] };
  }

  // Every file the edit writes, with what it held when the checks read it: the data file, then
  // the version and date in each affected pack.yaml (which may be the data file: a value a
  // variant sets), then each change log.
  const changes = new Map<string, FileChange>();
  const change = (file: string, after: string, before?: string) => {
    const known = changes.get(file);
    changes.set(file, { file, before: known ? known.before : before, after });
  };
  const textOf = (file: string) => changes.get(file)?.after ?? currentText(file);
  change(field.file.absolutePath, edited, currentText(field.file.absolutePath));
  const packs: { id: string; version: string; changelog: string }[] = [];
  const logged = new Set<string>();
  for (const other of affected) {
    // A pack and its variants share pack.yaml and changelog.yaml: one version bump, one entry.
    if (logged.has(other.packFile)) continue;
    logged.add(other.packFile);
    const onDisk = await loadYamlFile(root, other.packFile, textOf(other.packFile));
    if (!onDisk.ok) throw new Error(`${other.packFile} did not parse after the edit`);
    const version = nextVersion(String((onDisk.file.data as { version: unknown }).version));
    // Two single-line edits: the version, then (in the text with the new version) its date.
    const withVersion = replaceScalar(onDisk.file, ['version'], version);
    const reparsed = await loadYamlFile(root, other.packFile, withVersion);
    if (!reparsed.ok) throw new Error(`${other.packFile} did not parse after its version was changed`);
    change(other.packFile, replaceScalar(reparsed.file, ['date'], options.today), currentText(other.packFile));
    const changelog = path.join(other.dir, CHANGELOG_FILE);
    const existing = currentText(changelog);
    const entry = changelogAppend(existing, {
      date: options.today,
      version,
      field: fieldName,
      old: shown(oldValue),
      new: shown(parsed.value),
      ...(award ? { from: award.from } : {}),
      note: options.note ?? null,
      ...(field.shared ? { file: field.file.file } : {}),
      ...(field.setByVariant ? { variant: packId } : {}),
    });
    change(changelog, (existing ?? '') + entry, existing);
    packs.push({ id: other.id, version, changelog: path.relative(root, changelog).split(path.sep).join('/') });
  }
  // What every check read, as it read it: the edit holds only while all of it is unchanged.
  const read = new Map<string, string>();
  for (const plan of plans) for (const [file, hash] of plan.hashesAsRead) read.set(file, hash);
  return {
    ok: true,
    // Every pack that prints the value (a variant too, though it shares its pack's version and log).
    result: {
      ok: true,
      field,
      from: displayValue(field.kind, oldValue, field.unit),
      to: displayValue(field.kind, parsed.value, field.unit),
      packs,
      affected: affected.map((p) => p.id),
      ...(award ? { award } : {}),
    },
    changes: [...changes.values()],
    read,
  };
}
