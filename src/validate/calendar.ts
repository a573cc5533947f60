// Calendar rules for timelines: a stage falls on a working day (not a weekend,
// not a bank holiday in the pack's calendars) unless it says why not, and keeps
// the least gap in working days the pack asks for after an earlier stage.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnosticAt, type YamlFile } from '../pack/data-file.js';
import type { Timeline } from '../schema/timeline.js';
import { formatDate, weekday } from '../pack/format.js';
import { lostFrom, usable, type LoadedPack } from '../pack/loaded-pack.js';

function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Why a day is not a working day, or undefined when it is one. */
export type NonWorkingDay = (isoDate: string) => string | undefined;

export function nonWorkingDays(holidays: ReadonlyMap<string, string>): NonWorkingDay {
  return (isoDate) => {
    const day = weekday(isoDate);
    if (day === 'Saturday' || day === 'Sunday') return 'a weekend';
    const holiday = holidays.get(isoDate);
    return holiday === undefined ? undefined : `a non-working day: ${holiday}`;
  };
}

/** Working days after `from` up to and including `to`. */
export function workingDaysBetween(from: string, to: string, isNonWorking: NonWorkingDay): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isNonWorking(day) === undefined) count++;
  return count;
}

export function checkWorkingDays(pack: LoadedPack): Diagnostic[] {
  const timeline = usable(pack.timeline, ['stages']);
  if (!timeline) return [];
  const calendars = (pack.calendars ?? []).flatMap((c) => {
    const checked = usable(c, ['holidays', 'covers', 'name']);
    return checked ? [checked.data] : [];
  });
  // Each holiday named with its calendar, so a reader knows which list it came from.
  const holidays = new Map(calendars.flatMap((c) => c.holidays.map((h) => [h.date, `${h.name} (${c.name})`] as const)));
  const isNonWorking = nonWorkingDays(holidays);
  const covered = (date: string) => calendars.some((c) => c.covers.from <= date && date <= c.covers.to);
  const { file, data } = timeline;
  const found: Diagnostic[] = [];
  data.stages.forEach((stage, i) => {
    if (stage.date === null) {
      if (stage.endDate !== null) {
        found.push(
          diagnosticAt(file, ['stages', i, 'endDate'], {
            code: 'stage-span',
            message: `stage "${stage.name}" has an end date but no date`,
            hint: 'add `date:`, the first day of the stage; `endDate:` is its last',
          }),
        );
      }
      return;
    }
    const when = `${weekday(stage.date)} ${formatDate(stage.date, 'plain')}`;
    const lastDay = spanEnd(stage, file, i, found);
    const reason = isNonWorking(stage.date);
    if (reason && !stage.allowNonWorkingDay) {
      found.push(
        diagnosticAt(file, ['stages', i, 'date'], {
          code: 'non-working-day',
          message: `stage "${stage.name}" is on ${when}, ${reason}`,
          hint: 'move it to a working day, or add `allowNonWorkingDay: true` and a `reason:` to the stage',
        }),
      );
    }
    if (lastDay !== stage.date && !stage.allowNonWorkingDay) {
      // The other days of a stage held over several days, each checked like its first.
      const others: string[] = [];
      for (let day = addDays(stage.date, 1); day <= lastDay; day = addDays(day, 1)) {
        const why = isNonWorking(day);
        if (why) others.push(`${weekday(day)} ${formatDate(day, 'plain')}, ${why}`);
      }
      if (others.length > 0) {
        found.push(
          diagnosticAt(file, ['stages', i, 'endDate'], {
            code: 'non-working-day',
            message: `stage "${stage.name}" runs over ${others.length <= 3 ? others.join('; ') : `${others.slice(0, 3).join('; ')} and ${others.length - 3} more`}`,
            hint: 'hold the stage on working days only, or add `allowNonWorkingDay: true` and a `reason:` to the stage',
          }),
        );
      }
    }
    if (stage.allowNonWorkingDay && stage.reason === null) {
      found.push(
        diagnosticAt(file, ['stages', i, 'allowNonWorkingDay'], {
          code: 'missing-reason',
          message: `stage "${stage.name}" may fall on a non-working day, but gives no reason`,
          hint: 'add `reason:` saying why, for the people who will check the pack',
        }),
      );
    }
    const uncovered = [stage.date, lastDay].find((day) => !covered(day));
    if (calendars.length > 0 && uncovered !== undefined) {
      found.push(
        diagnosticAt(file, ['stages', i, uncovered === stage.date ? 'date' : 'endDate'], {
          code: 'calendar-gap',
          message: `${uncovered} is outside the bank-holiday lists of this pack (${calendars.map((c) => `${c.name}: ${c.covers.from} to ${c.covers.to}`).join('; ')}), so it is not checked against bank holidays`,
          hint: 'add the bank holidays of that year to a calendar, and name it under `calendars:` in pack.yaml',
        }),
      );
    }
    if (stage.after !== null) {
      const earlier = data.stages.find((s) => s.id === stage.after!.stage);
      // A stage left out for a mistake of its own (reported) is not unknown.
      if (!earlier && lostFrom(pack.timeline, ['stages'], stage.after.stage)) return;
      if (!earlier || data.stages.indexOf(earlier) >= i) {
        found.push(
          diagnosticAt(file, ['stages', i, 'after', 'stage'], {
            code: 'unknown-stage',
            message: earlier ? `stage "${stage.after.stage}" is not before stage "${stage.id}"` : `unknown stage "${stage.after.stage}"`,
            hint: `name an earlier stage: ${data.stages.slice(0, i).map((s) => s.id).join(', ') || 'there is none'}`,
          }),
        );
      } else if (earlier.date !== null && lastDayOf(earlier) < stage.date) {
        // (A stage on or before the earlier one is reported as out of order instead.)
        // Measured from the earlier stage's last day, when it is held over several.
        const gap = workingDaysBetween(lastDayOf(earlier), stage.date, isNonWorking);
        if (gap < stage.after.workingDays) {
          const days = (n: number) => `${n} working day${n === 1 ? '' : 's'}`;
          // Said so, when it is not the day a reader would count from: the earlier stage's `date`.
          const from = earlier.endDate === null ? `stage "${earlier.name}"` : `the last day of stage "${earlier.name}" (${formatDate(lastDayOf(earlier), 'plain')})`;
          found.push(
            diagnosticAt(file, ['stages', i, 'date'], {
              code: 'gap-too-short',
              message: `stage "${stage.name}" is ${days(gap)} after ${from}; this pack asks for at least ${days(stage.after.workingDays)}`,
              hint: `move it to ${formatDate(firstDayAfter(lastDayOf(earlier), stage.after.workingDays, isNonWorking), 'plain')} or later`,
            }),
          );
        }
      }
    }
  });
  return found;
}

/** The longest a stage may run: longer is surely a mistyped year, and is not walked day by day. */
const LONGEST_STAGE_DAYS = 366;

/** A stage's last day: its `endDate`, or its `date` for a one-day stage. */
export function lastDayOf(stage: { date: string | null; endDate: string | null }): string {
  return stage.endDate ?? stage.date!;
}

/**
 * The last day of a stage whose `endDate` can be used: after its first day, and
 * within a year of it. Otherwise a `stage-span` finding, and the stage is checked as one day.
 */
function spanEnd(stage: Timeline['stages'][number], file: YamlFile, i: number, found: Diagnostic[]): string {
  const { date, endDate } = stage;
  if (date === null || endDate === null) return date!;
  const problem =
    endDate < date
      ? `ends on ${formatDate(endDate, 'plain')}, before it starts (${formatDate(date, 'plain')})`
      : endDate === date
        ? `ends on the day it starts (${formatDate(date, 'plain')})`
        : endDate > addDays(date, LONGEST_STAGE_DAYS)
          ? `runs from ${formatDate(date, 'plain')} to ${formatDate(endDate, 'plain')}, more than a year`
          : undefined;
  if (problem === undefined) return endDate;
  found.push(
    diagnosticAt(file, ['stages', i, 'endDate'], {
      code: 'stage-span',
      message: `stage "${stage.name}" ${problem}`,
      hint: endDate === date ? 'a stage held on one day has no `endDate:`; take it out' : 'set `endDate:` to the last day of the stage, after `date:`, its first',
    }),
  );
  return date;
}

/** The first day that is `workingDays` working days after a date. */
function firstDayAfter(from: string, workingDays: number, isNonWorking: NonWorkingDay): string {
  let day = from;
  for (let counted = 0; counted < workingDays; ) {
    day = addDays(day, 1);
    if (isNonWorking(day) === undefined) counted++;
  }
  return day;
}
