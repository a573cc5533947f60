// The facts a recruiter changes, by the names the README gives them:
//   timeline.<stage>.date, .endDate, .time         a stage's date, its last day (over several days), its time
//   pay.<figure>                                    a spot figure in the pay scale, for the pack's grade (and location), in the rates in force
//   pay.<figure>.minimum, pay.<figure>.maximum      either end of a figure paid in a range
//   pay.<figure>.<point>                            one pay point of a figure paid in a band of points
//   salary.on                                       the day the pack's pay figures apply on
//   applications.email                              where applications go
// Each of these leads to one scalar in one YAML file: the line `packs set` changes.
//
// And the prose a recruiter edits, each a list of paragraphs (or items) in one file:
//   role.purpose, role.purpose.note                 the role's purpose (purpose.paragraphs) and the note under its heading
//   role.accountabilities, role.accountabilities.note   the primary accountabilities (accountabilities.items) and their note
//   role.behaviours, role.behaviours.note           the paragraphs before the table of competencies, and the note
//   role.behaviours.closing                         the paragraphs after the table
//   role.education.experience, role.education.skills, role.education.note   what a candidate needs to bring
//   role.eligibility                                who may apply (eligibility.paragraphs)
//   letter                                          the letter's paragraphs (such as the introduction from the Commissioner)
//   timeline.<stage>.text                           what a stage asks of the candidate (the stage's paragraphs)
// A prose field is listed only where its file writes it: one left out (a default) has no lines to change.
// Its value, as typed, is its paragraphs with a blank line between them (prose.ts).
//
// Every field carries `help`: the description its schema gives the property (`.describe()`),
// the same words the JSON Schemas give an editor.
import { isScalar, isSeq, stringify, type Scalar } from 'yaml';
import type { z } from 'zod';
import type { PathSegment, YamlFile } from '../pack/data-file.js';
import { formatDate, formatMoney, formatTime, weekday } from '../pack/format.js';
import { findGrade, isByLocation, rateInForce, type Rate } from '../pack/pay.js';
import type { PayScale } from '../schema/pay-scale.js';
import { email, isoDate, time } from '../schema/common.js';
import type { CompletePack } from '../pack/loaded-pack.js';
import { variantSource } from '../load/variants.js';
import { letterSchema } from '../schema/letter.js';
import { payScaleSchema } from '../schema/pay-scale.js';
import { remunerationSchema } from '../schema/remuneration.js';
import { roleSchema } from '../schema/role.js';
import { timelineSchema } from '../schema/timeline.js';
import { describedAt } from './schema-help.js';
import { isProse, parseProse, proseSummary, type ProseUnit } from './prose.js';

export type FieldKind = 'date' | 'time' | 'money' | 'email' | 'text' | 'paragraphs';

export interface Field {
  /** The name a recruiter types, e.g. `timeline.final-interview.date`. */
  name: string;
  /** What it is, in words, for `packs show` and for messages. */
  label: string;
  kind: FieldKind;
  /** What the field's schema says it is (its `.describe()`), one sentence for a recruiter. */
  help: string;
  /** For a list of paragraphs: what each entry is called when counted ("3 paragraphs", "16 items"). */
  unit?: ProseUnit;
  file: YamlFile;
  path: PathSegment[];
  /** The value as written in the file; for a list of paragraphs, its paragraphs with a blank line between them. */
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

/** The text a field holds: a scalar's value, or a block of paragraphs (every entry text) joined by blank lines. */
function valueAt(file: YamlFile, path: PathSegment[], kind: FieldKind): string | undefined {
  if (kind !== 'paragraphs') {
    const scalar = scalarAt(file, path);
    return scalar && scalar.value !== null && (kind !== 'text' || typeof scalar.value === 'string') ? String(scalar.value) : undefined;
  }
  const node = file.document.getIn(path, true);
  if (!isSeq(node) || node.items.length === 0) return undefined;
  const items = node.items.map((item) => (isScalar(item) && typeof item.value === 'string' ? item.value : undefined));
  return items.every((item) => item !== undefined) ? items.join('\n\n') : undefined;
}

type NewField = Omit<Field, 'value' | 'help'> & { schema: z.ZodType };

/** Every field of a pack that `packs set` can change. */
export function fieldsOf(pack: CompletePack): Field[] {
  const fields: Field[] = [];
  const add = ({ schema, ...field }: NewField) => {
    // The help is the data file's own, also for a value a variant sets in pack.yaml.
    const help = describedAt(schema, field.path) ?? '';
    // A value a variant sets is read, and changed, where the variant sets it: under `set:` in pack.yaml.
    const source = variantSource(pack, field.file, field.path);
    const at = source ? { ...field, ...source, shared: false, setByVariant: true } : field;
    const value = valueAt(at.file, at.path, at.kind);
    if (value !== undefined) fields.push({ ...at, help, value });
  };
  if (pack.timeline) {
    const { file, data } = pack.timeline;
    data.stages.forEach((stage, i) => {
      const schema = timelineSchema;
      add({ name: `timeline.${stage.id}.date`, label: `date of ${stage.name}`, kind: 'date', schema, file, path: ['stages', i, 'date'], shared: false });
      add({ name: `timeline.${stage.id}.endDate`, label: `last day of ${stage.name}`, kind: 'date', schema, file, path: ['stages', i, 'endDate'], shared: false });
      add({ name: `timeline.${stage.id}.time`, label: `time of ${stage.name}`, kind: 'time', schema, file, path: ['stages', i, 'time'], shared: false });
    });
    if (data.applications) {
      add({ name: 'applications.email', label: 'address applications go to', kind: 'email', schema: timelineSchema, file, path: ['applications', 'email'], shared: false });
    }
  }
  if (pack.remuneration && pack.payScale) {
    const salary = pack.remuneration.data.salary;
    add({ name: 'salary.on', label: 'day the pay figures apply on', kind: 'date', schema: remunerationSchema, file: pack.remuneration.file, path: ['salary', 'on'], shared: false });
    const scale = pack.payScale.data;
    const g = scale.grades.findIndex((grade) => grade.id === salary.grade);
    const grade = findGrade(scale, salary.grade);
    const rate = grade && rateInForce(grade, salary.on);
    if (grade && rate) {
      const r = grade.rates.indexOf(rate);
      for (const field of payFields(scale, rate, salary.location)) {
        add({ ...field, kind: 'money', schema: payScaleSchema, file: pack.payScale.file, path: ['grades', g, 'rates', r, 'amounts', ...field.path], shared: true });
      }
    }
  }
  proseFieldsOf(pack, add);
  return fields;
}

/** The prose a recruiter edits: the role's own text, the letter, each stage's text. */
function proseFieldsOf(pack: CompletePack, add: (field: NewField) => void): void {
  const role = pack.role.file;
  const paragraphs = (name: string, label: string, path: PathSegment[], unit: ProseUnit = 'paragraph') =>
    add({ name, label, kind: 'paragraphs', unit, schema: roleSchema, file: role, path, shared: false });
  const note = (name: string, label: string, path: PathSegment[]) => add({ name, label, kind: 'text', schema: roleSchema, file: role, path, shared: false });
  note('role.purpose.note', 'note under Role Purpose', ['purpose', 'note']);
  paragraphs('role.purpose', 'the role\'s purpose', ['purpose', 'paragraphs']);
  note('role.accountabilities.note', 'note under the accountabilities', ['accountabilities', 'note']);
  paragraphs('role.accountabilities', 'primary accountabilities', ['accountabilities', 'items'], 'item');
  note('role.behaviours.note', 'note under Behaviours', ['behaviours', 'note']);
  paragraphs('role.behaviours', 'text before the table of competencies', ['behaviours', 'paragraphs']);
  paragraphs('role.behaviours.closing', 'text after the table of competencies', ['behaviours', 'closing']);
  note('role.education.note', 'note under the education heading', ['education', 'note']);
  paragraphs('role.education.experience', 'education and experience needed', ['education', 'experience'], 'item');
  paragraphs('role.education.skills', 'skills needed', ['education', 'skills'], 'item');
  paragraphs('role.eligibility', 'who may apply', ['eligibility', 'paragraphs']);
  if (pack.letter) {
    add({ name: 'letter', label: `text of "${pack.letter.data.title}"`, kind: 'paragraphs', unit: 'paragraph', schema: letterSchema, file: pack.letter.file, path: ['paragraphs'], shared: false });
  }
  if (pack.timeline) {
    const { file, data } = pack.timeline;
    data.stages.forEach((stage, i) =>
      add({ name: `timeline.${stage.id}.text`, label: `text of ${stage.name}`, kind: 'paragraphs', unit: 'paragraph', schema: timelineSchema, file, path: ['stages', i, 'paragraphs'], shared: false }),
    );
  }
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
export function parseValue(kind: FieldKind, typed: string, name = 'the field'): { ok: true; value: string } | { ok: false; message: string } {
  if (isProse(kind)) return parseProse(kind, typed, name);
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

/** How a value reads to a person: "Wednesday 27 January 2021", "midday", "£160,115", "3 paragraphs: “The role…”". */
export function displayValue(kind: FieldKind, value: string, unit: ProseUnit = 'paragraph'): string {
  switch (kind) {
    case 'text':
    case 'paragraphs':
      return proseSummary(kind, value, unit);
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

/**
 * The file's text with one text (a prose scalar, such as a note) replaced: quoted
 * as it was where it was quoted, and otherwise as the yaml library writes it
 * (plain unless YAML needs quotes). Only that value's text changes.
 */
export function replaceText(file: YamlFile, path: PathSegment[], value: string): string {
  const scalar = scalarAt(file, path);
  if (!scalar?.range) throw new Error(`no value at ${path.join('.')} in ${file.file}`);
  const [start, end] = scalar.range;
  const type = scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE' ? scalar.type : 'PLAIN';
  const written = stringify(value, { lineWidth: 0, defaultStringType: type }).replace(/\n$/, '');
  return file.source.slice(0, start) + written + file.source.slice(end);
}

/**
 * The file's text with a block sequence of paragraphs replaced: its lines, and
 * no others, by the new paragraphs written as a block sequence at the same
 * indentation, each item as the yaml library writes it (quoted only where YAML
 * needs it). Undefined when that cannot be done safely: a flow sequence
 * (`[a, b]`), or a comment between its items, which would be lost.
 */
export function replaceParagraphs(file: YamlFile, path: PathSegment[], paragraphs: string[]): string | undefined {
  const node = file.document.getIn(path, true);
  if (!isSeq(node) || node.flow || !node.range || node.items.length === 0) return undefined;
  const source = file.source;
  const start = node.range[0];
  const lineStart = source.lastIndexOf('\n', start - 1) + 1;
  const indent = source.slice(lineStart, start);
  if (!/^ *$/.test(indent)) return undefined; // the first dash does not start its line
  const ranges = node.items.map((item) => (item as { range?: [number, number, number] }).range);
  if (ranges.some((range) => range === undefined)) return undefined;
  let lastEnd = ranges.at(-1)![1];
  while (lastEnd > start && source[lastEnd - 1] === '\n') lastEnd--; // a block scalar's range takes in its line end
  const newline = source.indexOf('\n', lastEnd);
  const end = newline === -1 ? source.length : newline;
  // Between the items' values, only dashes and spaces: anything else is a comment, which this would drop.
  let between = source.slice(start, end);
  for (const range of [...ranges].reverse()) between = between.slice(0, range![0] - start) + between.slice(range![1] - start);
  if (!/^[\s-]*$/.test(between)) return undefined;
  const written = stringify(paragraphs, { lineWidth: 0 })
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => (line === '' ? line : indent + line))
    .join('\n');
  return source.slice(0, lineStart) + written + source.slice(end);
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
