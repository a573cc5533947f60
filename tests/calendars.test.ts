// The bank-holiday calendars the project ships were written down by hand from
// GOV.UK's lists. This test works each year's days out again from the rules
// (Easter, fixed days, Mondays, substitute days, the one-off days of 2020, 2022
// and 2023) and compares: a wrong, missing or extra date fails. It then checks,
// with the real command, that a pack naming the Scottish calendar follows it.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { calendarSchema } from '../dist/schema/calendar.js';
import { runCli } from './support/project.js';
import { projectRoot } from './support/read-outputs.js';

type Region = 'england-and-wales' | 'scotland' | 'northern-ireland';

const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const iso = (date: Date) => date.toISOString().slice(0, 10);
const plus = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000);
const isWeekend = (date: Date) => date.getUTCDay() === 0 || date.getUTCDay() === 6;

/** Easter Sunday (the anonymous Gregorian computus, as in Meeus). */
function easter(y: number): Date {
  const a = y % 19, b = Math.floor(y / 100), c = y % 100, d = Math.floor(b / 4), e = b % 4;
  const f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  return day(y, month, ((h + l - 7 * m + 114) % 31) + 1);
}

/** The first (n = 1) or last (n = -1) Monday of a month. */
function monday(y: number, month: number, n: 1 | -1): Date {
  let date = n === 1 ? day(y, month, 1) : day(y, month + 1, 0);
  while (date.getUTCDay() !== 1) date = plus(date, n);
  return date;
}

/**
 * Fixed-date holidays in order: each on its day, or, at a weekend, on the next
 * weekday that is not already a holiday (so Christmas on a Saturday moves to the
 * Monday and Boxing Day to the Tuesday).
 */
function withSubstitutes(fixed: Date[], taken: Set<string>): string[] {
  return fixed.map((date) => {
    let moved = date;
    while (isWeekend(moved) || taken.has(iso(moved))) moved = plus(moved, 1);
    taken.add(iso(moved));
    return iso(moved);
  });
}

/** The bank holidays of a year by rule, with the one-off changes proclaimed for 2020, 2022 and 2023. */
function byRule(region: Region, y: number): string[] {
  const days: string[] = [];
  const taken = new Set<string>();
  days.push(...withSubstitutes(region === 'scotland' ? [day(y, 1, 1), day(y, 1, 2)] : [day(y, 1, 1)], taken));
  if (region === 'northern-ireland') days.push(...withSubstitutes([day(y, 3, 17)], taken));
  days.push(iso(plus(easter(y), -2)));
  if (region !== 'scotland') days.push(iso(plus(easter(y), 1)));
  // 2020: the early May holiday moved to Friday 8 May (VE day).
  days.push(y === 2020 ? '2020-05-08' : iso(monday(y, 5, 1)));
  // 2022: the spring holiday moved to Thursday 2 June, with the Platinum Jubilee on Friday 3 June.
  days.push(...(y === 2022 ? ['2022-06-02', '2022-06-03'] : [iso(monday(y, 5, -1))]));
  if (y === 2023) days.push('2023-05-08'); // the coronation
  if (region === 'northern-ireland') days.push(...withSubstitutes([day(y, 7, 12)], taken));
  days.push(iso(region === 'scotland' ? monday(y, 8, 1) : monday(y, 8, -1)));
  if (y === 2022) days.push('2022-09-19'); // the State Funeral
  if (region === 'scotland') days.push(...withSubstitutes([day(y, 11, 30)], taken));
  days.push(...withSubstitutes([day(y, 12, 25), day(y, 12, 26)], taken));
  return days.sort();
}

const calendarFile = (region: Region) => path.join(projectRoot, 'packs', 'shared', 'calendars', `${region}.yaml`);
const readCalendar = (region: Region) => calendarSchema.parse(parse(readFileSync(calendarFile(region), 'utf8')));
const regions: Region[] = ['england-and-wales', 'scotland', 'northern-ireland'];

describe.each(regions)('the %s calendar', (region) => {
  const calendar = readCalendar(region);

  it('says where its list came from and when, and covers 2018 to 2028', () => {
    expect(calendar.id).toBe(region);
    expect(calendar.source).toContain('https://www.gov.uk/bank-holidays');
    expect(calendar.taken).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(calendar.covers).toEqual({ from: '2018-01-01', to: '2028-12-31' });
  });

  it.each([2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028])('gives the days of %i that the rules give', (y) => {
    const listed = calendar.holidays.map((h) => h.date).filter((date) => date.startsWith(`${y}-`));
    expect(listed).toEqual(byRule(region, y));
  });

  it('lists each day once, in order, each a weekday', () => {
    const dates = calendar.holidays.map((h) => h.date);
    expect(dates).toEqual([...new Set(dates)].sort());
    expect(dates.filter((date) => isWeekend(new Date(`${date}T00:00:00Z`)))).toEqual([]);
  });
});

describe('a pack names the calendar its stages follow', () => {
  // 30 November 2027, a Tuesday, is St Andrew's Day: a bank holiday in Scotland, a working day in England.
  function projectWithInterviewOn(date: string, calendar: Region | null): string {
    const application = iso(plus(new Date(`${date}T00:00:00Z`), -7)); // the same weekday, a week before
    const root = mkdtempSync(path.join(tmpdir(), 'packs-calendar-'));
    cpSync(path.join(projectRoot, 'tests', 'fixtures', 'base'), root, { recursive: true });
    cpSync(path.join(projectRoot, 'templates'), path.join(root, 'templates'), { recursive: true });
    cpSync(path.join(projectRoot, 'packs', 'shared', 'calendars'), path.join(root, 'packs', 'shared', 'calendars'), { recursive: true });
    const edit = (file: string, from: string | RegExp, to: string) => {
      const full = path.join(root, 'packs', 'sample-pack', file);
      const text = readFileSync(full, 'utf8');
      expect(text).toMatch(from);
      writeFileSync(full, text.replace(from, to));
    };
    edit('timeline.yaml', 'date: 2021-07-05', `date: ${application}`);
    edit('timeline.yaml', 'date: 2021-07-14', `date: ${date}`);
    // No `calendars:` at all means England and Wales.
    edit('pack.yaml', /  calendars:\n    - \.\.\/shared\/holidays\.yaml\n/, calendar ? `  calendars:\n    - ../shared/calendars/${calendar}.yaml\n` : '');
    return root;
  }

  async function validate(date: string, calendar: Region | null) {
    const root = projectWithInterviewOn(date, calendar);
    const run = await runCli(['validate', '--root', root, '--today', '2027-01-04']);
    rmSync(root, { recursive: true, force: true });
    return run;
  }

  it('refuses St Andrew’s Day under the Scottish calendar, naming the calendar', async () => {
    const run = await validate('2027-11-30', 'scotland');
    expect(run.stderr).toContain('stage "Interview" is on Tuesday 30 November 2027, a non-working day: St Andrew’s Day (Bank holidays in Scotland)');
    expect(run.status).toBe(1);
  });

  it('accepts the same day under the calendar of England and Wales, named or by default', async () => {
    for (const calendar of ['england-and-wales', null] as const) {
      const run = await validate('2027-11-30', calendar);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
    }
  });

  it('refuses the Battle of the Boyne (Monday 12 July 2027) under the Northern Ireland calendar only', async () => {
    const ni = await validate('2027-07-12', 'northern-ireland');
    expect(ni.stderr).toContain('a non-working day: Battle of the Boyne (Orangemen’s Day) (Bank holidays in Northern Ireland)');
    expect(ni.status).toBe(1);
    const scotland = await validate('2027-07-12', 'scotland');
    expect(scotland.status).toBe(0);
  });
});
