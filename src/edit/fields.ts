// The facts a recruiter changes, by the names the README gives them:
//   timeline.<stage>.date, timeline.<stage>.time   a stage's date and time
//   pay.<figure>                                    a figure in the pay scale, for the pack's grade, in the rates in force
//   salary.on                                       the day the pack's pay figures apply on
//   applications.email                              where applications go
// Each name leads to one scalar in one YAML file: the line `packs set` changes.
import { isScalar, type Scalar } from 'yaml';
import type { PathSegment, YamlFile } from '../pack/data-file.js';
import { formatDate, formatMoney, formatTime, weekday } from '../pack/format.js';
import { findGrade, rateInForce } from '../pack/pay.js';
import { email, isoDate, time } from '../schema/common.js';
import type { CompletePack } from '../pack/loaded-pack.js';
import { variantSource } from '../load/variants.js';

export type FieldKind = 'date' | 'time' | 'money' | 'email';

export interface Field {
  /** The name a recruiter types, e.g. `timeline.final-interview.date`. */
  name: string;
  /** What it is, in words, for `packs show` and for messages. */
  label: string;
  kind: FieldKind;
  file: YamlFile;
  path: PathSegment[];
  /** The value as written in the file. */
  value: string;
  /** True when the file is shared by other packs (a pay scale). */
  shared: boolean;
  /** True when the value is one a variant sets, under `set:` in pack.yaml. */
  setByVariant?: boolean;
}

function scalarAt(file: YamlFile, path: PathSegment[]): Scalar | undefined {
  const node = file.document.getIn(path, true);
  return isScalar(node) ? node : undefined;
}

/** Every field of a pack that `packs set` can change. */
export function fieldsOf(pack: CompletePack): Field[] {
  const fields: Field[] = [];
  const add = (field: Omit<Field, 'value'>) => {
    // A value a variant sets is read, and changed, where the variant sets it: under `set:` in pack.yaml.
    const source = variantSource(pack, field.file, field.path);
    const at = source ? { ...field, ...source, shared: false, setByVariant: true } : field;
    const scalar = scalarAt(at.file, at.path);
    if (scalar && scalar.value !== null) fields.push({ ...at, value: String(scalar.value) });
  };
  if (pack.timeline) {
    const { file, data } = pack.timeline;
    data.stages.forEach((stage, i) => {
      add({ name: `timeline.${stage.id}.date`, label: `date of ${stage.name}`, kind: 'date', file, path: ['stages', i, 'date'], shared: false });
      add({ name: `timeline.${stage.id}.time`, label: `time of ${stage.name}`, kind: 'time', file, path: ['stages', i, 'time'], shared: false });
    });
    if (data.applications) {
      add({ name: 'applications.email', label: 'address applications go to', kind: 'email', file, path: ['applications', 'email'], shared: false });
    }
  }
  if (pack.remuneration && pack.payScale) {
    const salary = pack.remuneration.data.salary;
    add({ name: 'salary.on', label: 'day the pay figures apply on', kind: 'date', file: pack.remuneration.file, path: ['salary', 'on'], shared: false });
    const scale = pack.payScale.data;
    const g = scale.grades.findIndex((grade) => grade.id === salary.grade);
    const grade = findGrade(scale, salary.grade);
    const rate = grade && rateInForce(grade, salary.on);
    if (grade && rate) {
      const r = grade.rates.indexOf(rate);
      for (const figure of scale.figures) {
        if (!Object.hasOwn(rate.amounts, figure.id)) continue;
        add({
          name: `pay.${figure.id}`,
          label: figure.label,
          kind: 'money',
          file: pack.payScale.file,
          path: ['grades', g, 'rates', r, 'amounts', figure.id],
          shared: true,
        });
      }
    }
  }
  return fields;
}

/** A value as typed on the command line, checked and turned into what the file holds; or why not. */
export function parseValue(kind: FieldKind, typed: string): { ok: true; value: string } | { ok: false; message: string } {
  const value = typed.trim();
  switch (kind) {
    case 'date':
      return isoDate.safeParse(value).success
        ? { ok: true, value }
        : { ok: false, message: `"${typed}" is not a date: write it YYYY-MM-DD, like 2021-01-27, and make sure the day exists` };
    case 'time':
      return time.safeParse(value).success
        ? { ok: true, value }
        : { ok: false, message: `"${typed}" is not a time: write it HH:MM on the 24-hour clock, like 12:00` };
    case 'email':
      return email.safeParse(value).success ? { ok: true, value } : { ok: false, message: `"${typed}" is not an email address` };
    case 'money': {
      const digits = value.replace(/^£/, '').replace(/,/g, '');
      if (/^-/.test(digits)) return { ok: false, message: `"${typed}" is negative: pay cannot be less than £0` };
      if (!/^\d+$/.test(digits)) return { ok: false, message: `"${typed}" is not an amount in whole pounds, like 160115 or £160,115` };
      return { ok: true, value: String(Number(digits)) };
    }
  }
}

/** How a value reads to a person: "Wednesday 27 January 2021", "midday", "£160,115". */
export function displayValue(kind: FieldKind, value: string): string {
  switch (kind) {
    case 'date':
      return `${weekday(value)} ${formatDate(value, 'plain')}`;
    case 'time':
      return formatTime(value);
    case 'money':
      return formatMoney(Number(value));
    case 'email':
      return value;
  }
}

/**
 * The file's text with one scalar replaced, keeping its quoting: only that line
 * changes, and comments, order and layout stay as they are.
 */
export function replaceScalar(file: YamlFile, path: PathSegment[], value: string): string {
  const scalar = scalarAt(file, path);
  if (!scalar?.range) throw new Error(`no value at ${path.join('.')} in ${file.file}`);
  const [start, end] = scalar.range;
  const text =
    scalar.type === 'QUOTE_DOUBLE' ? JSON.stringify(value) : scalar.type === 'QUOTE_SINGLE' ? `'${value.replace(/'/g, "''")}'` : value;
  return file.source.slice(0, start) + text + file.source.slice(end);
}
