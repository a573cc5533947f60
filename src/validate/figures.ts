// One figure, one place, and every figure whole. A date or an amount typed into
// prose can drift from the field that holds it: the build says so, before a
// candidate reads two different closing dates or two different salaries in one
// pack. And pay reads as pay: a range runs from its minimum up to its maximum,
// a band's points go up, and a figure given by location is printed for a
// location the scale has.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnosticAt, type PathSegment } from '../pack/data-file.js';
import { formatDate, formatDateSpan, formatMoney } from '../pack/format.js';
import { amountOf, amountsIn, findGrade, isByLocation, payFor, rateInForce, shapeOf, type PayShape } from '../pack/pay.js';
import type { Pay } from '../schema/pay-scale.js';
import { closest } from '../pack/suggest.js';
import { lostFrom, usable, type LoadedPack } from '../pack/loaded-pack.js';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const WRITTEN_DATE = /\b(\d{1,2})(?:st|nd|rd|th)?\s+(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{4})\b/gi;

/**
 * Dates written out in stage text ("11th January 2021") should be {{date}}, so they follow the stage's date.
 * A stage held over several days owns each of them: its last day typed is typed, not a conflict.
 */
export function checkTypedDates(pack: LoadedPack): Diagnostic[] {
  const checked = usable(pack.timeline, ['stages']);
  if (!checked) return [];
  const { file, data } = checked;
  const found: Diagnostic[] = [];
  data.stages.forEach((stage, i) => {
    stage.paragraphs.forEach((paragraph, p) => {
      for (const match of paragraph.matchAll(WRITTEN_DATE)) {
        const iso = `${match[3]}-${String(MONTHS.indexOf(match[2]!.toLowerCase()) + 1).padStart(2, '0')}-${match[1]!.padStart(2, '0')}`;
        const day = whichDayOf(stage, iso);
        found.push(
          diagnosticAt(file, ['stages', i, 'paragraphs', p], {
            code: day ? 'typed-date' : 'conflicting-date',
            message: day
              ? `stage "${stage.id}" text types ${day} ("${match[0]}")`
              : `stage "${stage.id}" text says "${match[0]}", but ${stageDays(stage)}`,
            hint: isSpan(stage)
              ? `write {{date}} in the text, so it always says the stage's days (it prints "${formatDateSpan(stage.date!, stage.endDate!, 'plain', false)}")`
              : 'write {{date}} in the text, so it always says the stage\'s date',
          }),
        );
      }
    });
  });
  return found;
}

type StageDays = { date: string | null; endDate: string | null };

/** A stage held over several days, first to last (one whose end is not after its start is reported as a `stage-span`). */
const isSpan = (stage: StageDays) => stage.date !== null && stage.endDate !== null && stage.endDate > stage.date;

/** Which of the stage's days a date is, in words ("its date", "its last day"), or undefined when it is none of them. */
function whichDayOf(stage: StageDays, iso: string): string | undefined {
  if (!isSpan(stage)) return iso === stage.date ? 'its date' : undefined;
  if (iso === stage.date) return 'its first day';
  if (iso === stage.endDate) return 'its last day';
  return stage.date! < iso && iso < stage.endDate! ? 'one of its days' : undefined;
}

/** The stage's day or days, as a conflicting date's message gives them. */
function stageDays(stage: StageDays): string {
  if (stage.date === null) return "the stage's date is not set";
  if (isSpan(stage)) return `the stage runs from ${formatDateSpan(stage.date, stage.endDate!, 'plain', false)}`;
  return `the stage's date is ${formatDate(stage.date, 'plain')}`;
}

const AMOUNT = /£\s?(\d{1,3}(?:,\d{3})+|\d+)/g;

/** Every string in some data, with its path, for searching prose. */
function* strings(value: unknown, at: PathSegment[] = []): Generator<[string, PathSegment[]]> {
  if (typeof value === 'string') yield [value, at];
  else if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* strings(item, [...at, i]);
  else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) yield* strings(item, [...at, key]);
}

/**
 * A figure's label followed, in the same sentence of the remuneration's text,
 * by an amount other than the pay scale's: the same figure stated twice with
 * different values.
 */
export function checkConflictingFigures(pack: LoadedPack): Diagnostic[] {
  const remuneration = usable(pack.remuneration, ['salary']);
  const scale = usable(pack.payScale, ['figures', 'grades']);
  if (!remuneration || !scale) return [];
  const grade = findGrade(scale.data, remuneration.data.salary.grade);
  // With a rate left out for a mistake of its own (reported there), the rate in force is not known.
  if (grade && lostFrom(pack.payScale, ['grades', scale.data.grades.indexOf(grade), 'rates'])) return [];
  const rate = grade && rateInForce(grade, remuneration.data.salary.on);
  if (!rate) return [];
  const figures = scale.data.figures.flatMap((figure) => {
    const pay = amountOf(rate, figure.id);
    const found = pay === undefined ? undefined : payFor(pay, remuneration.data.salary.location ?? null);
    return found && 'shape' in found ? [{ ...figure, shape: found.shape, amounts: amountsIn(found.shape) }] : [];
  });
  const found: Diagnostic[] = [];
  for (const [text, at] of strings(remuneration.data)) {
    for (const sentence of text.split(/(?<=[.;!?])\s+/)) {
      for (const figure of figures) {
        const index = sentence.toLowerCase().indexOf(figure.label.toLowerCase());
        if (index === -1) continue;
        for (const match of sentence.slice(index).matchAll(AMOUNT)) {
          const amount = Number(match[1]!.replace(/,/g, ''));
          if (!figure.amounts.includes(amount)) {
            found.push(
              diagnosticAt(remuneration.file, at, {
                code: 'conflicting-figure',
                message: `this text gives ${figure.label} as £${match[1]}, but the pay scale says ${payInWords(figure.shape)}`,
                hint: `state the figure once, in the pay scale (${scale.file.file}); the pack prints it from there`,
              }),
            );
          }
        }
      }
    }
  }
  return found;
}

/** A shape of pay as a message says it: "£50,000", "£28,650 to £32,000", "£28,650, £29,500 or £30,400". */
function payInWords(shape: PayShape): string {
  if (shape.kind === 'spot') return formatMoney(shape.amount);
  if (shape.kind === 'range') return `${formatMoney(shape.minimum)} to ${formatMoney(shape.maximum)}`;
  const amounts = shape.points.map((p) => formatMoney(p.amount));
  return amounts.length === 1 ? amounts[0]! : `${amounts.slice(0, -1).join(', ')} or ${amounts.at(-1)}`;
}

/**
 * Every figure of a pay scale reads as pay: a range's minimum is not above its
 * maximum, a band's points go up with no id twice, and a figure given by
 * location names only locations the scale lists.
 */
export function checkPayShapes(pack: LoadedPack): Diagnostic[] {
  const checked = usable(pack.payScale, ['figures', 'grades', 'locations']);
  if (!checked) return [];
  const { file, data: scale } = checked;
  const locationIds = scale.locations.map((l) => l.id);
  const figureName = (id: string) => scale.figures.find((f) => f.id === id)?.label ?? id;
  const found: Diagnostic[] = [];
  const checkShape = (pay: Pay, at: PathSegment[], what: string) => {
    const shape = shapeOf(pay);
    if (shape?.kind === 'range' && shape.minimum > shape.maximum) {
      found.push(
        diagnosticAt(file, [...at, 'minimum'], {
          code: 'inverted-range',
          message: `${what}: its minimum (${formatMoney(shape.minimum)}) is above its maximum (${formatMoney(shape.maximum)})`,
          hint: '`minimum:` is the lowest amount of the range and `maximum:` the highest; swap them if they are the wrong way round',
        }),
      );
    }
    if (shape?.kind === 'points') {
      const seen = new Set<string>();
      shape.points.forEach((point, p) => {
        const previous = shape.points[p - 1];
        if (previous && point.amount <= previous.amount) {
          found.push(
            diagnosticAt(file, [...at, 'points', p, 'amount'], {
              code: 'pay-points-order',
              message: `${what}: point "${point.id}" (${formatMoney(point.amount)}) is not above the point before it, "${previous.id}" (${formatMoney(previous.amount)})`,
              hint: 'list the points lowest first, each above the one before',
            }),
          );
        }
        if (seen.has(point.id)) {
          found.push(
            diagnosticAt(file, [...at, 'points', p, 'id'], {
              code: 'duplicate-id',
              message: `pay point id "${point.id}" is used more than once in ${what}`,
              hint: 'give each point its own id',
            }),
          );
        }
        seen.add(point.id);
      });
    }
  };
  scale.grades.forEach((grade, g) => {
    grade.rates.forEach((rate, r) => {
      for (const [figure, pay] of Object.entries(rate.amounts)) {
        const at: PathSegment[] = ['grades', g, 'rates', r, 'amounts', figure];
        const what = `${figureName(figure)} of grade "${grade.id}" from ${rate.from}`;
        if (!isByLocation(pay)) {
          checkShape(pay, at, what);
          continue;
        }
        for (const [location, there] of Object.entries(pay.locations)) {
          checkShape(there, [...at, 'locations', location], `${what} in ${scale.locations.find((l) => l.id === location)?.name ?? location}`);
          if (locationIds.includes(location)) continue;
          const guess = closest(location, locationIds);
          found.push(
            diagnosticAt(
              file,
              [...at, 'locations', location],
              {
                code: 'unknown-location',
                message: `"${location}" is not a location of pay scale ${scale.id ?? file.file}`,
                hint: guess ? `did you mean "${guess}"?` : locationIds.length > 0 ? `locations: ${locationIds.join(', ')}` : 'list the locations under `locations:` in the pay scale first, each with an id and a name',
              },
              true,
            ),
          );
        }
      }
    });
  });
  return found;
}

/**
 * The pack's location exists in its pay scale, and every figure it prints is
 * given for it: a figure the scale gives by location needs the pack to name one.
 */
export function checkSalaryLocation(pack: LoadedPack): Diagnostic[] {
  const remuneration = usable(pack.remuneration, ['salary']);
  const scale = usable(pack.payScale, ['figures', 'grades', 'locations']);
  if (!remuneration || !scale) return [];
  const { file } = remuneration;
  const salary = remuneration.data.salary;
  const locationIds = scale.data.locations.map((l) => l.id);
  if (salary.location !== null && !locationIds.includes(salary.location)) {
    const guess = closest(salary.location, locationIds);
    return [
      diagnosticAt(file, ['salary', 'location'], {
        code: 'unknown-location',
        message: `unknown location "${salary.location}" in pay scale ${scale.file.file}`,
        hint: guess ? `did you mean "${guess}"?` : locationIds.length > 0 ? `locations: ${locationIds.join(', ')}` : 'this pay scale gives no figures by location: take out `location:`',
      }),
    ];
  }
  const grade = findGrade(scale.data, salary.grade);
  const rate = grade && rateInForce(grade, salary.on);
  if (!grade || !rate) return []; // reported by the reference checks
  const found: Diagnostic[] = [];
  const cited: [string, PathSegment[]][] = [
    ...salary.items.map((item, i): [string, PathSegment[]] => [item, ['salary', 'items', i]]),
    ...(salary.conditional?.options ?? []).flatMap((option, i): [string, PathSegment[]][] =>
      option.figure === null ? [] : [[option.figure, ['salary', 'conditional', 'options', i, 'figure']]],
    ),
  ];
  for (const [figure, at] of cited) {
    const pay = amountOf(rate, figure);
    const problem = pay === undefined ? undefined : payFor(pay, salary.location);
    if (!problem || !('problem' in problem)) continue;
    const label = scale.data.figures.find((f) => f.id === figure)?.label ?? figure;
    const given = pay !== undefined && isByLocation(pay) ? Object.keys(pay.locations) : [];
    found.push(
      problem.problem === 'needs-location'
        ? diagnosticAt(file, at, {
            code: 'missing-location',
            message: `pay scale ${scale.file.file} gives ${label} by location (${given.join(', ')}), but the salary names no location`,
            hint: `add \`location:\` under \`salary:\` with one of ${given.join(', ')}`,
          })
        : diagnosticAt(file, at, {
            code: 'missing-rate',
            message: `pay scale ${scale.file.file} gives no ${label} in ${scale.data.locations.find((l) => l.id === salary.location)?.name ?? salary.location} for "${grade.name}" in the rates from ${rate.from}`,
            hint: `add \`${salary.location}:\` under that figure's \`locations:\`, or name another location (${given.join(', ')})`,
          }),
    );
  }
  return found;
}
