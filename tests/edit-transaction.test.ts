// `packs set` is all or nothing: killed at any moment, or run twice at once, it
// never leaves a value without its version and change-log entry (or the
// reverse), never loses an edit, and never leaves a temporary file behind.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { copyProject, spawnCollecting, type CliRun } from './support/project.js';
import { projectRoot } from './support/read-outputs.js';

const PACK = 'met-dac-2021';
const TODAY = '2020-12-14';
const bin = path.join(projectRoot, 'bin/packs.js');
const killAtWrite = path.join(projectRoot, 'tests/support/kill-at-write.cjs');

/** The fields the tests change, where each is in the files, and the value each starts with. */
const FIELDS = {
  'timeline.final-interview.date': { read: (timeline: Timeline) => timeline.stages.find((s) => s.id === 'final-interview')!.date, start: '2021-01-20' },
  'applications.email': { read: (timeline: Timeline) => timeline.applications.email, start: 'Maria.M.Asmar@met.police.uk' },
} as const;
type FieldName = keyof typeof FIELDS;
interface Timeline {
  stages: { id: string; date?: string }[];
  applications: { email: string };
}
interface Entry {
  version: string;
  field: string;
  old: string;
  new: string;
}

const packFolder = (root: string) => path.join(root, 'packs', PACK);
const readYaml = <T>(file: string): T => parse(readFileSync(file, 'utf8')) as T;
// Dates are read as text, as the tool reads them (YAML 1.2 core schema: no timestamps).
const changeLog = (root: string): Entry[] => (existsSync(path.join(packFolder(root), 'changelog.yaml')) ? readYaml<Entry[]>(path.join(packFolder(root), 'changelog.yaml')) : []);

/**
 * Whether the value, the version and the change log agree: the version counts
 * the entries (1.0.0 and one patch per edit), each entry follows the one before
 * for its field, and each field holds the value its last entry gave it.
 */
function agreement(root: string): { version: string; entries: Entry[]; values: Record<FieldName, string> } {
  const timeline = readYaml<Timeline>(path.join(packFolder(root), 'timeline.yaml'));
  const version = readYaml<{ version: string }>(path.join(packFolder(root), 'pack.yaml')).version;
  const entries = changeLog(root);
  expect(version, 'the version counts the change log entries').toBe(`1.0.${entries.length}`);
  entries.forEach((entry, i) => expect(entry.version).toBe(`1.0.${i + 1}`));
  const values = {} as Record<FieldName, string>;
  for (const [name, field] of Object.entries(FIELDS) as [FieldName, (typeof FIELDS)[FieldName]][]) {
    let value: string = field.start;
    for (const entry of entries.filter((e) => e.field === name)) {
      expect(entry.old, `${name}: each entry starts where the one before ended`).toBe(value);
      value = entry.new;
    }
    expect(String(field.read(timeline)), `${name} holds the value its last entry gave it`).toBe(value);
    values[name] = value;
  }
  return { version, entries, values };
}

/** Files this tool's writes leave only when interrupted, anywhere in the project. */
function leftovers(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((name) => /(^|\/)(\.~packs-writing\.|\.packs-edit-journal\.json)/.test(name));
}

const packs = (root: string, args: string[], env: Record<string, string> = {}, preload?: string): Promise<CliRun> =>
  spawnCollecting(process.execPath, [...(preload ? ['--require', preload] : []), bin, ...args], { cwd: root, env: { ...process.env, NO_COLOR: '1', ...env } });

const set = (root: string, field: FieldName, value: string, env: Record<string, string> = {}, preload?: string) =>
  packs(root, ['set', PACK, field, value, '--today', TODAY], env, preload);

/** Valid values of each field (working days after shortlisting; addresses). */
const VALUES: Record<FieldName, string[]> = {
  'timeline.final-interview.date': ['2021-01-20', '2021-01-27', '2021-01-28'],
  'applications.email': ['Maria.M.Asmar@met.police.uk', 'recruitment@met.police.uk', 'dac.campaign@met.police.uk'],
};
/** The values of a field other than `value`, in order. */
const otherValues = (field: FieldName, value: string) => VALUES[field].filter((v) => v !== value);
const otherValue = (field: FieldName, value: string) => otherValues(field, value)[0]!;

describe('packs set killed at a random moment', () => {
  it('leaves the whole edit or none of it, 100 times over, and the next command finishes or clears what it left', async () => {
    // How many changes to the file system one edit makes: the kills are spread over all of them.
    const probe = copyProject();
    const counted = await set(probe, 'timeline.final-interview.date', '2021-01-27', {}, killAtWrite);
    expect(counted.status).toBe(0);
    const changes = Number(/file-system changes: (\d+)/.exec(counted.stderr)![1]);
    expect(changes).toBeGreaterThan(10);

    let seed = 20261206;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const outcomes = { whole: 0, none: 0, finishedByNextCommand: 0 };
    // Five projects side by side, 20 kills each: a killed edit's lock makes the next wait a few
    // seconds (until it is stale), and the others run meanwhile.
    await Promise.all(
      Array.from({ length: 5 }, async (_, lane) => {
        const root = copyProject();
        for (let round = 0; round < 20; round++) {
          const field: FieldName = round % 2 === 0 ? 'timeline.final-interview.date' : 'applications.email';
          const before = agreement(root);
          const value = otherValue(field, before.values[field]);
          let run: CliRun;
          // Most kills land at a chosen change to the file system (inside the writing, which takes
          // milliseconds); one in five at a random time in the whole command, checks included.
          if (round % 5 === 4) {
            const child = spawn(process.execPath, [bin, 'set', PACK, field, value, '--today', TODAY], { cwd: root, stdio: 'ignore' });
            setTimeout(() => child.kill('SIGKILL'), Math.floor(random() * 1500));
            await new Promise((resolve) => child.on('close', resolve));
          } else {
            const at = 1 + Math.floor(random() * changes);
            run = await set(root, field, value, { PACKS_KILL_AT: String(at) }, killAtWrite);
            expect(run.status, `lane ${lane} round ${round}: killed at change ${at}`).toBe(null);
          }
          const journalLeft = existsSync(path.join(root, '.packs-edit-journal.json'));
          // Without a journal, the files already agree; with one, the edit is made and the next command finishes it.
          if (!journalLeft) agreement(root);
          // The next command to read the project: mostly `list` (quick), every fifth `show`.
          const next = await packs(root, round % 5 === 2 ? ['show', PACK, '--today', TODAY] : ['list']);
          expect(next.status, next.stderr).toBe(0);
          const after = agreement(root);
          expect(leftovers(root), `lane ${lane} round ${round}`).toEqual([]);
          const edited = after.values[field] === value;
          expect(after.entries.length).toBe(before.entries.length + (edited ? 1 : 0));
          if (edited) outcomes[journalLeft ? 'finishedByNextCommand' : 'whole'] += 1;
          else outcomes.none += 1;
        }
      }),
    );
    // The kills found each of the three outcomes.
    expect(outcomes.whole).toBeGreaterThan(0);
    expect(outcomes.none).toBeGreaterThan(0);
    expect(outcomes.finishedByNextCommand).toBeGreaterThan(0);
  }, 300_000);
});

describe('two packs set at once on one pack', () => {
  it('take turns: 20 pairs, on different fields of one file and on the same field, and no edit is lost', async () => {
    const root = copyProject();
    for (let pair = 0; pair < 20; pair++) {
      const before = agreement(root);
      const sameField = pair % 2 === 1;
      const first: FieldName = 'timeline.final-interview.date';
      const second: FieldName = sameField ? first : 'applications.email';
      // On the same field, two new values: whichever lands second re-reads the first's and changes it.
      const [firstValue, secondValue] = sameField ? otherValues(first, before.values[first]) : [otherValue(first, before.values[first]), otherValue(second, before.values[second])];
      const [a, b] = await Promise.all([set(root, first, firstValue!), set(root, second, secondValue!)]);
      expect([a.status, b.status], `pair ${pair}: ${a.stderr}${b.stderr}`).toEqual([0, 0]);
      const after = agreement(root); // which includes: each entry starts where the one before ended
      const added = after.entries.slice(before.entries.length);
      expect(added.map((e) => `${e.field}=${e.new}`).sort()).toEqual([`${first}=${firstValue}`, `${second}=${secondValue}`].sort());
      if (!sameField) {
        expect(after.values[first]).toBe(firstValue);
        expect(after.values[second]).toBe(secondValue);
      }
      expect(leftovers(root)).toEqual([]);
    }
  }, 300_000);
});

describe('an interrupted edit that cannot be finished', () => {
  it('is not forced over a file changed by hand since: one line, exit 1, nothing changed', async () => {
    const root = copyProject();
    const timeline = path.join(packFolder(root), 'timeline.yaml');
    const text = readFileSync(timeline, 'utf8');
    // A journal an edit left, then the file changed by hand to something it did not expect.
    const journal = { format: 'packs-edit-journal/1', files: [{ path: `packs/${PACK}/timeline.yaml`, before: text, after: text.replace('2021-01-20', '2021-01-27') }] };
    writeFileSync(path.join(root, '.packs-edit-journal.json'), JSON.stringify(journal));
    writeFileSync(timeline, text.replace('2021-01-20', '2021-01-28'));
    const run = await packs(root, ['validate', PACK, '--today', TODAY]);
    expect(run.stderr).toBe(
      `packs: an edit by packs set was interrupted, and packs/${PACK}/timeline.yaml has been changed since, so it cannot be finished; check the files it names in .packs-edit-journal.json, then delete that file\n`,
    );
    expect(run.status).toBe(1);
    expect(readFileSync(timeline, 'utf8')).toBe(text.replace('2021-01-20', '2021-01-28'));
    // A journal that is not one: the same kind of line.
    writeFileSync(path.join(root, '.packs-edit-journal.json'), '{"format":');
    const damaged = await packs(root, ['show', PACK, '--today', TODAY]);
    expect(damaged.stderr).toBe(`packs: .packs-edit-journal.json in ${root} is not an edit journal this tool can read; check the packs' files, then delete it\n`);
    expect(damaged.status).toBe(1);
  });
});
