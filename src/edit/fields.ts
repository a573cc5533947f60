// The facts a recruiter changes, by the names the README gives them:
//   timeline.<stage>.date, .endDate, .time         a stage's date, its last day (over several days), its time
//   pay.<figure>                                    a spot figure in the pay scale, for the pack's grade (and location), in the rates in force
//   pay.<figure>.minimum, pay.<figure>.maximum      either end of a figure paid in a range
//   pay.<figure>.<point>                            one pay point of a figure paid in a band of points
//   salary.on                                       the day the pack's pay figures apply on
//   applications.email                              where applications go
// Each name leads to one scalar in one YAML file: the line `packs set` changes.
import { isScalar, type Scalar } from 'yaml';
import type { PathSegment, YamlFile } from '../pack/data-file.js';
import { formatDate, formatMoney, formatTime, weekday } from '../pack/format.js';
import { findGrade, isByLocation, rateInForce, type Rate } from '../pack/pay.js';
import type { PayScale } from '../schema/pay-scale.js';
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
      add({ name: `timeline.${stage.id}.endDate`, label: `last day of ${stage.name}`, kind: 'date', file, path: ['stages', i, 'endDate'], shared: false });
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
      for (const field of payFields(scale, rate, salary.location)) {
        add({ ...field, kind: 'money', file: pack.payScale.file, path: ['grades', g, 'rates', r, 'amounts', ...field.path], shared: true });
      }
    }
  }
  return fields;
}

/**
 * The pay fields of one set of rates, for a pack's location: each with its name,
 * its label and its path under the rate's `amounts`. A spot figure is one field
 * (`pay.basic`); a range two (`pay.basic.minimum`, `pay.basic.maximum`); a band
 * one a point (`pay.basic.point-23`). A figure by location gives the location's.
 */
export function payFields(scale: Pick<PayScale, 'figures'>, rate: Rate, location: string | null): { name: string; label: string; path: PathSegment[] }[] {
  const fields: { name: string; label: string; path: PathSegment[] }[] = [];
  for (const figure of scale.figures) {
    if (!Object.hasOwn(rate.amounts, figure.id)) continue;
    let pay = rate.amounts[figure.id]!;
    const at: PathSegment[] = [figure.id];
    if (isByLocation(pay)) {
      if (location === null || !Object.hasOwn(pay.locations, location)) continue;
      pay = pay.locations[location]!;
      at.push('locations', location);
    }
    const name = `pay.${figure.id}`;
    if (typeof pay === 'number') fields.push({ name, label: figure.label, path: at });
    else if (pay.points !== undefined) {
      pay.points.forEach((point, p) => fields.push({ name: `${name}.${point.id}`, label: `${figure.label}, ${point.name}`, path: [...at, 'points', p, 'amount'] }));
    } else {
      if (pay.minimum !== undefined) fields.push({ name: `${name}.minimum`, label: `${figure.label}, minimum`, path: [...at, 'minimum'] });
      if (pay.maximum !== undefined) fields.push({ name: `${name}.maximum`, label: `${figure.label}, maximum`, path: [...at, 'maximum'] });
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
  return file.source.slice(0, start) + asWritten(scalar, value) + file.source.slice(end);
}

/** A new value written as the scalar it replaces was: quoted the same way. */
function asWritten(scalar: Scalar, value: string): string {
  return scalar.type === 'QUOTE_DOUBLE' ? JSON.stringify(value) : scalar.type === 'QUOTE_SINGLE' ? `'${value.replace(/'/g, "''")}'` : value;
}

/**
 * The file's text with a pay award added: a copy of the set of rates at
 * `grades[g].rates[r]` (its lines as written), with its `from` and one figure
 * changed, put right after it. Every other line stays as it is, the old rates
 * included. Undefined when the set is not written one item a line (a flow
 * sequence), which this cannot copy safely.
 */
export function addRates(file: YamlFile, grade: number, rate: number, from: string, figure: PathSegment[], value: string): string | undefined {
  const node = file.document.getIn(['grades', grade, 'rates', rate], true) as { range?: [number, number, number] } | undefined;
  const fromScalar = scalarAt(file, ['grades', grade, 'rates', rate, 'from']);
  const figureScalar = scalarAt(file, ['grades', grade, 'rates', rate, 'amounts', ...figure]);
  if (!node?.range || !fromScalar?.range || !figureScalar?.range) return undefined;
  const source = file.source;
  const lineStart = source.lastIndexOf('\n', node.range[0] - 1) + 1;
  const dash = source.slice(lineStart, node.range[0]);
  if (!/^\s*-\s+$/.test(dash)) return undefined; // not a block sequence item on its own lines
  const newline = source.indexOf('\n', node.range[1] - 1);
  const end = newline === -1 ? source.length : newline + 1;
  const replaced = [
    { at: fromScalar.range, text: asWritten(fromScalar, from) },
    { at: figureScalar.range, text: asWritten(figureScalar, value) },
  ].sort((a, b) => b.at[0] - a.at[0]);
  let copy = source.slice(lineStart, end);
  for (const { at, text } of replaced) copy = copy.slice(0, at[0] - lineStart) + text + copy.slice(at[1] - lineStart);
  const before = source.slice(0, end);
  return (before.endsWith('\n') ? before : `${before}\n`) + copy + source.slice(end);
}
