// What each kind of schema issue says, in the project's words rather than
// zod's. The schemas word their own checks as the end of a sentence ("must be
// a time written HH:MM …"); every other issue gets one here (`inOurWords`, the
// error map each data file is parsed with), so that a message reads
// `<which field> <what it must be>` whatever the schema. schema-check.ts names
// the field and the element; this says what is wrong with it, and how to fix it.
import type { z } from 'zod';
import { closest } from '../pack/suggest.js';

type RawIssue = z.core.$ZodRawIssue;
export type Issue = z.core.$ZodIssue;

/** Data parsed with these options has every issue worded by `inOurWords`, with the value it is about. */
export const PARSE_IN_OUR_WORDS = { reportInput: true, error: (issue: RawIssue) => inOurWords(issue) } as const;

const plural = (n: number | bigint, one: string, many = `${one}s`) => `${n} ${Number(n) === 1 ? one : many}`;

/** What a union says when its schema does not word the mistake itself. */
export const NONE_OF_THE_KINDS = 'is not any of the kinds of value this field takes';

/** The kinds of value zod names, as a person would. */
const KINDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  bigint: 'a whole number',
  boolean: 'true or false',
  object: 'a set of fields (`name: value` lines)',
  record: 'a set of fields (`name: value` lines)',
  array: 'a list (lines starting `- `)',
  tuple: 'a list (lines starting `- `)',
  set: 'a list (lines starting `- `)',
  null: 'empty',
  date: 'a date written YYYY-MM-DD',
  nan: 'a number',
};

/** What kind of value this is, as a person would say it ("a list", "text"). */
export function kindOf(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a set of fields';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return Number.isInteger(value) ? 'a whole number' : 'a number';
  if (typeof value === 'boolean') return 'true or false';
  return 'a value of another kind';
}

const kindWanted = (expected: string) => KINDS[expected] ?? `a value of the kind "${expected}"`;

const FORMATS: Record<string, string> = {
  email: 'an email address, like name@example.org',
  url: 'a web address, like https://www.example.org',
  date: 'a date written YYYY-MM-DD, like 2021-01-11',
  time: 'a time written HH:MM, like "12:00"',
  datetime: 'a date and time written YYYY-MM-DDTHH:MM, like 2021-01-11T12:00',
  lowercase: 'in lower case',
  uppercase: 'in upper case',
};

function sizeLimit(origin: string, limit: number | bigint, least: boolean, inclusive: boolean, whole: boolean): string {
  const bound = Number(limit);
  if (origin === 'string') {
    if (least && bound <= 1) return 'must not be empty';
    return least ? `must be at least ${plural(bound, 'character')} long` : `must be at most ${plural(bound, 'character')} long`;
  }
  if (origin === 'array' || origin === 'set') {
    if (least && bound <= 1) return 'must have at least one item';
    return least ? `must have at least ${plural(bound, 'item')}` : `must have at most ${plural(bound, 'item')}`;
  }
  // A whole number more than 0 is 1 or more: say so, as a person would.
  if (!inclusive && whole && Number.isInteger(bound)) return least ? `must be ${bound + 1} or more` : `must be ${bound - 1} or less`;
  if (!inclusive) return least ? `must be more than ${bound}` : `must be less than ${bound}`;
  return least ? `must be ${bound} or more` : `must be ${bound} or less`;
}

/** Whether the schema that raised an issue takes whole numbers only. */
function takesWholeNumbers(issue: RawIssue): boolean {
  const schema = (issue as { schema?: { isInt?: boolean } }).schema ?? (issue.inst as { isInt?: boolean } | undefined);
  return schema?.isInt === true || (issue as { origin?: string }).origin === 'int';
}

/** The end of a sentence saying what is wrong with a value: the error map each data file is parsed with. */
export function inOurWords(issue: RawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is missing';
      if (issue.expected === 'int') return 'must be a whole number';
      return `must be ${kindWanted(issue.expected)}, not ${kindOf(issue.input)}`;
    case 'too_small':
      if (issue.exact) return issue.origin === 'string' ? `must be exactly ${plural(issue.minimum, 'character')} long` : `must have exactly ${plural(issue.minimum, 'item')}`;
      return sizeLimit(issue.origin, issue.minimum, true, issue.inclusive ?? true, takesWholeNumbers(issue));
    case 'too_big':
      if (issue.exact) return issue.origin === 'string' ? `must be exactly ${plural(issue.maximum, 'character')} long` : `must have exactly ${plural(issue.maximum, 'item')}`;
      return sizeLimit(issue.origin, issue.maximum, false, issue.inclusive ?? true, takesWholeNumbers(issue));
    case 'invalid_value':
      return issue.values.length === 1 ? `must be ${JSON.stringify(issue.values[0])}` : `must be one of: ${issue.values.map(String).join(', ')}`;
    case 'invalid_format': {
      const format = issue.format;
      const detail = issue as { prefix?: string; suffix?: string; includes?: string };
      if (format === 'starts_with') return `must start with "${detail.prefix}"`;
      if (format === 'ends_with') return `must end with "${detail.suffix}"`;
      if (format === 'includes') return `must contain "${detail.includes}"`;
      // A pattern is no help to a person: a schema that checks one says in its own words what it wants.
      return FORMATS[format] ? `must be ${FORMATS[format]}` : 'is not written in the form this field takes';
    }
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'unrecognized_keys':
      return `has ${issue.keys.length === 1 ? 'a field' : 'fields'} it does not take: ${issue.keys.join(', ')}`;
    case 'invalid_union':
      return NONE_OF_THE_KINDS;
    case 'invalid_key':
      return 'is not a name this field takes';
    case 'invalid_element':
      return 'holds a value this field does not take';
    default:
      return 'is not a value this field takes';
  }
}

/** How to put right what an issue says is wrong, when there is more to say than the message. */
export function hintFor(issue: Issue): string | undefined {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type':
      if (input === null) return 'write the value after the colon, on the same line, or indented on the lines below';
      if (issue.expected === 'string' && (typeof input === 'number' || typeof input === 'boolean')) return `put it in quotes: "${String(input)}"`;
      if (issue.expected === 'string' && Array.isArray(input)) return 'write it as one text: for several lines, put `|` after the colon and the lines below it, indented, without `- `';
      if (issue.expected === 'array' && typeof input === 'string') return 'write each item on a line of its own, starting with `- `';
      if ((issue.expected === 'object' || issue.expected === 'record') && typeof input !== 'object') return 'write its fields on the lines below it, indented, each as `name: value`';
      if ((issue.expected === 'number' || issue.expected === 'int') && typeof input === 'string') return 'write the number alone, with no £, commas or words';
      if (issue.expected === 'int') return 'write a whole number, with no decimal point';
      if (issue.expected === 'boolean') return 'write true or false, without quotes';
      return undefined;
    case 'too_small':
      if (issue.origin === 'array') return 'add an item, a line starting `- `, or remove the field if it may be left out';
      if (issue.origin === 'string') return 'write the text, or remove the field if it may be left out';
      return undefined;
    case 'too_big':
      return issue.origin === 'array' ? 'take some items out' : issue.origin === 'string' ? 'shorten it' : undefined;
    case 'invalid_value': {
      const options = issue.values.map(String);
      const guess = typeof input === 'string' ? closest(input, options) : undefined;
      return guess ? `did you mean "${guess}"?` : 'write one of them exactly as it is written here';
    }
    case 'invalid_format':
    case 'custom':
      return typeof input === 'string' ? rewriteHint(issue.message, input) : undefined;
    default:
      return undefined;
  }
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const pad = (n: number | string) => String(n).padStart(2, '0');

/**
 * For a value the schema's own words refuse (a time, a date, an id, an email
 * address), how to write what was probably meant: `write "23:55"`.
 */
function rewriteHint(message: string, input: string): string | undefined {
  const value = input.trim();
  if (message.includes('HH:MM')) {
    const time = /^(\d{1,2})[.:h ]?(\d{2})?\s*(am|pm)?$/i.exec(value);
    if (!time) return 'write the hours and minutes with a colon between them, in quotes, like "09:30" or "14:00"';
    let hours = Number(time[1]);
    if (time[3]?.toLowerCase() === 'pm' && hours < 12) hours += 12;
    if (time[3]?.toLowerCase() === 'am' && hours === 12) hours = 0;
    return hours < 24 && Number(time[2] ?? 0) < 60 ? `write "${pad(hours)}:${pad(time[2] ?? 0)}"` : 'a time is from "00:00" to "23:59"';
  }
  if (message.includes('YYYY-MM-DD')) {
    const numeric = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
    if (numeric) return `write the year first: ${numeric[3]}-${pad(numeric[2]!)}-${pad(numeric[1]!)}`;
    const words = /^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\s+(\d{4})$/i.exec(value);
    const month = words ? MONTHS.findIndex((m) => m.startsWith(words[2]!.toLowerCase().slice(0, 3))) : -1;
    if (words && month >= 0) return `write ${words[3]}-${pad(month + 1)}-${pad(words[1]!)}`;
    return 'write the year, the month and the day, as numbers joined by hyphens: 2021-01-11 for 11 January 2021';
  }
  if (message.includes('not a real calendar date')) return 'check the day and the month: the month has fewer days, or the month is over 12';
  if (message.includes('email address')) return 'check for a space, a missing @, or a missing dot in the part after the @';
  if (message.includes('lower-case words joined by hyphens')) {
    const id = value.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
    return id ? `write "${id}"` : 'use lower-case letters and digits, with hyphens between words';
  }
  return undefined;
}
