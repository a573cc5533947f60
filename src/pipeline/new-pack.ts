// `packs new`: starts a pack from the neutral starter in starter/ (part of the
// tool, like its fonts), so that it validates and builds at once. The pack's
// files go in packs/<id>/; the organisation's shared files (its description,
// framework, values and pay scale) in packs/shared/, started from the starter
// the first time and used as they are after that. Nothing is ever overwritten:
// each file is made whole only where there is none (createFileWhole), under the
// project's lock, and pack.yaml last, so that a command stopped half way leaves
// no pack, only files that a second run keeps or reports.
//
// The stages' dates are worked out from today (or --today): the closing date four
// weeks on, then shortlisting and the interview a week and two later, each moved
// to a working day of the calendar the starter names. Fixed dates would be in the
// past within a year of the starter being written; dates from today are always
// ahead, and --today makes them reproducible.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { withProjectLock } from './locks.js';
import { toolRoot } from './tool-fingerprint.js';
import { createFileWhole, makeFolder } from './write-file.js';
import { id as idSchema } from '../schema/common.js';
import { calendarSchema } from '../schema/calendar.js';
import { findPacks } from '../load/project.js';
import { loadYamlFile } from '../load/yaml-file.js';
import { nonWorkingDays, type NonWorkingDay } from '../validate/calendar.js';

const STARTER = path.join(toolRoot, 'starter');
const CALENDAR = path.join('packs', 'shared', 'calendars', 'england-and-wales.yaml');

/** The pack's files, in the order they are written: pack.yaml last, so that the folder is a pack only once it is whole. */
const PACK_FILES = ['introduction.yaml', 'role.yaml', 'remuneration.yaml', 'timeline.yaml', 'pack.yaml'];
/** The organisation's shared files: starter file, and the folder of packs/shared/ it goes in. */
const SHARED_FILES = [
  ['organisation.yaml', 'organisations'],
  ['framework.yaml', 'frameworks'],
  ['values.yaml', 'values'],
  ['pay-scale.yaml', 'pay-scales'],
] as const;

export interface NewPackRequest {
  id: string;
  organisation: string;
  today: string;
}

export type NewPackResult =
  | { ok: true; created: string[]; kept: string[] }
  | { ok: false; message: string; hint: string };

const refuse = (message: string, hint: string): NewPackResult => ({ ok: false, message, hint });

function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The first working day on or after `isoDate`. */
function workingDayFrom(isoDate: string, isNonWorking: NonWorkingDay): string {
  let day = isoDate;
  while (isNonWorking(day) !== undefined) day = addDays(day, 1);
  return day;
}

/** The bank holidays of the calendar the starter names, or none (weekends only) when the project lacks it. */
async function starterCalendar(root: string): Promise<NonWorkingDay> {
  const loaded = await loadYamlFile(root, path.join(root, CALENDAR));
  const calendar = loaded.ok ? calendarSchema.safeParse(loaded.file.data) : undefined;
  const holidays = calendar?.success ? calendar.data.holidays.map((h) => [h.date, h.name] as const) : [];
  return nonWorkingDays(new Map(holidays));
}

/** The values put in place of the starter's [[…]] fields. */
async function fieldsFor(root: string, request: NewPackRequest): Promise<Record<string, string>> {
  const isNonWorking = await starterCalendar(root);
  const closing = workingDayFrom(addDays(request.today, 28), isNonWorking);
  const shortlisting = workingDayFrom(addDays(closing, 7), isNonWorking);
  const interview = workingDayFrom(addDays(shortlisting, 14), isNonWorking);
  // Rates in force from the start of the current pay year (1 April), so that they are in force today.
  const year = Number(request.today.slice(0, 4));
  const payFrom = `${request.today.slice(5) >= '04-01' ? year : year - 1}-04-01`;
  return {
    'pack-id': request.id,
    'organisation-id': request.organisation,
    today: request.today,
    'closing-date': closing,
    'shortlisting-date': shortlisting,
    'interview-date': interview,
    'pay-from': payFrom,
  };
}

/** A starter file with its fields filled in. A field the starter names that is not known is a bug in the starter. */
function fill(starterFile: string, fields: Record<string, string>): string {
  return readFileSync(starterFile, 'utf8').replace(/\[\[([a-z-]+)\]\]/g, (_, name: string) => {
    const value = fields[name];
    if (value === undefined) throw new Error(`the starter ${starterFile} names an unknown field [[${name}]]`);
    return value;
  });
}

/** What is wrong with a pack or organisation id, if anything. */
function badId(what: string, value: string, example: string): NewPackResult | undefined {
  if (idSchema.safeParse(value).success) return undefined;
  const suggestion = value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return refuse(
    `${what} "${value}" is not an id: an id is lower-case letters and digits, in words joined by hyphens`,
    suggestion && idSchema.safeParse(suggestion).success ? `try "${suggestion}"` : `like "${example}"`,
  );
}

/** Why a pack of this id cannot be started in this project, if it cannot. */
async function clash(root: string, id: string): Promise<NewPackResult | undefined> {
  const folder = path.join(root, 'packs', id);
  if (existsSync(folder)) {
    const isPack = existsSync(path.join(folder, 'pack.yaml'));
    return refuse(
      isPack ? `there is a pack "${id}" already (packs/${id})` : `packs/${id} is there already, and is not a pack`,
      isPack
        ? 'choose another id; nothing was changed'
        : `choose another id, or remove packs/${id} if nothing in it is needed (a "packs new" that was stopped leaves such a folder)`,
    );
  }
  const variant = (await findPacks(root)).find((location) => location.id === id && location.variant);
  if (variant) return refuse(`"${id}" is the id of a variant of pack "${path.basename(variant.dir)}"`, 'choose another id; nothing was changed');
  return undefined;
}

/** Starts pack `request.id`. Checks everything first; writes only when nothing stands in the way. */
export async function newPack(root: string, request: NewPackRequest): Promise<NewPackResult> {
  const mistake = badId('pack id', request.id, 'finance-manager-2027') ?? badId('organisation id', request.organisation, 'city-council');
  if (mistake) return mistake;
  if (!existsSync(path.join(root, 'packs'))) return refuse(`${root} has no packs/ folder`, 'run packs new inside a project');
  const fields = await fieldsFor(root, request);
  const shared = SHARED_FILES.map(([starter, folder]) => ({
    from: path.join(STARTER, 'shared', starter),
    to: path.join(root, 'packs', 'shared', folder, `${request.organisation}.yaml`),
  }));
  const packFolder = path.join(root, 'packs', request.id);
  const own = PACK_FILES.map((name) => ({ from: path.join(STARTER, 'pack', name), to: path.join(packFolder, name) }));
  return withProjectLock(root, async () => {
    // Checked holding the lock, so that two `packs new` of one id cannot both start it.
    const clashing = await clash(root, request.id);
    if (clashing) return clashing;
    const created: string[] = [];
    const kept: string[] = [];
    const relative = (file: string) => path.relative(root, file).split(path.sep).join('/');
    for (const file of shared) {
      await makeFolder(path.dirname(file.to));
      // An organisation's shared files already there are its own: they are used, never replaced.
      (await createFileWhole(file.to, fill(file.from, fields)) ? created : kept).push(relative(file.to));
    }
    await makeFolder(packFolder);
    for (const file of own) {
      if (!(await createFileWhole(file.to, fill(file.from, fields)))) {
        return refuse(`${relative(file.to)} appeared while the pack was being started`, 'run the command again with another id; nothing was replaced');
      }
      created.push(relative(file.to));
    }
    return { ok: true, created, kept };
  });
}
