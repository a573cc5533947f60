// One figure, one place. A date or an amount typed into prose can drift from
// the field that holds it: the build says so, before a candidate reads two
// different closing dates or two different salaries in one pack.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnosticAt, type PathSegment } from '../load/yaml-file.js';
import { formatDate, formatMoney } from '../resolve/format.js';
import { usable, type LoadedPack } from './load-pack.js';

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
            severity: same ? 'warning' : 'error',
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
 * A pay item's label followed, in the same sentence of some text, by an amount
 * other than the item's: the same figure stated twice with different values.
 */
export function checkConflictingFigures(pack: LoadedPack): Diagnostic[] {
  const checked = usable(pack.remuneration, ['salary']);
  if (!checked) return [];
  const { file, data } = checked;
  const items = [...data.salary.items, ...(data.salary.conditional?.options ?? [])].filter(
    (item): item is typeof item & { amount: number } => item.amount !== null,
  );
  const found: Diagnostic[] = [];
  const seen = new Map<string, number>();
  // The same label with two amounts in the pay table itself.
  data.salary.items.forEach((item, i) => {
    const key = item.label.toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined && earlier !== item.amount) {
      found.push(
        diagnosticAt(file, ['salary', 'items', i, 'amount'], {
          code: 'conflicting-figure',
          severity: 'error',
          message: `"${item.label}" is given twice, as ${formatMoney(earlier)} and ${formatMoney(item.amount)}`,
          hint: 'keep one pay item for each figure',
        }),
      );
    }
    seen.set(key, item.amount);
  });
  for (const [text, at] of strings(data)) {
    for (const sentence of text.split(/(?<=[.;!?])\s+/)) {
      for (const item of items) {
        const index = sentence.toLowerCase().indexOf(item.label.toLowerCase());
        if (index === -1) continue;
        for (const match of sentence.slice(index).matchAll(AMOUNT)) {
          const amount = Number(match[1]!.replace(/,/g, ''));
          if (amount !== item.amount) {
            found.push(
              diagnosticAt(file, at, {
                code: 'conflicting-figure',
                severity: 'error',
                message: `this text gives ${item.label} as £${match[1]}, but the pay data says ${formatMoney(item.amount)}`,
                hint: `state the figure once, in the pay item "${item.id}"; the pack prints it from there`,
              }),
            );
          }
        }
      }
    }
  }
  return found;
}
