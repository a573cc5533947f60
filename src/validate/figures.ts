// One figure, one place. A date or an amount typed into prose can drift from
// the field that holds it: the build says so, before a candidate reads two
// different closing dates or two different salaries in one pack.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnosticAt, type PathSegment } from '../pack/data-file.js';
import { formatDate, formatMoney } from '../pack/format.js';
import { amountOf, findGrade, rateInForce } from '../pack/pay.js';
import { lostFrom, usable, type LoadedPack } from '../pack/loaded-pack.js';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const WRITTEN_DATE = /\b(\d{1,2})(?:st|nd|rd|th)?\s+(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{4})\b/gi;

/** Dates written out in stage text ("11th January 2021") should be {{date}}, so they follow the stage's date. */
export function checkTypedDates(pack: LoadedPack): Diagnostic[] {
  const checked = usable(pack.timeline, ['stages']);
  if (!checked) return [];
  const { file, data } = checked;
  const found: Diagnostic[] = [];
  data.stages.forEach((stage, i) => {
    stage.paragraphs.forEach((paragraph, p) => {
      for (const match of paragraph.matchAll(WRITTEN_DATE)) {
        const iso = `${match[3]}-${String(MONTHS.indexOf(match[2]!.toLowerCase()) + 1).padStart(2, '0')}-${match[1]!.padStart(2, '0')}`;
        const same = iso === stage.date;
        found.push(
          diagnosticAt(file, ['stages', i, 'paragraphs', p], {
            code: same ? 'typed-date' : 'conflicting-date',
            message: same
              ? `stage "${stage.id}" text types its date ("${match[0]}")`
              : `stage "${stage.id}" text says "${match[0]}", but the stage's date is ${stage.date === null ? 'not set' : formatDate(stage.date, 'plain')}`,
            hint: 'write {{date}} in the text, so it always says the stage\'s date',
          }),
        );
      }
    });
  });
  return found;
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
    const amount = amountOf(rate, figure.id);
    return amount === undefined ? [] : [{ ...figure, amount }];
  });
  const found: Diagnostic[] = [];
  for (const [text, at] of strings(remuneration.data)) {
    for (const sentence of text.split(/(?<=[.;!?])\s+/)) {
      for (const figure of figures) {
        const index = sentence.toLowerCase().indexOf(figure.label.toLowerCase());
        if (index === -1) continue;
        for (const match of sentence.slice(index).matchAll(AMOUNT)) {
          const amount = Number(match[1]!.replace(/,/g, ''));
          if (amount !== figure.amount) {
            found.push(
              diagnosticAt(remuneration.file, at, {
                code: 'conflicting-figure',
                message: `this text gives ${figure.label} as £${match[1]}, but the pay scale says ${formatMoney(figure.amount)}`,
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
